// The module Web Worker of a Python worker (`<script type="py" worker>`, `PyWorker`): it
// receives the main thread's compiled wasm module (no second download or compile), starts
// an interpreter, runs the script and tells the main thread (js/worker-host.js) how it went.
// `window` and `document` are proxies of the main thread's (js/main-proxies.js).

import { loadJsModules } from "./js-modules.js";
import { MainThread } from "./main-proxies.js";
import { fetchSource } from "./source.js";
import { loadStdlibFor } from "./stdlib-files.js";
import { SyncCaller, blockFor } from "./sync-channel.js";
import { restoreInto } from "./wasm-instance.js";

const HOST = Symbol.for("pyscript-rs.worker");
const post = (message) => postMessage(message);
let main = null;
let userMessages = null;
// Held for the worker's life: Python functions handed out (`__export__`, callbacks) call it.
let interpreter = null;
// An editor's worker: the runtime's glue, for the standard library files each run imports.
let editorGlue = null;

addEventListener("message", (event) => {
  const message = event.data;
  switch (message?.type) {
    case "start":
      start(message);
      break;
    case "run":
      runEditorCode(message);
      break;
    case "call":
      main?.answerCall(message);
      break;
    case "forget":
      main?.forget(message.id, message.received);
      break;
    case "message":
      userMessages?.dispatchEvent(new MessageEvent("message", { data: message.data }));
      break;
  }
});

// Errors no script waits for (an event handler's, a task's, a callback's thrown into a timer)
// and traps go to the main page; the worker lives on.
addEventListener("error", (event) => {
  event.preventDefault();
  post({ type: "error", error: String(event.error?.message ?? event.message) });
});
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  post({ type: "error", error: String(event.reason?.message ?? event.reason) });
});
// Errors no script waits for (an event handler's, a task's) and traps go to the main page.
addEventListener("pyscript-rs:error", (event) => {
  event.preventDefault();
  post({ type: "error", error: event.detail });
});
addEventListener("pyscript-rs:panic", (event) => {
  post({ type: "error", error: `pyscript-rs: the Python interpreter of this worker stopped: ${event.detail}` });
});

async function start(options) {
  try {
    const glue = await import(options.glueUrl);
    const wasm = await glue.default({ module_or_path: options.module });
    performance.mark("pyscript-rs:worker-instantiated");
    if (options.snapshot) restoreInto(wasm, options.snapshot, "sent by the page");
    main = new MainThread(options.syncUnavailable ? null : new SyncCaller(post), post, options.syncUnavailable);
    userMessages = new EventTarget();
    const window = options.syncUnavailable ? undefined : main.window();
    globalThis[HOST] = {
      window,
      // The page's URL: relative URLs of the worker's Python resolve against it.
      baseUrl: options.baseUrl,
      syncUnavailable: options.syncUnavailable,
      // `sync.<name>(...args)`: calls the main thread's `worker.sync.<name>` and waits.
      sync: new Proxy(Object.create(null), {
        has: (target, name) => typeof name === "string",
        get(target, name) {
          if (typeof name !== "string") return undefined;
          if (name === "sleep") {
            return (seconds) => {
              if (typeof seconds !== "number" || !(seconds >= 0) || seconds === Infinity) {
                throw new TypeError(`sync.sleep() takes a number of seconds, 0 or more, not ${String(seconds)}`);
              }
              if (options.syncUnavailable) throw new Error(options.syncUnavailable);
              blockFor(seconds);
            };
          }
          return (...args) => main.request({ op: "sync", name, args: args.map((arg) => main.encode(arg)) });
        },
      }),
      // The id of this worker's output element on the page (made there on first use).
      target: () => main.request({ op: "target" }),
      // `display()`'s DOM work, done on the main thread in one request (js/display-dom.js).
      display: (target, items, append) =>
        main.request({ op: "display", target: main.encode(target), items: main.encode(items), append: Boolean(append) }),
      postMessage: (data) => post({ type: "message", data: main.encode(data) }),
      // An editor's output (js/editor.js), in order, without waiting for the page.
      editorStdout: (text) => post({ type: "output", stream: "stdout", text }),
      editorStderr: (text) => post({ type: "output", stream: "stderr", text }),
      messages: userMessages,
    };
    interpreter = glue.PythonInterpreter.restored(options.scriptType) ?? new glue.PythonInterpreter(options.scriptType);
    const config = await configure(glue, interpreter, options);
    if (options.terminal) {
      const attach = "import _pyscript_terminal\n_pyscript_terminal.attach_worker()";
      await loadStdlibFor(glue, attach);
      interpreter.run(attach, "<terminal>", "", false);
    } else if (options.editor) {
      interpreter.run("import _pyscript_editor\n_pyscript_editor.attach()", "<editor>", "", false);
    }
    if (options.editor) {
      // An editor's worker runs the code of each "run" message, in its one `__main__`.
      editorGlue = glue;
      post({ type: "ready" });
      return;
    }
    const code = options.code ?? (await fetchSource(options.url));
    const filename = options.filename ?? options.url;
    const hooks = rebuildHooks(options.hooks);
    // `async="false"`: a synchronous run and the synchronous hooks, as on the main thread.
    const isAsync = options.isAsync !== false;
    const suffix = isAsync ? "Async" : "";
    const before = hooks[`codeBeforeRun${suffix}`];
    const after = hooks[`codeAfterRun${suffix}`];
    const allCode = `${before}\n${code}\n${after}`;
    await loadStdlibFor(glue, allCode, /\bawait\b/.test(allCode) ? ["_pyscript_loop"] : []);
    const run = (source, name) => interpreter.run(source, name, options.targetId, isAsync);
    const wrap = {
      type: options.scriptType,
      config,
      interpreter,
      run: (source) => interpreter.run(source, "<hook>", options.targetId, false),
      runAsync: async (source) => interpreter.run(source, "<hook>", options.targetId, true),
    };
    const xworker = globalThis[HOST];
    for (const callback of hooks.onReady) await callback(wrap, xworker);
    post({ type: "ready" });
    for (const callback of hooks[`onBeforeRun${suffix}`]) await callback(wrap, xworker);
    if (before.trim()) await run(before, "<codeBeforeRun>");
    await run(code, filename);
    if (after.trim()) await run(after, "<codeAfterRun>");
    for (const callback of hooks[`onAfterRun${suffix}`]) await callback(wrap, xworker);
    const exported = interpreter.exported();
    const exports = {};
    for (const [name, value] of Object.entries(exported)) exports[name] = main.encode(value);
    post({ type: "done", exports });
  } catch (error) {
    post({ type: "done", error: describe(error) });
  }
}

/** Runs an editor's code (`{ id, code, filename, targetId }`) and says how it went. Runs
 * are sent one at a time (js/editor.js waits for each). */
async function runEditorCode({ id, code, filename, targetId }) {
  try {
    await loadStdlibFor(editorGlue, code, /\bawait\b/.test(code) ? ["_pyscript_loop"] : []);
    await interpreter.run(code, filename, targetId, true);
    post({ type: "ran", id });
  } catch (error) {
    post({ type: "ran", id, error: describe(error) });
  }
}

/** The worker hooks the main thread sent as source text, as functions again. */
function rebuildHooks(sources = {}) {
  const hooks = {};
  for (const [name, value] of Object.entries(sources)) {
    // Indirect eval: the callbacks see only the worker's global scope, as upstream.
    hooks[name] = Array.isArray(value) ? value.map((source) => (0, eval)(`(${source})`)) : value;
  }
  for (const name of ["onReady", "onBeforeRun", "onBeforeRunAsync", "onAfterRun", "onAfterRunAsync"]) hooks[name] ??= [];
  for (const name of ["codeBeforeRun", "codeBeforeRunAsync", "codeAfterRun", "codeAfterRunAsync"]) hooks[name] ??= "";
  return hooks;
}

/** Installs the worker's config (its own, else the main thread's), its JS modules and what
 * its `files` and `packages` ask for; returns the config. */
async function configure(glue, interpreter, { config: source, baseUrl }) {
  let config = {};
  if (source) {
    await loadStdlibFor(glue, "", [source.format === "toml" ? "tomllib" : "json"]);
    config = JSON.parse(interpreter.setConfig(source.text, source.format));
  }
  const base = source?.url ?? baseUrl;
  // As PyScript: a worker also reaches the main thread's modules (`js_modules.main`), loaded
  // there and used through proxies; its own (`js_modules.worker`) win a shared name.
  const onMain = main.caller ? await loadJsModules(config.js_modules?.main, base, (url) => main.request({ op: "import", url })) : { modules: {}, failures: {} };
  const own = await loadJsModules(config.js_modules?.worker, base);
  const modules = { ...onMain.modules, ...own.modules };
  const failures = { ...onMain.failures, ...own.failures };
  interpreter.setJsModules(modules, failures);
  const wanted = (value) => value && Object.keys(value).length > 0;
  if (wanted(config.files) || wanted(config.packages) || config.packages_lock) {
    await loadStdlibFor(glue, "", ["_pyscript_config_files", "_pyscript_packages", "_pyscript_lock_file", "_pyscript_loop"]);
    await interpreter.prepare(base);
  }
  return config;
}

function describe(error) {
  if (error?.name === "PythonError") return error.message;
  return String(error?.message ?? error);
}
