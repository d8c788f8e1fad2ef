// A page's own warm start (`snapshot = "page"` in its config). The build's snapshot holds an
// interpreter up to `import pyscript`; a page's snapshot holds that plus the standard library
// modules the page imported on an earlier visit, so its next visit starts with them imported.
//
// It is taken once the page is idle, in a worker (js/snapshot-worker.js), from a fresh
// instance restored from the snapshot the page started from: the page's own memory holds its
// DOM objects and callbacks, which no later visit can have. Only standard library modules go
// in: they are part of the build, which the entry's key names, so an entry stays right until
// the next build, where a page's own modules and packages may change under the same URL.
// Entries live in the browser's Cache Storage, one per page and build.

import { moduleWorker } from "./module-worker.js";

const CACHE_NAME = "pyscript-rs-page-snapshots";

/** The Cache Storage key of this page's snapshot for the build whose own snapshot is at
 * `snapshotUrl` (a page's entry for another build has another key). */
function keyFor(snapshotUrl) {
  const key = new URL(snapshotUrl);
  key.searchParams.set("page", location.origin + location.pathname);
  return key.href;
}

/**
 * This page's snapshot from an earlier visit, `{ bytes, modules, excluded }` (the modules it
 * holds, those that could not go in), or `null`: none yet, or no Cache Storage here (an
 * insecure origin, a sandboxed frame), where the page starts from the build's snapshot.
 */
export async function loadPageSnapshot(snapshotUrl) {
  try {
    const cache = await caches.open(CACHE_NAME);
    const response = await cache.match(keyFor(snapshotUrl));
    if (!response) return null;
    const modules = JSON.parse(response.headers.get("x-modules"));
    const excluded = JSON.parse(response.headers.get("x-excluded"));
    return { bytes: new Uint8Array(await response.arrayBuffer()), modules, excluded };
  } catch {
    return null;
  }
}

/** Drops this page's snapshot (one the runtime refused to restore). */
export async function forgetPageSnapshot(snapshotUrl) {
  try {
    await (await caches.open(CACHE_NAME)).delete(keyFor(snapshotUrl));
  } catch {
    // Nothing to drop where there is no Cache Storage.
  }
}

/** How long the worker may take a snapshot: it holds a second instance of the runtime. */
const TAKING_MS = 120_000;

/**
 * Takes and keeps this page's snapshot when its interpreters imported standard library
 * modules that the snapshot it started from (`started`: `{ bytes, page }`, `page` as
 * `loadPageSnapshot` gives it) neither holds nor excluded; resolves once done. Says on the
 * console why a snapshot could not be kept.
 */
export async function keepPageSnapshot({ interpreters, started, module, glueUrl, wasmFile, snapshotUrl }) {
  const held = started.page?.modules ?? [];
  const known = new Set([...held, ...(started.page?.excluded ?? [])]);
  const imported = interpreters.flatMap((interpreter) => interpreter.stdlibModules());
  if (imported.every((name) => known.has(name))) return;
  if (!globalThis.caches) {
    console.warn("pyscript-rs: this page's snapshot was not kept: no Cache Storage here (it needs a secure origin: https: or localhost)");
    return;
  }
  const worker = moduleWorker(new URL("./snapshot-worker.js", import.meta.url), { name: "pyscript-rs snapshot" });
  const outcome = await new Promise((resolve) => {
    worker.addEventListener("message", (event) => resolve(event.data));
    worker.addEventListener("messageerror", () => resolve({ error: "its worker's answer could not be read" }));
    worker.addEventListener("error", (event) => resolve({ error: event.message || "its worker could not start" }));
    setTimeout(() => resolve({ error: `its worker took more than ${TAKING_MS / 1000} s` }), TAKING_MS);
    worker.postMessage({
      module,
      glueUrl,
      wasmFile,
      base: started.bytes,
      modules: [...new Set([...held, ...imported])].sort(),
      excluded: started.page?.excluded ?? [],
      cacheName: CACHE_NAME,
      key: keyFor(snapshotUrl),
    });
  });
  worker.terminate();
  if (outcome.error) console.warn(`pyscript-rs: this page's snapshot was not kept: ${outcome.error}`);
  else performance.mark("pyscript-rs:page-snapshot-kept", { detail: outcome });
}
