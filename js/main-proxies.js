// In a worker: JS Proxies standing for the main thread's objects (`window`, `document` and
// everything reached from them). Each operation on one is a synchronous call to the main
// thread (sync-channel.js). The worker's own functions handed to the main thread stay here,
// in a table, and the main thread calls them asynchronously by id.

import {
  REMOTE_CAPABILITIES,
  REMOTE_CLASSES,
  REMOTE_ID as ID,
  REMOTE_LOOKUP,
  ReceivedObjects,
  SentObjects,
  decode,
  encode,
  encodeKey,
} from "./remote-values.js";

const LOCAL_FUNCTION_MEMBERS = new Set(["apply", "call", "bind"]);

export class MainThread {
  /** `caller.call(request)` answers synchronously (`null` where it cannot: `unavailable`
   * says why); `post(message)` sends without waiting. */
  constructor(caller, post, unavailable) {
    this.caller = caller;
    this.unavailable = unavailable;
    this.post = post;
    this.proxies = new ReceivedObjects((id, received) => this.release(id, received));
    this.pendingReleases = [];
    this.releaseScheduled = false;
    this.own = new SentObjects(); // the worker's objects the main thread holds
  }

  /** The main thread's `globalThis`. */
  window() {
    return this.request({ op: "global" });
  }

  /** Sends a request and returns its result, decoded by `read` (a record by default); a
   * main-thread exception is thrown. */
  request(request, read = (value) => this.decode(value)) {
    if (!this.caller) throw new Error(this.unavailable);
    this.flushReleases();
    const answer = this.caller.call(request);
    if (Object.hasOwn(answer, "error")) {
      throw typeof answer.error === "string" ? new Error(answer.error) : this.decode(answer.error);
    }
    return read(answer.value);
  }

  encode(value) {
    return encode(value, (object) => this.reference(object), true);
  }

  decode(record) {
    return decode(record, (reference) => this.resolve(reference));
  }

  reference(object) {
    if (typeof object === "object" || typeof object === "function") {
      const id = object[ID];
      if (id !== undefined) return { t: "r", id };
    }
    return { t: "w", id: this.own.send(object), kind: typeof object === "function" ? "f" : "o" };
  }

  resolve(reference) {
    if (reference.t === "w") return this.own.get(reference.id);
    return this.proxies.receive(reference.id, () => this.proxyFor(reference));
  }

  release(id, received) {
    this.pendingReleases.push([id, received]);
    // Sent soon, also by a worker that never calls the main thread synchronously again.
    if (!this.releaseScheduled) {
      this.releaseScheduled = true;
      setTimeout(() => this.flushReleases(), 0);
    }
  }

  flushReleases() {
    this.releaseScheduled = false;
    if (this.pendingReleases.length === 0) return;
    this.post({ type: "release", ids: this.pendingReleases });
    this.pendingReleases = [];
  }

  /** The main thread dropped its stubs of one of the worker's objects, having received it
   * `received` times. */
  forget(id, received) {
    this.own.release(id, received);
  }

  /** Reads property `name` of main-thread object `id` in one round trip (the Python side's
   * attribute read, bridge/src/js_helpers.rs): `{ value }`, or `{ missing: true }`. */
  lookup(id, name) {
    const key = encodeKey(name);
    if (key === undefined) return { missing: true, value: undefined };
    const found = this.request({ op: "lookup", id, key }, (answer) => answer);
    return found.missing ? { missing: true, value: undefined } : { missing: false, value: this.decode(found.value) };
  }

  proxyFor({ id, kind, classes, caps }) {
    // The target's type decides `typeof`, `Array.isArray` and whether `new` is allowed.
    // A bound function: callable and constructible, without a `prototype` of its own (a
    // Proxy must report its target's non-configurable keys; `prototype` would be one).
    const target = kind === "f" ? function () {}.bind(null) : kind === "a" ? [] : {};
    const main = this;
    const ask = (op, fields) => main.request({ op, id, ...fields });
    const key = (name) => encodeKey(name);
    return new Proxy(target, {
      get(target, name) {
        if (name === ID) return id;
        if (name === REMOTE_CLASSES) return classes;
        if (name === REMOTE_CAPABILITIES) return caps;
        if (name === REMOTE_LOOKUP) return (key) => main.lookup(id, key);
        if (kind === "f" && LOCAL_FUNCTION_MEMBERS.has(name)) return Function.prototype[name];
        if (name === Symbol.hasInstance && classes?.[0] === "Function") {
          return (value) => main.request({ op: "instanceof", id: value?.[ID], of: id }) === true;
        }
        const encoded = key(name);
        return encoded === undefined ? undefined : ask("get", { key: encoded });
      },
      set(target, name, value) {
        const encoded = key(name);
        if (encoded === undefined) return false;
        return ask("set", { key: encoded, value: main.encode(value) });
      },
      has(target, name) {
        if (Reflect.getOwnPropertyDescriptor(target, name)?.configurable === false) return true;
        const encoded = key(name);
        return encoded !== undefined && ask("has", { key: encoded });
      },
      deleteProperty(target, name) {
        const encoded = key(name);
        return encoded !== undefined && ask("delete", { key: encoded });
      },
      ownKeys(target) {
        const keys = new Set(ask("keys", {}));
        // A Proxy must list its target's non-configurable keys.
        for (const own of Reflect.ownKeys(target)) {
          if (!Reflect.getOwnPropertyDescriptor(target, own).configurable) keys.add(own);
        }
        return [...keys];
      },
      getOwnPropertyDescriptor(target, name) {
        const encoded = key(name);
        const described = encoded === undefined ? undefined : ask("describe", { key: encoded });
        const own = Reflect.getOwnPropertyDescriptor(target, name);
        if (own && !own.configurable) {
          return { ...own, ...(described && "value" in own ? { value: described.value } : {}) };
        }
        return described && { ...described, configurable: true };
      },
      defineProperty(target, name, descriptor) {
        const encoded = key(name);
        if (encoded === undefined || !("value" in descriptor)) return false;
        return ask("set", { key: encoded, value: main.encode(descriptor.value) });
      },
      apply(target, thisArg, args) {
        return ask("apply", { this: main.encode(thisArg), args: args.map((arg) => main.encode(arg)) });
      },
      construct(target, args) {
        return ask("construct", { args: args.map((arg) => main.encode(arg)) });
      },
      getPrototypeOf(target) {
        return Reflect.getPrototypeOf(target);
      },
    });
  }

  /** Runs a call the main thread made to one of the worker's functions; posts the result. */
  async answerCall({ id, args, reply }) {
    let message;
    try {
      const fn = this.own.get(id);
      if (typeof fn !== "function") throw new Error("the worker no longer has this function");
      const result = await Reflect.apply(fn, undefined, args.map((arg) => this.decode(arg)));
      message = { type: "reply", reply, value: this.encode(result) };
    } catch (error) {
      message = { type: "reply", reply, error: this.encode(error instanceof Error ? error : new Error(String(error))) };
    }
    this.post(message);
  }
}

/** Whether `value` is an instance of the main thread's global class `name`, seen from here. */
export function isRemoteInstance(value, name) {
  return (value?.[REMOTE_CLASSES] ?? []).includes(name);
}
