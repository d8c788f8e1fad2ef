//! `pyscript.Event`: Python listeners called in order each time the event is triggered. The
//! `on_<event>` of `pyscript.web` elements and `when` deliver DOM events through it.

use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{PyCode, PyCoroutine},
    bytecode::CodeFlags,
    function::PosArgs,
    pyclass,
    types::Constructor,
    types::DefaultConstructor,
};
use std::cell::RefCell;

/// How many `__wrapped__` links are followed to find a listener's signature: a decorator
/// chain is short, and a cycle must not loop forever.
const MAX_WRAPPED_DEPTH: usize = 100;

#[pyclass(module = "pyscript", name = "Event")]
#[derive(Debug, Default, PyPayload)]
pub struct Event {
    listeners: RefCell<Vec<PyObjectRef>>,
}

impl Event {
    /// A snapshot of the listeners: a listener may add or remove listeners while it runs.
    fn current_listeners(&self) -> Vec<PyObjectRef> {
        self.listeners.borrow().clone()
    }

    fn position_of(&self, listener: &PyObject, vm: &VirtualMachine) -> PyResult<Option<usize>> {
        // Comparing may run a listener's `__eq__`, which may use this event: no borrow held.
        for (position, existing) in self.current_listeners().iter().enumerate() {
            if vm.bool_eq(existing, listener)? {
                return Ok(Some(position));
            }
        }
        Ok(None)
    }
}

impl DefaultConstructor for Event {}

#[pyclass(flags(BASETYPE), with(Constructor))]
impl Event {
    /// The listeners, in the order they were added (a copy: PyScript 0.7's attribute, read
    /// by pages and tests that check what is registered).
    #[pygetset(name = "_listeners")]
    fn listeners(zelf: &Py<Self>, vm: &VirtualMachine) -> PyObjectRef {
        vm.ctx.new_list(zelf.current_listeners()).into()
    }

    /// Adds `listener` (once: adding it again does nothing).
    #[pymethod]
    fn add_listener(zelf: &Py<Self>, listener: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
        if listener.to_callable().is_none() {
            return Err(vm.new_value_error(format!(
                "an event listener must be callable, not {}",
                listener.class().name()
            )));
        }
        if zelf.position_of(&listener, vm)?.is_none() {
            zelf.listeners.borrow_mut().push(listener);
        }
        Ok(())
    }

    /// Removes the listeners given (unknown ones are ignored), or all of them.
    #[pymethod]
    fn remove_listener(zelf: &Py<Self>, listeners: PosArgs, vm: &VirtualMachine) -> PyResult<()> {
        // Removed listeners are dropped after the borrow ends: a `__del__` may use this event.
        if listeners.as_ref().is_empty() {
            let removed = std::mem::take(&mut *zelf.listeners.borrow_mut());
            drop(removed);
        }
        for listener in listeners.as_ref() {
            if let Some(position) = zelf.position_of(listener, vm)? {
                let removed = {
                    let mut current = zelf.listeners.borrow_mut();
                    (position < current.len()).then(|| current.remove(position))
                };
                drop(removed);
            }
        }
        Ok(())
    }

    /// Calls every listener with `result` (or bare, when it takes no arguments); a
    /// listener's exception propagates and stops the rest; a coroutine function's listener
    /// runs as a task.
    #[pymethod]
    fn trigger(zelf: &Py<Self>, result: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
        for listener in zelf.current_listeners() {
            let returned = if takes_arguments(&listener, vm)? {
                listener.call((result.clone(),), vm)?
            } else {
                listener.call((), vm)?
            };
            // An async listener runs as a task and never blocks the others; its error is
            // reported by the event loop.
            if returned.downcast_ref::<PyCoroutine>().is_some() {
                let asyncio = vm.import("asyncio", 0)?;
                vm.call_method(&asyncio, "ensure_future", (returned,))?;
            }
        }
        Ok(())
    }
}

/// Whether `function` accepts an argument, read from its code object (through decorators'
/// `__wrapped__`); a callable whose code cannot be found is assumed to take one.
pub fn takes_arguments(function: &PyObject, vm: &VirtualMachine) -> PyResult<bool> {
    let mut target = function.to_owned();
    for _ in 0..MAX_WRAPPED_DEPTH {
        match vm.get_attribute_opt(&target, "__wrapped__")? {
            Some(wrapped) => target = wrapped,
            None => break,
        }
    }
    let (code, bound) = match vm.get_attribute_opt(&target, "__code__")? {
        Some(code) => {
            let is_bound = vm
                .get_attribute_opt(&target, "__self__")?
                .is_some_and(|owner| !vm.is_none(&owner));
            (Some(code), is_bound)
        }
        // A callable object: look at its `__call__` (bound, so `self` does not count).
        None => {
            let call = vm.get_attribute_opt(target.class().as_object(), "__call__")?;
            let code = match call {
                Some(call) => vm.get_attribute_opt(&call, "__code__")?,
                None => None,
            };
            (code, true)
        }
    };
    let Some(code) = code.as_ref().and_then(|code| code.downcast_ref::<PyCode>()) else {
        return Ok(true);
    };
    let parameters = code.arg_count as usize;
    Ok(code.flags.contains(CodeFlags::VARARGS) || parameters > usize::from(bound))
}
