// The runtime's start-up snapshot: the wasm memory of an interpreter started at build time
// (scripts/snapshot.mjs writes it, runtime/src/snapshot.rs says what it holds), written back
// into a fresh instance so a page skips the interpreter's start-up code.
//
// Layout, little-endian u32s: magic, version, the wasm file's name (length, UTF-8 bytes: a
// snapshot only fits the build that wrote it), the memory's size in bytes, the JS object
// table's length, the slots holding `globalThis` (count, slots), the slots holding strings
// or numbers (the JSON text of `[[slot, value], ...]`: length, UTF-8 bytes; an interned
// property name, say), then runs of changed memory (count, then offset, length and bytes of
// each).

const MAGIC = 0x53535250; // "PRSS"
const VERSION = 2;
/** Memory is compared in blocks of this many bytes; runs of changed blocks are written. */
const BLOCK = 4096;

/** The snapshot's file name beside the wasm `wasmFile`. */
export function snapshotFileFor(wasmFile) {
  return wasmFile.replace(/\.wasm$/, ".snapshot");
}

function changed(fresh, memory, start, end) {
  for (let i = start; i < end; i++) {
    if (memory[i] !== (i < fresh.length ? fresh[i] : 0)) return true;
  }
  return false;
}

/**
 * The JS values an instance's Rust side holds, from its object `table` against the same
 * table in a fresh instance: `globalSlots`, the slots holding `globalThis` (the one object a
 * restore can find again, on any page or worker); `values`, `[slot, value]` of the strings,
 * finite numbers and booleans, which a restore writes again; and `foreign`, a description of
 * the first other value, or `null` when there is none (then the memory can be a snapshot).
 */
export function heldObjects(table, freshTable) {
  const globalSlots = [];
  const values = [];
  for (let slot = 0; slot < table.length; slot++) {
    const value = table.get(slot);
    if (value === undefined || value === null || value === freshTable[slot]) continue;
    if (value === globalThis) globalSlots.push(slot);
    else if (typeof value === "string" || typeof value === "boolean" || Number.isFinite(value)) values.push([slot, value]);
    else {
      const kind = typeof value === "object" ? `object (${value.constructor?.name})` : `${typeof value} ${String(value).slice(0, 40)}`;
      return { globalSlots, values, foreign: `a JS ${kind} in table slot ${slot}` };
    }
  }
  return { globalSlots, values, foreign: null };
}

/**
 * The snapshot of the instance `wasm` (the wasm-bindgen exports) against its `fresh` memory
 * and `freshTable` (as they were before anything ran in it, or before a restore); throws when
 * its Rust side holds a JS object that a restore could not find again.
 */
export function snapshotOf({ wasm, fresh, freshTable, wasmFile }) {
  const table = wasm.__wbindgen_externrefs;
  const { globalSlots, values, foreign } = heldObjects(table, freshTable);
  if (foreign) throw new Error(`the interpreter holds ${foreign}; only globalThis can be restored on a page`);
  return encodeSnapshot({ wasmFile, fresh, memory: new Uint8Array(wasm.memory.buffer), tableLength: table.length, globalSlots, values });
}

/** The object table of a fresh instance, as `heldObjects` compares against. */
export function tableContents(table) {
  return Array.from({ length: table.length }, (_, slot) => table.get(slot));
}

/** The snapshot of `memory`, kept as runs of the blocks that differ from `fresh`. */
export function encodeSnapshot({ wasmFile, fresh, memory, tableLength, globalSlots, values }) {
  const runs = [];
  for (let start = 0; start < memory.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, memory.length);
    if (!changed(fresh, memory, start, end)) continue;
    const last = runs.at(-1);
    if (last && last.end === start) last.end = end;
    else runs.push({ start, end });
  }
  const name = new TextEncoder().encode(wasmFile);
  const valueText = new TextEncoder().encode(JSON.stringify(values));
  const size =
    4 * (7 + globalSlots.length + 1) + name.length + valueText.length + runs.reduce((sum, run) => sum + 8 + run.end - run.start, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (value) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  u32(MAGIC);
  u32(VERSION);
  u32(name.length);
  bytes.set(name, at);
  at += name.length;
  u32(memory.length);
  u32(tableLength);
  u32(globalSlots.length);
  globalSlots.forEach(u32);
  u32(valueText.length);
  bytes.set(valueText, at);
  at += valueText.length;
  u32(runs.length);
  for (const { start, end } of runs) {
    u32(start);
    u32(end - start);
    bytes.set(memory.subarray(start, end), at);
    at += end - start;
  }
  return bytes;
}

/**
 * Writes the snapshot `bytes` into the fresh instance `wasm` (the wasm-bindgen exports),
 * before anything else has run in it. Returns why it refused, or `null` once restored. The
 * whole snapshot is read and checked before anything is written, so a refused one (another
 * build's, a truncated or broken one) leaves the instance as fresh as it was.
 */
export function restoreSnapshot(wasm, bytes, wasmFile) {
  let parsed;
  try {
    parsed = parseSnapshot(bytes);
  } catch (error) {
    return `it is broken (${error.message})`;
  }
  if (typeof parsed === "string") return parsed;
  const { name, memoryBytes, tableLength, globalSlots, values, runs } = parsed;
  if (name !== wasmFile) return `it was written for ${name}, not ${wasmFile}`;
  try {
    const missing = memoryBytes - wasm.memory.buffer.byteLength;
    if (missing > 0) wasm.memory.grow(Math.ceil(missing / 65536));
    const table = wasm.__wbindgen_externrefs;
    if (table.length < tableLength) table.grow(tableLength - table.length);
  } catch (error) {
    return `the instance cannot grow to its size (${error.message})`;
  }
  const table = wasm.__wbindgen_externrefs;
  for (const slot of globalSlots) table.set(slot, globalThis);
  for (const [slot, value] of values) table.set(slot, value);
  const memory = new Uint8Array(wasm.memory.buffer);
  for (const { start, at, length } of runs) memory.set(bytes.subarray(at, at + length), start);
  return null;
}

/** The parts of a snapshot, every run checked to lie within `bytes` and the memory; a
 * string when it is not a snapshot of this format; throws when it is cut short. */
function parseSnapshot(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = () => {
    const value = view.getUint32(at, true);
    at += 4;
    return value;
  };
  const take = (length) => {
    if (at + length > bytes.byteLength) throw new RangeError("cut short");
    const start = at;
    at += length;
    return bytes.subarray(start, start + length);
  };
  if (bytes.byteLength < 12 || u32() !== MAGIC || u32() !== VERSION) return "it is not a snapshot of this format";
  const name = new TextDecoder().decode(take(u32()));
  const memoryBytes = u32();
  const tableLength = u32();
  const globalSlots = Array.from({ length: u32() }, u32);
  const values = JSON.parse(new TextDecoder().decode(take(u32())));
  const runs = [];
  for (let count = u32(); count > 0; count--) {
    const start = u32();
    const length = u32();
    if (start + length > memoryBytes) throw new RangeError("a run lies outside the memory");
    runs.push({ start, at, length });
    take(length);
  }
  return { name, memoryBytes, tableLength, globalSlots, values, runs };
}
