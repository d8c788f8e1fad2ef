//! `sys.stdout` and `sys.stderr` on the browser console, one console call per line.

use rustpython_vm::{
    PyObjectRef, PyPayload, PyResult, VirtualMachine, builtins::PyStrRef,
};
use rustpython_vm::pyclass;
use std::cell::RefCell;
use web_sys::console;

#[derive(Debug, Clone, Copy)]
enum Level {
    Log,
    Error,
}

/// A text stream that buffers until a newline, then writes the complete lines to the console
/// (`console.log` for stdout, `console.error` for stderr), so `print("a", "b")` is one entry.
#[pyclass(module = "pyscript", name = "ConsoleStream")]
#[derive(Debug, PyPayload)]
pub struct ConsoleStream {
    level: Level,
    name: &'static str,
    pending: RefCell<String>,
}

impl ConsoleStream {
    fn emit(&self, text: &str) {
        let text = wasm_bindgen::JsValue::from_str(text);
        match self.level {
            Level::Log => console::log_1(&text),
            Level::Error => console::error_1(&text),
        }
    }
}

#[pyclass]
impl ConsoleStream {
    #[pymethod]
    fn write(zelf: &rustpython_vm::Py<Self>, text: PyStrRef) -> usize {
        let text = text.to_string_lossy();
        let mut pending = zelf.pending.borrow_mut();
        pending.push_str(&text);
        if let Some(end) = pending.rfind('\n') {
            let complete: String = pending.drain(..=end).collect();
            drop(pending);
            zelf.emit(&complete[..complete.len() - 1]);
        }
        text.chars().count()
    }

    #[pymethod]
    fn flush(zelf: &rustpython_vm::Py<Self>) {
        let rest = std::mem::take(&mut *zelf.pending.borrow_mut());
        if !rest.is_empty() {
            zelf.emit(&rest);
        }
    }

    #[pymethod]
    fn isatty(_zelf: &rustpython_vm::Py<Self>) -> bool {
        false
    }

    #[pymethod]
    fn writable(_zelf: &rustpython_vm::Py<Self>) -> bool {
        true
    }

    #[pymethod]
    fn readable(_zelf: &rustpython_vm::Py<Self>) -> bool {
        false
    }

    #[pygetset]
    fn encoding(_zelf: &rustpython_vm::Py<Self>) -> &'static str {
        "utf-8"
    }

    #[pygetset]
    fn name(zelf: &rustpython_vm::Py<Self>) -> String {
        format!("<{}>", zelf.name)
    }
}

/// Replaces `sys.stdout`/`sys.stderr` (and their `__stdout__`/`__stderr__` twins).
pub fn install(vm: &VirtualMachine) -> PyResult<()> {
    for (name, level) in [("stdout", Level::Log), ("stderr", Level::Error)] {
        let stream: PyObjectRef = ConsoleStream { level, name, pending: RefCell::default() }.into_ref(&vm.ctx).into();
        vm.sys_module.set_attr(name, stream.clone(), vm)?;
        vm.sys_module.set_attr(vm.ctx.intern_str(format!("__{name}__")), stream, vm)?;
    }
    Ok(())
}

/// Writes out any partial line still buffered on `sys.stdout` and `sys.stderr` (whatever
/// objects they are now: a user may have replaced them).
pub fn flush_all(vm: &VirtualMachine) {
    for name in ["stdout", "stderr"] {
        if let Ok(stream) = vm.sys_module.get_attr(name, vm) {
            let _ = vm.call_method(&stream, "flush", ());
        }
    }
}
