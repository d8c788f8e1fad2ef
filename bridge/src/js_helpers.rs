//! The few JS operations `js-sys` has no binding for, as one small inline module.

use rustc_hash::FxHashSet;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, intern, prelude::*};

#[wasm_bindgen(inline_js = r#"
const ids = new WeakMap();
let nextId = 1;
export function has_property(target, name) { return name in Object(target); }
export function is_array(value) { try { return Array.isArray(value); } catch { return false; } }
export function identity_of(target) {
    if ((typeof target !== "object" && typeof target !== "function") || target === null) return 0;
    let id = ids.get(target);
    if (id === undefined) { id = nextId++; ids.set(target, id); }
    return id;
}
export function describe(value) {
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
    return ("length" in target ? Array.from(target) : Object.keys(target)).values();
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
// In a worker, js/worker.js puts the main thread's `window` (a proxy) here.
const WORKER_HOST = Symbol.for("pyscript-rs.worker");
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
