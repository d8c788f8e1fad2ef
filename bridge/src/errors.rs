//! Error mapping across the boundary: a JS exception becomes a Python `JsException`, a Python
//! exception becomes a JS `Error` named `PythonError` whose message is the whole traceback.

use js_sys::Reflect;
use rustpython_vm::{
    AsObject, PyResult, VirtualMachine,
    builtins::{PyBaseExceptionRef, PyTypeRef},
};
use std::cell::Cell;
use wasm_bindgen::JsValue;

thread_local! {
    /// What the embedder adds to every traceback text (the runtime quotes source lines,
    /// which only it knows); plain text until one is set.
    static TRACEBACK_ANNOTATOR: Cell<fn(String) -> String> = Cell::new(|text| text);
}

/// Sets how [`format_traceback`] finishes a traceback's text.
pub fn set_traceback_annotator(annotate: fn(String) -> String) {
    TRACEBACK_ANNOTATOR.set(annotate);
}

/// The Python class of errors thrown by JavaScript (`pyscript.ffi.JsException`). Created once:
/// RustPython's native types are shared by every interpreter in the instance.
pub fn js_exception_type(vm: &VirtualMachine) -> PyTypeRef {
    rustpython_vm::common::static_cell! {
        static JS_EXCEPTION: PyTypeRef;
    }
    JS_EXCEPTION
        .get_or_init(|| {
            vm.ctx
                .new_exception_type("pyscript.ffi", "JsException", None)
        })
        .clone()
}

/// Wraps a thrown JS value as a Python `JsException` whose message reads like the browser's
/// ("SyntaxError: '##' is not a valid selector") and whose `js_error` is the original value.
pub fn js_error_to_py(vm: &VirtualMachine, error: JsValue) -> PyBaseExceptionRef {
    let message = describe_js_error(&error);
    let exception = vm.new_exception_msg(js_exception_type(vm), message.into());
    let original = crate::convert::js_to_py(vm, error);
    // Setting an attribute on a fresh exception instance cannot fail.
    let _ = exception.as_object().set_attr("js_error", original, vm);
    exception
}

/// "Name: message" for Error objects, JSON or `String(value)` for anything else thrown
/// (`throw undefined` included): never throws itself.
pub fn describe_js_error(error: &JsValue) -> String {
    crate::js_helpers::describe_thrown(error)
}

/// The traceback text Python itself would print for `exception`.
pub fn format_traceback(vm: &VirtualMachine, exception: &PyBaseExceptionRef) -> String {
    let mut text = String::new();
    if vm.write_exception(&mut text, exception).is_err() {
        text = format!(
            "{}: <exception could not be formatted>",
            exception.class().name()
        );
    }
    TRACEBACK_ANNOTATOR.get()(text)
}

/// A JS `Error` named `PythonError` carrying the traceback, the exception's type name
/// (`pythonType`) and the original message, for JS callers and the page's error display.
pub fn py_error_to_js(vm: &VirtualMachine, exception: &PyBaseExceptionRef) -> JsValue {
    let traceback = format_traceback(vm, exception);
    let error = js_sys::Error::new(traceback.trim_end());
    error.set_name("PythonError");
    let type_name = exception.class().name().to_string();
    let _ = Reflect::set(&error, &"pythonType".into(), &type_name.into());
    error.into()
}

/// Runs `f`, turning a Python exception into a thrown JS `PythonError`.
pub fn to_js_result<T>(vm: &VirtualMachine, result: PyResult<T>) -> Result<T, JsValue> {
    result.map_err(|exception| py_error_to_js(vm, &exception))
}
