//! Python callables handed to JavaScript become real JS functions.
//!
//! The function keeps the Python callable alive for as long as JavaScript holds it: the
//! closure is released to the JS garbage collector (`experimental_create_proxy = "auto"`
//! behaviour, always on), so event handlers need no `create_proxy`.

use js_sys::Array;
use rustpython_vm::{PyObjectRef, VirtualMachine};
use wasm_bindgen::{JsValue, closure::Closure};

use super::convert::{js_to_py, py_to_js};
use super::errors::py_error_to_js;
use super::js_helpers::wrap_python_function;
use crate::interpreter::PythonRuntime;

type Invoke = dyn Fn(JsValue, Array) -> Result<JsValue, JsValue>;

/// A variadic JS function that calls `callable` with the JS arguments converted to Python
/// and returns its result converted back; a Python exception is thrown as a `PythonError`.
pub fn python_callable_to_js(vm: &VirtualMachine, callable: PyObjectRef) -> JsValue {
    let runtime = PythonRuntime::of(vm);
    // `Fn`, not `FnMut`: a handler may trigger itself (an event dispatched from inside it).
    let invoke = Closure::<Invoke>::new(move |_this: JsValue, arguments: Array| {
        let Some(runtime) = runtime.upgrade() else {
            return Err(js_sys::Error::new("this Python function belongs to an interpreter that no longer exists").into());
        };
        runtime.enter(|vm| {
            let arguments: Vec<PyObjectRef> = arguments.iter().map(|value| js_to_py(vm, value)).collect();
            let result = callable.call(arguments, vm).and_then(|value| py_to_js(vm, &value));
            crate::console::flush_all(vm);
            result.map_err(|exception| py_error_to_js(vm, &exception))
        })
    });
    wrap_python_function(&invoke.into_js_value())
}
