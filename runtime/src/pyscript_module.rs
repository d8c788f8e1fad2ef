//! `_pyscript`: the native half of the `pyscript` package. The Python facade in
//! `runtime/python/pyscript/` re-exports these with PyScript's names.

pub(crate) use _pyscript::module_def;

use pyscript_bridge::{convert::js_to_py, js_helpers};
use rustpython_vm::{PyResult, VirtualMachine};
use wasm_bindgen::JsValue;

/// What `_pyscript` answers about the page it runs on, set when an interpreter is given its
/// script type (at start, or once restored from the build-time snapshot, which was made
/// outside any page):
/// - `RUNNING_IN_WORKER`: true in a web worker, exactly when the global scope has no
///   `document`;
/// - `window`: the main thread's `window`: the JS global object on the main thread, its
///   proxy in a worker; `None` in a worker of a page that is not cross-origin isolated.
pub(crate) fn bind_to_page(vm: &VirtualMachine) -> PyResult<()> {
    let native = vm.import("_pyscript", 0)?;
    let in_worker = !js_helpers::has_property(&js_sys::global(), &JsValue::from_str("document"))
        .unwrap_or(false);
    native.set_attr("RUNNING_IN_WORKER", vm.ctx.new_bool(in_worker), vm)?;
    native.set_attr("window", js_to_py(vm, js_helpers::main_window()), vm)
}

#[rustpython_vm::pymodule]
mod _pyscript {
    use pyscript_bridge::{
        convert::{js_to_py, js_to_py_deep, py_to_js},
        errors::js_exception_type,
        event::Event,
        js_proxy::JsProxy,
    };
    use rustpython_vm::class::PyClassImpl;
    use rustpython_vm::{
        PyObjectRef, PyPayload, PyResult, VirtualMachine,
        builtins::{PyBaseExceptionRef, PyStrRef, PyTypeRef},
        function::{FuncArgs, OptionalArg},
    };
    use wasm_bindgen::JsValue;

    /// What `core.js` (`"main"`) or `worker.js` (`"worker"`) offers Python in this context:
    /// the JS object at `globalThis[Symbol.for("pyscript-rs.<name>")]`, else `None`.
    #[pyfunction]
    fn host(name: PyStrRef, vm: &VirtualMachine) -> PyObjectRef {
        let key = js_sys::Symbol::for_(&format!("pyscript-rs.{}", name.to_string_lossy()));
        let value = js_sys::Reflect::get(&js_sys::global(), &key).unwrap_or(JsValue::UNDEFINED);
        js_to_py(vm, value)
    }

    #[pyattr(name = "Event")]
    fn event_class(_vm: &VirtualMachine) -> PyTypeRef {
        Event::make_static_type()
    }

    #[pyattr(name = "JsProxy")]
    fn js_proxy_class(vm: &VirtualMachine) -> PyTypeRef {
        JsProxy::class(&vm.ctx).to_owned()
    }

    #[pyattr(name = "JsException")]
    fn js_exception_class(vm: &VirtualMachine) -> PyTypeRef {
        js_exception_type(vm)
    }

    /// JS `null`, for the rare API that tells it apart from `undefined` (which `None` becomes).
    #[pyattr]
    fn jsnull(vm: &VirtualMachine) -> PyObjectRef {
        JsProxy::wrap(vm, JsValue::NULL)
    }

    /// Converts a Python value to its JS counterpart and returns it as a proxy.
    #[pyfunction]
    fn to_js(value: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let converted = py_to_js(vm, &value)?;
        Ok(JsProxy::wrap(vm, converted))
    }

    /// A JS function calling `function` until its `destroy()` is called.
    #[pyfunction]
    fn create_proxy(function: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        if function.to_callable().is_none() {
            return Err(vm.new_type_error(format!(
                "create_proxy() needs a callable, not '{}'",
                function.class().name()
            )));
        }
        let proxy = pyscript_bridge::function_proxy::destroyable_function(vm, function);
        Ok(JsProxy::wrap(vm, proxy))
    }

    /// `compile()` that first refuses source nested deeper than the compiler can take.
    #[pyfunction]
    fn _checked_compile(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        crate::compile_guard::checked_compile(args, vm)
    }

    /// `exec()` that first refuses source nested deeper than the compiler can take.
    #[pyfunction]
    fn _checked_exec(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        crate::compile_guard::checked_run("exec", args, vm)
    }

    /// `eval()` that first refuses source nested deeper than the compiler can take.
    #[pyfunction]
    fn _checked_eval(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        crate::compile_guard::checked_run("eval", args, vm)
    }

    /// Writes out buffered `sys.stdout`/`sys.stderr` (the event loop calls it after a turn).
    #[pyfunction]
    fn flush_stdio(vm: &VirtualMachine) {
        pyscript_bridge::function_proxy::flush_stdio(vm);
    }

    /// Shows `text` on the page and in the console, as a script's error is shown.
    #[pyfunction]
    fn report_error(text: PyStrRef) {
        crate::error_report::report_error(&text.to_string_lossy());
    }

    /// Shows `exception` with its traceback (source lines quoted) as a script's error is,
    /// under `context` when given ("Task exception was never retrieved").
    #[pyfunction]
    fn report_exception(
        exception: PyBaseExceptionRef,
        context: OptionalArg<PyStrRef>,
        vm: &VirtualMachine,
    ) {
        let traceback = pyscript_bridge::errors::format_traceback(vm, &exception);
        let text = match context {
            OptionalArg::Present(context) => format!("{context}\n{traceback}"),
            OptionalArg::Missing => traceback,
        };
        crate::error_report::report_error(text.trim_end());
    }

    /// Whether `function` is called with the event (it takes a parameter) or bare.
    #[pyfunction]
    fn takes_arguments(function: PyObjectRef, vm: &VirtualMachine) -> PyResult<bool> {
        pyscript_bridge::event::takes_arguments(&function, vm)
    }

    /// The page's base URL, in a worker too: relative URLs of Python resolve against it.
    #[pyfunction]
    fn page_url() -> String {
        crate::host::page_url()
    }

    /// A proxy of the Promise of the JS module at `url` (relative to the page).
    #[pyfunction]
    fn import_module(url: PyStrRef, vm: &VirtualMachine) -> PyObjectRef {
        let promise = crate::host::import_module(&url.to_string_lossy());
        js_to_py(vm, promise.into())
    }

    /// A proxy of the Promise of `name`, a module of `dist/` (beside core.js).
    #[pyfunction]
    fn import_dist_module(name: PyStrRef, vm: &VirtualMachine) -> PyObjectRef {
        let promise = crate::host::import_dist_module(&name.to_string_lossy());
        js_to_py(vm, promise.into())
    }

    /// The text `pyscript.storage` stores for `value` (see storage_codec.rs).
    #[pyfunction]
    fn storage_encode(value: PyObjectRef, vm: &VirtualMachine) -> PyResult<String> {
        crate::storage_codec::encode(vm, &value)
    }

    /// The value a stored text stands for. A value that is not text (written there by other
    /// code) is returned as it is, so one odd entry does not stop a store from opening.
    #[pyfunction]
    fn storage_decode(stored: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        match stored.downcast_ref::<rustpython_vm::builtins::PyStr>() {
            Some(text) => crate::storage_codec::decode(vm, &text.to_string_lossy()),
            None => Ok(stored),
        }
    }

    /// Makes `path` a mount point of `pyscript.fs` (`mode` "read" or "readwrite": it cannot
    /// be moved or removed; "read" refuses every change under it with `EROFS`), or an ordinary
    /// directory again (`mode` None).
    #[pyfunction]
    fn set_mount_point(
        path: PyStrRef,
        mode: Option<PyStrRef>,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        let read_only = match mode.as_ref().map(|mode| mode.to_string_lossy()) {
            None => None,
            Some(mode) if mode == "read" => Some(true),
            Some(mode) if mode == "readwrite" => Some(false),
            Some(mode) => return Err(vm.new_value_error(format!("unknown mount mode {mode:?}"))),
        };
        let path = path.to_string_lossy();
        crate::posix_module::with_file_system(|fs| fs.set_mount_point(&path, read_only));
        Ok(())
    }

    /// Names this build's bytecode (`stdlib_groups::bytecode_tag`), for bytecode kept
    /// across visits (`_pyscript_package_bytecode`).
    #[pyfunction]
    fn bytecode_tag() -> String {
        crate::stdlib_groups::bytecode_tag()
    }

    /// Whether `name` is a standard library module of a group file (`_pyscript_stdlib`):
    /// whether it is a package, or None.
    #[pyfunction]
    fn stdlib_find(name: PyStrRef) -> Option<bool> {
        crate::stdlib_groups::find(&name.to_string_lossy())
    }

    /// The code of the standard library module `name`, from its group file.
    #[pyfunction]
    fn stdlib_code(
        name: PyStrRef,
        vm: &VirtualMachine,
    ) -> PyResult<rustpython_vm::PyRef<rustpython_vm::builtins::PyCode>> {
        crate::stdlib_groups::code(vm, &name.to_string_lossy())
    }

    /// Converts a JS value held by a proxy deeply into Python lists and dicts.
    #[pyfunction]
    fn to_py(value: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        match value.downcast_ref::<JsProxy>() {
            Some(proxy) => js_to_py_deep(vm, proxy.value().clone()),
            None => Ok(value),
        }
    }
}
