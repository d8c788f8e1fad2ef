// How values cross between the main thread and a worker: as JSON-safe records, because
// answers to synchronous calls travel through a SharedArrayBuffer (the worker is blocked in
// `Atomics.wait` and cannot receive a message) and requests must match them.
//
// Primitives travel by value. An object of the side that encodes travels as a reference
// (`{ t: "r" | "w", id }`, "r" for the main thread's, "w" for the worker's) unless it is
// plain data (arrays, plain objects, typed arrays, Maps, Sets, Dates, Errors) and the
// encoder copies plain data (`byValue`): a worker's own objects are always copied, because
// the main thread can never ask a blocked worker about them; the main thread copies the
// results and arguments of `sync`, `__export__` and message calls, and references the
// objects `window` and `document` reach, so they stay live.

/** Asks a worker-side proxy of a main-thread object for the names of its classes (the
 * constructors of its prototype chain that are globals of the main thread). */
export const REMOTE_CLASSES = Symbol.for("pyscript-rs.remote-classes");

/** Asks a worker-side proxy of a main-thread object for the capabilities the main thread
 * found ({@link capabilitiesOf}). */
export const REMOTE_CAPABILITIES = Symbol.for("pyscript-rs.remote-capabilities");

/** Asks a worker-side proxy of a main-thread object for a function that reads one property
 * in one round trip: `{ value }`, or `{ missing: true }` when there is no such property. */
export const REMOTE_LOOKUP = Symbol.for("pyscript-rs.remote-lookup");

/** What an object can do, which decides the Python type of its proxy in a worker: the bits
 * and rules of `capabilities` in bridge/src/js_helpers.rs (keep the two in step): 1 a
 * function, 2 iterable (`Symbol.iterator`, array-like or a plain object), 4 a thenable, 8
 * sized (a numeric `length` or `size`, not a function or a DOM node). */
export function capabilitiesOf(value) {
  let bits = typeof value === "function" ? 1 : 0;
  try {
    if (typeof value[Symbol.iterator] === "function") bits |= 2;
    if (typeof value.then === "function") bits |= 4;
    if (bits & 1 || value.nodeType !== undefined) return bits;
    const prototype = Object.getPrototypeOf(value);
    if ("length" in value || prototype === Object.prototype || prototype === null) bits |= 2;
    if (typeof value.length === "number" || typeof value.size === "number") bits |= 8;
  } catch {
    // A revoked Proxy, a throwing trap: iterating it says what JS says.
    bits |= 2;
  }
  return bits;
}

/** Asks a worker-side proxy of a main-thread object for that object's id. */
export const REMOTE_ID = Symbol("pyscript-rs.remote-id");

const WELL_KNOWN_SYMBOLS = new Map(
  Object.getOwnPropertyNames(Symbol)
    .filter((name) => typeof Symbol[name] === "symbol")
    .map((name) => [Symbol[name], name]),
);

/** A property key as JSON: a string, or a well-known symbol by name; `undefined` for a
 * symbol of one side only, which the other side cannot name. */
export function encodeKey(key) {
  if (typeof key !== "symbol") return String(key);
  const name = WELL_KNOWN_SYMBOLS.get(key);
  return name === undefined ? undefined : { symbol: name };
}

export function decodeKey(key) {
  return typeof key === "string" ? key : Symbol[key.symbol];
}

/** A symbol both sides can name: a well-known one (`Symbol.iterator`), or one of the global
 * registry (`Symbol.for(key)`); any other belongs to one side and crosses as `undefined`. */
function encodeSymbol(symbol) {
  const name = WELL_KNOWN_SYMBOLS.get(symbol);
  if (name !== undefined) return { t: "sym", v: name };
  const key = Symbol.keyFor(symbol);
  return key === undefined ? { t: "u" } : { t: "sym", for: key };
}

function isPlainObject(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Encodes `value`. `reference(object)` returns the record of an object that travels by
 * reference; `seen` guards against cycles in copied data (a cycle becomes a reference).
 */
export function encode(value, reference, byValue, seen = new Set()) {
  switch (typeof value) {
    case "undefined":
      return { t: "u" };
    case "boolean":
    case "string":
      return value;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { t: "n", v: String(Object.is(value, -0) ? "-0" : value) };
    case "bigint":
      return { t: "b", v: value.toString() };
    case "symbol":
      return encodeSymbol(value);
  }
  if (value === null) return null;
  if (!byValue || seen.has(value) || typeof value === "function" || value[REMOTE_ID] !== undefined) return reference(value);
  const copy = copyOf(value, (item) => encode(item, reference, byValue, seen), seen);
  return copy ?? reference(value);
}

function copyOf(value, inner, seen) {
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return { t: "bytes", kind: value.constructor.name, v: Array.from(bytes) };
  }
  if (value instanceof ArrayBuffer) return { t: "bytes", kind: "ArrayBuffer", v: Array.from(new Uint8Array(value)) };
  if (value instanceof Date) return { t: "date", v: value.getTime() };
  if (value instanceof Error) return { t: "error", name: value.name, message: value.message, stack: value.stack };
  seen.add(value);
  try {
    if (Array.isArray(value)) return { t: "array", v: value.map(inner) };
    if (value instanceof Map) return { t: "map", v: [...value].map(([k, v]) => [inner(k), inner(v)]) };
    if (value instanceof Set) return { t: "set", v: [...value].map(inner) };
    if (isPlainObject(value)) return { t: "object", v: Object.entries(value).map(([k, v]) => [k, inner(v)]) };
    return null;
  } finally {
    seen.delete(value);
  }
}

/** Decodes a record of `encode`; `resolve(record)` turns a reference into its object. */
export function decode(record, resolve) {
  if (record === null || typeof record !== "object") return record;
  const inner = (item) => decode(item, resolve);
  switch (record.t) {
    case "u":
      return undefined;
    case "sym":
      return record.for === undefined ? Symbol[record.v] : Symbol.for(record.for);
    case "n":
      return Number(record.v);
    case "b":
      return BigInt(record.v);
    case "bytes": {
      const bytes = Uint8Array.from(record.v);
      if (record.kind === "ArrayBuffer") return bytes.buffer;
      const View = globalThis[record.kind];
      return typeof View === "function" && record.kind !== "DataView"
        ? new View(bytes.buffer, 0, bytes.byteLength / (View.BYTES_PER_ELEMENT ?? 1))
        : record.kind === "DataView"
          ? new DataView(bytes.buffer)
          : bytes;
    }
    case "date":
      return new Date(record.v);
    case "error": {
      const error = new Error(record.message);
      error.name = record.name;
      if (record.stack) error.stack = record.stack;
      return error;
    }
    case "array":
      return record.v.map(inner);
    case "map":
      return new Map(record.v.map(([k, v]) => [inner(k), inner(v)]));
    case "set":
      return new Set(record.v.map(inner));
    case "object":
      return Object.fromEntries(record.v.map(([k, v]) => [k, inner(v)]));
    default:
      return resolve(record);
  }
}

/**
 * One side's objects that the other side holds by reference, by id. Each reference sent is
 * counted, and the other side releases an id with the number of copies it received, so an
 * id is dropped only once no copy is still on its way.
 */
export class SentObjects {
  constructor() {
    this.entries = new Map(); // id -> { object, sent }
    this.ids = new Map(); // object -> id
    this.nextId = 1;
  }

  /** The id of `object`, counting one more copy sent. */
  send(object) {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
      this.entries.set(id, { object, sent: 0 });
    }
    this.entries.get(id).sent++;
    return id;
  }

  /** The object of `id`, or `undefined` once it is released. */
  get(id) {
    return this.entries.get(id)?.object;
  }

  release(id, received) {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.sent -= received;
    if (entry.sent > 0) return;
    this.entries.delete(id);
    this.ids.delete(entry.object);
  }
}

/**
 * The other side's objects as seen here: one stand-in per id (a Proxy, a stub function),
 * made on first receipt and kept while anything here holds it. When the garbage collector
 * takes the last one, `released(id, received)` tells how many copies of `id` arrived.
 */
export class ReceivedObjects {
  constructor(released) {
    this.standIns = new Map(); // id -> WeakRef(stand-in)
    this.received = new Map(); // id -> copies received
    this.released = released;
    this.registry = new FinalizationRegistry((id) => this.collected(id));
  }

  /** The stand-in for `id`, made by `make()` when there is none; counts one copy received. */
  receive(id, make) {
    this.received.set(id, (this.received.get(id) ?? 0) + 1);
    const existing = this.standIns.get(id)?.deref();
    if (existing) return existing;
    const standIn = make();
    this.standIns.set(id, new WeakRef(standIn));
    this.registry.register(standIn, id);
    return standIn;
  }

  collected(id) {
    // A later copy of `id` may have made a new stand-in after this one died.
    if (this.standIns.get(id)?.deref()) return;
    this.standIns.delete(id);
    const received = this.received.get(id) ?? 0;
    this.received.delete(id);
    this.released(id, received);
  }
}
