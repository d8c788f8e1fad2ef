//! `sys.stdout` and `sys.stderr` on the browser console, one console call per line.

use rustpython_vm::pyclass;
use rustpython_vm::{PyObjectRef, PyPayload, PyResult, VirtualMachine, builtins::PyStrRef};
use std::cell::RefCell;

#[derive(Debug, Clone, Copy)]
enum Level {
    Log,
    Error,
}

/// A text stream that buffers until a newline, then writes the complete lines to the console
/// (`console.log` for stdout, `console.error` for stderr), so `print("a", "b")` is one entry.
/// The page shows what stderr wrote too, as PyScript does: the lines of one run or turn of
/// the event loop together, once it ends (at the flush that follows every run and callback).
#[pyclass(module = "pyscript", name = "ConsoleStream")]
#[derive(Debug, PyPayload)]
pub struct ConsoleStream {
    level: Level,
    name: &'static str,
    pending: RefCell<String>,
    /// stderr's lines not yet shown on the page.
    unshown: RefCell<String>,
}

/// Flushes `stream` directly when it is a console stream (no method lookup: this runs after
/// every callback from JS), else through its `flush()` method.
pub fn flush_stream(vm: &VirtualMachine, stream: &PyObjectRef) {
    match stream.downcast_ref::<ConsoleStream>() {
        Some(console) => console.write_pending(),
        None => {
            let _ = vm.call_method(stream, "flush", ());
        }
    }
}

impl ConsoleStream {
    /// Writes out a last line that has no newline yet, and shows on the page what stderr
    /// wrote since the last time.
    fn write_pending(&self) {
        let rest = std::mem::take(&mut *self.pending.borrow_mut());
        if !rest.is_empty() {
            self.emit(&rest);
        }
        let unshown = std::mem::take(&mut *self.unshown.borrow_mut());
        if !unshown.is_empty() {
            // The bootstrap shows it (js/core.js); a worker's stays in the console.
            crate::host::dispatch("pyscript-rs:stderr", unshown.trim_end_matches('\n'));
        }
    }

    fn emit(&self, text: &str) {
        match self.level {
            Level::Log => crate::host::log(text),
            Level::Error => {
                crate::host::error(text);
                let mut unshown = self.unshown.borrow_mut();
                unshown.push_str(text);
                unshown.push('\n');
            }
        }
    }
}

/// Appends `text` to `pending` and takes out the complete lines, if any, without their
/// final newline (one console entry per line, however the writes were split).
fn take_complete_lines(pending: &mut String, text: &str) -> Vec<String> {
    pending.push_str(text);
    let Some(end) = pending.rfind('\n') else {
        return Vec::new();
    };
    let complete: String = pending.drain(..=end).collect();
    complete[..complete.len() - 1]
        .split('\n')
        .map(str::to_owned)
        .collect()
}

#[pyclass]
impl ConsoleStream {
    #[pymethod]
    fn write(zelf: &rustpython_vm::Py<Self>, text: PyStrRef) -> usize {
        let text = text.to_string_lossy();
        let lines = take_complete_lines(&mut zelf.pending.borrow_mut(), &text);
        for line in lines {
            zelf.emit(&line);
        }
        text.chars().count()
    }

    #[pymethod]
    fn flush(zelf: &rustpython_vm::Py<Self>) {
        zelf.write_pending();
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
        let stream: PyObjectRef = ConsoleStream {
            level,
            name,
            pending: RefCell::default(),
            unshown: RefCell::default(),
        }
        .into_ref(&vm.ctx)
        .into();
        vm.sys_module.set_attr(name, stream.clone(), vm)?;
        vm.sys_module
            .set_attr(vm.ctx.intern_str(format!("__{name}__")), stream, vm)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::take_complete_lines;

    #[test]
    fn partial_writes_wait_for_their_newline() {
        let mut pending = String::new();
        assert!(take_complete_lines(&mut pending, "hello").is_empty());
        assert_eq!(
            take_complete_lines(&mut pending, " world\n"),
            ["hello world"]
        );
        assert_eq!(pending, "");
    }

    #[test]
    fn each_complete_line_is_its_own_entry_and_the_rest_waits() {
        let mut pending = String::new();
        assert_eq!(
            take_complete_lines(&mut pending, "a\n\nb\nc"),
            ["a", "", "b"]
        );
        assert_eq!(pending, "c");
    }
}
