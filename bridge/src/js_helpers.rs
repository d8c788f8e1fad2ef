//! The few JS operations `js-sys` has no binding for, as one small inline module.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const ids = new WeakMap();
let nextId = 1;
export function has_property(target, name) { return name in Object(target); }
export function identity_of(target) {
    if ((typeof target !== "object" && typeof target !== "function") || target === null) return 0;
    let id = ids.get(target);
    if (id === undefined) { id = nextId++; ids.set(target, id); }
    return id;
}
export function describe(value) {
    try { return String(value); } catch { return Object.prototype.toString.call(value); }
}
export function type_of(value) { return typeof value; }
export function wrap_python_function(invoke) {
    return function python_function(...args) { return invoke(this, args); };
}
export function is_class(value) {
    return typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));
}
export function fill_random(bytes) { crypto.getRandomValues(bytes); }
export function report_panic(message) {
    globalThis.dispatchEvent?.(new CustomEvent("pyscript-rs:panic", { detail: message }));
}
"#)]
extern "C" {
    /// `name in Object(target)`: is there such a property, own or inherited?
    #[wasm_bindgen(catch)]
    pub fn has_property(target: &JsValue, name: &JsValue) -> Result<bool, JsValue>;
    /// A stable small number per JS object, for hashing proxies (0 for primitives).
    pub fn identity_of(target: &JsValue) -> f64;
    /// `String(value)` that never throws.
    pub fn describe(value: &JsValue) -> String;
    /// `typeof value`.
    pub fn type_of(value: &JsValue) -> String;
    /// A variadic JS function that passes its `this` and arguments to `invoke`.
    pub fn wrap_python_function(invoke: &JsValue) -> JsValue;
    /// Whether `value` is a `class` (which cannot be called without `new`).
    pub fn is_class(value: &JsValue) -> bool;
    /// Fills `bytes` from `crypto.getRandomValues` (at most 65,536 at a time).
    pub fn fill_random(bytes: &mut [u8]);
    /// Tells the page's bootstrap that this wasm instance is about to abort.
    pub fn report_panic(message: &str);
}
