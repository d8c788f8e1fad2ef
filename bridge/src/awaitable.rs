//! Awaiting across the boundary, on the interpreter's asyncio loop.
//!
//! - Python awaits a JS thenable: a loop future settles when the thenable does (what
//!   `JsProxy.__await__` returns), a rejection becoming `JsException`.
//! - JS receives a coroutine or an asyncio future: it becomes a `Promise` that settles with
//!   the result (the coroutine runs as a task), or rejects with a `PythonError`.

use js_sys::{Function, Promise};
use rustpython_vm::{
    Interpreter, PyObject, PyObjectRef, PyResult, VirtualMachine,
    builtins::PyCoroutine,
    function::{FuncArgs, KwArgs},
};
use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
    rc::Weak,
};
use wasm_bindgen::{JsValue, closure::Closure};

use crate::convert::{js_to_py, py_to_js};
use crate::errors::{js_error_to_py, py_error_to_js};
use crate::js_helpers::{describe, settle_through, then_of};

thread_local! {
    /// Loop futures waiting for a JS thenable, by the id the thenable's callbacks carry.
    static PENDING: RefCell<HashMap<u32, Pending>> = RefCell::default();
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    /// The one JS function `(id, fulfilled, value)` every awaited thenable settles through:
    /// one wasm closure for all awaits, instead of two per await.
    static SETTLE: JsValue = Closure::<dyn Fn(u32, bool, JsValue)>::new(settle).into_js_value();
}

struct Pending {
    interpreter: Weak<Interpreter>,
    future: PyObjectRef,
}

/// `await proxy`: the iterator of a loop future that settles with the thenable.
pub fn await_thenable(vm: &VirtualMachine, thenable: &JsValue) -> PyResult {
    let Some(then) = then_of(thenable) else {
        return Err(vm.new_type_error(format!(
            "object JsProxy can't be used in 'await' expression: '{}' is not a Promise or thenable",
            describe(thenable)
        )));
    };
    let future = new_loop_future(vm)?;
    let id = NEXT_ID.get();
    NEXT_ID.set(id.wrapping_add(1));
    PENDING.with_borrow_mut(|pending| {
        pending.insert(
            id,
            Pending {
                interpreter: crate::reentry::handle_of(vm),
                future: future.clone(),
            },
        )
    });
    SETTLE
        .with(|settle| settle_through(&then, thenable, id, settle))
        .map_err(|error| {
            PENDING.with_borrow_mut(|pending| pending.remove(&id));
            js_error_to_py(vm, error)
        })?;
    vm.call_method(&future, "__await__", ())
}

/// A future of the running loop: made directly when the loop names its future type (the
/// page's loop, `_pyscript_loop.py`: no Python frame on this path, taken by every await of a
/// JS value), else through `get_event_loop().create_future()`.
fn new_loop_future(vm: &VirtualMachine) -> PyResult {
    let running = vm.asyncio_running_loop.borrow().clone();
    if let Some(event_loop) = running {
        if let Some(future_type) =
            vm.get_attribute_opt(&event_loop, vm.ctx.intern_str("_future_type"))?
        {
            let kwargs = KwArgs::from_iter([("loop".to_owned(), event_loop)]);
            return future_type.call(FuncArgs::new(Vec::new(), kwargs), vm);
        }
        return vm.call_method(&event_loop, "create_future", ());
    }
    let asyncio = vm.import("asyncio", 0)?;
    let event_loop = vm.call_method(&asyncio, "get_event_loop", ())?;
    vm.call_method(&event_loop, "create_future", ())
}

/// Settles the future waiting under `id`, unless it is already done (cancelled while the
/// thenable was pending) or its interpreter is gone.
fn settle(id: u32, fulfilled: bool, value: JsValue) {
    let Some(Pending {
        interpreter,
        future,
    }) = PENDING.with_borrow_mut(|pending| pending.remove(&id))
    else {
        return;
    };
    let Some(interpreter) = interpreter.upgrade() else {
        return;
    };
    interpreter.enter(|vm| {
        let settled = (|| -> PyResult<()> {
            // The page's loop settles it and runs the turn this wakes at once (we are in the
            // promise's reaction, a microtask already): `_pyscript_loop.WebLoop._settle_js`.
            let running = vm.asyncio_running_loop.borrow().clone();
            if let Some(event_loop) = running
                && let Some(settle_js) =
                    vm.get_attribute_opt(&event_loop, vm.ctx.intern_str("_settle_js"))?
            {
                let outcome = if fulfilled {
                    js_to_py(vm, value)
                } else {
                    js_error_to_py(vm, value).into()
                };
                settle_js.call((future.clone(), fulfilled, outcome), vm)?;
                return Ok(());
            }
            if vm.call_method(&future, "done", ())?.try_to_bool(vm)? {
                return Ok(());
            }
            if fulfilled {
                vm.call_method(&future, "set_result", (js_to_py(vm, value),))?;
            } else {
                let exception = js_error_to_py(vm, value);
                vm.call_method(&future, "set_exception", (exception,))?;
            }
            Ok(())
        })();
        if let Err(exception) = settled {
            // Setting a fresh future's outcome does not fail; if it ever does, say so.
            crate::function_proxy::flush_stdio(vm);
            vm.print_exception(&exception);
        }
    });
    drop(future);
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
