//! Python callables handed to JavaScript become real JS functions.
//!
//! A converted callable lives for as long as JavaScript holds the function: the closure is
//! released to the JS garbage collector (`experimental_create_proxy = "auto"` behaviour,
//! always on), so event handlers need no `create_proxy`. `create_proxy` still exists and
//! adds `destroy()`, which releases the callable at once.

use js_sys::{Array, Reflect};
use rustpython_vm::{PyObjectRef, VirtualMachine};
use std::{
    cell::{Cell, RefCell},
    rc::Rc,
};
use wasm_bindgen::{JsValue, closure::Closure};

use crate::convert::{js_to_py, py_to_js};
use crate::errors::py_error_to_js;
use crate::js_helpers::wrap_python_function;

type Invoke = dyn Fn(JsValue, Array) -> Result<JsValue, JsValue>;

/// A variadic JS function that calls `callable` with the JS arguments converted to Python
/// and returns its result converted back; a Python exception is thrown as a `PythonError`.
pub fn python_callable_to_js(vm: &VirtualMachine, callable: PyObjectRef) -> JsValue {
    function_calling(vm, Rc::new(RefCell::new(Some(callable))))
}

/// Like [`python_callable_to_js`], plus a `destroy()` method that releases the callable;
/// calling the function afterwards throws.
pub fn destroyable_function(vm: &VirtualMachine, callable: PyObjectRef) -> JsValue {
    let slot = Rc::new(RefCell::new(Some(callable)));
    let function = function_calling(vm, slot.clone());
    let destroy = Closure::<dyn Fn()>::new(move || {
        // Dropped after the borrow ends: the callable's `__del__` may call this function.
        let callable = slot.borrow_mut().take();
        drop(callable);
    });
    // Setting a property on a fresh function object cannot fail.
    let _ = Reflect::set(
        &function,
        &JsValue::from_str("destroy"),
        &destroy.into_js_value(),
    );
    function
}

fn function_calling(vm: &VirtualMachine, slot: Rc<RefCell<Option<PyObjectRef>>>) -> JsValue {
    let interpreter = crate::reentry::handle_of(vm);
    // `Fn`, not `FnMut`: a handler may trigger itself (an event dispatched from inside it).
    let invoke = Closure::<Invoke>::new(move |_this: JsValue, arguments: Array| {
        let Some(callable) = slot.borrow().clone() else {
            return Err(js_sys::Error::new("this Python function proxy was destroyed").into());
        };
        let Some(interpreter) = interpreter.upgrade() else {
            return Err(js_sys::Error::new(
                "this Python function belongs to an interpreter that no longer exists",
            )
            .into());
        };
        interpreter.enter(|vm| {
            let arguments: Vec<PyObjectRef> =
                arguments.iter().map(|value| js_to_py(vm, value)).collect();
            let result = callable
                .call(arguments, vm)
                .and_then(|value| py_to_js(vm, &value));
            flush_stdio(vm);
            result.map_err(|exception| py_error_to_js(vm, &exception))
        })
    });
    wrap_python_function(&invoke.into_js_value())
}

thread_local! {
    /// How `flush_stdio` flushes one stream: by its `flush()` method until the embedder,
    /// which knows its own console streams, sets a faster way (this runs after every
    /// callback from JS).
    static STREAM_FLUSHER: Cell<fn(&VirtualMachine, &PyObjectRef)> =
        Cell::new(flush_by_method);
}

fn flush_by_method(vm: &VirtualMachine, stream: &PyObjectRef) {
    let _ = vm.call_method(stream, "flush", ());
}

/// Sets how [`flush_stdio`] flushes a stream.
pub fn set_stream_flusher(flush: fn(&VirtualMachine, &PyObjectRef)) {
    STREAM_FLUSHER.set(flush);
}

/// Writes out what is buffered on `sys.stdout` and `sys.stderr` (whatever objects they are
/// now: a user may have replaced them). After a callback, nothing else would flush its
/// output until the next script runs.
pub fn flush_stdio(vm: &VirtualMachine) {
    let flush = STREAM_FLUSHER.get();
    for name in ["stdout", "stderr"] {
        if let Ok(stream) = vm.sys_module.get_attr(name, vm) {
            flush(vm, &stream);
        }
    }
}
