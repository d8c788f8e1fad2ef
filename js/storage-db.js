// The IndexedDB layer under Python's `pyscript.storage` and the JS twin `storage.js`.
//
// Each store name is one database laid out as PyScript lays it out (database
// `IDBMap/@pyscript/<name>`, object store `entries`, each value the Flatted text of
// `[kind, payload]`), so data a page saved under PyScript is still there after it swaps
// core.js. Values arrive here already encoded: Python encodes in the runtime
// (storage_codec.rs), storage.js with the npm `flatted` package.
//
// Writes are queued and committed together: every write of one turn of the event loop goes
// into one transaction, so 10,000 writes cost one commit, not 10,000. IndexedDB runs
// read-write transactions on a store in the order they were created, so a later read (or a
// second handle opened on the same name) sees every earlier write.

import { createStore, promisifyRequest } from "./vendor/idb-keyval.js";

const databases = new Map(); // name -> Database: one queue per name per page

class Database {
  #store;
  #pending = []; // [operation, handle] waiting for the next commit
  #committed = Promise.resolve(); // settles when every commit so far has

  constructor(name) {
    this.name = name;
    this.#store = createStore(`IDBMap/@pyscript/${name}`, "entries");
  }

  /** `[keys, texts]`: every entry, the writes still queued included. */
  entries() {
    this.#commit();
    return this.#store("readonly", (store) =>
      Promise.all([promisifyRequest(store.getAllKeys()), promisifyRequest(store.getAll())]),
    );
  }

  /** Queues `operation` (a function of the object store) made through `handle`. */
  queue(operation, handle) {
    this.#pending.push([operation, handle]);
    // The first write of a turn schedules the commit of all the writes of that turn.
    if (this.#pending.length === 1) queueMicrotask(() => this.#commit());
  }

  #commit() {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    const commit = this.#store("readwrite", (store) => {
      const transaction = store.transaction;
      const done = new Promise((resolve, reject) => {
        transaction.oncomplete = resolve;
        // An `error` event is followed by `abort`, which is when `transaction.error` is set.
        transaction.onabort = () => reject(transaction.error ?? new DOMException("The transaction was aborted", "AbortError"));
      });
      try {
        for (const [operation] of batch) operation(store);
      } catch (error) {
        transaction.abort(); // all or nothing: no half-applied batch
        throw error;
      }
      return done;
    });
    const previous = this.#committed;
    this.#committed = commit.then(
      () => previous,
      (error) => {
        this.#lost(error, batch);
        return previous;
      },
    );
  }

  #lost(error, batch) {
    const message = `storage '${this.name}': ${batch.length} write(s) could not be saved: ${error?.name ?? "Error"}: ${error?.message ?? error}`;
    // Each handle that made one of these writes hears of it at its next sync().
    for (const handle of new Set(batch.map(([, handle]) => handle))) handle.failures.push(message);
    // Nobody may call sync(): say it now, on the page (core.js shows it) or in the console.
    const event = new CustomEvent("pyscript-rs:error", { detail: message, cancelable: true });
    if (globalThis.dispatchEvent(event)) console.error(message);
  }

  /** Resolves once every write queued so far is committed; rejects if one `handle` made
   * was lost. */
  async sync(handle) {
    this.#commit();
    await this.#committed;
    if (handle.failures.length > 0) throw new Error(handle.failures.splice(0).join("\n"));
  }
}

/**
 * Opens the store `name` and loads it. Resolves to a handle whose `entries()` gives the
 * entries found (`[keys, texts]`) and whose `set`, `delete`, `clear` and `sync` write.
 * Handles of one name share one database and one write queue (in one page, as long as they
 * import this module from one URL).
 */
export async function openStore(name) {
  if (!databases.has(name)) databases.set(name, new Database(name));
  const database = databases.get(name);
  const loaded = await database.entries();
  const handle = { failures: [] };
  return {
    entries: () => loaded,
    set: (key, text) => database.queue((store) => store.put(text, key), handle),
    delete: (key) => database.queue((store) => store.delete(key), handle),
    clear: () => database.queue((store) => store.clear(), handle),
    sync: () => database.sync(handle),
  };
}
