//! Dynamic `import()` of JS modules: Python cannot spell `import()`. For `pyscript.js_import`
//! a relative URL resolves against the page; the runtime's own files (`dist/*.js`,
//! `dist/stdlib/`) resolve against `dist/`, which only this file knows how to find.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function page_url() {
    // In a worker, js/worker.js keeps the page's URL here: its own location is dist/worker.js.
    return globalThis[Symbol.for("pyscript-rs.worker")]?.baseUrl ?? globalThis.document?.baseURI ?? globalThis.location?.href;
}

export function import_module(url) {
    try {
        return import(new URL(url, page_url()).href);
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
    /// The page's base URL, also in a worker (against which relative URLs of Python resolve).
    pub fn page_url() -> String;
    /// A Promise of the module namespace at `url` (relative to the page).
    pub fn import_module(url: &str) -> js_sys::Promise;
    /// A Promise of the module `name` of `dist/`, the directory of core.js.
    pub fn import_dist_module(name: &str) -> js_sys::Promise;
    /// The absolute URL of `path` inside `dist/`.
    pub fn dist_url(path: &str) -> String;
}
