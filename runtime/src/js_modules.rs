//! Dynamic `import()` of JS modules for `pyscript.js_import`: Python cannot spell `import()`,
//! and a relative URL must resolve against the page, not against this glue's own URL.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function import_module(url) {
    try {
        const base = globalThis.document?.baseURI ?? globalThis.location?.href;
        return import(new URL(url, base).href);
    } catch (error) {
        return Promise.reject(error);
    }
}
"#)]
extern "C" {
    /// A Promise of the module namespace at `url` (relative to the page).
    pub fn import_module(url: &str) -> js_sys::Promise;
}
