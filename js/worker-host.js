// The main thread's side of a Python worker: starts the worker with the already compiled
// wasm module, answers its synchronous calls (`window`/`document` operations and `sync.<fn>`
// calls) and calls the worker's functions asynchronously (`__export__`, callbacks).

import { moduleWorker } from "./module-worker.js";
import { place } from "./display-dom.js";
import { runHooksNow, workerHookSources } from "./hooks.js";
import { ReceivedObjects, SentObjects, capabilitiesOf, decode, decodeKey, encode } from "./remote-values.js";
import { SyncAnswerer, syncUnavailableReason } from "./sync-channel.js";
import { wantedSnapshot } from "./config.js";
import { compileRuntime, fetchSnapshot } from "./wasm-instance.js";

const workerUrl = new URL("./worker.js", import.meta.url);
const glueUrl = new URL("./pyscript_runtime.js", import.meta.url);

/** The main thread's objects a worker holds, by id (counted as `SentObjects` are), sent
 * with what the worker's proxy needs to know of them. */
class ObjectTable extends SentObjects {
  constructor() {
    super();
    this.classesOf = new WeakMap(); // prototype -> names
  }

  reference(object) {
    const kind = typeof object === "function" ? "f" : Array.isArray(object) ? "a" : "o";
    return { t: "r", id: this.send(object), kind, classes: this.classes(object), caps: capabilitiesOf(object) };
  }

  object(id) {
    const object = this.get(id);
    if (object === undefined) throw new Error("this main-thread object was released by the worker");
    return object;
  }

  /** The names of the global classes in `object`'s prototype chain (for `instanceof`). */
  classes(object) {
    const prototype = Object.getPrototypeOf(object);
    if (prototype === null) return [];
    let names = this.classesOf.get(prototype);
    if (!names) {
      names = [];
      for (let link = prototype; link; link = Object.getPrototypeOf(link)) {
        const name = Object.hasOwn(link, "constructor") ? link.constructor?.name : undefined;
        if (name && globalThis[name] === link.constructor) names.push(name);
      }
      this.classesOf.set(prototype, names);
    }
    return names;
  }
}

/**
 * A Python worker, as PyScript's `XWorker`: `sync` holds the functions the worker may call
 * synchronously, `postMessage`/`onmessage` exchange messages, `terminate()` ends it. `ready`
 * settles once the worker's code has run, with the worker's `__export__` functions.
 */
export class PythonWorker extends EventTarget {
  constructor(url, { type = "py", config = null, name = "", targetId = "", target = () => "", code = null, filename = null, isAsync = true, terminal = null, editor = false, events = {} } = {}) {
    super();
    // The id of the worker's output element on this page, made when first asked for.
    this.target = target;
    this.sync = {};
    if (terminal) {
      // A Promise of the opened terminal (js/terminal.js): the worker's output and input().
      this.sync.pyterminal_write = async (text) => (await terminal).write(text);
      this.sync.pyterminal_read = async (prompt) => (await terminal).read(prompt);
      this.sync.pyterminal = async () => (await terminal).terminal;
    }
    this.onmessage = null;
    this.type = type;
    this.events = events;
    this.table = new ObjectTable();
    this.replies = new Map();
    this.nextReply = 1;
    // The worker's objects held here, as stubs; collected, the worker may drop them.
    this.workerObjects = new ReceivedObjects((id, received) => this.worker.postMessage({ type: "forget", id, received }));
    this.workerIds = new WeakMap(); // stub -> the worker's id, to send it back as the worker's
    this.answerer = new SyncAnswerer((request) => this.handle(request));
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
    this.worker = moduleWorker(workerUrl, { name: name || undefined });
    this.worker.addEventListener("message", (event) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => this.fail(new Error(event.message || "the worker could not start")));
    runHooksNow("onWorker", undefined, this);
    // An editor's worker (js/editor.js): runs code sent later, each run's outcome by its id.
    this.editor = editor;
    this.runs = new Map();
    this.nextRun = 1;
    this.start({ url, type, config, name, targetId, code, filename, isAsync, terminal: Boolean(terminal), editor });
  }

  async start({ url, type, config, name, targetId, code, filename, isAsync, terminal, editor }) {
    try {
      // `config` and `targetId` may be Promises (a config file being fetched).
      const [module, resolvedConfig, resolvedTargetId] = await Promise.all([compileRuntime(), config, targetId]);
      // The worker starts from the build-time snapshot too, unless its config says not to.
      const snapshot = wantedSnapshot(resolvedConfig) ? await fetchSnapshot() : null;
      this.worker.postMessage({
        type: "start",
        module,
        snapshot,
        glueUrl: glueUrl.href,
        scriptType: type,
        url,
        code,
        filename,
        config: resolvedConfig,
        name,
        baseUrl: document.baseURI,
        targetId: resolvedTargetId,
        syncUnavailable: syncUnavailableReason(),
        hooks: workerHookSources(),
        isAsync,
        terminal,
        editor,
      });
    } catch (error) {
      this.fail(error);
    }
  }

  /** An editor's worker: runs `code` in its `__main__` once it is ready (`display()` goes
   * to the element `targetId`); resolves once the run ended, rejects with its error. */
  async run(code, { filename, targetId }) {
    await this.ready;
    return new Promise((resolve, reject) => {
      const id = this.nextRun++;
      this.runs.set(id, { resolve, reject });
      this.worker.postMessage({ type: "run", id, code, filename, targetId });
    });
  }

  postMessage(data, transfer) {
    this.worker.postMessage({ type: "message", data }, transfer);
  }

  /** Ends the worker at once, even in the middle of a computation. */
  terminate() {
    this.terminated = true;
    this.worker.terminate();
    this.finish();
    this.fail(new Error("the worker was terminated"));
  }

  /** The worker's run ended (`error`: why it failed): fires the script's `done` once. */
  finish(error) {
    if (this.finished) return;
    this.finished = true;
    this.events.done?.(error);
  }

  fail(error) {
    this.finish(String(error?.message ?? error));
    this.rejectReady(error);
    for (const { reject } of [...this.replies.values(), ...this.runs.values()]) reject(error);
    this.replies.clear();
    this.runs.clear();
  }

  receive(message) {
    if (this.answerer.receive(message)) return;
    switch (message?.type) {
      case "release":
        for (const [id, received] of message.ids) this.table.release(id, received);
        break;
      case "reply": {
        const pending = this.replies.get(message.reply);
        this.replies.delete(message.reply);
        if (!pending) break;
        if (Object.hasOwn(message, "error")) pending.reject(this.decode(message.error));
        else pending.resolve(this.decode(message.value));
        break;
      }
      case "ready":
        this.events.ready?.();
        // An editor's worker runs no script of its own: it is ready for runs.
        if (this.editor) this.resolveReady();
        break;
      case "output":
        this.events.output?.(message.stream, message.text);
        break;
      case "ran": {
        const run = this.runs.get(message.id);
        this.runs.delete(message.id);
        if (message.error === undefined) run?.resolve();
        else run?.reject(new Error(message.error));
        break;
      }
      case "done":
        this.finish(message.error);
        if (message.error) this.rejectReady(new Error(message.error));
        else this.resolveReady(this.exportsFrom(message.exports));
        break;
      case "error":
        this.events.error?.(message.error);
        break;
      case "message": {
        const event = new MessageEvent("message", { data: this.decode(message.data) });
        this.onmessage?.(event);
        this.dispatchEvent(event);
        break;
      }
    }
  }

  /** An object whose members call the worker's exported functions (async). */
  exportsFrom(exported) {
    const exports = Object.create(null);
    for (const [name, record] of Object.entries(exported ?? {})) exports[name] = this.decode(record);
    return exports;
  }

  encode(value, byValue) {
    return encode(value, (object) => this.reference(object), byValue);
  }

  reference(object) {
    const id = this.workerIds.get(object);
    return id === undefined ? this.table.reference(object) : { t: "w", id };
  }

  decode(record) {
    return decode(record, (reference) => (reference.t === "r" ? this.table.object(reference.id) : this.workerFunction(reference)));
  }

  /** A main-thread function that calls the worker's function `id` and resolves to its result. */
  workerFunction({ id, kind }) {
    return this.workerObjects.receive(id, () => {
      const host = this;
      const stub =
        kind === "f"
          ? function (...args) {
              return host.call(id, args);
            }
          : Object.freeze({ worker: true });
      this.workerIds.set(stub, id);
      return stub;
    });
  }

  /** Calls the worker's function `id` (without a `this`: the worker's functions are its
   * Python functions and callbacks, which take none). */
  call(id, args) {
    if (this.finished && this.terminated) return Promise.reject(new Error("the worker was terminated"));
    return new Promise((resolve, reject) => {
      const reply = this.nextReply++;
      this.replies.set(reply, { resolve, reject });
      this.worker.postMessage({ type: "call", id, reply, args: args.map((arg) => this.encode(arg, true)) });
    });
  }

  /** Answers one synchronous request of the worker. */
  async handle(request) {
    try {
      return { value: await this.perform(request) };
    } catch (error) {
      return { error: this.encode(error instanceof Error ? error : new Error(String(error)), true) };
    }
  }

  async perform(request) {
    const byReference = (value) => this.encode(value, false);
    const object = () => this.table.object(request.id);
    const key = () => decodeKey(request.key);
    switch (request.op) {
      case "global":
        return byReference(globalThis);
      case "get":
        return byReference(Reflect.get(object(), key()));
      case "set":
        return Reflect.set(object(), key(), this.decode(request.value));
      case "has":
        return key() in object();
      case "display":
        return place(this.decode(request.target), this.decode(request.items), request.append);
      case "lookup": {
        const target = object();
        const name = key();
        return name in target ? { value: byReference(Reflect.get(target, name)) } : { missing: true };
      }
      case "delete":
        return Reflect.deleteProperty(object(), key());
      case "keys":
        return { t: "array", v: Reflect.ownKeys(object()).filter((name) => typeof name === "string") };
      case "describe": {
        const descriptor = Reflect.getOwnPropertyDescriptor(object(), key());
        if (!descriptor) return { t: "u" };
        const value = "value" in descriptor ? descriptor.value : descriptor.get ? Reflect.get(object(), key()) : undefined;
        return { t: "object", v: [["value", byReference(value)], ["writable", true], ["enumerable", descriptor.enumerable]] };
      }
      case "apply": {
        const target = object();
        const args = request.args.map((arg) => this.decode(arg));
        // The bridge calls a JS class with `new` on the main thread; a worker cannot tell
        // a proxy of one from a function, so it is told here.
        if (isClass(target)) return byReference(Reflect.construct(target, args));
        return byReference(Reflect.apply(target, this.decode(request.this), args));
      }
      case "construct":
        return byReference(Reflect.construct(object(), request.args.map((arg) => this.decode(arg))));
      case "instanceof":
        return request.id !== undefined && this.table.object(request.id) instanceof this.table.object(request.of);
      case "import":
        return byReference(await import(request.url));
      case "target":
        return this.target();
      case "sync": {
        const fn = this.sync[request.name];
        if (typeof fn !== "function") {
          throw new TypeError(`the main thread has no sync function '${request.name}' (assign one: worker.sync.${request.name} = fn)`);
        }
        // Results are copied where they are plain data: `sync` passes serialisable values.
        return this.encode(await fn(...request.args.map((arg) => this.decode(arg))), true);
      }
      default:
        throw new Error(`unknown request '${request.op}'`);
    }
  }
}

function isClass(value) {
  try {
    return typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));
  } catch {
    return false;
  }
}
