//! Splits RustPython's frozen standard library (718 modules, 7.9 MB of compressed bytecode)
//! so a page downloads only what it imports:
//! - the core, frozen into the wasm: what starting the interpreter and `import pyscript` run
//!   (the closure of `CORE_ROOTS`), written to `$OUT_DIR/stdlib_core.bin`;
//! - the common group, one file: the closure of `COMMON_ROOTS` (what pages import most), so
//!   `import json, re, datetime, asyncio` is one request;
//! - every other top-level name (`xml`, `email`, `sqlite3`, `wave`, ...) as a group of its own.
//!
//! Group files (`$OUT_DIR/stdlib/stdlib-<group>-<hash>.bin`, the hash of the content, so they
//! can be cached for ever) use RustPython's own frozen-library format. `$OUT_DIR/stdlib_index.rs`
//! lists every module (the runtime's own Python too) with its group, whether it is a package
//! and the modules it imports outside function bodies, which the runtime follows to fetch a
//! script's imports before it runs (`runtime/src/stdlib_groups.rs`).
//! "Closure" here follows imports that run when a module is imported (see `import_scan.rs`):
//! a lazy import runs later, and the runtime fetches its group then.

use crate::content_hash::fnv1a;
use crate::import_scan;
use rustpython_compiler_core::frozen::FrozenLib;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// What starting the interpreter imports: the codecs RustPython sets up, and the runtime's
/// start-up modules (`runtime/src/interpreter.rs`), with their imports; plus `importlib`,
/// which `pyscript` uses to import its optional parts.
const CORE_ROOTS: &[&str] = &[
    "encodings",
    "encodings.aliases",
    "encodings.ascii",
    "encodings.latin_1",
    "encodings.utf_8",
    "encodings.utf_8_sig",
    "io",
    "linecache",
    "_pyscript_stdlib",
    "_pyscript_files",
    "_pyscript_import_hooks",
    "pyscript",
    "importlib",
];

/// What pages import most: the bench's `stdlib_import` workload (`json, re, datetime,
/// dataclasses, typing, asyncio`) and a few small neighbours. Kept small: every page that
/// imports one of them downloads all of it.
const COMMON_ROOTS: &[&str] = &[
    "json",
    "re",
    "datetime",
    "asyncio",
    "dataclasses",
    "typing",
    "random",
    "enum",
    "string",
    "textwrap",
    "copy",
    "base64",
    "_pyscript_loop",
    // What `open()` uses (`_pyscript_files`), and the codecs most often named.
    "_pyio",
    "os",
    "encodings.utf_16",
    "encodings.utf_16_le",
    "encodings.utf_16_be",
    "encodings.utf_32",
    "encodings.cp1252",
];

struct Module {
    /// The bytecode (marshal data in a stored LZ4 block, `lz4_stored.rs`), or `None` for the
    /// runtime's own modules (frozen by `py_freeze!` in the runtime and `web` crates).
    code: Option<Vec<u8>>,
    package: bool,
    imports: Vec<String>,
}

pub fn write(out_dir: &Path) {
    let mut modules = stdlib_modules();
    add_repository_modules(&mut modules, Path::new("python"));
    add_repository_modules(&mut modules, Path::new("../web/python"));
    let names: Vec<&String> = modules.keys().collect();
    let number: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index))
        .collect();

    let core = closure(&modules, CORE_ROOTS);
    let common: BTreeSet<String> = closure(&modules, COMMON_ROOTS)
        .difference(&core)
        .cloned()
        .collect();
    let group_of = |name: &str| -> Option<String> {
        if modules[name].code.is_none() || core.contains(name) {
            None
        } else if common.contains(name) {
            Some("common".to_owned())
        } else {
            Some(name.split('.').next().unwrap_or(name).to_owned())
        }
    };

    // The frozen libraries: the core, then one per group.
    let frozen = |members: &[&String]| {
        FrozenLib::encode(
            members
                .iter()
                .map(|name| {
                    let module = &modules[name.as_str()];
                    let code = rustpython_compiler_core::frozen::FrozenCodeObject {
                        bytes: module.code.as_deref().expect("stdlib modules have code"),
                    };
                    (
                        name.as_str(),
                        rustpython_compiler_core::frozen::FrozenModule {
                            code,
                            package: module.package,
                        },
                    )
                })
                .collect::<Vec<_>>(),
        )
        .bytes
    };
    let core_members: Vec<&String> = names
        .iter()
        .copied()
        .filter(|name| core.contains(name.as_str()) && modules[name.as_str()].code.is_some())
        .collect();
    write_file(&out_dir.join("stdlib_core.bin"), &frozen(&core_members));

    let mut groups: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in &names {
        if let Some(group) = group_of(name) {
            groups.entry(group).or_default().push(name);
        }
    }
    let group_dir = out_dir.join("stdlib");
    let _ = std::fs::remove_dir_all(&group_dir);
    std::fs::create_dir_all(&group_dir).expect("OUT_DIR is writable");
    let mut group_files = Vec::new();
    let mut group_number = BTreeMap::new();
    for (group, members) in &groups {
        let bytes = frozen(members);
        let hash = fnv1a(&bytes);
        let file = format!("stdlib-{group}-{hash:016x}.bin");
        write_file(&group_dir.join(&file), &bytes);
        group_number.insert(group.clone(), group_files.len());
        group_files.push((file, hash));
    }

    // The index, as Rust source.
    let mut index = String::from("// Generated by runtime/build/stdlib_split.rs: do not edit.\n\n");
    index.push_str("/// The group files, by number: `(file name, FNV-1a hash of the content)`.\n");
    index.push_str("pub static GROUP_FILES: &[(&str, u64)] = &[\n");
    for (file, hash) in &group_files {
        let _ = writeln!(index, "    ({file:?}, {hash:#018x}),");
    }
    let common = group_number
        .get("common")
        .map_or(u16::MAX, |&number| number as u16);
    let _ = writeln!(
        index,
        "];\n\n/// The number of the common group.\npub const COMMON_GROUP: u16 = {common};\n"
    );
    index
        .push_str("/// Every module, sorted by name.\npub static MODULES: &[IndexedModule] = &[\n");
    for name in &names {
        let module = &modules[name.as_str()];
        let group = group_of(name).map_or(u16::MAX, |group| group_number[&group] as u16);
        let imports: BTreeSet<usize> = module
            .imports
            .iter()
            .filter_map(|import| number.get(import.as_str()).copied())
            .collect();
        let imports: Vec<String> = imports.iter().map(usize::to_string).collect();
        let _ = writeln!(
            index,
            "    IndexedModule {{ name: {name:?}, group: {group}, package: {}, imports: &[{}] }},",
            module.package,
            imports.join(", ")
        );
    }
    index.push_str("];\n");
    write_file(&out_dir.join("stdlib_index.rs"), index.as_bytes());

    let sizes: Vec<String> = group_files
        .iter()
        .map(|(file, _)| {
            let size = std::fs::metadata(group_dir.join(file)).map_or(0, |metadata| metadata.len());
            format!("{file} {size}")
        })
        .collect();
    let core_size =
        std::fs::metadata(out_dir.join("stdlib_core.bin")).map_or(0, |metadata| metadata.len());
    write_file(
        &out_dir.join("stdlib_split.txt"),
        format!(
            "core: {} modules, {core_size} bytes\n{}\n",
            core_members.len(),
            sizes.join("\n")
        )
        .as_bytes(),
    );
}

/// The frozen standard library, each module with the imports its source makes.
fn stdlib_modules() -> BTreeMap<String, Module> {
    let library = Path::new(rustpython_pylib::LIB_PATH);
    rustpython_pylib::FROZEN_STDLIB
        .decode()
        .map(|(name, module)| {
            let relative = name.replace('.', "/");
            let path = if module.package {
                library.join(&relative).join("__init__.py")
            } else {
                library.join(format!("{relative}.py"))
            };
            let package = if module.package {
                name
            } else {
                name.rsplit_once('.').map_or("", |(parent, _)| parent)
            };
            let imports = eager_imports(&path, package);
            (
                name.to_owned(),
                Module {
                    code: Some(crate::lz4_stored::restore(module.code.bytes)),
                    package: module.package,
                    imports,
                },
            )
        })
        .collect()
}

/// The repository's own Python under `root` (frozen elsewhere): in the index for their imports.
fn add_repository_modules(modules: &mut BTreeMap<String, Module>, root: &Path) {
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "py") {
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .expect("walked from root")
                .with_extension("");
            let mut parts: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            let package = parts.last().is_some_and(|last| last == "__init__");
            if package {
                parts.pop();
            }
            let name = parts.join(".");
            let context = if package {
                name.clone()
            } else {
                parts[..parts.len() - 1].join(".")
            };
            let imports = eager_imports(&path, &context);
            modules.insert(
                name,
                Module {
                    code: None,
                    package,
                    imports,
                },
            );
        }
    }
}

fn eager_imports(path: &Path, package: &str) -> Vec<String> {
    let source = std::fs::read_to_string(path).unwrap_or_else(|error| {
        panic!(
            "cannot read {} to find its imports: {error}",
            path.display()
        )
    });
    import_scan::imports(&source, package)
        .into_iter()
        .filter(|import| !import.deferred)
        .map(|import| import.module)
        .collect()
}

/// `roots` and every module they import outside function bodies, transitively.
fn closure(modules: &BTreeMap<String, Module>, roots: &[&str]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut pending: Vec<String> = roots.iter().map(|root| (*root).to_owned()).collect();
    while let Some(name) = pending.pop() {
        let Some(module) = modules.get(&name) else {
            continue;
        };
        if found.insert(name) {
            pending.extend(module.imports.iter().cloned());
        }
    }
    found
}

fn write_file(path: &Path, bytes: &[u8]) {
    // Unchanged content keeps its timestamp, so nothing downstream rebuilds for nothing.
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::write(path, bytes)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
    }
}
