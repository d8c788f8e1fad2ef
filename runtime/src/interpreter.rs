//! One RustPython interpreter, with the standard library, the `pyscript` package and the
//! browser console as stdout/stderr, registered so JS callbacks can re-enter it.

use pyscript_bridge::{convert::js_to_py, errors::format_traceback, js_proxy, reentry};
use rustpython_vm::{
    Interpreter, PyObjectRef, PyResult, Settings, VirtualMachine,
    class::PyClassImpl,
    function::{FuncArgs, KwArgs},
    scope::Scope,
};
use std::{cell::Cell, rc::Rc};

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

pub struct PythonRuntime {
    interpreter: Rc<Interpreter>,
    /// The globals of `__main__`, shared by every script of this interpreter.
    main_scope: Scope,
    id: String,
}

impl PythonRuntime {
    /// Starts an interpreter whose `pyscript.config` is `{"type": script_type}`.
    pub fn start(script_type: &str) -> Result<Rc<Self>, String> {
        let runtime = Self::start_unbound()?;
        runtime.bind_type(script_type)?;
        Ok(runtime)
    }

    /// Starts an interpreter up to everything that does not depend on the page or the
    /// script type: what the build-time snapshot (`snapshot.rs`) keeps.
    pub fn start_unbound() -> Result<Rc<Self>, String> {
        let id = NEXT_ID.with(|next| {
            let id = next.get();
            next.set(id + 1);
            format!("interpreter-{id}")
        });
        let mut settings = Settings::default();
        // `site` needs `os`, which a browser does not have; nothing here needs `site`.
        settings.import_site = false;
        settings.allow_external_library = false;
        let builder = Interpreter::builder(settings);
        // Without `_datetime` and the other modules patches/rustpython-stdlib-0.6.0.patch
        // leaves out: `datetime` uses the pure-Python `_pydatetime`, which reads `time.time()`.
        let stdlib = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
        let pyscript = crate::pyscript_module::module_def(&builder.ctx);
        let web = pyscript_web::module_def(&builder.ctx);
        let posix = crate::posix_module::module_def(&builder.ctx);
        let hook_id = id.clone();
        let interpreter = Rc::new(
            builder
                .add_native_modules(&stdlib)
                .add_native_module(pyscript)
                .add_native_module(web)
                .add_native_module(posix)
                // The standard library's core; the rest is imported from group files
                // (`stdlib_groups.rs`).
                .add_frozen_modules(crate::stdlib_groups::CORE)
                .add_frozen_modules(rustpython_vm::py_freeze!(dir = "../python"))
                .add_frozen_modules(pyscript_web::FROZEN_PYTHON)
                .init_hook(move |vm| vm.wasm_id = Some(hook_id))
                .build(),
        );
        pyscript_bridge::errors::set_traceback_annotator(crate::source_lines::quote_in_traceback);
        pyscript_bridge::function_proxy::set_stream_flusher(crate::console::flush_stream);
        let main_scope =
            interpreter.enter(|vm| prepare(vm).map_err(|exc| format_traceback(vm, &exc)))?;
        reentry::register(&id, &interpreter);
        Ok(Rc::new(Self {
            interpreter,
            main_scope,
            id,
        }))
    }

    /// Makes this the interpreter of `script_type` scripts: `pyscript.config` is
    /// `{"type": script_type}` until the page's config is set.
    pub fn bind_type(&self, script_type: &str) -> Result<(), String> {
        self.interpreter.enter(|vm| {
            let bound = (|| -> PyResult<()> {
                crate::pyscript_module::bind_to_page(vm)?;
                let native = vm.import("_pyscript", 0)?;
                // Interned, as a literal is: pages test `config["type"] is "mpy"`.
                let script_type = vm.ctx.intern_str(script_type).to_owned();
                let config = vm.ctx.new_dict();
                config.set_item("type", script_type.clone().into(), vm)?;
                native.set_attr("config", config, vm)?;
                native.set_attr("script_type", script_type, vm)
            })();
            bound.map_err(|exc| format_traceback(vm, &exc))
        })
    }

    pub fn enter<R>(&self, f: impl FnOnce(&VirtualMachine) -> R) -> R {
        self.interpreter.enter(f)
    }

    pub fn main_scope(&self) -> Scope {
        self.main_scope.clone()
    }
}

impl Drop for PythonRuntime {
    fn drop(&mut self) {
        reentry::unregister(&self.id);
    }
}

/// Imports from the in-memory file system, as CPython does from disk: RustPython installs
/// `importlib`'s path-based finder only with a host file system, and this runtime brings its
/// own (`posix_module.rs`). The working directory comes first on `sys.path`, so a module a
/// script writes there imports at once (Pyodide puts its home directory there too).
fn install_file_importers(vm: &VirtualMachine) -> PyResult<()> {
    let bootstrap = vm.import("_frozen_importlib", 0)?;
    vm.call_method(&bootstrap, "_install_external_importers", ())?;
    // Compiled modules would only fill the in-memory file system with `__pycache__`.
    vm.sys_module
        .set_attr("dont_write_bytecode", vm.ctx.true_value.clone(), vm)?;
    let path = vm.sys_module.get_attr("path", vm)?;
    vm.call_method(&path, "insert", (0, crate::posix_module::HOME))?;
    Ok(())
}

/// Console streams, browser clocks, `import js` and `__main__`.
fn prepare(vm: &VirtualMachine) -> PyResult<Scope> {
    // Native classes used outside a module's import must exist before their first instance.
    let _ = js_proxy::JsProxy::make_static_type();
    let _ = js_proxy::JsIterator::make_static_type();
    let _ = crate::console::ConsoleStream::make_static_type();
    crate::console::install(vm)?;
    crate::browser_clock::install(vm)?;
    crate::compile_guard::install(vm)?;
    // First, so every later import may come from the standard library's group files.
    let stdlib = vm.import("_pyscript_stdlib", 0)?;
    vm.call_method(&stdlib, "install", ())?;
    let files = vm.import("_pyscript_files", 0)?;
    let open = files.get_attr("open", vm)?;
    let open_code = files.get_attr("open_code", vm)?;
    vm.builtins.set_attr("open", open.clone(), vm)?;
    for module in ["io", "_io"] {
        let module = vm.import(module, 0)?;
        module.set_attr("open", open.clone(), vm)?;
        module.set_attr("open_code", open_code.clone(), vm)?;
    }
    install_file_importers(vm)?;
    // `asyncio` gets the browser-driven event loop when a script first imports it.
    let hooks = vm.import("_pyscript_import_hooks", 0)?;
    vm.call_method(&hooks, "install", ())?;
    let modules = vm.sys_module.get_attr("modules", vm)?;
    let global_this: PyObjectRef = js_to_py(vm, js_sys::global().into());
    modules.set_item("js", global_this, vm)?;
    let native = vm.import("_pyscript", 0)?;
    // The output element of the script running, as a context variable: tasks copy it when
    // they are made, so an awaiting script's later `display()` still finds its own.
    let context_var = vm.import("_contextvars", 0)?.get_attr("ContextVar", vm)?;
    let default = KwArgs::from_iter([("default".to_owned(), vm.ctx.new_str("").into())]);
    let script_target = context_var.call(
        FuncArgs::new(
            vec![vm.ctx.new_str("pyscript.script_target").into()],
            default,
        ),
        vm,
    )?;
    native.set_attr("script_target", script_target, vm)?;
    vm.new_scope_with_main()
}
