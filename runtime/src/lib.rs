//! pyscript-rs runtime core: RustPython compiled to WebAssembly, the interpreters and
//! the native half of the `pyscript` module. `core.js` drives it through [`exports`].

mod browser_clock;
mod compile_guard;
mod console;
mod content_hash;
mod error_report;
mod exports;
mod host;
mod import_scan;
mod interpreter;
mod panic_report;
mod posix_module;
mod pyscript_module;
mod snapshot;
mod source_lines;
mod stdlib_groups;
mod storage_codec;
mod vfs;

pub use exports::PythonInterpreter;
