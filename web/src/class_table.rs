//! The Python classes of `pyscript.web`, one set per interpreter (heap types belong to the
//! interpreter that made them): the native `Element`, `ContainerElement` and one class per
//! element class of the spec data (`a` ... `wbr`, `grid`), and wrapping of DOM nodes in them.

use pyscript_bridge::reentry::handle_of;
use pyscript_elements::{ELEMENT_CLASSES, ElementClass};
use rustpython_vm::{
    AsObject, Interpreter, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
    builtins::{PyType, PyTypeRef},
};
use std::{
    cell::{Cell, RefCell},
    rc::{Rc, Weak},
};

use crate::dom::js_err;
use crate::dom_members::{define_html_tags, html_class_index};
use crate::element_core::Element;

/// The attribute of a tag class holding its index in `ELEMENT_CLASSES`.
pub const CLASS_INDEX_ATTRIBUTE: &str = "_pyscript_element_class";

pub struct ClassTable {
    pub element: PyTypeRef,
    pub container: PyTypeRef,
    /// Parallel to `ELEMENT_CLASSES`.
    pub tags: Vec<PyTypeRef>,
}

/// One interpreter's classes, under its id (`vm.wasm_id`, unique for the life of the page).
struct TableEntry {
    interpreter_id: String,
    /// Whether the interpreter is still alive; `None` while it is not yet registered with
    /// `reentry` (it is being built), so no other interpreter takes it for gone.
    interpreter: Option<Weak<Interpreter>>,
    table: Rc<ClassTable>,
}

impl TableEntry {
    fn is_gone(&self) -> bool {
        self.interpreter
            .as_ref()
            .is_some_and(|handle| handle.strong_count() == 0)
    }
}

thread_local! {
    static TABLES: RefCell<Vec<TableEntry>> = RefCell::default();
    /// Whether `define_html_tags` has been told the tags.
    static TAGS_DEFINED: Cell<bool> = const { Cell::new(false) };
}

/// The handle `reentry` holds for `vm`'s interpreter, if it is registered yet.
fn live_handle(vm: &VirtualMachine) -> Option<Weak<Interpreter>> {
    Some(handle_of(vm)).filter(|handle| handle.strong_count() > 0)
}

/// This interpreter's classes, made on first use. Entries of interpreters that are gone are
/// dropped here, so their classes do not outlive them.
pub fn class_table(vm: &VirtualMachine) -> PyResult<Rc<ClassTable>> {
    let id = vm.wasm_id.as_deref().unwrap_or_default();
    let (found, gone) = TABLES.with_borrow_mut(|tables| {
        let is_gone = |entry: &TableEntry| entry.interpreter_id != id && entry.is_gone();
        // Every element made or wrapped comes here: rebuild the list only when there is
        // something to drop.
        let mut gone = Vec::new();
        if tables.iter().any(is_gone) {
            let kept;
            (gone, kept) = std::mem::take(tables).into_iter().partition(is_gone);
            *tables = kept;
        }
        let found = tables
            .iter_mut()
            .find(|entry| entry.interpreter_id == id)
            .map(|entry| {
                if entry.interpreter.is_none() {
                    entry.interpreter = live_handle(vm);
                }
                entry.table.clone()
            });
        (found, gone)
    });
    // Python objects are released outside the borrow: nothing they run can find it taken.
    drop(gone);
    if let Some(table) = found {
        return Ok(table);
    }
    let table = Rc::new(make_classes(vm)?);
    TABLES.with_borrow_mut(|tables| {
        tables.push(TableEntry {
            interpreter_id: id.to_owned(),
            interpreter: live_handle(vm),
            table: table.clone(),
        });
    });
    Ok(table)
}

fn make_classes(vm: &VirtualMachine) -> PyResult<ClassTable> {
    let element = Element::class(&vm.ctx).to_owned();
    let container = make_class(
        vm,
        "ContainerElement",
        &element,
        "An element that can hold children.",
        None,
    )?;
    let tags = ELEMENT_CLASSES
        .iter()
        .enumerate()
        .map(|(index, class)| {
            let base = if class.void { &element } else { &container };
            let doc = format!("The <{}> element: {}", class.tag, class.href);
            make_class(vm, class.class_name, base, &doc, Some(index))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(ClassTable {
        element,
        container,
        tags,
    })
}

/// A Python class made the way a `class` statement would, so users can subclass it.
fn make_class(
    vm: &VirtualMachine,
    name: &str,
    base: &PyTypeRef,
    doc: &str,
    index: Option<usize>,
) -> PyResult<PyTypeRef> {
    let namespace = vm.ctx.new_dict();
    namespace.set_item("__module__", vm.ctx.new_str("pyscript.web").into(), vm)?;
    namespace.set_item("__qualname__", vm.ctx.new_str(name).into(), vm)?;
    namespace.set_item("__doc__", vm.ctx.new_str(doc).into(), vm)?;
    if let Some(index) = index {
        namespace.set_item(CLASS_INDEX_ATTRIBUTE, vm.ctx.new_int(index).into(), vm)?;
    }
    let bases = vm.ctx.new_tuple(vec![base.clone().into()]);
    let class = vm
        .ctx
        .types
        .type_type
        .as_object()
        .call((vm.ctx.new_str(name), bases, namespace), vm)?;
    class
        .downcast::<PyType>()
        .map_err(|_| vm.new_type_error("type() did not make a class"))
}

/// The element class a Python class (or a subclass of one) stands for.
pub fn element_class_of(class: &PyType, vm: &VirtualMachine) -> Option<&'static ElementClass> {
    let index = class.get_attr(vm.ctx.intern_str(CLASS_INDEX_ATTRIBUTE))?;
    let index = index
        .try_index(vm)
        .ok()?
        .try_to_primitive::<usize>(vm)
        .ok()?;
    ELEMENT_CLASSES.get(index).copied()
}

/// Wraps a DOM element in the class of its tag (`Element` for custom elements, SVG, ...).
pub fn wrap(vm: &VirtualMachine, node: web_sys::Element) -> PyResult<PyObjectRef> {
    wrap_element(vm, node).map(Into::into)
}

/// [`wrap`], typed: for callers that go on to use the element's native methods.
pub fn wrap_element(vm: &VirtualMachine, node: web_sys::Element) -> PyResult<PyRef<Element>> {
    let table = class_table(vm)?;
    let index = class_index_of(&node, vm)?;
    // `tags` is parallel to `ELEMENT_CLASSES`, so both lookups find the same tag's entry.
    let tag_class = index.and_then(|index| table.tags.get(index).zip(ELEMENT_CLASSES.get(index)));
    let (class, spec) = match tag_class {
        Some((class, spec)) => (class.clone(), Some(*spec)),
        None => (table.element.clone(), None),
    };
    Element::new(node, spec).into_ref_with_type(vm, class)
}

/// The index in `ELEMENT_CLASSES` of the class for `node`'s tag, `None` for custom elements,
/// SVG, ...
fn class_index_of(node: &web_sys::Element, vm: &VirtualMachine) -> PyResult<Option<usize>> {
    if !TAGS_DEFINED.get() {
        let tags: Vec<String> = pyscript_elements::tags_and_class_indexes()
            .map(|(tag, index)| format!("{tag}:{index}"))
            .collect();
        define_html_tags(&tags.join(" "));
        TAGS_DEFINED.set(true);
    }
    let index = html_class_index(node).map_err(js_err(vm))?;
    Ok(usize::try_from(index).ok())
}

/// Wraps an optional node: `None` stays `None`.
pub fn wrap_optional(vm: &VirtualMachine, node: Option<web_sys::Element>) -> PyResult<PyObjectRef> {
    node.map_or_else(|| Ok(vm.ctx.none()), |node| wrap(vm, node))
}
