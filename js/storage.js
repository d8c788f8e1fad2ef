// `storage.js`: the JS twin of Python's `pyscript.storage`. `await storage(name)` opens the
// same database and reads and writes the same encoding, so a page's JS and Python share data:
//
//   import { storage } from "./dist/storage.js";
//   const store = await storage("my-data");
//   store.count = (store.count ?? 0) + 1;  // queued; `await store.sync()` to wait for it
//
// The store is an object-like Proxy: get, set, `delete`, `in` and enumeration work on its
// keys; `clear()` and `sync()` shadow the keys of those names.

import { parse, stringify } from "./vendor/flatted.js";
import { openStore } from "./storage-db.js";

const { isView } = ArrayBuffer;

function bytesOf(view) {
  return Array.from(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

/**
 * Throws a TypeError for what storage cannot hold, at any depth: functions, symbols, BigInts,
 * binary data inside an array or object (Python's rule), and NaN or Infinity (JSON would
 * store them as null). Other values are stored as JSON stores them.
 */
function checkGeneric(value, seen = new Set()) {
  switch (typeof value) {
    case "function":
    case "symbol":
    case "bigint":
      throw new TypeError(`Cannot serialize type ${typeof value} for storage.`);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`Cannot serialize ${value} for storage: JSON has no NaN or Infinity.`);
      return;
    case "object": {
      if (value === null || seen.has(value)) return;
      if (isView(value) || value instanceof ArrayBuffer) {
        throw new TypeError("Cannot serialize binary data for storage inside an array or object: store it as a whole value.");
      }
      const prototype = Object.getPrototypeOf(value);
      if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return; // JSON's own way (toJSON, own fields)
      seen.add(value);
      for (const item of Object.values(value)) checkGeneric(item, seen);
      return;
    }
    default:
      return;
  }
}

/** The text stored for `value`; Python reads it as `None`, the value, `bytearray` or `memoryview`. */
export function encode(value) {
  if (value == null) return stringify(["null", 0]);
  if (value instanceof ArrayBuffer) return stringify(["bytearray", Array.from(new Uint8Array(value))]);
  if (isView(value)) return stringify(["memoryview", bytesOf(value)]);
  checkGeneric(value);
  return stringify(["generic", value]);
}

/** The value a stored text stands for: `bytearray` as an ArrayBuffer, `memoryview` a Uint8Array. */
export function decode(text) {
  let kind, payload;
  try {
    [kind, payload] = parse(text);
  } catch {
    return text;
  }
  switch (kind) {
    case "null":
      return null;
    case "generic":
      return payload;
    case "bytearray":
      return Uint8Array.from(payload).buffer;
    case "memoryview":
      return Uint8Array.from(payload);
    default:
      return text;
  }
}

/** Opens (or creates) the store `name`, loaded with every entry. */
export async function storage(name) {
  if (!name) throw new SyntaxError("The storage name must be defined");
  const store = await openStore(String(name));
  const [keys, texts] = store.entries();
  const map = new Map(keys.map((key, index) => [key, decode(texts[index])]));
  const members = {
    clear() {
      map.clear();
      store.clear();
    },
    sync: () => store.sync(),
  };
  return new Proxy(map, {
    get: (map, key) => (Object.hasOwn(members, key) ? members[key] : map.get(key)),
    set(map, key, value) {
      if (typeof key === "symbol") throw new TypeError("storage keys must be strings");
      const text = encode(value); // throws before anything is stored
      map.set(key, value);
      store.set(key, text);
      return true;
    },
    deleteProperty(map, key) {
      if (map.delete(key)) store.delete(key);
      return true;
    },
    has: (map, key) => map.has(key),
    ownKeys: (map) => [...map.keys()].map(String),
    getOwnPropertyDescriptor: (map, key) =>
      map.has(key) ? { value: map.get(key), writable: true, enumerable: true, configurable: true } : undefined,
  });
}
