// Loads the runtime's WebAssembly: compiled once per page, instantiated again only when an
// instance has trapped (a Rust panic or a JS stack overflow leaves it unusable).

// `wasm-file.js` is written by scripts/build.sh: the wasm's name carries a hash of its content.
import { WASM_FILE } from "./wasm-file.js";
import { forgetPageSnapshot, keepPageSnapshot, loadPageSnapshot } from "./page-snapshot.js";
import { restoreSnapshot, snapshotFileFor } from "./snapshot.js";

const glueUrl = new URL("./pyscript_runtime.js", import.meta.url);
const wasmUrl = new URL(`./${WASM_FILE}`, import.meta.url);
const snapshotUrl = new URL(`./${snapshotFileFor(WASM_FILE)}`, import.meta.url);

let compiled;
let firstGlue;
let snapshot;
let instances = 0;
/** The glue of each instance of a page that keeps its own snapshot (`snapshot = "page"`) ->
 * the snapshot it was restored from, `{ bytes, page }` (`page`: the page's own snapshot, as
 * js/page-snapshot.js loads it, or `null` for the build's). */
const pageSnapshotBase = new WeakMap();

/**
 * Starts fetching and compiling the wasm module (streaming), and loading the JS glue of its
 * first instance beside it (the glue imports wasm-bindgen's snippet modules: a waterfall of
 * requests that would otherwise start only once the wasm is compiled); safe to call many times.
 */
export function compileRuntime() {
  firstGlue ??= import(glueUrl.href);
  compiled ??= (async () => {
    try {
      const module = await WebAssembly.compileStreaming(fetch(wasmUrl));
      performance.mark("pyscript-rs:wasm-compiled");
      return module;
    } catch {
      // A server that does not send `application/wasm` still works, only slower.
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`cannot load ${wasmUrl}: ${response.status} ${response.statusText}`);
      return WebAssembly.compile(await response.arrayBuffer());
    }
  })();
  return compiled;
}

/** The snapshot's bytes (fetched once), or `null` when it cannot be had. */
export function fetchSnapshot() {
  snapshot ??= (async () => {
    try {
      const response = await fetch(snapshotUrl);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      console.warn(`pyscript-rs: starting without the start-up snapshot (${snapshotUrl}): ${error.message}`);
      return null;
    }
  })();
  return snapshot;
}

/** The snapshot a new instance starts from, `{ bytes, page }`, or `null`: the page's own
 * when `wanted` is "page" and there is one, else the build's (when `wanted` at all). */
async function startingSnapshot(wanted) {
  if (!wanted) return null;
  const page = wanted === "page" ? await loadPageSnapshot(snapshotUrl.href) : null;
  if (page) return { bytes: page.bytes, page };
  const bytes = await fetchSnapshot();
  return bytes && { bytes, page: null };
}

/**
 * A fresh, initialised instance of the runtime's JS glue. Each call after the first imports
 * the glue under a new URL, because a glue module holds exactly one wasm instance. With
 * `snapshot` (true, or "page" for the page's own snapshot when it has one), the instance gets
 * a snapshot's memory (js/snapshot.js) before anything runs in it, and its first interpreter
 * is `PythonInterpreter.restored(type)`.
 */
export async function instantiateRuntime({ snapshot: wanted = true } = {}) {
  let [module, started] = await Promise.all([compileRuntime(), startingSnapshot(wanted)]);
  const glue = await (instances++ === 0 ? firstGlue : import(`${glueUrl.href}?instance=${instances}`));
  const wasm = await glue.default({ module_or_path: module });
  performance.mark("pyscript-rs:wasm-instantiated");
  let restored = started && restoreInto(wasm, started.bytes, started.page ? "this page's own, from Cache Storage" : snapshotUrl);
  if (restored && started.page) performance.mark("pyscript-rs:page-snapshot-restored");
  if (started?.page && !restored) {
    // A refused restore wrote nothing: the build's snapshot still fits this instance, and the
    // page's entry goes, to be taken again once this visit is idle.
    forgetPageSnapshot(snapshotUrl.href);
    const bytes = await fetchSnapshot();
    started = bytes && { bytes, page: null };
    restored = started && restoreInto(wasm, started.bytes, snapshotUrl);
  }
  if (restored && wanted === "page") pageSnapshotBase.set(glue, started);
  return glue;
}

/** Restores the snapshot `bytes` (from `url`) into the fresh instance `wasm`, or says on the
 * console why not; whether it did. Also what a worker does with the bytes the page sends it. */
export function restoreInto(wasm, bytes, url) {
  const refused = restoreSnapshot(wasm, bytes, WASM_FILE);
  if (refused) console.warn(`pyscript-rs: starting without the start-up snapshot (${url}): ${refused}`);
  else performance.mark("pyscript-rs:snapshot-restored");
  return !refused;
}

/** Keeps the page's own snapshot for its next visit, with the standard library modules that
 * `interpreters` (of the instance `glue`) imported (js/page-snapshot.js), when the page asked
 * for one. */
export async function keepSnapshotOfPage(glue, interpreters) {
  const started = pageSnapshotBase.get(glue);
  if (!started) return;
  await keepPageSnapshot({
    interpreters,
    started,
    module: await compileRuntime(),
    glueUrl: glueUrl.href,
    wasmFile: WASM_FILE,
    snapshotUrl: snapshotUrl.href,
  });
}
