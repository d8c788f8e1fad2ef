// The standard library outside the wasm's core: group files in `dist/stdlib/`
// (runtime/src/stdlib_groups.rs). Python imports are synchronous, so the files a script's
// imports need are fetched before it runs; the common group is fetched once the page is idle,
// for code that imports later. A module no one foresaw is fetched by the runtime when imported.

import { whenIdle } from "./idle.js";

// glue (one per wasm instance: a trapped instance is replaced) -> file -> Promise, settled
// once that instance has the file.
const addedTo = new WeakMap();

function add(glue, file) {
  if (!addedTo.has(glue)) addedTo.set(glue, new Map());
  const added = addedTo.get(glue);
  if (!added.has(file)) {
    added.set(
      file,
      (async () => {
        const response = await fetch(new URL(`./stdlib/${file}`, import.meta.url));
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
        glue.addStdlibFile(file, new Uint8Array(await response.arrayBuffer()));
      })().catch((error) => {
        // The import itself then tries again and raises an ImportError that says why.
        console.warn(`pyscript-rs: cannot load the standard library file ${file}: ${error.message}`);
        added.delete(file);
      }),
    );
  }
  return added.get(file);
}

/** Resolves once the runtime has the standard library files that `code` imports, and
 * those of the `modules` named. */
export function loadStdlibFor(glue, code, modules = []) {
  return Promise.all(glue.stdlibFilesFor(code, modules).map((file) => add(glue, file)));
}

/** Fetches the common group when the page has nothing else to do. */
export function prefetchStdlibWhenIdle(glue) {
  whenIdle(() => glue.stdlibPrefetchFiles().forEach((file) => add(glue, file)));
}
