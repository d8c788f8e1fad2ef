//! Build script of the runtime: split the standard library (`stdlib_split.rs`), rebuild when
//! the frozen Python changes, and size the wasm's stack.
//!
//! `py_freeze!` compiles `python/` into this crate, but cargo cannot see that a proc macro read
//! those files: tell it, so a changed `.py` file rebuilds the crate.
//!
//! The stack: V8 runs wasm on its own, fixed machine stack (about 1 MB in Chromium), and a
//! JS `RangeError` thrown out of deep native recursion kills the instance. RustPython guards
//! native recursion (`repr`, `==`, hashing, ...) against the *linear-memory* stack instead,
//! raising `RecursionError` when less than 32 KB of it is left. Measured on the release build
//! (2026-12-02, Chromium 156): a nested-list `repr` level costs 162 bytes of linear stack and
//! V8 overflows after about 3,500 levels; a nested-dict `==` level 194 bytes, V8 overflows
//! between 2,000 and 3,000; a Python call 87 bytes, with no V8 overflow before 11,600. A
//! 256 KiB linear stack makes the guard fire after about 1,100 `==` levels and 1,300 `repr`
//! levels, well before V8's limit, and still holds 2,500 Python frames (the recursion limit
//! is 1,000). `tests/e2e/crashes.test.mjs` checks each case.
const WASM_STACK_BYTES: u32 = 256 * 1024;

#[path = "../src/content_hash.rs"]
mod content_hash;
#[path = "../src/import_scan.rs"]
mod import_scan;
mod lz4_stored;
mod stdlib_split;

fn main() {
    println!("cargo:rerun-if-changed=python");
    println!("cargo:rerun-if-changed=../web/python");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=src/import_scan.rs");
    println!("cargo:rerun-if-changed=src/content_hash.rs");
    stdlib_split::write(std::path::Path::new(
        &std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"),
    ));
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg=-zstack-size={WASM_STACK_BYTES}");
    }
}
