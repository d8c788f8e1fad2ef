// The runtime's boundary to the browser (runtime/src/host.rs): a page that breaks the globals
// the runtime calls (the clocks, the console, crypto) gets Python exceptions, and the same
// interpreter goes on; the generated glue gains no import without `catch`.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../server.mjs";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

test("broken clocks, console and crypto are Python exceptions; the same interpreter goes on", async () => {
  const page = await openPage(
    pyPage(`<script type="py">
same_interpreter = "yes"
import os, time
from pyscript import window
saved = {"now": window.Date.now, "perf": window.performance.now, "random": window.crypto.getRandomValues, "log": window.console.log}
def attempt(label, action):
    try:
        action()
        window.console.info(label, "no error")
    except Exception as error:
        window.console.info(label, type(error).__name__, str(error))
window.eval("performance.now = () => { throw new Error('performance.now is broken') }")
attempt("monotonic", time.monotonic)
attempt("perf_counter_ns", time.perf_counter_ns)
window.eval("Date.now = undefined")
attempt("time", time.time)
attempt("localtime", time.localtime)
attempt("strftime", lambda: time.strftime("%Y"))
# Files keep working: their clock falls back.
with open("written.txt", "w") as file:
    file.write("still writes")
attempt("utime", lambda: os.utime("written.txt"))
window.eval("crypto.getRandomValues = () => { throw new Error('no randomness') }")
attempt("urandom", lambda: os.urandom(4))
window.eval("console.log = null")
print("printed while console.log is broken")
window.eval("console.log = undefined; console.error = 42")
import sys
print("to stderr while console.error is broken", file=sys.stderr)
window.Date.now = saved["now"]
window.performance.now = saved["perf"]
window.crypto.getRandomValues = saved["random"]
window.console.log = saved["log"]
window.eval("console.error = console.warn")
attempt("urandom huge", lambda: os.urandom(2**40))
attempt("urandom 2 GiB", lambda: os.urandom(2**31))
attempt("urandom negative", lambda: os.urandom(-1))
print("restored", time.time() > 0, time.localtime().tm_year > 2000, len(os.urandom(100_000)), open("written.txt").read())
</script>
<script type="py">print("alive, same interpreter:", same_interpreter)</script>`),
  );
  const info = page.console.filter((message) => message.type === "info").map((message) => message.text);
  assert.deepEqual(info, [
    "monotonic OSError the browser's clock failed: Error: performance.now is broken",
    "perf_counter_ns OSError the browser's clock failed: Error: performance.now is broken",
    "time OSError the browser's clock failed: TypeError: Date.now is not a function",
    "localtime OSError the browser's clock failed: TypeError: Date.now is not a function",
    "strftime OSError the browser's clock failed: TypeError: Date.now is not a function",
    "utime OSError the browser's clock failed: TypeError: Date.now is not a function",
    "urandom OSError os.urandom(): crypto.getRandomValues failed: Error: no randomness",
    "urandom huge MemoryError os.urandom(1099511627776): more bytes than memory can hold (at most 1073741824)",
    "urandom 2 GiB MemoryError os.urandom(2147483648): more bytes than memory can hold (at most 1073741824)",
    "urandom negative ValueError negative argument not allowed",
  ]);
  assert.deepEqual(page.pageErrors, []);
  const logs = page.logs();
  assert.ok(logs.includes("restored True True 100000 still writes"), logs.join("\n"));
  assert.ok(logs.includes("alive, same interpreter: yes"), logs.join("\n"));
  // The stderr line still reached the page while the console was broken.
  assert.deepEqual(await page.errors(), ["to stderr while console.error is broken"]);
  await page.close();
});

test("every import of the wasm either catches or is on a list that says why it cannot throw", () => {
  const glue = fs.readFileSync(path.join(ROOT, "dist/pyscript_runtime.js"), "utf8");
  const imports = glue.slice(glue.indexOf("function __wbg_get_imports()"));
  const unchecked = new Set();
  for (const [, name, body] of imports.matchAll(/\n {8}(__wbg_[A-Za-z0-9_]+): function\([^)]*\) \{([\s\S]*?)\n {8}\},?/g)) {
    if (name.includes("__wbindgen_") || body.trimStart().startsWith("return handleError(")) continue;
    unchecked.add(name.replace(/_[0-9a-f]{16}$/, ""));
  }
  const reviewed = new Set(Object.values(GLUE_WITHOUT_CATCH).flat());
  assert.deepEqual([...unchecked].filter((name) => !reviewed.has(name)), [], "new imports without catch");
  assert.deepEqual([...reviewed].filter((name) => !unchecked.has(name)), [], "listed imports the glue no longer has");
  // Functions of our inline JS that the wasm imports directly, with no shim to add a catch.
  const wasm = fs.readdirSync(path.join(ROOT, "dist")).find((name) => /^pyscript_runtime_bg-[0-9a-f]+\.wasm$/.test(name));
  const module = new WebAssembly.Module(fs.readFileSync(path.join(ROOT, "dist", wasm)));
  const direct = WebAssembly.Module.imports(module)
    .filter((entry) => entry.module.includes("/snippets/"))
    .map((entry) => entry.name);
  assert.deepEqual(direct.toSorted(), Object.keys(DIRECT_SNIPPET_IMPORTS).toSorted());
});

/** The glue's imports without `catch`, each group with why no page can make it throw short of
 * breaking the built-ins the glue itself runs on. A new import must go through the host
 * (runtime/src/host.rs) or a catching binding, or be added here with a reason. */
const GLUE_WITHOUT_CATCH = {
  // Built-ins applied to values the runtime made itself: real Arrays (of arguments, entries
  // copied by array_copy/object_entries), Uint8Arrays, Errors, registry symbols.
  intrinsicsOnOwnValues: [
    "__wbg_for", "__wbg_get", "__wbg_get_unchecked", "__wbg_instanceof_Uint8Array", "__wbg_is", "__wbg_length",
    "__wbg_new", "__wbg_new_from_slice", "__wbg_new_with_length", "__wbg_prototypesetcall", "__wbg_push",
    "__wbg_reject", "__wbg_set", "__wbg_set_name",
  ],
  // `typeof globalThis` and its kin, which never throw.
  globalAccessors: [
    "__wbg_static_accessor_GLOBAL_THIS", "__wbg_static_accessor_GLOBAL", "__wbg_static_accessor_SELF",
    "__wbg_static_accessor_WINDOW",
  ],
  // Our inline JS, written not to throw (each body catches or cannot fail).
  ownTotalFunctions: ["__wbg_define_html_tags", "__wbg_describe", "__wbg_describe_thrown", "__wbg_is_instance_of", "__wbg_type_of"],
  // jiff's clock and time zone, behind time.localtime and its kin: browser_clock.rs tries
  // the same calls through the host first (`checkZoneClock`), so a broken Date is an OSError.
  timeZoneBehindCheck: ["__wbg_getTime", "__wbg_new_0", "__wbg_now", "__wbg_resolvedOptions"],
  // console.error of RustPython on its way to a panic, which ends the instance anyway.
  beforePanic: ["__wbg_error"],
};

/** Functions of our inline JS the wasm imports directly, and why each cannot throw. */
const DIRECT_SNIPPET_IMPORTS = {
  define_memory: "stores the memory in a variable",
  identity_of: "its WeakMap use is inside try",
  is_array: "Array.isArray inside try",
  is_class: "inside try",
  kind_of: "typeof, and the capabilities inside try",
  main_window: "reads our own host object",
  then_of: "inside try",
  was_missing: "returns a variable",
  wrap_python_function: "makes a closure",
};
