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
  #pending = []; // operations waiting for the next commit
  #committed = Promise.resolve(); // settles when every commit so far has
  #failures = []; // commits that failed, until a sync() reports them

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

  queue(operation) {
    this.#pending.push(operation);
    // The first write of a turn schedules the commit of all the writes of that turn.
    if (this.#pending.length === 1) queueMicrotask(() => this.#commit());
  }

  #commit() {
    if (this.#pending.length === 0) return;
    const operations = this.#pending;
    this.#pending = [];
    const commit = this.#store("readwrite", (store) => {
      try {
        for (const operation of operations) operation(store);
      } catch (error) {
        store.transaction.abort(); // all or nothing: no half-applied batch
        throw error;
      }
      return promisifyRequest(store.transaction);
    });
    const previous = this.#committed;
    this.#committed = commit.then(
      () => previous,
      (error) => {
        this.#lost(error, operations.length);
        return previous;
      },
    );
  }

  #lost(error, count) {
    const message = `storage '${this.name}': ${count} write(s) could not be saved: ${error?.name ?? "Error"}: ${error?.message ?? error}`;
    this.#failures.push(message);
    // Nobody may call sync(): say it now, on the page (core.js shows it) or in the console.
    const event = new CustomEvent("pyscript-rs:error", { detail: message, cancelable: true });
    if (globalThis.dispatchEvent(event)) console.error(message);
  }

  /** Resolves once every write queued so far is committed; rejects if one was lost. */
  async sync() {
    this.#commit();
    await this.#committed;
    if (this.#failures.length > 0) {
      const failures = this.#failures.splice(0);
      throw new Error(failures.join("\n"));
    }
  }
}

/**
 * Opens the store `name` and loads it. Resolves to a handle whose `entries()` gives the
 * entries found (`[keys, texts]`) and whose `set`, `delete`, `clear` and `sync` write.
 */
export async function openStore(name) {
  if (!databases.has(name)) databases.set(name, new Database(name));
  const database = databases.get(name);
  const loaded = await database.entries();
  return {
    entries: () => loaded,
    set: (key, text) => database.queue((store) => store.put(text, key)),
    delete: (key) => database.queue((store) => store.delete(key)),
    clear: () => database.queue((store) => store.clear()),
    sync: () => database.sync(),
  };
}
