//! Awaiting across the boundary, on the interpreter's asyncio loop.
//!
//! - Python awaits a JS thenable: a loop future settles when the thenable does (what
//!   `JsProxy.__await__` returns), a rejection becoming `JsException`.
//! - JS receives a coroutine or an asyncio future: it becomes a `Promise` that settles with
//!   the result (the coroutine runs as a task), or rejects with a `PythonError`.

use js_sys::{Function, Promise};
use rustpython_vm::{PyObject, PyObjectRef, PyResult, VirtualMachine, builtins::PyCoroutine};
use wasm_bindgen::JsValue;

use crate::convert::py_to_js;
use crate::errors::{js_error_to_py, py_error_to_js};
use crate::function_proxy::python_callable_to_js;
use crate::js_helpers::{describe, then_of};

/// `await proxy`: the iterator of a loop future that settles with the thenable.
pub fn await_thenable(vm: &VirtualMachine, thenable: &JsValue) -> PyResult {
    let Some(then) = then_of(thenable) else {
        return Err(vm.new_type_error(format!(
            "object JsProxy can't be used in 'await' expression: '{}' is not a Promise or thenable",
            describe(thenable)
        )));
    };
    let asyncio = vm.import("asyncio", 0)?;
    let event_loop = vm.call_method(&asyncio, "get_event_loop", ())?;
    let future = vm.call_method(&event_loop, "create_future", ())?;
    let on_fulfilled = settle_future(vm, &future, |vm, future, value| {
        vm.call_method(future, "set_result", (value,)).map(drop)
    });
    let on_rejected = settle_future(vm, &future, |vm, future, error| {
        let error = py_to_js(vm, &error)?;
        let exception = js_error_to_py(vm, error);
        vm.call_method(future, "set_exception", (exception,))
            .map(drop)
    });
    then.call2(thenable, &on_fulfilled, &on_rejected)
        .map_err(|error| js_error_to_py(vm, error))?;
    vm.call_method(&future, "__await__", ())
}

/// A JS function that settles `future` with its argument, unless the future is already done
/// (cancelled while the promise was pending).
fn settle_future(
    vm: &VirtualMachine,
    future: &PyObjectRef,
    settle: fn(&VirtualMachine, &PyObjectRef, PyObjectRef) -> PyResult<()>,
) -> JsValue {
    let future = future.clone();
    let callback = vm.new_function(
        "settle",
        move |value: rustpython_vm::function::OptionalArg<PyObjectRef>,
              vm: &VirtualMachine|
              -> PyResult<()> {
            if vm.call_method(&future, "done", ())?.try_to_bool(vm)? {
                return Ok(());
            }
            settle(vm, &future, value.unwrap_or_none(vm))
        },
    );
    python_callable_to_js(vm, callback.into())
}

/// A coroutine (run as a task) or an asyncio future, as a JS `Promise`; `None` for
/// anything else.
pub fn promise_for(vm: &VirtualMachine, obj: &PyObject) -> PyResult<Option<Promise>> {
    let future = if obj.downcast_ref::<PyCoroutine>().is_some() {
        let asyncio = vm.import("asyncio", 0)?;
        vm.call_method(&asyncio, "ensure_future", (obj.to_owned(),))?
    } else if is_future(vm, obj) {
        obj.to_owned()
    } else {
        return Ok(None);
    };
    future_to_promise(vm, &future).map(Some)
}

fn is_future(vm: &VirtualMachine, obj: &PyObject) -> bool {
    // asyncio's own test (`futures.isfuture`): the class declares itself a future.
    obj.class()
        .get_attr(vm.ctx.intern_str("_asyncio_future_blocking"))
        .is_some_and(|value| !vm.is_none(&value))
}

/// A `Promise` settling when the asyncio `future` is done: its result, or a `PythonError`
/// with the traceback (a cancelled future rejects with its `CancelledError`).
pub fn future_to_promise(vm: &VirtualMachine, future: &PyObjectRef) -> PyResult<Promise> {
    let mut settlers: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| settlers = Some((resolve, reject)));
    let Some((resolve, reject)) = settlers else {
        // The executor runs synchronously inside `new Promise`.
        return Err(vm.new_runtime_error("the Promise executor did not run"));
    };
    let on_done = vm.new_function(
        "settle_promise",
        move |future: PyObjectRef, vm: &VirtualMachine| {
            // `result()` raises the task's exception, or CancelledError: either rejects.
            let outcome = vm
                .call_method(&future, "result", ())
                .and_then(|value| py_to_js(vm, &value));
            let _ = match outcome {
                Ok(value) => resolve.call1(&JsValue::UNDEFINED, &value),
                Err(exception) => {
                    reject.call1(&JsValue::UNDEFINED, &py_error_to_js(vm, &exception))
                }
            };
        },
    );
    vm.call_method(future, "add_done_callback", (on_done,))?;
    Ok(promise)
}
