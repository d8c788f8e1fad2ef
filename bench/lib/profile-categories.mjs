// Self time per function from a V8 CPU profile, and the categories bench/profile.mjs sums them
// into. A function's label is its name and file: for wasm, the name section's demangled Rust
// path without the crates' hashes (`rustpython_vm::frame::...`, not `rustpython_vm[9ea0...]::`).

/** The functions bench/profile.mjs calls just before and just after the work. */
export const WINDOW_MARKS = ['profile_window_begin', 'profile_window_end'];

/**
 * Map of function label -> self milliseconds, between the window marks. A sample's time is
 * the gap to the next one.
 * With `callersOf`, also adds the self time of that function to `callers` by calling function.
 */
export function selfTimes(profile, callersOf = null, callers = null) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map();
  for (const n of profile.nodes) for (const child of n.children || []) parents.set(child, n.id);
  const times = new Map();
  const { samples, timeDeltas } = profile;
  // The window mark a node is under, if any.
  const markOf = (id) => {
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (WINDOW_MARKS.includes(name)) return name;
    }
    return null;
  };
  const begin = samples.findIndex((id) => markOf(id) === WINDOW_MARKS[0]);
  const end = samples.findIndex((id) => markOf(id) === WINDOW_MARKS[1]);
  if (begin < 0 || end < begin) throw new Error('the profile has no samples of the window marks');
  for (let i = begin; i < end; i++) {
    if (markOf(samples[i])) continue;
    const frame = byId.get(samples[i]).callFrame;
    const file = frame.url.replace(/^.*\//, '');
    const name = frame.functionName.replace(/\[[0-9a-f]{16}\]/g, '') || `(anonymous):${frame.lineNumber + 1}`;
    const label = file ? `${name} (${file})` : name;
    times.set(label, (times.get(label) || 0) + timeDeltas[i + 1] / 1000);
    if (callersOf && label === callersOf) {
      const parent = parents.get(samples[i]);
      const name = parent === undefined ? '(root)' : byId.get(parent).callFrame.functionName;
      callers.set(name, (callers.get(name) || 0) + timeDeltas[i + 1] / 1000);
    }
  }
  return times;
}

// First match wins: order from the most specific to the most general.
export const CATEGORIES = [
  { name: 'idle', test: (n) => n === '(idle)' },
  // Native time V8 does not attribute to a function: compiling wasm and JS on first call
  // (lazily, on the main thread), runtime calls, the profiler's own work.
  { name: 'V8 itself (compiling on first call, runtime)', test: (n) => n === '(program)' },
  { name: 'garbage collection (JS)', test: (n) => n === '(garbage collector)' },
  // wasm-bindgen's glue and inline snippets (inlineN.js), TextDecoder/TextEncoder, the
  // transitions between wasm and JS.
  { name: 'crossing to JS (glue, string decoding, transitions)', test: (n) => /\((pyscript_runtime|inline\d+)\.js\)$/.test(n) || /^(decode|encode|encodeInto|wasm-to-js|js-to-wasm)$/.test(n) },
  { name: 'other JS (core.js, page)', test: (n) => / \([^)]*\.(m?js|html)\)$/.test(n) },
  // Functions without a file: V8's and Blink's own (the wasm's all have one).
  { name: 'DOM and browser built-ins', test: (n) => !n.endsWith(')') },
  { name: 'allocation (dlmalloc, alloc)', test: (n) => /dlmalloc|^__rust_(alloc|dealloc|realloc)|alloc::alloc::|RawVec.*grow|\bmalloc\b|\bfree\b|realloc/.test(n) },
  { name: 'memcpy / memset / memcmp', test: (n) => /^(memcpy|memmove|memset|memcmp|bcmp)\b|compiler_builtins::mem/.test(n) },
  { name: 'reference counting and object drop', test: (n) => /drop_in_place|PyObject.*drop|drop_slow|::refcount|RefCount|PyObjectRef.*drop|dealloc/.test(n) },
  { name: 'wasm-bindgen conversions (strings, JsValue)', test: (n) => /wasm_bindgen::|js_sys::|web_sys::|__wbindgen|externref|JsValue|from_utf8|String::from|to_string/.test(n) },
  { name: 'pyscript.web element classes (web, elements)', test: (n) => /^<?pyscript_web|^<?pyscript_elements|pyscript_web::|pyscript_elements::/.test(n) },
  { name: 'bridge (JS proxies, conversions)', test: (n) => /pyscript_bridge|^<?pyscript_runtime/.test(n) },
  { name: 'argument parsing (FromArgs, FuncArgs)', test: (n) => /function::argument|FuncArgs|FromArgs|ArgumentError|function::builtin|into_func_args|PyNativeFunction/.test(n) },
  { name: 'attribute and method lookup (types, dicts)', test: (n) => /get_attr|getattro|generic_getattr|lookup|PyType.*get|mro|dict_inner|Dict<|builtins::dict|intern|PyStr.*hash|hash_str|siphash|ahash/.test(n) },
  { name: 'Python bytecode (frame loop, protocol)', test: (n) => /rustpython_vm::frame|ExecutingFrame|rustpython_vm::protocol|rustpython_vm::vm::/.test(n) },
  { name: 'Python objects (int, str, list, ...)', test: (n) => /rustpython_vm::builtins|rustpython_vm::object|malachite|num_bigint|rustpython_common/.test(n) },
  { name: 'other RustPython', test: (n) => /rustpython/.test(n) },
];

/** The category of a function label: the first that matches, else "other". */
export function categoryOf(label) {
  return CATEGORIES.find((c) => c.test(label))?.name || 'other';
}

/** Map of category -> self milliseconds. */
export function categoryTotals(times) {
  const totals = new Map();
  for (const [label, ms] of times) {
    const category = categoryOf(label);
    totals.set(category, (totals.get(category) || 0) + ms);
  }
  return totals;
}
