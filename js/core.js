// pyscript-rs bootstrap: a drop-in for PyScript's core.js. It finds the page's Python
// scripts, runs them in document order on RustPython (WebAssembly), places their output,
// shows their errors and reports their lifecycle with PyScript's events.

import { ConfigError, checkLateConfig, findMainConfig, readConfigAttribute, wantedSnapshot } from "./config.js";
import { place } from "./display-dom.js";
import { disableErrorDisplay, showError } from "./error-display.js";
import { loadJsModules } from "./js-modules.js";
import { disableLoadingIndicator, whileLoading } from "./loading-indicator.js";
import { holdEventElements, releaseEventElements, serveEventAttributes } from "./event-attributes.js";
import { donkey as startDonkey } from "./donkey.js";
import { EDITOR_SELECTOR, startEditors } from "./editor.js";
import { hookCode, hooks, runHooks, runHooksNow } from "./hooks.js";
import { dedent, fetchSource, inlineSource } from "./source.js";
import { loadStdlibFor, prefetchStdlibWhenIdle } from "./stdlib-files.js";
import { whenIdle } from "./idle.js";
import { compileRuntime, instantiateRuntime, keepSnapshotOfPage } from "./wasm-instance.js";
import { PythonWorker } from "./worker-host.js";

// Start downloading and compiling the wasm before anything else: it is the long pole.
compileRuntime();

/** The script types, with the interpreter name PyScript gives each. */
export const TYPES = new Map([
  ["py", "pyodide"],
  ["mpy", "micropython"],
]);

const SCRIPT_SELECTOR = 'script[type="py"], script[type="mpy"], py-script, mpy-script';

let runtime = null; // Promise of the current wasm instance's glue module
const interpreters = new Map(); // type -> Promise<{ interpreter, config }>
const idCounters = { py: 0, mpy: 0 };
const sourceCounters = { py: 0, mpy: 0 };
const reportedConfigErrors = new Set();
const seen = new WeakSet();
let queue = Promise.resolve(); // each script starts once the previous one has started
const endings = []; // one promise per script, settled when its run (and last await) ends
let panicMessage = "";
let wasmCallDepth = 0; // > 0 while core.js itself is calling into the wasm

globalThis.addEventListener("pyscript-rs:panic", (event) => {
  panicMessage = event.detail;
  // A trap outside a call of core.js (an event handler, a turn of the event loop): nobody
  // else will say it, and later scripts need a fresh instance.
  if (wasmCallDepth === 0) {
    forgetInstance();
    showError(`pyscript-rs: the Python interpreter stopped: ${event.detail}\nLater scripts run in a fresh interpreter.`);
    panicMessage = "";
  }
});

// Python errors no script waits for (a failed task nobody awaits, an event handler's error).
globalThis.addEventListener("pyscript-rs:error", (event) => {
  event.preventDefault();
  showError(event.detail);
});

// What main-thread Python wrote to `sys.stderr` (the lines of one run or turn together): on
// the page as PyScript shows it, in an error box (the console has it already).
globalThis.addEventListener("pyscript-rs:stderr", (event) => showError(event.detail, { logged: true }));

/** The config of each type's main-thread interpreter once it has started (`config.py`,
 * `config.mpy`): copies, changing them changes nothing. */
const exportedConfig = {};
export { exportedConfig as config, hooks };

/** Resolves with `{ config }` once the interpreter for `type` is ready. */
export function whenDefined(type) {
  return interpreterFor(type).then(({ config }) => ({ config }));
}

let resolveAllDone;
/** Settles once every script present when the page loaded has finished running, the
 * awaits of its top level included. */
export const allDone = new Promise((resolve) => {
  resolveAllDone = resolve;
});

function scriptType(element) {
  return element.localName === "script" ? element.getAttribute("type") : element.localName.split("-")[0];
}

function nextId(type) {
  return `${type}-${idCounters[type]++}`;
}

/** The current wasm instance; a new one starts from the snapshot `snapshot` names (the config
 * of the interpreter that asks first: js/config.js `wantedSnapshot`). */
function currentRuntime(snapshot = true) {
  runtime ??= instantiateRuntime({ snapshot });
  return runtime;
}

function interpreterFor(type) {
  if (!interpreters.has(type)) {
    const starting = startInterpreter(type);
    starting.catch(() => releaseEventElements(type));
    interpreters.set(type, starting);
  }
  return interpreters.get(type);
}

async function startInterpreter(type) {
  const source = await findMainConfig(type);
  const glue = await currentRuntime(wantedSnapshot(source));
  const interpreter = callWasm(
    `starting the ${type} interpreter`,
    () => glue.PythonInterpreter.restored(type) ?? new glue.PythonInterpreter(type),
  );
  let config = { type };
  if (source) {
    await loadStdlibFor(glue, "", [source.format === "toml" ? "tomllib" : "json"]);
    try {
      config = JSON.parse(callWasm("reading the config", () => interpreter.setConfig(source.text, source.format)));
    } catch (error) {
      if (error?.name !== "PythonError") throw error;
      const where = source.url === document.baseURI ? "" : ` @ ${source.url}`;
      throw new ConfigError(`(PY1000): Invalid ${source.format.toUpperCase()}${where}\n${error.message}`);
    }
  }
  if (Array.isArray(config.plugins) && config.plugins.includes("!error")) disableErrorDisplay();
  if (Array.isArray(config.plugins) && config.plugins.includes("!loading")) disableLoadingIndicator();
  const { modules, failures } = await whileLoading(loadJsModules(config.js_modules?.main, source?.url ?? document.baseURI));
  callWasm("registering js_modules", () => interpreter.setJsModules(modules, failures));
  const wanted = (value) => value && Object.keys(value).length > 0;
  if (wanted(config.files) || wanted(config.packages) || config.packages_lock) {
    // What `prepare` imports: the runtime's setup modules import these when they run.
    await loadStdlibFor(glue, "", ["_pyscript_config_files", "_pyscript_packages", "_pyscript_lock_file", "_pyscript_loop"]);
    try {
      await whileLoading(callWasm("loading config files and packages", () => interpreter.prepare(source?.url ?? document.baseURI)));
    } catch (error) {
      if (error?.name !== "PythonError") throw error;
      // The scripts of this type cannot run without their files and packages: say why once.
      throw new ConfigError(error.message.split("\n").at(-1));
    }
  }
  serveEventAttributes(type, callWasm("serving py-* attributes", () => interpreter.eventAttributeHandler()));
  exportedConfig[type] = structuredClone(config);
  performance.mark(`pyscript-rs:${type}-interpreter-ready`);
  return { glue, interpreter, config, source };
}

/**
 * Calls into the wasm. A `PythonError` is an ordinary Python exception; anything else
 * escaping the wasm means the instance trapped (a Rust panic, a JS stack overflow) and is
 * unusable, so later scripts get a fresh instance.
 */
function callWasm(doing, call) {
  wasmCallDepth++;
  try {
    return call();
  } catch (error) {
    if (error?.name === "PythonError") throw error;
    forgetInstance();
    const reason = panicMessage || String(error?.message ?? error);
    panicMessage = "";
    throw new Error(`pyscript-rs: the Python interpreter stopped while ${doing}: ${reason}\nLater scripts run in a fresh interpreter.`);
  } finally {
    wasmCallDepth--;
  }
}

function forgetInstance() {
  runtime = null;
  interpreters.clear();
}

/** `<py-script>` is its own output element: emptied, shown as a block, given an id. */
function ownOutput(element, type) {
  element.replaceChildren();
  element.style.display = "block";
  element.id ||= nextId(type);
  return element;
}

/** Puts `node` right after `element`, or at the end of `<body>` for an element in `<head>`
 * or out of the document. */
function placeAfter(element, node) {
  if (element.closest("head") || !element.isConnected) document.body.append(node);
  else element.after(node);
}

/** The element that receives the script's default output, created when needed. */
function outputElementFor(element, type) {
  if (element.localName !== "script") return ownOutput(element, type);
  let output;
  const target = element.getAttribute("target");
  if (target) {
    output = document.getElementById(target) ?? querySafely(element.getRootNode(), target);
    if (!output) throw new Error(`Cannot find the target element '${target}' of a <script type="${type}">.`);
  } else {
    output = document.createElement("script-py");
    placeAfter(element, output);
  }
  output.id ||= nextId(type);
  // display() reaches the output element through the script's `target` property.
  element.target = output;
  return output;
}

function querySafely(root, selector) {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

async function sourceOf(element, type) {
  const inline = inlineSource(element);
  const src = element.getAttribute("src");
  if (src === null) return { code: inline, filename: `<${type} script ${++sourceCounters[type]}>` };
  if (inline.trim()) throw new Error(`(PY0409) Invalid content: a <${element.localName}> has both src="${src}" and inline code.`);
  return { code: await fetchSource(src), filename: src };
}

function dispatch(element, name, worker = false) {
  element.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: { worker } }));
}

function withCurrentScript(element, run) {
  Object.defineProperty(document, "currentScript", { configurable: true, get: () => element });
  try {
    return run();
  } finally {
    delete document.currentScript;
  }
}

/** Shows `error`; a main-thread script's Python error also goes to the main terminal. */
function report(error, { fromWorker = false } = {}) {
  if (error?.name === "PythonError") {
    if (!fromWorker) mainTerminal?.opened.write(`${error.message}\n`);
    showError(error.message);
  } else if (error instanceof ConfigError) {
    // One broken config stops every script of its type: say so once, always visibly.
    if (!reportedConfigErrors.has(error.message)) showError(error.message, { force: true });
    reportedConfigErrors.add(error.message);
  } else {
    showError(String(error?.message ?? error));
  }
}

/**
 * Runs one script up to its first top-level `await` (all of it, when it does not await), so
 * scripts start in document order; the rest of an awaiting script runs as a task while later
 * scripts start. `type:done` fires when the run ends, its last await included.
 */
async function runScript(element) {
  const type = scriptType(element);
  let ending = Promise.resolve();
  try {
    const { code, filename } = await sourceOf(element, type);
    const { glue, interpreter, source, config } = await interpreterFor(type);
    checkLateConfig(element, source);
    // `async="false"`: a synchronous run, where a top-level `await` is a SyntaxError.
    const isAsync = element.getAttribute("async") !== "false";
    const before = hookCode(isAsync ? "codeBeforeRunAsync" : "codeBeforeRun");
    const after = hookCode(isAsync ? "codeAfterRunAsync" : "codeAfterRun");
    // Code that awaits at top level runs as a task of the event loop (`_pyscript_loop`).
    const allCode = `${before}\n${code}\n${after}`;
    await loadStdlibFor(glue, allCode, /\bawait\b/.test(allCode) ? ["_pyscript_loop"] : []);
    const wrap = wrapFor(type, interpreter, config);
    await runHooks("onReady", wrap, element);
    if (element.hasAttribute("terminal")) await attachMainTerminal(element, glue, interpreter);
    const output = outputElementFor(element, type);
    dispatch(element, `${type}:ready`);
    if (isAsync) await runHooks("onBeforeRunAsync", wrap, element);
    else runHooksNow("onBeforeRun", wrap, element);
    const run = (source, name) =>
      withCurrentScript(element, () => callWasm(`running ${name}`, () => interpreter.run(source, name, output.id, isAsync)));
    if (before.trim()) await run(before, "<codeBeforeRun>");
    const pending = run(code, filename);
    const afterRun = async () => {
      if (after.trim()) await run(after, "<codeAfterRun>");
      if (isAsync) await runHooks("onAfterRunAsync", wrap, element);
      else runHooksNow("onAfterRun", wrap, element);
    };
    if (pending instanceof Promise) ending = pending.then(afterRun).catch(report);
    else ending = afterRun().catch(report);
  } catch (error) {
    report(error);
  }
  endings.push(ending.then(() => dispatch(element, `${type}:done`)));
}

let mainTerminal = null; // the page's one main-thread terminal: { element, opened }

/** dist/terminal.js (xterm.js), bundled apart and imported only by pages with a terminal. */
function terminalModule() {
  return import(new URL("./terminal.js", import.meta.url).href);
}

/** Opens a terminal that reads `input()` (a worker's) in `container`. */
async function openInteractiveTerminal(container) {
  return (await terminalModule()).openTerminal(container, { interactive: true });
}

/** Opens a terminal for `element` (inside its `target`, else in a `<py-terminal>` after
 * it); `interactive` for a worker's, which reads `input()`. */
async function openTerminalFor(element, interactive) {
  const { openTerminal } = await terminalModule();
  const target = element.getAttribute("target");
  let container = target ? (document.getElementById(target) ?? querySafely(element.getRootNode(), target)) : null;
  if (!container) {
    container = document.createElement("py-terminal");
    placeAfter(element, container);
  }
  const opened = await openTerminal(container, { interactive });
  element.terminal = opened.terminal;
  return opened;
}

/** The main thread's terminal: output only, and at most one per page. */
async function attachMainTerminal(element, glue, interpreter) {
  if (mainTerminal && mainTerminal.element !== element) throw new Error("You can use at most 1 main terminal: use a worker terminal (<script type=\"py\" worker terminal>) for more.");
  const opened = await openTerminalFor(element, false);
  mainTerminal = { element, opened };
  globalThis[Symbol.for("pyscript-rs.main")].terminal = opened;
  const attach = "import _pyscript_terminal\n_pyscript_terminal.attach_main()";
  await loadStdlibFor(glue, attach);
  callWasm("opening the terminal", () => interpreter.run(attach, "<terminal>", "", false));
}

/** What hooks receive about an interpreter (PyScript's "wrap"). */
function wrapFor(type, interpreter, config) {
  return {
    type,
    config,
    interpreter,
    run: (code) => callWasm("running a hook's code", () => interpreter.run(dedent(code), "<hook>", "", false)),
    runAsync: async (code) => callWasm("running a hook's code", () => interpreter.run(dedent(code), "<hook>", "", true)),
    XWorker: startPyWorker,
  };
}

/**
 * Starts a worker script at once: workers start in parallel and never hold up the main
 * thread's scripts. `type:done` fires when the worker's run ends.
 */
function startWorkerScript(element) {
  const type = scriptType(element);
  let settle;
  endings.push(new Promise((resolve) => (settle = resolve)).then(() => dispatch(element, `${type}:done`, true)));
  const name = element.getAttribute("name") ?? "";
  try {
    const inline = inlineSource(element);
    const src = element.getAttribute("src");
    if (src !== null && inline.trim()) throw new Error(`(PY0409) Invalid content: a <${element.localName}> has both src="${src}" and inline code.`);
    const terminal = element.hasAttribute("terminal") ? openTerminalFor(element, true) : null;
    const config = workerConfig(element, type);
    // As PyScript: the script's id (`py-w<N>`, one count for all workers) is given once its
    // config is read, so a worker that fetches a config file is numbered after one that does not.
    const targetId = config.then(() => workerTargetId(element, type));
    targetId.catch(() => {});
    const worker = new PythonWorker(src === null ? null : new URL(src, document.baseURI).href, {
      type,
      terminal,
      config,
      name,
      targetId,
      // Asked only by a worker whose targetId is "" (a <script> without `target`).
      target: () => workerOutput(element, type).id,
      code: src === null ? inline : null,
      filename: src ?? `<${type} worker script ${++sourceCounters[type]}>`,
      isAsync: element.getAttribute("async") !== "false",
      events: {
        ready: () => dispatch(element, `${type}:ready`, true),
        done: (error) => {
          if (error) {
            terminal?.then((opened) => opened.write(`${error}\n`));
            reportWorkerError(error);
          }
          settle();
        },
        error: reportWorkerError,
      },
    });
    element.xworker = worker;
    if (name) namedWorker(name).resolve(worker.ready);
  } catch (error) {
    report(error);
    settle();
  }
}

/** Shows an error a worker reported (its traceback text). */
function reportWorkerError(message) {
  report({ name: "PythonError", message }, { fromWorker: true });
}

let workerCount = 0;

/** The id `current_target()` gives a worker script at once: its own for a `<py-script>`
 * (which shows its output itself), the `target` attribute's, else "" (the worker then asks
 * for `workerOutput` when it first needs it). */
function workerTargetId(element, type) {
  if (element.localName !== "script") return ownOutput(element, type).id;
  element.id ||= `${type}-w${workerCount++}`;
  const target = element.getAttribute("target");
  if (target) return target.replace(/^#/, "");
  // display() into the <script> itself writes to its output element, made when first read.
  Object.defineProperty(element, "target", { configurable: true, get: () => workerOutput(element, type) });
  return "";
}

const workerOutputs = new WeakMap(); // worker <script> -> its output element

/** A worker `<script>`'s output element (`<script-py id="py-w0-target">` after it), made on
 * first use as PyScript makes it: pages count the output elements. */
function workerOutput(element, type) {
  let output = workerOutputs.get(element);
  if (!output) {
    output = document.createElement(`script-${type}`);
    output.id = `${element.id}-target`;
    placeAfter(element, output);
    workerOutputs.set(element, output);
  }
  return output;
}

/** A worker's config: its own `config` attribute, else the main thread's for its type. */
async function workerConfig(element, type) {
  const own = element.getAttribute("config");
  return own === null ? findMainConfig(type) : readConfigAttribute(own);
}

/** Config for a `PyWorker`: a dict (a JS object here), JSON or TOML text, or a URL. */
async function pyWorkerConfig(config, type) {
  if (config === undefined || config === null) return findMainConfig(type);
  if (typeof config === "string") return readConfigAttribute(config);
  return { text: JSON.stringify(config), format: "json", url: document.baseURI };
}

const namedWorkers = new Map(); // name -> { promise, resolve }

function namedWorker(name) {
  if (!namedWorkers.has(name)) {
    let resolve;
    const promise = new Promise((settle) => (resolve = settle));
    namedWorkers.set(name, { promise, resolve });
  }
  return namedWorkers.get(name);
}

const WORKER_TYPES = { py: "py", mpy: "mpy", pyodide: "py", micropython: "mpy" };

/** `donkey({ type, persistent, terminal, config })`: a Python worker with a terminal, driven
 * from JS (js/donkey.js). */
export function donkey(options = {}) {
  return startDonkey(options, {
    openTerminal: openInteractiveTerminal,
    resolveConfig: pyWorkerConfig,
  });
}

/** A worker running the Python file at `url` (`options`: `type`, `config`). */
function startPyWorker(url, options = {}) {
  const type = WORKER_TYPES[options.type ?? "py"];
  if (!type) throw new TypeError(`unknown worker type '${options.type}': expected 'pyodide', 'micropython', 'py' or 'mpy'`);
  return new PythonWorker(new URL(url, document.baseURI).href, {
    type,
    config: pyWorkerConfig(options.config, type),
    filename: url,
    events: {
      done: (error) => error && reportWorkerError(error),
      error: reportWorkerError,
    },
  });
}

/** `await PyWorker(url, { type, config })`, as PyScript's JS API: the worker, started. */
export async function PyWorker(url, options = {}) {
  return startPyWorker(url, options);
}

/** `await MPWorker(url, options)`: a `PyWorker` of type `mpy`. */
export async function MPWorker(url, options = {}) {
  return startPyWorker(url, { ...options, type: "mpy" });
}

// What Python's `pyscript.PyWorker` and `pyscript.workers` reach (`_pyscript.host("main")`).
globalThis[Symbol.for("pyscript-rs.main")] = {
  display: place,
  PyWorker: startPyWorker,
  namedWorker: (name) => namedWorker(String(name)).promise,
};

function enqueue(element) {
  if (seen.has(element)) return queue;
  seen.add(element);
  if (element.hasAttribute("worker")) {
    startWorkerScript(element);
    return queue;
  }
  queue = queue.then(() => runScript(element));
  return queue;
}

function discover(root) {
  return [...root.querySelectorAll(SCRIPT_SELECTOR)].map(enqueue).at(-1) ?? queue;
}

function watchForNewScripts() {
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.matches(SCRIPT_SELECTOR)) enqueue(node);
        else if (node.firstElementChild) discover(node);
        if (node.matches(EDITOR_SELECTOR) || node.querySelector(EDITOR_SELECTOR)) startEditors(node.parentNode ?? node, editorServices);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Keeps the page's own snapshot, with what the interpreters of the instance `glue` imported,
 * when its config asks for one (`snapshot = "page"`, js/page-snapshot.js). */
async function keepOwnSnapshot(glue) {
  try {
    const started = await Promise.allSettled(interpreters.values());
    const own = started.filter(({ status, value }) => status === "fulfilled" && value.glue === glue);
    await keepSnapshotOfPage(glue, own.map(({ value }) => value.interpreter));
  } catch (error) {
    console.warn(`pyscript-rs: this page's snapshot was not kept: ${error?.message ?? error}`);
  }
}

/** What js/editor.js uses of the page: its error display, and terminals. */
const editorServices = {
  report,
  openTerminal: openInteractiveTerminal,
};

async function start() {
  holdEventElements(new Set([...document.querySelectorAll(SCRIPT_SELECTOR)].map(scriptType)));
  watchForNewScripts();
  startEditors(document, editorServices);
  await discover(document);
  await Promise.all(endings);
  resolveAllDone();
  runtime?.then((glue) => {
    prefetchStdlibWhenIdle(glue);
    whenIdle(() => keepOwnSnapshot(glue));
  }, () => {});
  for (const type of TYPES.keys()) globalThis.dispatchEvent(new Event(`${type}:all-done`));
}

// Start once the page's other module scripts have run (they come before DOMContentLoaded),
// so plugins register their hooks first; `load` covers a core.js imported after
// DOMContentLoaded but before the page finished loading.
if (document.readyState === "complete") {
  start();
} else {
  let started = false;
  const startOnce = () => {
    if (!started) start();
    started = true;
  };
  document.addEventListener("DOMContentLoaded", startOnce, { once: true });
  addEventListener("load", startOnce, { once: true });
}
