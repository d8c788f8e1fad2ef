//! The Python types of `JsProxy` by capability, as Pyodide has them: a proxy of a function
//! is a `JsCallable`, of a thenable a `JsPromise`, of an iterable a `JsIterable`, of anything
//! else a plain `JsProxy`. So `callable()`, `iter()`, `await` and the `collections.abc`
//! checks answer as the JS object would, with no crossing into JS to find out.
//!
//! The types are subclasses of `JsProxy` (same payload), made once per interpreter: a heap
//! type belongs to the interpreter that made it.

use rustpython_vm::{
    AsObject, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
    builtins::PyType,
    common::rc::PyRc,
    function::{FuncArgs, IntoPyNativeFn, ItemDoc, PyMethodFlags},
    vm::Context,
};
use std::cell::RefCell;

use crate::js_helpers::{CALLABLE, ITERABLE, THENABLE};
use crate::js_proxy::JsProxy;

struct ProxyTypes {
    /// Held so that the context (the key) outlives its entry: no other can take its address.
    context: PyRc<Context>,
    callable: PyRef<PyType>,
    promise: PyRef<PyType>,
    iterable: PyRef<PyType>,
}

thread_local! {
    static TYPES: RefCell<Vec<ProxyTypes>> = const { RefCell::new(Vec::new()) };
}

/// The type of a proxy of a JS object with these capabilities (`js_helpers::CALLABLE`, ...).
pub fn proxy_type(vm: &VirtualMachine, capabilities: u8) -> PyResult<PyRef<PyType>> {
    if capabilities & (CALLABLE | THENABLE | ITERABLE) == 0 {
        return Ok(JsProxy::class(&vm.ctx).to_owned());
    }
    let pick = |types: &ProxyTypes| {
        if capabilities & CALLABLE != 0 {
            types.callable.clone()
        } else if capabilities & THENABLE != 0 {
            types.promise.clone()
        } else {
            types.iterable.clone()
        }
    };
    let found = TYPES.with_borrow(|types| {
        types
            .iter()
            .find(|entry| PyRc::ptr_eq(&entry.context, &vm.ctx))
            .map(pick)
    });
    if let Some(found) = found {
        return Ok(found);
    }
    let made = ProxyTypes {
        context: vm.ctx.clone(),
        callable: make_type(
            vm,
            "JsCallable",
            ("__call__", method(vm, "__call__", JsProxy::call_method)),
            "A JavaScript function.",
        )?,
        promise: make_type(
            vm,
            "JsPromise",
            ("__await__", method(vm, "__await__", JsProxy::await_method)),
            "A JavaScript Promise or other thenable.",
        )?,
        iterable: make_type(
            vm,
            "JsIterable",
            ("__iter__", method(vm, "__iter__", JsProxy::iter_method)),
            "An iterable JavaScript object.",
        )?,
    };
    made.callable.slots.call.store(Some(call_slot));
    made.iterable.slots.iter.store(Some(iter_slot));
    let found = pick(&made);
    TYPES.with_borrow_mut(|types| types.push(made));
    Ok(found)
}

/// A subclass of `JsProxy` with one more special method, made as a `class` statement would.
/// A method of `JsProxy` (whose instances every subclass's are) as a descriptor.
fn method<Kind>(
    vm: &VirtualMachine,
    name: &'static str,
    function: impl IntoPyNativeFn<Kind>,
) -> PyObjectRef {
    vm.ctx
        .new_method_def(name, function, PyMethodFlags::METHOD, ItemDoc::NONE)
        .build_method(JsProxy::class(&vm.ctx), vm)
        .into()
}

fn make_type(
    vm: &VirtualMachine,
    name: &str,
    (method_name, method): (&str, PyObjectRef),
    doc: &str,
) -> PyResult<PyRef<PyType>> {
    let base = JsProxy::class(&vm.ctx);
    let namespace = vm.ctx.new_dict();
    namespace.set_item("__module__", vm.ctx.new_str("pyscript.ffi").into(), vm)?;
    namespace.set_item("__qualname__", vm.ctx.new_str(name).into(), vm)?;
    namespace.set_item("__doc__", vm.ctx.new_str(doc).into(), vm)?;
    // No instance dict: the payload is JsProxy's, of the same size.
    namespace.set_item("__slots__", vm.ctx.empty_tuple.clone().into(), vm)?;
    namespace.set_item(method_name, method, vm)?;
    let bases = vm.ctx.new_tuple(vec![base.to_owned().into()]);
    vm.ctx
        .types
        .type_type
        .as_object()
        .call((vm.ctx.new_str(name), bases, namespace), vm)?
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("type() did not make a class"))
}

/// `proxy(...)` straight from the type's slot, without looking up `__call__`.
fn call_slot(zelf: &PyObject, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let proxy = zelf
        .downcast_ref::<JsProxy>()
        .ok_or_else(|| vm.new_type_error("JsCallable.__call__ needs a JsProxy"))?;
    proxy.call(args, vm)
}

/// `iter(proxy)` straight from the type's slot.
fn iter_slot(zelf: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    let proxy = zelf
        .downcast_ref::<JsProxy>()
        .ok_or_else(|| vm.new_type_error("JsIterable.__iter__ needs a JsProxy"))?;
    proxy.iterate(vm)
}
