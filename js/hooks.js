// PyScript's lifecycle hooks (`import { hooks } from "core.js"`), for plugins. Each member
// is a Set: of callbacks (`onReady`, `onBeforeRun`, ...) or of Python code run in the same
// interpreter before or after each script (`codeBeforeRun`, ...).
//
// Main thread: `onReady(wrap, element)` is awaited once the interpreter is ready, before the
// script's output element and `py:ready`; `onBeforeRun`/`onAfterRun(wrap, element)` surround
// a synchronous run (`async="false"`), their `Async` twins (awaited) the default
// asynchronous run; `onWorker(wrap, xworker)` sees every worker this page starts.
// Workers: the same names minus `onWorker`; the callbacks travel to the worker as source
// text (`String(fn)`), so they must not use variables of the page, as upstream.

import { dedent } from "./source.js";

const CALLBACKS = ["onReady", "onBeforeRun", "onBeforeRunAsync", "onAfterRun", "onAfterRunAsync"];
const CODE = ["codeBeforeRun", "codeBeforeRunAsync", "codeAfterRun", "codeAfterRunAsync"];

export const hooks = {
  main: Object.fromEntries(["onWorker", ...CALLBACKS, ...CODE].map((name) => [name, new Set()])),
  worker: Object.fromEntries([...CALLBACKS, ...CODE].map((name) => [name, new Set()])),
};

/** Calls the main thread's `name` callbacks in order, awaiting each. */
export async function runHooks(name, ...args) {
  for (const callback of hooks.main[name]) await callback(...args);
}

/** Calls the main thread's synchronous `name` callbacks in order. */
export function runHooksNow(name, ...args) {
  for (const callback of hooks.main[name]) callback(...args);
}

/** The Python code of the main thread's code hook `name`, dedented, one block. */
export function hookCode(name, side = "main") {
  return [...hooks[side][name]].map((code) => dedent(String(code))).join("\n");
}

/** The worker hooks as text, for the worker to rebuild (js/worker.js). */
export function workerHookSources() {
  const sources = {};
  for (const name of CALLBACKS) sources[name] = [...hooks.worker[name]].map(String);
  for (const name of CODE) sources[name] = hookCode(name, "worker");
  return sources;
}
