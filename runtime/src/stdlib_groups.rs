//! The standard library outside the core frozen into the wasm: groups of modules in files
//! beside it (`dist/stdlib/`, made by `build/stdlib_split.rs`). Before a script runs, core.js
//! asks which files its imports need ([`files_for`]) and hands them over ([`add_file`]); the
//! finder `_pyscript_stdlib.py` then imports from them. A module imported that no scan
//! foresaw (`__import__`, a package's own imports) is fetched there and then, synchronously.

use rustpython_vm::frozen::{FrozenLib, FrozenModule};
use rustpython_vm::{PyRef, PyResult, VirtualMachine, builtins::PyCode};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// A module of the index the build script writes (`build/stdlib_split.rs`).
pub struct IndexedModule {
    name: &'static str,
    /// The number of its group file, or [`NO_GROUP`].
    group: u16,
    package: bool,
    /// The numbers of the modules it imports when it is imported.
    imports: &'static [u16],
}

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

fn module_number(name: &str) -> Option<usize> {
    MODULES
        .binary_search_by(|module| module.name.cmp(name))
        .ok()
}

fn is_loaded(group: u16) -> bool {
    LOADED_GROUPS.with(|groups| groups.borrow().contains(&group))
}

/// Names this build's bytecode: a hash of the group files' hashes. They hold the standard
/// library as this build's compiler wrote it, in this build's marshal format, so the tag
/// changes with either; bytecode kept from an earlier visit is used only under the same tag.
pub fn bytecode_tag() -> String {
    let hashes: Vec<u8> = GROUP_FILES
        .iter()
        .flat_map(|(_, hash)| hash.to_le_bytes())
        .collect();
    format!("{:016x}", crate::content_hash::fnv1a(&hashes))
}

/// The group files (not added yet) that the imports in `source` need, and the modules named
/// in `modules`, with everything those import in turn when imported.
pub fn files_for(source: &str, modules: &[String]) -> Vec<&'static str> {
    let scanned = crate::import_scan::imports(source, "");
    let names = scanned.iter().map(|import| import.module.as_str());
    let mut pending: Vec<usize> = names
        .chain(modules.iter().map(String::as_str))
        .filter_map(module_number)
        .collect();
    let mut seen = BTreeSet::new();
    let mut groups = BTreeSet::new();
    while let Some(number) = pending.pop() {
        if !seen.insert(number) {
            continue;
        }
        let module = &MODULES[number];
        if module.group != NO_GROUP && !is_loaded(module.group) {
            groups.insert(module.group);
        }
        pending.extend(module.imports.iter().map(|&import| usize::from(import)));
    }
    groups
        .into_iter()
        .map(|group| GROUP_FILES[usize::from(group)].0)
        .collect()
}

/// The common group's file while it is not added: what to fetch when the page is idle.
pub fn prefetch_files() -> Vec<&'static str> {
    match GROUP_FILES.get(usize::from(COMMON_GROUP)) {
        Some((file, _)) if !is_loaded(COMMON_GROUP) => vec![*file],
        _ => Vec::new(),
    }
}

/// Adds the group file `file` (its name as [`files_for`] gave it) with its content. Refuses a
/// file that is not one of this build's, or whose content is not what the build wrote.
pub fn add_file(file: &str, bytes: Vec<u8>) -> Result<(), String> {
    let Some(group) = GROUP_FILES.iter().position(|(known, _)| *known == file) else {
        return Err(format!(
            "{file} is not a standard library file of this build"
        ));
    };
    if crate::content_hash::fnv1a(&bytes) != GROUP_FILES[group].1 {
        return Err(format!(
            "{file}: the content is not what the build wrote (a stale or broken copy)"
        ));
    }
    let group = group as u16;
    if is_loaded(group) {
        return Ok(());
    }
    // Kept for the page's lifetime, as the frozen core is: its modules may be imported later.
    // Decoding cannot fail: the content is exactly what the build script encoded.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    LOADED.with(|loaded| {
        loaded
            .borrow_mut()
            .extend(FrozenLib::from_ref(bytes).decode())
    });
    LOADED_GROUPS.with(|groups| groups.borrow_mut().insert(group));
    Ok(())
}

/// Whether `name` is a module of the standard library (frozen into the wasm or in a group
/// file), as opposed to the runtime's own Python, a package or the page's.
pub fn is_stdlib(name: &str) -> bool {
    module_number(name).is_some()
}

/// Whether `name` is a module of a group file: `Some(is_package)`, else `None`.
pub fn find(name: &str) -> Option<bool> {
    let module = &MODULES[module_number(name)?];
    (module.group != NO_GROUP).then_some(module.package)
}

/// The code of the module `name` of a group file, fetching the file first if needed.
pub fn code(vm: &VirtualMachine, name: &str) -> PyResult<PyRef<PyCode>> {
    let import_error = |message: String| vm.new_import_error(message, vm.ctx.new_str(name));
    let group = module_number(name)
        .map(|number| MODULES[number].group)
        .filter(|&group| group != NO_GROUP)
        .ok_or_else(|| import_error(format!("{name} is not a standard library module")))?;
    if !is_loaded(group) {
        let file = GROUP_FILES[usize::from(group)].0;
        let bytes = crate::host::dist_url(&format!("stdlib/{file}"))
            .and_then(|url| crate::host::fetch_bytes_sync(&url))
            .map_err(|error| {
                let reason = pyscript_bridge::errors::describe_js_error(&error);
                let message = format!("cannot load {name}: fetching {file} failed: {reason}");
                // Said in the console too: a codec lookup, for one, turns the error into
                // "unknown encoding".
                crate::host::warn(&message);
                import_error(message)
            })?;
        add_file(file, bytes.to_vec()).map_err(import_error)?;
    }
    let module = LOADED.with(|loaded| loaded.borrow().get(name).copied());
    let module = module
        .ok_or_else(|| import_error(format!("{name} is missing from its standard library file")))?;
    Ok(PyCode::new_ref_from_frozen(vm, module.code))
}

#[cfg(test)]
mod tests {
    use super::{GROUP_FILES, MODULES, NO_GROUP, add_file, files_for, find};
    use rustpython_vm::frozen::FrozenLib;

    #[test]
    fn every_module_is_in_the_file_of_its_group() {
        let directory = concat!(env!("OUT_DIR"), "/stdlib");
        for (number, (file, hash)) in GROUP_FILES.iter().enumerate() {
            let bytes = std::fs::read(format!("{directory}/{file}")).expect("the build wrote it");
            assert_eq!(crate::content_hash::fnv1a(&bytes), *hash, "{file}");
            let names: Vec<&str> = FrozenLib::from_ref(&bytes[..])
                .decode()
                .map(|(name, _)| name)
                .collect();
            for module in MODULES
                .iter()
                .filter(|module| usize::from(module.group) == number)
            {
                assert!(names.contains(&module.name), "{} in {file}", module.name);
            }
        }
        assert!(
            MODULES.windows(2).all(|pair| pair[0].name < pair[1].name),
            "sorted for binary search"
        );
    }

    #[test]
    fn a_file_of_another_build_or_content_is_refused() {
        assert!(add_file("stdlib-nothing-0000000000000000.bin", vec![1]).is_err());
        let (file, _) = GROUP_FILES[0];
        let refused = add_file(file, b"not the content".to_vec()).unwrap_err();
        assert!(refused.contains("not what the build wrote"), "{refused}");
    }

    #[test]
    fn a_pyscript_only_script_needs_no_file_and_json_needs_one() {
        assert_eq!(
            files_for(
                "from pyscript import display, when, web, storage\nimport sys",
                &[]
            ),
            Vec::<&str>::new()
        );
        let json = files_for("import json", &[]);
        assert_eq!(json.len(), 1);
        assert!(json[0].starts_with("stdlib-common-"), "{json:?}");
        assert_eq!(find("json"), Some(true));
        assert_eq!(find("pyscript"), None, "frozen, not in a group");
        assert!(MODULES.iter().any(|module| module.group == NO_GROUP));
    }
}
