//! JS calls back into Python long after the call that handed it a function has returned
//! (an event listener, a timer). Each interpreter registers here under its `vm.wasm_id`, so
//! such a callback can find its own interpreter again, or learn that it is gone.

use rustpython_vm::{Interpreter, VirtualMachine};
use std::{
    cell::RefCell,
    collections::HashMap,
    rc::{Rc, Weak},
};

thread_local! {
    static LIVE: RefCell<HashMap<String, Weak<Interpreter>>> = RefCell::default();
}

/// Makes `interpreter` reachable by callbacks created under `id` (its `vm.wasm_id`).
pub fn register(id: &str, interpreter: &Rc<Interpreter>) {
    LIVE.with_borrow_mut(|live| live.insert(id.to_owned(), Rc::downgrade(interpreter)));
}

/// Forgets `id`; its callbacks then report that their interpreter is gone.
pub fn unregister(id: &str) {
    LIVE.with_borrow_mut(|live| live.remove(id));
}

/// A handle on the interpreter that owns `vm`, for re-entering it later.
pub fn handle_of(vm: &VirtualMachine) -> Weak<Interpreter> {
    let id = vm.wasm_id.as_deref().unwrap_or_default();
    LIVE.with_borrow(|live| live.get(id).cloned().unwrap_or_default())
}
