//! The standard library outside the core frozen into the wasm: groups of modules in files
//! beside it (`dist/stdlib/`, made by `build/stdlib_split.rs`). Before a script runs, core.js
//! asks which files its imports need ([`files_for`]) and hands them over ([`add_file`]); the
//! finder `_pyscript_stdlib.py` then imports from them. A module imported that no scan
//! foresaw (`__import__`, a package's own imports) is fetched there and then, synchronously.

use rustpython_vm::frozen::{FrozenLib, FrozenModule};
use rustpython_vm::{PyRef, PyResult, VirtualMachine, builtins::PyCode};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::prelude::*;

include!(concat!(env!("OUT_DIR"), "/stdlib_index.rs"));

/// The group of the modules frozen into the wasm (and of the runtime's own Python).
const NO_GROUP: u16 = u16::MAX;

/// What starting the interpreter and `import pyscript` need, frozen into the wasm.
pub static CORE: &FrozenLib =
    FrozenLib::from_ref(include_bytes!(concat!(env!("OUT_DIR"), "/stdlib_core.bin")) as &[u8]);

thread_local! {
    /// The modules of every group file added so far (one set for all interpreters).
    static LOADED: RefCell<HashMap<&'static str, FrozenModule<&'static [u8]>>> = RefCell::new(HashMap::new());
    static LOADED_GROUPS: RefCell<BTreeSet<u16>> = const { RefCell::new(BTreeSet::new()) };
}

#[wasm_bindgen(inline_js = r#"
// wasm-bindgen writes this file to `dist/snippets/<crate>-<hash>/inline0.js`.
export function fetch_group_file_sync(file) {
    const request = new XMLHttpRequest();
    request.open("GET", new URL(`../../stdlib/${file}`, import.meta.url).href, false);
    // A window's synchronous request cannot ask for an ArrayBuffer: bytes come as text.
    if (globalThis.document) request.overrideMimeType("text/plain; charset=x-user-defined");
    else request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`HTTP ${request.status} ${request.statusText}`);
    if (request.responseType === "arraybuffer") return new Uint8Array(request.response);
    const text = request.responseText;
    const bytes = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index) & 0xff;
    return bytes;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn fetch_group_file_sync(file: &str) -> Result<js_sys::Uint8Array, JsValue>;
}

fn module_number(name: &str) -> Option<usize> {
    MODULES
        .binary_search_by(|(module, ..)| (*module).cmp(name))
        .ok()
}

fn is_loaded(group: u16) -> bool {
    LOADED_GROUPS.with(|groups| groups.borrow().contains(&group))
}

/// The group files (not added yet) that the imports in `source` need, with everything those
/// modules import in turn outside function bodies.
pub fn files_for(source: &str) -> Vec<&'static str> {
    let mut pending: Vec<usize> = crate::import_scan::imports(source, "")
        .iter()
        .filter_map(|import| module_number(&import.module))
        .collect();
    // Code that awaits, at top level or in an `async def` handler, runs on the event loop.
    if source.contains("await") || source.contains("async") {
        pending.extend(module_number("_pyscript_loop"));
    }
    let mut seen = BTreeSet::new();
    let mut groups = BTreeSet::new();
    while let Some(number) = pending.pop() {
        if !seen.insert(number) {
            continue;
        }
        let (_, group, _, imports) = MODULES[number];
        if group != NO_GROUP && !is_loaded(group) {
            groups.insert(group);
        }
        pending.extend(imports.iter().map(|&import| usize::from(import)));
    }
    groups
        .into_iter()
        .map(|group| GROUP_FILES[usize::from(group)])
        .collect()
}

/// The common group's file while it is not added: what to fetch when the page is idle.
pub fn prefetch_files() -> Vec<&'static str> {
    GROUP_FILES
        .iter()
        .enumerate()
        .filter(|(number, file)| file.starts_with("stdlib-common-") && !is_loaded(*number as u16))
        .map(|(_, file)| *file)
        .collect()
}

/// Adds the group file `file` (its name as [`files_for`] gave it) with its content. Refuses a
/// file that is not one of this build's, or whose content does not match its name's hash.
pub fn add_file(file: &str, bytes: Vec<u8>) -> Result<(), String> {
    let Some(group) = GROUP_FILES.iter().position(|known| *known == file) else {
        return Err(format!(
            "{file} is not a standard library file of this build"
        ));
    };
    let expected = file
        .rsplit_once('-')
        .and_then(|(_, hash)| hash.strip_suffix(".bin"));
    if expected != Some(format!("{:016x}", crate::content_hash::fnv1a(&bytes)).as_str()) {
        return Err(format!(
            "{file}: the content does not match its hash (a stale or broken copy)"
        ));
    }
    if is_loaded(group as u16) {
        return Ok(());
    }
    // Kept for the page's lifetime, as the frozen core is: its modules may be imported later.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    LOADED.with(|loaded| {
        loaded
            .borrow_mut()
            .extend(FrozenLib::from_ref(bytes).decode())
    });
    LOADED_GROUPS.with(|groups| groups.borrow_mut().insert(group as u16));
    Ok(())
}

/// Whether `name` is a module of a group file: `Some(is_package)`, else `None`.
pub fn find(name: &str) -> Option<bool> {
    let (_, group, package, _) = MODULES[module_number(name)?];
    (group != NO_GROUP).then_some(package)
}

/// The code of the module `name` of a group file, fetching the file first if needed.
pub fn code(vm: &VirtualMachine, name: &str) -> PyResult<PyRef<PyCode>> {
    let Some(number) = module_number(name).filter(|&number| MODULES[number].1 != NO_GROUP) else {
        return Err(vm.new_import_error(
            format!("{name} is not a standard library module"),
            vm.ctx.new_str(name),
        ));
    };
    let group = MODULES[number].1;
    if !is_loaded(group) {
        let file = GROUP_FILES[usize::from(group)];
        let bytes = fetch_group_file_sync(file).map_err(|error| {
            let reason = pyscript_bridge::errors::describe_js_error(&error);
            vm.new_import_error(
                format!("cannot load {name}: fetching {file} failed: {reason}"),
                vm.ctx.new_str(name),
            )
        })?;
        add_file(file, bytes.to_vec())
            .map_err(|message| vm.new_import_error(message, vm.ctx.new_str(name)))?;
    }
    let module = LOADED.with(|loaded| loaded.borrow().get(name).copied());
    let module = module.ok_or_else(|| {
        vm.new_import_error(
            format!("{name} is missing from its standard library file"),
            vm.ctx.new_str(name),
        )
    })?;
    Ok(PyCode::new_ref_from_frozen(vm, module.code))
}
