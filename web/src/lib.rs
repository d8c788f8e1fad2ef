//! `pyscript.web`: one Python class per HTML element of the spec data, over the real DOM.
//! The element classes are native (`Element` plus one thin class per tag, made at import);
//! their typed properties are checked against the generated tables of `pyscript-elements`.

mod class_table;
mod classes;
mod collection;
mod collection_views;
mod dom;
mod dom_members;
mod element;
mod element_core;
mod lookup;
mod module;
mod options;
mod page;
mod properties;
mod style;
mod updates;

pub use module::module_def;

/// The Python facade `pyscript.web` (`python/pyscript/web.py`), frozen into the binary.
pub const FROZEN_PYTHON: &rustpython_vm::frozen::FrozenLib =
    rustpython_vm::py_freeze!(dir = "../python");
