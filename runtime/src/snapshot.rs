//! The build-time snapshot of a started interpreter (`scripts/snapshot.mjs`).
//!
//! At build time, in Node, `prepareSnapshot` starts an interpreter up to everything that does
//! not depend on the page (builtins, `sys`, the frozen core, the runtime's own modules) and
//! keeps it here; the script then writes the wasm memory that differs from a fresh instance's
//! into `dist/`. A page's bootstrap (`js/wasm-instance.js`) writes that memory back into a new
//! instance before anything else runs in it, and `PythonInterpreter.restored` hands out the
//! interpreter, bound to its script type, without running the start-up code again.
//!
//! What a snapshot must not hold: JS objects other than `globalThis` (the script refuses to
//! write one that does), the page's randomness (`random` and `os.urandom` read
//! `crypto.getRandomValues` when used, after the restore) or its time zone.

use std::{cell::RefCell, rc::Rc};
use wasm_bindgen::prelude::*;

use crate::interpreter::PythonRuntime;

thread_local! {
    /// The interpreter started at build time, until the first interpreter of the page takes it.
    static STARTED: RefCell<Option<Rc<PythonRuntime>>> = const { RefCell::new(None) };
}

/// Starts the interpreter the snapshot keeps (build time only).
#[wasm_bindgen(js_name = prepareSnapshot)]
pub fn prepare_snapshot() -> Result<(), JsValue> {
    let runtime =
        PythonRuntime::start_unbound().map_err(|traceback| js_sys::Error::new(&traceback))?;
    STARTED.with_borrow_mut(|started| *started = Some(runtime));
    Ok(())
}

/// The restored interpreter, if this instance was restored from the snapshot and no
/// interpreter has taken it yet.
pub fn take_started() -> Option<Rc<PythonRuntime>> {
    STARTED.with_borrow_mut(Option::take)
}
