//! Dynamic `import()` of JS modules: Python cannot spell `import()`. For `pyscript.js_import`
//! a relative URL resolves against the page; the runtime's own files (`dist/*.js`,
//! `dist/stdlib/`) resolve against `dist/`, which only this file knows how to find.

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

// wasm-bindgen writes this file to `dist/snippets/<crate>-<hash>/inlineN.js`.
export function dist_url(path) {
    return new URL(`../../${path}`, import.meta.url).href;
}

export function import_dist_module(name) {
    try {
        return import(dist_url(name));
    } catch (error) {
        return Promise.reject(error);
    }
}
"#)]
extern "C" {
    /// A Promise of the module namespace at `url` (relative to the page).
    pub fn import_module(url: &str) -> js_sys::Promise;
    /// A Promise of the module `name` of `dist/`, the directory of core.js.
    pub fn import_dist_module(name: &str) -> js_sys::Promise;
    /// The absolute URL of `path` inside `dist/`.
    pub fn dist_url(path: &str) -> String;
}
