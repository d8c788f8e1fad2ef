//! The build-time snapshot of a started interpreter (`scripts/snapshot.mjs`).
//!
//! At build time, in Node, `prepareSnapshot` starts an interpreter up to everything that does
//! not depend on the page (builtins, `sys`, the frozen core, the runtime's own modules,
//! `import pyscript`) and keeps it here; the script then writes the wasm memory that differs
//! from a fresh instance's into `dist/`. A page's bootstrap (`js/wasm-instance.js`) writes that memory back into a new
//! instance before anything else runs in it, and `PythonInterpreter.restored` hands out the
//! interpreter, bound to its script type, without running the start-up code again.
//!
//! What a snapshot must not hold: JS objects other than `globalThis` (the script refuses to
//! write one that does), the page's randomness (`random` and `os.urandom` read
//! `crypto.getRandomValues` when used, after the restore) or its time zone.

use pyscript_bridge::errors::format_traceback;
use rustpython_vm::{PyResult, VirtualMachine};
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
    runtime
        .enter(import_pyscript)
        .map_err(|problem| js_sys::Error::new(&problem))?;
    STARTED.with_borrow_mut(|started| *started = Some(runtime));
    Ok(())
}

/// Imports what every page imports before its first script (`pyscript`, with
/// `pyscript.events` for the `py-*` attributes), and checks that the import bound nothing of
/// the page: `pyscript.context` binds the page's names on first use (`_bind`).
fn import_pyscript(vm: &VirtualMachine) -> Result<(), String> {
    let imported = (|| -> PyResult<bool> {
        vm.import("pyscript.events", 0)?;
        let modules = vm.sys_module.get_attr("modules", vm)?;
        let context = modules.get_item("pyscript.context", vm)?;
        let globals = context
            .dict()
            .ok_or_else(|| vm.new_type_error("pyscript.context has no globals"))?;
        Ok(globals.contains_key("RUNNING_IN_WORKER", vm))
    })();
    match imported {
        Ok(false) => Ok(()),
        Ok(true) => Err("snapshot: importing pyscript bound the page's names \
             (pyscript.context._bind ran at build time)"
            .to_owned()),
        Err(exception) => Err(format_traceback(vm, &exception)),
    }
}

/// The restored interpreter, if this instance was restored from the snapshot and no
/// interpreter has taken it yet.
pub fn take_started() -> Option<Rc<PythonRuntime>> {
    STARTED.with_borrow_mut(Option::take)
}

/// Imports the standard library module `name` into the interpreter this instance was restored
/// with, before anything of a page is bound: what a page's own snapshot adds to the build's
/// (`js/page-snapshot.js`). `false` when the module cannot be imported here.
#[wasm_bindgen(js_name = snapshotImport)]
pub fn snapshot_import(name: &str) -> Result<bool, JsValue> {
    if !crate::stdlib_groups::is_stdlib(name) {
        return Err(js_sys::Error::new(&format!("{name} is not a standard library module")).into());
    }
    STARTED.with_borrow(|started| match started {
        Some(runtime) => Ok(runtime.enter(|vm| vm.import(&*vm.ctx.new_str(name), 0).is_ok())),
        None => Err(js_sys::Error::new("this instance was not restored from a snapshot").into()),
    })
}

/// Gives what the standard library modules of a snapshot drew from the build or from an
/// earlier visit a value of this page's: `random`'s generator a new seed (from
/// `crypto.getRandomValues`), `logging`'s start time the page's clock.
pub fn refresh_imported_state(vm: &VirtualMachine) -> PyResult<()> {
    let modules = vm.sys_module.get_attr("modules", vm)?;
    if let Ok(random) = modules.get_item("random", vm) {
        vm.call_method(&random, "seed", ())?;
    }
    if let Ok(logging) = modules.get_item("logging", vm) {
        let time = vm.import("time", 0)?;
        // In nanoseconds, as `logging` keeps it (`relativeCreated` divides by 1e6).
        let now = vm.call_method(&time, "time_ns", ())?;
        logging.set_attr("_startTime", now, vm)?;
    }
    Ok(())
}

/// Lets go of the JS objects the runtime made for its own use and makes again on demand (the
/// host), so that the memory can be written as a snapshot.
#[wasm_bindgen(js_name = releaseForSnapshot)]
pub fn release_for_snapshot() {
    crate::host::release();
}
