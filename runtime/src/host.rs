//! The runtime's one way out to the browser: a `Host` object per wasm instance, made at
//! start, whose every method the Rust side calls with `catch`. A page may replace or break
//! any global (`performance.now = () => { throw ... }`, `Date.now = undefined`,
//! `console.log = null`): a failing host call is then an `Err` here, a Python exception
//! (`OSError`) for Python, never a JS exception through Rust frames, which would stop the
//! interpreter. `bridge` and `web` cross through their own checked helpers (`js_helpers.rs`,
//! `dom_members.rs`); `tests/e2e/boundary.test.mjs` checks the generated glue.

use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export class Host {
    constructor() {
        // wasm-bindgen writes this file to `dist/snippets/<crate>-<hash>/inlineN.js`.
        this.distBase = new URL("../../", import.meta.url).href;
    }

    // The page's base URL, also in a worker (js/worker.js keeps it: the worker's own
    // location is dist/worker.js).
    pageUrl() {
        return globalThis[Symbol.for("pyscript-rs.worker")]?.baseUrl ?? globalThis.document?.baseURI ?? globalThis.location?.href;
    }

    distUrl(path) {
        return new URL(path, this.distBase).href;
    }

    importModule(url) {
        return import(new URL(url, this.pageUrl()).href);
    }

    importDistModule(name) {
        return import(this.distUrl(name));
    }

    log(text) {
        console.log(text);
    }

    error(text) {
        console.error(text);
    }

    warn(text) {
        console.warn(text);
    }

    nowMs() {
        return checkedNumber(Date.now(), "Date.now()");
    }

    // What the time zone library (jiff, behind `time.localtime` and its kin) calls without
    // `catch`, tried first: a call that would throw there throws here, where it is caught.
    checkZoneClock() {
        checkedNumber(new Date().getTime(), "new Date().getTime()");
        checkedNumber(Date.now(), "Date.now()");
        if (typeof Intl?.DateTimeFormat?.prototype?.resolvedOptions !== "function") {
            throw new TypeError("Intl.DateTimeFormat is not usable");
        }
    }

    monotonicMs() {
        return checkedNumber(performance.now(), "performance.now()");
    }

    // A worker blocks in `Atomics.wait` (js/sync-channel.js); false where it cannot.
    blockFor(seconds) {
        if (typeof SharedArrayBuffer !== "function" || !globalThis.WorkerGlobalScope) return false;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
        return true;
    }

    fillRandom(bytes) {
        crypto.getRandomValues(bytes);
    }

    // Tells the bootstrap (js/core.js, js/worker.js): `pyscript-rs:error` (a traceback
    // nobody waits for), `pyscript-rs:stderr`, `pyscript-rs:panic`. Returns whether a
    // listener took it (cancelled the event).
    dispatch(name, detail) {
        return !globalThis.dispatchEvent(new CustomEvent(name, { detail, cancelable: true }));
    }

    fetchBytesSync(url) {
        const request = new XMLHttpRequest();
        request.open("GET", url, false);
        // A window's synchronous request cannot ask for an ArrayBuffer: bytes come as text.
        if (globalThis.document) request.overrideMimeType("text/plain; charset=x-user-defined");
        else request.responseType = "arraybuffer";
        request.send();
        if (request.status !== 200) throw new Error(`HTTP ${request.status} ${request.statusText}`);
        if (request.responseType === "arraybuffer") return new Uint8Array(request.response);
        const text = request.responseText;
        const bytes = new Uint8Array(text.length);
        for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index) & 0xff;
        return bytes;
    }
}

function checkedNumber(value, what) {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`${what} gave ${String(value)}, not a number`);
    return value;
}
"#)]
extern "C" {
    type Host;

    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<Host, JsValue>;
    #[wasm_bindgen(method, catch, js_name = pageUrl)]
    fn page_url(this: &Host) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = distUrl)]
    fn dist_url(this: &Host, path: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = importModule)]
    fn import_module(this: &Host, url: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, catch, js_name = importDistModule)]
    fn import_dist_module(this: &Host, name: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn log(this: &Host, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn error(this: &Host, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn warn(this: &Host, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = nowMs)]
    fn now_ms(this: &Host) -> Result<f64, JsValue>;
    #[wasm_bindgen(method, catch, js_name = checkZoneClock)]
    fn check_zone_clock(this: &Host) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = monotonicMs)]
    fn monotonic_ms(this: &Host) -> Result<f64, JsValue>;
    #[wasm_bindgen(method, catch, js_name = blockFor)]
    fn block_for(this: &Host, seconds: f64) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, catch, js_name = fillRandom)]
    fn fill_random(this: &Host, bytes: &mut [u8]) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn dispatch(this: &Host, name: &str, detail: &str) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, catch, js_name = fetchBytesSync)]
    fn fetch_bytes_sync(this: &Host, url: &str) -> Result<js_sys::Uint8Array, JsValue>;
}

thread_local! {
    /// The instance's host, made on first use (at start: the interpreter's first step
    /// writes to the console or reads the clock), and again after [`release`].
    static HOST: RefCell<Option<Rc<Host>>> = const { RefCell::new(None) };
}

/// Calls `f` on the host; `Err` when there is none (its constructor failed) or `f` threw.
fn with_host<T>(f: impl FnOnce(&Host) -> Result<T, JsValue>) -> Result<T, JsValue> {
    // A clone, so `f` runs with no borrow held: a host call may re-enter the runtime.
    let host = HOST.with_borrow_mut(|host| {
        if host.is_none() {
            *host = Host::new().ok().map(Rc::new);
        }
        host.clone()
    });
    match host {
        Some(host) => f(&host),
        None => Err(JsValue::from_str(
            "the runtime's host object could not be made",
        )),
    }
}

/// Lets go of the host, which the next host call makes again: a snapshot of the instance's
/// memory must hold no JS object but `globalThis` (`snapshot.rs`).
pub fn release() {
    HOST.with_borrow_mut(|host| *host = None);
}

/// What a failed host call threw, as text for a Python error message.
pub fn describe(error: &JsValue) -> String {
    pyscript_bridge::js_helpers::describe_thrown(error)
}

/// `console.log(text)`; nothing when the console is broken (there is nowhere else to say it).
pub fn log(text: &str) {
    let _ = with_host(|host| host.log(text));
}

/// `console.error(text)`, likewise.
pub fn error(text: &str) {
    let _ = with_host(|host| host.error(text));
}

/// `console.warn(text)`, likewise.
pub fn warn(text: &str) {
    let _ = with_host(|host| host.warn(text));
}

/// `Date.now()`: milliseconds since the epoch.
pub fn now_ms() -> Result<f64, String> {
    with_host(Host::now_ms).map_err(|error| describe(&error))
}

/// Whether the calls of the time zone library would succeed (see `checkZoneClock`).
pub fn check_zone_clock() -> Result<(), String> {
    with_host(Host::check_zone_clock).map_err(|error| describe(&error))
}

/// `performance.now()`: milliseconds of a monotonic clock.
pub fn monotonic_ms() -> Result<f64, String> {
    with_host(Host::monotonic_ms).map_err(|error| describe(&error))
}

/// Blocks a worker for `seconds`; false on the main thread, which cannot block.
pub fn block_for(seconds: f64) -> bool {
    with_host(|host| host.block_for(seconds)).unwrap_or(false)
}

/// Fills `bytes` from `crypto.getRandomValues` (at most 65,536 bytes at a time).
pub fn fill_random(bytes: &mut [u8]) -> Result<(), String> {
    with_host(|host| host.fill_random(bytes)).map_err(|error| describe(&error))
}

/// Dispatches the bootstrap's event `name` with `detail`; whether a listener took it.
pub fn dispatch(name: &str, detail: &str) -> bool {
    with_host(|host| host.dispatch(name, detail)).unwrap_or(false)
}

/// The page's base URL (in a worker too), against which Python's relative URLs resolve.
pub fn page_url() -> String {
    with_host(Host::page_url).unwrap_or_default()
}

/// The absolute URL of `path` inside `dist/`.
pub fn dist_url(path: &str) -> Result<String, JsValue> {
    with_host(|host| host.dist_url(path))
}

/// A Promise of the module namespace at `url` (relative to the page); a rejected one when
/// the import could not even start.
pub fn import_module(url: &str) -> js_sys::Promise {
    with_host(|host| host.import_module(url))
        .unwrap_or_else(|error| js_sys::Promise::reject(&error))
}

/// A Promise of the module `name` of `dist/`.
pub fn import_dist_module(name: &str) -> js_sys::Promise {
    with_host(|host| host.import_dist_module(name))
        .unwrap_or_else(|error| js_sys::Promise::reject(&error))
}

/// The bytes at `url`, fetched with a synchronous request.
pub fn fetch_bytes_sync(url: &str) -> Result<js_sys::Uint8Array, JsValue> {
    with_host(|host| host.fetch_bytes_sync(url))
}
