//! What the page's JavaScript calls: start an interpreter, give it its config, run a script.

use rustpython_vm::{
    PyObjectRef, PyResult, VirtualMachine,
    builtins::{PyDict, PyStr},
    function::{FuncArgs, KwArgs},
};
use std::rc::Rc;
use wasm_bindgen::prelude::*;

use crate::interpreter::PythonRuntime;
use pyscript_bridge::{
    awaitable::future_to_promise,
    convert::{js_to_py, py_to_js},
    errors::{js_error_to_py, py_error_to_js, to_js_result},
    js_helpers::object_entries,
};
use rustpython_vm::bytecode::CodeFlags;

/// One Python interpreter of the page: all main-thread scripts of one type share it.
#[wasm_bindgen]
pub struct PythonInterpreter {
    runtime: Rc<PythonRuntime>,
}

#[wasm_bindgen]
impl PythonInterpreter {
    /// Starts an interpreter for `<script type="py">` (`"py"`) or `"mpy"` scripts.
    #[wasm_bindgen(constructor)]
    pub fn new(script_type: &str) -> Result<PythonInterpreter, JsValue> {
        check_script_type(script_type)?;
        let runtime = PythonRuntime::start(script_type)
            .map_err(|traceback| JsValue::from(js_sys::Error::new(&traceback)))?;
        Ok(Self { runtime })
    }

    /// The interpreter of the build-time snapshot this instance was restored from
    /// (`snapshot.rs`), bound to `script_type`; `undefined` when there is none (the instance
    /// started fresh, or an interpreter already took it).
    pub fn restored(script_type: &str) -> Result<Option<PythonInterpreter>, JsValue> {
        check_script_type(script_type)?;
        let Some(runtime) = crate::snapshot::take_started() else {
            return Ok(None);
        };
        runtime
            .bind_type(script_type)
            .map_err(|traceback| JsValue::from(js_sys::Error::new(&traceback)))?;
        runtime.enter(|vm| {
            crate::snapshot::refresh_imported_state(vm)
                .map_err(|exception| py_error_to_js(vm, &exception))
        })?;
        Ok(Some(Self { runtime }))
    }

    /// The standard library modules imported so far (`sys.modules`), sorted: what a page's
    /// own snapshot would hold (`js/page-snapshot.js`).
    #[wasm_bindgen(js_name = stdlibModules)]
    pub fn stdlib_modules(&self) -> Result<Vec<String>, JsValue> {
        self.runtime.enter(|vm| {
            let imported = (|| -> PyResult<Vec<String>> {
                let modules = vm.sys_module.get_attr("modules", vm)?;
                let names: Vec<PyObjectRef> = modules.try_to_value(vm)?;
                let mut names: Vec<String> = names
                    .iter()
                    .filter_map(|name| name.downcast_ref::<PyStr>()?.to_str().map(str::to_owned))
                    .filter(|name| crate::stdlib_groups::is_stdlib(name))
                    .collect();
                names.sort();
                Ok(names)
            })();
            imported.map_err(|exception| py_error_to_js(vm, &exception))
        })
    }

    /// Parses `text` as `format` ("json" or "toml"), installs it as `pyscript.config` (plus
    /// its `type`) and returns it as JSON text for the bootstrap's own use. A parse error
    /// is thrown as a `PythonError` whose message names the problem.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&self, text: &str, format: &str) -> Result<String, JsValue> {
        self.runtime
            .enter(|vm| to_js_result(vm, install_config(vm, text, format)))
    }

    /// Runs `code` in `__main__`, with `current_target()` answering `target_id`. A Python
    /// exception is thrown as a `PythonError` carrying the traceback.
    ///
    /// Top-level `await` is allowed unless `top_level_await` is false (`async="false"`). Code
    /// that awaits runs up to its first suspension now, then as a task of the interpreter's
    /// event loop: `run` returns a `Promise` that settles when the task ends (rejecting with
    /// a `PythonError`). Code that does not await returns `undefined` once it has run.
    pub fn run(
        &self,
        code: &str,
        filename: &str,
        target_id: &str,
        top_level_await: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let scope = self.runtime.main_scope();
        crate::source_lines::remember(filename, code);
        self.runtime.enter(|vm| {
            let result = set_target_id(vm, target_id)
                .and_then(|()| {
                    let top_level_await = top_level_await.unwrap_or(true);
                    crate::compile_guard::compile_script(vm, code, filename, top_level_await)
                })
                .and_then(|code| {
                    let is_coroutine = code.flags.contains(CodeFlags::COROUTINE);
                    let value = vm.run_code_obj(code, scope)?;
                    if !is_coroutine {
                        return Ok(JsValue::UNDEFINED);
                    }
                    start_as_task(vm, value, filename)
                });
            pyscript_bridge::function_proxy::flush_stdio(vm);
            result.map_err(|exception| py_error_to_js(vm, &exception))
        })
    }
}

fn check_script_type(script_type: &str) -> Result<(), JsValue> {
    if script_type == "py" || script_type == "mpy" {
        return Ok(());
    }
    Err(js_sys::TypeError::new(&format!(
        "unknown script type '{script_type}': expected 'py' or 'mpy'"
    ))
    .into())
}

#[wasm_bindgen]
impl PythonInterpreter {
    /// The globals a worker's script names in `__export__` (a list or tuple of names), as a
    /// JS object of their JS values (functions stay callable), for `workers[name]`. An empty
    /// object when there is no `__export__`; a `PythonError` for a name that is not defined.
    pub fn exported(&self) -> Result<JsValue, JsValue> {
        let globals = self.runtime.main_scope().globals;
        self.runtime.enter(|vm| {
            let exported = (|| -> PyResult<JsValue> {
                let object = js_sys::Object::new();
                let Some(names) = globals.get_item_opt("__export__", vm)? else {
                    return Ok(object.into());
                };
                let names: Vec<rustpython_vm::builtins::PyStrRef> =
                    names.try_to_value(vm).map_err(|_| {
                        vm.new_type_error("__export__ must be a list or tuple of names (str)")
                    })?;
                for name in names {
                    let value = globals.get_item_opt(&*name, vm)?.ok_or_else(|| {
                        vm.new_name_error(
                            format!("__export__ names '{name}', which the script does not define"),
                            name.clone(),
                        )
                    })?;
                    js_sys::Reflect::set(
                        &object,
                        &JsValue::from_str(&name.to_string_lossy()),
                        &py_to_js(vm, &value)?,
                    )
                    .map_err(|error| js_error_to_py(vm, error))?;
                }
                Ok(object.into())
            })();
            to_js_result(vm, exported)
        })
    }
}

#[wasm_bindgen]
impl PythonInterpreter {
    /// Makes the config's `js_modules.main` importable (`from pyscript.js_modules import
    /// name`): `modules` maps names to loaded module namespaces, `failures` names to why one
    /// did not load (raised as `ImportError` when Python asks for it).
    #[wasm_bindgen(js_name = setJsModules)]
    pub fn set_js_modules(&self, modules: JsValue, failures: JsValue) -> Result<(), JsValue> {
        self.runtime.enter(|vm| {
            let installed = (|| -> PyResult<()> {
                let native = vm.import("_pyscript", 0)?;
                native.set_attr("js_modules", js_object_to_dict(vm, &modules)?, vm)?;
                native.set_attr("js_module_failures", js_object_to_dict(vm, &failures)?, vm)?;
                Ok(())
            })();
            to_js_result(vm, installed)
        })
    }

    /// Puts in place what the config asks for before the first script: its `files` in the
    /// file system, then its `packages` and `packages_lock` installed (relative URLs against
    /// `base_url`, the config file's URL). A Promise that settles once done, or rejects with
    /// a `PythonError` naming what failed. Call it only when the config has one of those: it
    /// starts the event loop.
    pub fn prepare(&self, base_url: &str) -> Result<JsValue, JsValue> {
        self.runtime.enter(|vm| {
            let preparing = (|| -> PyResult<JsValue> {
                let config = vm.import("_pyscript", 0)?.get_attr("config", vm)?;
                let setup = vm.import("_pyscript_setup", 0)?;
                let coroutine = vm.call_method(&setup, "prepare", (config, base_url))?;
                start_as_task(vm, coroutine, "<config>")
            })();
            to_js_result(vm, preparing)
        })
    }

    /// The JS function the bootstrap calls when the event of a `py-<event>="name"` (or
    /// `mpy-`) attribute fires: `(attribute, name, event)`. It resolves `name` among the
    /// globals of `__main__` at that moment and reports its own errors on the page.
    #[wasm_bindgen(js_name = eventAttributeHandler)]
    pub fn event_attribute_handler(&self) -> Result<JsValue, JsValue> {
        self.runtime.enter(|vm| {
            let handler = vm
                .import("pyscript.events", 0)
                // `import` answers the top-level package, as `__import__` does.
                .and_then(|pyscript| pyscript.get_attr("events", vm))
                .and_then(|events| events.get_attr("_handle_attribute", vm))
                .and_then(|handler| py_to_js(vm, &handler));
            to_js_result(vm, handler)
        })
    }
}

/// Runs `coroutine` as an eagerly started task of the interpreter's event loop (named
/// `name`) and returns a Promise of its outcome.
fn start_as_task(vm: &VirtualMachine, coroutine: PyObjectRef, name: &str) -> PyResult<JsValue> {
    let event_loop = vm.import("_pyscript_loop", 0)?;
    let task = vm.call_method(&event_loop, "start_script", (coroutine, name))?;
    future_to_promise(vm, &task).map(JsValue::from)
}

/// A dict of the own enumerable properties of a JS object, values as proxies.
fn js_object_to_dict(vm: &VirtualMachine, object: &JsValue) -> PyResult<PyObjectRef> {
    let dict = vm.ctx.new_dict();
    if object.is_object() {
        let entries = object_entries(object).map_err(|error| js_error_to_py(vm, error))?;
        for entry in entries.iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            dict.set_item(&*js_to_py(vm, pair.get(0)), js_to_py(vm, pair.get(1)), vm)?;
        }
    }
    Ok(dict.into())
}

/// Makes `target_id` the output element of the code about to run (and of the tasks and
/// handlers it makes): `_pyscript.script_target`, a context variable, set in the context
/// runs from JS share.
fn set_target_id(vm: &VirtualMachine, target_id: &str) -> PyResult<()> {
    let script_target = vm.import("_pyscript", 0)?.get_attr("script_target", vm)?;
    vm.call_method(&script_target, "set", (target_id,))
        .map(drop)
}

fn install_config(vm: &VirtualMachine, text: &str, format: &str) -> PyResult<String> {
    let parsed = match format {
        "json" => vm.call_method(&*vm.import("json", 0)?, "loads", (text,))?,
        "toml" => vm.call_method(&*vm.import("tomllib", 0)?, "loads", (text,))?,
        other => {
            return Err(vm.new_value_error(format!(
                "unknown config format '{other}': expected 'json' or 'toml'"
            )));
        }
    };
    if parsed.downcast_ref::<PyDict>().is_none() {
        return Err(vm.new_type_error(format!(
            "a config must be a table/object, not {}",
            parsed.class().name()
        )));
    }
    let native = vm.import("_pyscript", 0)?;
    let script_type = native.get_attr("script_type", vm)?;
    parsed.set_item("type", script_type, vm)?;
    native.set_attr("config", parsed.clone(), vm)?;
    // Dates and times from TOML have no JSON form: the bootstrap gets their text.
    let json = vm.import("json", 0)?;
    let dumps = json.get_attr("dumps", vm)?;
    let builtins_str = vm.builtins.get_attr("str", vm)?;
    let options = KwArgs::from_iter([("default".to_owned(), builtins_str)]);
    let text = dumps.call(FuncArgs::new(vec![parsed], options), vm)?;
    let text = text
        .downcast::<PyStr>()
        .map_err(|_| vm.new_type_error("json.dumps did not return a str"))?;
    Ok(text.to_string_lossy().into_owned())
}

/// The standard library files (in `dist/stdlib/`) that the imports of `code`, and the modules
/// named in `modules`, need and that are not added yet: core.js fetches them before it runs
/// `code` (or before the runtime imports `modules` itself).
#[wasm_bindgen(js_name = stdlibFilesFor)]
pub fn stdlib_files_for(code: &str, modules: Vec<String>) -> Vec<String> {
    crate::stdlib_groups::files_for(code, &modules)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// The standard library files worth fetching once the page is idle.
#[wasm_bindgen(js_name = stdlibPrefetchFiles)]
pub fn stdlib_prefetch_files() -> Vec<String> {
    crate::stdlib_groups::prefetch_files()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Adds a standard library file that core.js fetched (for every interpreter of the page).
#[wasm_bindgen(js_name = addStdlibFile)]
pub fn add_stdlib_file(file: &str, bytes: Vec<u8>) -> Result<(), JsValue> {
    crate::stdlib_groups::add_file(file, bytes)
        .map_err(|message| js_sys::Error::new(&message).into())
}
