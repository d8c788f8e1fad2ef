// Writes the start-up snapshot of dist/'s runtime (runtime/src/snapshot.rs says what it holds):
//   node scripts/snapshot.mjs dist
// It instantiates the wasm as a page does, starts the interpreter, and writes the memory that
// differs from a fresh instance's, with the JS objects the Rust side holds, to
// dist/<the wasm's name>.snapshot; js/snapshot.js reads it back. The interpreter's hash
// secret is drawn here, so each build has its own.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { snapshotFileFor, snapshotOf, tableContents } from "../js/snapshot.js";

const dist = path.resolve(process.argv[2] ?? "dist");
const { WASM_FILE } = await import(pathToFileURL(path.join(dist, "wasm-file.js")).href);
const module = await WebAssembly.compile(fs.readFileSync(path.join(dist, WASM_FILE)));
const glue = await import(pathToFileURL(path.join(dist, "pyscript_runtime.js")).href);
const wasm = await glue.default({ module_or_path: module });

const table = wasm.__wbindgen_externrefs;
const fresh = new Uint8Array(wasm.memory.buffer).slice();
const freshTable = tableContents(table);
const started = performance.now();
glue.prepareSnapshot();
const startMs = performance.now() - started;

// Only what a page can find again: the snapshot refuses a JS object other than globalThis.
glue.releaseForSnapshot();
const bytes = snapshotOf({ wasm, fresh, freshTable, wasmFile: WASM_FILE });
const memory = wasm.memory.buffer;
const out = path.join(dist, snapshotFileFor(WASM_FILE));
fs.writeFileSync(out, bytes);
console.log(
  `snapshot: ${path.relative(process.cwd(), out)}, ${(bytes.length / 1e6).toFixed(2)} MB ` +
    `(memory ${(memory.byteLength / 1e6).toFixed(1)} MB, start-up ${startMs.toFixed(0)} ms, ${table.length} table slots)`,
);
