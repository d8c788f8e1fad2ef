// The worker that takes a page's own snapshot (js/page-snapshot.js) away from the page's
// thread: a fresh instance of the runtime, restored from the snapshot the page started from,
// imports the standard library modules the page imported, and its memory goes into Cache
// Storage in the format of js/snapshot.js.

import { heldObjects, restoreSnapshot, snapshotOf, tableContents } from "./snapshot.js";
import { loadStdlibFor } from "./stdlib-files.js";

/** A module whose import leaves a JS object behind spoils its instance: how many fresh
 * instances to try, each without the modules that did so in the ones before. */
const ATTEMPTS = 3;

addEventListener("message", async ({ data }) => {
  try {
    postMessage(await take(data));
  } catch (error) {
    postMessage({ error: String(error?.message ?? error) });
  }
});

/** A fresh instance restored from `base`, with its memory and object table as they were
 * before the restore (what the snapshot is the difference from). */
async function restoredInstance({ glueUrl, module, base, wasmFile }, attempt) {
  const glue = await import(`${glueUrl}?snapshot-attempt=${attempt}`);
  const wasm = await glue.default({ module_or_path: module });
  const fresh = new Uint8Array(wasm.memory.buffer).slice();
  const freshTable = tableContents(wasm.__wbindgen_externrefs);
  const refused = restoreSnapshot(wasm, base, wasmFile);
  if (refused) throw new Error(`the snapshot it starts from was refused: ${refused}`);
  return { glue, wasm, fresh, freshTable };
}

/** Imports `modules` in turn, each followed by a check that the instance holds no JS object
 * but `globalThis`; returns those imported, those that cannot be imported here, and the first
 * that left a JS object behind (the instance is then spoilt). */
function importEach(glue, table, freshTable, modules) {
  const imported = [];
  const failed = [];
  for (const name of modules) {
    const done = glue.snapshotImport(name);
    glue.releaseForSnapshot();
    if (heldObjects(table, freshTable).foreign) return { imported, failed, spoiler: name };
    (done ? imported : failed).push(name);
  }
  return { imported, failed, spoiler: null };
}

async function take(request) {
  const excluded = new Set(request.excluded);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { glue, wasm, fresh, freshTable } = await restoredInstance(request, attempt);
    const wanted = request.modules.filter((name) => !excluded.has(name));
    await loadStdlibFor(glue, "", wanted);
    const table = wasm.__wbindgen_externrefs;
    const { imported, failed, spoiler } = importEach(glue, table, freshTable, wanted);
    failed.forEach((name) => excluded.add(name));
    if (spoiler) {
      excluded.add(spoiler);
      continue;
    }
    const bytes = snapshotOf({ wasm, fresh, freshTable, wasmFile: request.wasmFile });
    await store(request, bytes, imported, [...excluded].sort());
    return { modules: imported, excluded: [...excluded].sort(), bytes: bytes.length };
  }
  throw new Error(`importing ${[...excluded].join(", ")} left JS objects behind in ${ATTEMPTS} attempts`);
}

/** Keeps `bytes` as the page's entry, and drops the page's entries of other builds. */
async function store({ cacheName, key }, bytes, modules, excluded) {
  const cache = await caches.open(cacheName);
  const headers = {
    "content-type": "application/octet-stream",
    "x-modules": JSON.stringify(modules),
    "x-excluded": JSON.stringify(excluded),
  };
  await cache.put(key, new Response(bytes, { headers }));
  const { pathname, searchParams } = new URL(key);
  for (const request of await cache.keys()) {
    const other = new URL(request.url);
    if (other.searchParams.get("page") === searchParams.get("page") && other.pathname !== pathname) await cache.delete(request);
  }
}
