//! The few JS operations `js-sys` has no binding for, as one small inline module.

use rustc_hash::FxHashSet;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, intern, prelude::*};

#[wasm_bindgen(inline_js = r#"
const ids = new WeakMap();
let nextId = 1;
export function has_property(target, name) { return name in Object(target); }
// In a worker, js/worker.js puts its host object here (the main thread's `window`, ...).
const WORKER_HOST = Symbol.for("pyscript-rs.worker");
// A worker's proxies of main-thread objects answer these themselves (js/main-proxies.js):
// a property read in one round trip, and the capabilities the main thread found.
const REMOTE_LOOKUP = Symbol.for("pyscript-rs.remote-lookup");
const REMOTE_CAPABILITIES = Symbol.for("pyscript-rs.remote-capabilities");
let missing = false;
export function get_property(target, name) {
    const object = Object(target);
    if (globalThis[WORKER_HOST] !== undefined) {
        const lookup = object[REMOTE_LOOKUP];
        if (typeof lookup === "function") {
            const found = lookup(name);
            missing = found.missing;
            return found.value;
        }
    }
    missing = !(name in object);
    return missing ? undefined : object[name];
}
export function was_missing() { return missing; }
// Keep these bits and their rules in step with `capabilitiesOf` in js/remote-values.js.
const CALLABLE = 1, ITERABLE = 2, THENABLE = 4, SIZED = 8;
// The capabilities of the instances of a class (not a plain object, an array or a function),
// found on the first instance: looking them up on a DOM object walks its prototype chain for
// each name, which costs more than the rest of wrapping it. (An own `then` or `length` that
// only some instances of a class have is seen on the first one only.)
const capabilitiesOfClass = new WeakMap();
function capabilities(value) {
    if (typeof value === "function") return CALLABLE;
    try {
        const prototype = Object.getPrototypeOf(value);
        const plain = prototype === Object.prototype || prototype === null;
        if (!plain && !Array.isArray(value) && globalThis[WORKER_HOST] === undefined) {
            let bits = capabilitiesOfClass.get(prototype);
            if (bits === undefined) {
                bits = capabilitiesOfValue(value);
                capabilitiesOfClass.set(prototype, bits);
            }
            return bits;
        }
    } catch {
        return ITERABLE;
    }
    return capabilitiesOfValue(value);
}
function capabilitiesOfValue(value) {
    let bits = typeof value === "function" ? CALLABLE : 0;
    try {
        if (globalThis[WORKER_HOST] !== undefined) {
            const remote = value[REMOTE_CAPABILITIES];
            if (typeof remote === "number") return remote;
        }
        if (typeof value[Symbol.iterator] === "function") bits |= ITERABLE;
        if (typeof value.then === "function") bits |= THENABLE;
        if (bits & CALLABLE || value.nodeType !== undefined) return bits;
        const prototype = Object.getPrototypeOf(value);
        if ("length" in value || prototype === Object.prototype || prototype === null) bits |= ITERABLE;
        if (typeof value.length === "number" || typeof value.size === "number") bits |= SIZED;
    } catch {
        // A revoked Proxy, a throwing trap: iterating it says what JS says.
        bits |= ITERABLE;
    }
    return bits;
}
export function kind_of(value) {
    switch (typeof value) {
        case "undefined": return 0;
        case "boolean": return value ? 2 : 1;
        case "number": return 3;
        case "string": return 4;
        case "bigint": return 5;
        case "symbol": return 6;
    }
    return value === null ? 0 : 16 | capabilities(value);
}
export function is_empty(value) {
    const size = typeof value.length === "number" ? value.length : value.size;
    return size === 0;
}
export function is_array(value) { try { return Array.isArray(value); } catch { return false; } }
export function identity_of(target) {
    if ((typeof target !== "object" && typeof target !== "function") || target === null) return 0;
    try {
        let id = ids.get(target);
        if (id === undefined) { id = nextId++; ids.set(target, id); }
        return id;
    } catch {
        return 0;
    }
}
export function describe(value) {
    try {
        // A worker's proxy of a main-thread object: named here, without a round trip.
        const classes = globalThis[WORKER_HOST] !== undefined && Object(value)[REMOTE_CLASSES];
        if (Array.isArray(classes)) return `[object ${classes[0] ?? "Object"}]`;
    } catch {}
    try { return String(value); } catch {}
    try { return Object.prototype.toString.call(value); } catch {}
    return `[${typeof value}]`;
}
export function describe_thrown(value) {
    try {
        if (value instanceof Error) {
            const name = String(value.name);
            const message = String(value.message);
            return message ? `${name}: ${message}` : name;
        }
        if (typeof value === "object" && value !== null) {
            const json = JSON.stringify(value);
            if (typeof json === "string") return json;
        }
    } catch {}
    return describe(value);
}
export function own_property_names(target) {
    const names = [];
    if (target === null || target === undefined) return names;
    for (let object = Object(target); object !== null; object = Object.getPrototypeOf(object)) {
        names.push(...Object.getOwnPropertyNames(object));
    }
    return names;
}
export function iterator_over(target) {
    if (typeof target?.[Symbol.iterator] === "function") return target[Symbol.iterator]();
    if (typeof target !== "object" || target === null) return undefined;
    if ("length" in target) return Array.from(target).values();
    const prototype = Object.getPrototypeOf(target);
    return prototype === Object.prototype || prototype === null ? Object.keys(target).values() : undefined;
}
export function iterator_step(iterator) {
    const step = iterator.next();
    return step.done ? undefined : [step.value];
}
export function container_kind(value) {
    if (Array.isArray(value)) return 1;
    if (typeof value !== "object" || value === null) return 0;
    const prototype = Object.getPrototypeOf(value);
    return prototype === null || prototype === Object.prototype ? 2 : 0;
}
export function array_copy(value) { return Array.prototype.slice.call(value); }
export function object_entries(value) { return Object.entries(value); }
export function bytes_view(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return undefined;
}
export function type_of(value) { return typeof value; }
export function wrap_python_function(invoke) {
    return function python_function(...args) { return invoke(this, args); };
}
export function then_of(value) {
    try {
        if ((typeof value !== "object" && typeof value !== "function") || value === null) return undefined;
        const then = value.then;
        return typeof then === "function" ? then : undefined;
    } catch {
        return undefined;
    }
}
export function settle_through(then, thenable, id, settle) {
    then.call(thenable, (value) => settle(id, true, value), (error) => settle(id, false, error));
}
const REMOTE_CLASSES = Symbol.for("pyscript-rs.remote-classes");
export function main_window() {
    const host = globalThis[WORKER_HOST];
    return host ? host.window : globalThis;
}
export function is_instance_of(value, name) {
    try {
        const local = globalThis[name];
        if (typeof local === "function" && value instanceof local) return true;
        if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
        const classes = value[REMOTE_CLASSES];
        return Array.isArray(classes) && classes.includes(name);
    } catch {
        return false;
    }
}
export function is_class(value) {
    try {
        return typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));
    } catch {
        return false;
    }
}
"#)]
extern "C" {
    /// `name in Object(target)`: is there such a property, own or inherited?
    #[wasm_bindgen(catch)]
    pub fn has_property(target: &JsValue, name: &JsValue) -> Result<bool, JsValue>;
    /// `target[name]`, read in one crossing (one round trip from a worker), or `undefined`
    /// with [`was_missing`] true when `target` has no such property, own or inherited.
    #[wasm_bindgen(catch)]
    pub fn get_property(target: &JsValue, name: &JsValue) -> Result<JsValue, JsValue>;
    /// Whether the last [`get_property`] found no property.
    pub fn was_missing() -> bool;
    /// What a JS value is, in one crossing: 0 `null`/`undefined`, 1 `false`, 2 `true`, 3 a
    /// number, 4 a string, 5 a BigInt, 6 a symbol; for an object or a function,
    /// [`KIND_OBJECT`] plus its capability bits ([`CALLABLE`], ...). Never throws.
    pub fn kind_of(value: &JsValue) -> u8;
    /// Whether a sized value (an Array, NodeList, Map, ...) has no items.
    #[wasm_bindgen(catch)]
    pub fn is_empty(value: &JsValue) -> Result<bool, JsValue>;
    /// `Array.isArray(value)`, false for a revoked Proxy (which makes it throw).
    pub fn is_array(value: &JsValue) -> bool;
    /// A stable small number per JS object, for hashing proxies (0 for primitives).
    pub fn identity_of(target: &JsValue) -> f64;
    /// `String(value)` that never throws.
    pub fn describe(value: &JsValue) -> String;
    /// "Name: message" for a thrown `Error`, JSON for other objects, else `String(value)`;
    /// never throws, whatever was thrown (`undefined`, `null`, an object without a prototype).
    pub fn describe_thrown(value: &JsValue) -> String;
    /// The own and inherited property names of `target` (its `dir()`); `null` and
    /// `undefined` have none. Throws what a Proxy's trap throws.
    #[wasm_bindgen(catch)]
    pub fn own_property_names(target: &JsValue) -> Result<Vec<String>, JsValue>;
    /// A JS iterator over `target`: its own for an iterable, else over the items of an
    /// array-like (it has `length`) or the keys of an object; `undefined` for anything else.
    /// Throws what the object throws (a getter, an absurd `length`).
    #[wasm_bindgen(catch)]
    pub fn iterator_over(target: &JsValue) -> Result<JsValue, JsValue>;
    /// The next value of a JS iterator as a one-item Array, or `undefined` when it is done.
    #[wasm_bindgen(catch)]
    pub fn iterator_step(iterator: &JsValue) -> Result<JsValue, JsValue>;
    /// 1 for an Array, 2 for a plain object (`{}` or no prototype), else 0. Throws what a
    /// Proxy's trap throws.
    #[wasm_bindgen(catch)]
    pub fn container_kind(value: &JsValue) -> Result<u8, JsValue>;
    /// A plain copy of an array(-like): its getters run here, inside a `catch`.
    #[wasm_bindgen(catch)]
    pub fn array_copy(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    /// `Object.entries(value)`, whose getters may throw.
    #[wasm_bindgen(catch)]
    pub fn object_entries(value: &JsValue) -> Result<js_sys::Array, JsValue>;
    /// A `Uint8Array` over the bytes of an `ArrayBuffer`, typed array or `DataView`, else
    /// `undefined`.
    #[wasm_bindgen(catch)]
    pub fn bytes_view(value: &JsValue) -> Result<JsValue, JsValue>;
    /// `typeof value`.
    pub fn type_of(value: &JsValue) -> String;
    /// A variadic JS function that passes its `this` and arguments to `invoke`.
    pub fn wrap_python_function(invoke: &JsValue) -> JsValue;
    /// The `then` method of a Promise or other thenable, else `undefined` (also when reading
    /// `then` throws).
    #[wasm_bindgen(js_name = then_of)]
    fn then_of_raw(value: &JsValue) -> JsValue;
    /// `then.call(thenable, ...)` with callbacks that call `settle(id, fulfilled, value)`.
    #[wasm_bindgen(catch)]
    pub fn settle_through(
        then: &js_sys::Function,
        thenable: &JsValue,
        id: u32,
        settle: &JsValue,
    ) -> Result<(), JsValue>;
    /// The main thread's `window`: `globalThis` there; in a worker, the proxy of the main
    /// thread's `window`, or `undefined` when the page cannot give one (not cross-origin
    /// isolated).
    pub fn main_window() -> JsValue;
    /// `value instanceof globalThis[name]`, also true in a worker for a proxy of a main-thread
    /// object of that class (the worker has no DOM classes of its own); never throws.
    pub fn is_instance_of(value: &JsValue, name: &str) -> bool;
    /// Whether `value` is a `class` (which cannot be called without `new`).
    pub fn is_class(value: &JsValue) -> bool;
}

/// [`kind_of`]'s answer for an object or a function, to which its capabilities are added.
pub const KIND_OBJECT: u8 = 16;
/// Capabilities of a JS object, which decide the Python type of its proxy.
/// A function.
pub const CALLABLE: u8 = 1;
/// It has `Symbol.iterator`, or is array-like or a plain object (whose keys are iterated).
pub const ITERABLE: u8 = 2;
/// It has a `then` method.
pub const THENABLE: u8 = 4;
/// It has a numeric `length` or `size` and is not a function or a DOM node (`len`, `bool`).
pub const SIZED: u8 = 8;

/// The `then` method of a Promise or other thenable.
pub fn then_of(value: &JsValue) -> Option<js_sys::Function> {
    let then = then_of_raw(value);
    then.dyn_into::<js_sys::Function>().ok()
}

/// `value` as the web-sys type `T` when it is an instance of the main thread's class `name`
/// (`T`'s JS class): `dyn_into` alone fails on a worker's proxies of main-thread objects.
pub fn cast<T: JsCast>(value: JsValue, name: &'static str) -> Result<T, JsValue> {
    if is_instance_of(&value, intern(name)) {
        Ok(value.unchecked_into())
    } else {
        Err(value)
    }
}

/// The most distinct strings [`interned`] keeps as JS strings, and the longest (in bytes).
const MOST_INTERNED: usize = 2048;
const LONGEST_INTERNED: usize = 64;

thread_local! {
    /// The strings [`interned`] has handed to wasm-bindgen's cache.
    static INTERNED: RefCell<FxHashSet<Box<str>>> = RefCell::default();
}

/// `text`, kept as a JS string for the next times it crosses to JS (wasm-bindgen's `intern`):
/// decoding a string out of wasm memory costs more than the DOM call it is for. For the
/// strings a page names again and again (class names, CSS properties and values). Only short
/// ones, and at most [`MOST_INTERNED`], so that a page making a new class name per row does
/// not keep them all. Names the program itself holds (tags, DOM members) go to `intern`
/// directly: there are few of them.
pub fn interned(text: &str) -> &str {
    if text.len() <= LONGEST_INTERNED {
        INTERNED.with_borrow_mut(|kept| {
            if kept.len() < MOST_INTERNED && !kept.contains(text) {
                intern(text);
                kept.insert(text.into());
            }
        });
    }
    text
}
