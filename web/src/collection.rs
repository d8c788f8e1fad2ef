//! `ElementCollection`: the elements `find()` and `children` return. Nodes are wrapped only
//! when Python asks for an element, and the broadcast operations (`update_all`, assigning
//! `classes`/`innerHTML`/`style`/`value`) work on the nodes directly.

use js_sys::Reflect;
use pyscript_bridge::js_proxy::JsProxy;
use pyscript_bridge::protocol::{equality_with, sequence_position};
use rustpython_vm::{
    AsObject, FromArgs, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
    builtins::{PySlice, PyStr, PyStrRef, PyType, PyTypeRef},
    function::{PyComparisonValue, PySetterValue},
    protocol::{PyIterReturn, PyMappingMethods, PySequenceMethods},
    pyclass,
    types::{
        AsMapping, AsSequence, Comparable, Constructor, GetAttr, IterNext, Iterable,
        PyComparisonOp, Representable, SelfIter, SetAttr,
    },
};
use std::{cell::Cell, rc::Rc, sync::LazyLock};
use wasm_bindgen::JsValue;

use crate::class_table::{wrap, wrap_element, wrap_optional};
use crate::classes::{Classes, class_names, distinct_names};
use crate::collection_views::{CollectionClasses, CollectionStyle};
use crate::dom::{descendant_with_id, js_err};
use crate::dom_members::{checked, elements_in, is_node_list};
use crate::element_core::element_of;
use crate::style::Style;
use crate::updates::{UpdateArgs, apply_updates};

#[pyclass(module = "pyscript.web", name = "ElementCollection")]
#[derive(Debug, PyPayload)]
pub struct ElementCollection {
    nodes: Rc<Vec<web_sys::Element>>,
}

impl ElementCollection {
    pub fn new(nodes: Vec<web_sys::Element>) -> Self {
        Self {
            nodes: Rc::new(nodes),
        }
    }

    /// The elements of a `NodeList` or `HTMLCollection`, in order.
    pub fn from_list(list: &JsValue, vm: &VirtualMachine) -> PyResult<Self> {
        Ok(Self::new(elements_in(list, vm)?))
    }

    pub fn nodes(&self) -> &[web_sys::Element] {
        &self.nodes
    }

    /// `[i]` (an element), `[a:b]` (a collection) or `["id"]` (the first element with that
    /// id, else the first descendant with it, else None).
    pub fn item(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult {
        if let Some(slice) = key.downcast_ref::<PySlice>() {
            let picked = slice
                .to_saturated(vm)?
                .iter(self.nodes.len())
                .filter_map(|index| self.nodes.get(index).cloned())
                .collect();
            return Ok(Self::new(picked).into_ref(&vm.ctx).into());
        }
        if let Some(id) = key.downcast_ref::<PyStr>() {
            let id = id.to_string_lossy();
            let id = id.strip_prefix('#').unwrap_or(&id);
            return wrap_optional(vm, self.with_id(id, vm)?);
        }
        let index = key.try_index(vm).map_err(|_| {
            vm.new_type_error(format!(
                "collections are indexed by int, slice or id string, not '{}'",
                key.class().name()
            ))
        })?;
        let index = index.try_to_primitive::<isize>(vm)?;
        let length = self.nodes.len();
        let node = sequence_position(index, length)
            .and_then(|position| self.nodes.get(position))
            .ok_or_else(|| {
                vm.new_index_error(format!(
                    "collection index {index} out of range ({length} elements)"
                ))
            })?;
        wrap(vm, node.clone())
    }

    /// The first element whose id is `id`, else the first descendant with it.
    fn with_id(&self, id: &str, vm: &VirtualMachine) -> PyResult<Option<web_sys::Element>> {
        for node in self.nodes.iter() {
            if checked(node).id().map_err(js_err(vm))? == id {
                return Ok(Some(node.clone()));
            }
        }
        for node in self.nodes.iter() {
            if let Some(found) = descendant_with_id(node, id, vm)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    fn wrapped(&self, vm: &VirtualMachine) -> PyResult<Vec<PyObjectRef>> {
        self.nodes
            .iter()
            .map(|node| wrap(vm, node.clone()))
            .collect()
    }

    /// The one element a one-element collection stands for (PyScript's `page["#id"]`).
    fn single(&self, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
        match self.nodes.as_slice() {
            [node] => wrap(vm, node.clone()).map(Some),
            _ => Ok(None),
        }
    }
}

/// `ElementCollection(elements=())`.
#[derive(FromArgs)]
pub struct CollectionArgs {
    #[pyarg(any, default)]
    elements: Option<PyObjectRef>,
}

impl Constructor for ElementCollection {
    type Args = CollectionArgs;

    fn py_new(_cls: &Py<PyType>, args: CollectionArgs, vm: &VirtualMachine) -> PyResult<Self> {
        let items = match args.elements {
            Some(items) => items.try_into_value::<Vec<PyObjectRef>>(vm)?,
            None => Vec::new(),
        };
        let nodes = items
            .iter()
            .map(|item| {
                element_of(item).ok_or_else(|| {
                    vm.new_type_error(format!(
                        "an ElementCollection holds elements, not '{}'",
                        item.class().name()
                    ))
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Self::new(nodes))
    }
}

#[pyclass(with(
    Constructor,
    AsMapping,
    AsSequence,
    Iterable,
    Comparable,
    GetAttr,
    SetAttr,
    Representable
))]
impl ElementCollection {
    /// A collection of DOM elements: a `NodeList`, an `HTMLCollection` or an iterable of
    /// elements (PyScript 0.7's constructor of collections from the DOM).
    #[pyclassmethod]
    fn wrap_dom_elements(
        _cls: PyTypeRef,
        dom_elements: PyObjectRef,
        vm: &VirtualMachine,
    ) -> PyResult<ElementCollection> {
        if let Some(proxy) = dom_elements.downcast_ref::<JsProxy>()
            && is_node_list(proxy.value())
        {
            return Self::from_list(proxy.value(), vm);
        }
        Self::py_new(
            ElementCollection::class(&vm.ctx),
            CollectionArgs {
                elements: Some(dom_elements),
            },
            vm,
        )
    }

    /// The elements, as a list.
    #[pygetset]
    fn elements(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<Vec<PyObjectRef>> {
        zelf.wrapped(vm)
    }

    /// Every element's matches for a CSS selector, concatenated.
    #[pymethod]
    fn find(
        zelf: &Py<Self>,
        selector: PyStrRef,
        vm: &VirtualMachine,
    ) -> PyResult<ElementCollection> {
        let selector = selector.to_string_lossy();
        let mut found = Vec::new();
        for node in zelf.nodes.iter() {
            let matches = node.query_selector_all(&selector).map_err(js_err(vm))?;
            found.extend(elements_in(&matches, vm)?);
        }
        Ok(Self::new(found))
    }

    /// `update(classes=, style=, **properties)` on every element.
    #[pymethod]
    fn update_all(zelf: &Py<Self>, args: UpdateArgs, vm: &VirtualMachine) -> PyResult<()> {
        args.refuse_repeated("update_all", vm)?;
        let UpdateArgs {
            classes,
            style,
            properties,
        } = args;
        let classes = match classes {
            Some(classes) => distinct_names(&class_names(&classes, vm)?),
            None => String::new(),
        };
        for node in zelf.nodes.iter() {
            Classes::add_distinct(node, &classes, vm)?;
            if let Some(style) = &style {
                Style::apply(node, style, vm)?;
            }
            if !properties.is_empty() {
                let element = wrap_element(vm, node.clone())?;
                apply_updates(&element, None, None, &properties, vm)?;
            }
        }
        Ok(())
    }

    /// A live view of every element's classes (reading); replaces every element's classes
    /// (assigning).
    #[pygetset]
    fn classes(zelf: &Py<Self>) -> CollectionClasses {
        CollectionClasses::new(zelf.nodes.clone())
    }

    #[pygetset(setter)]
    fn set_classes(zelf: &Py<Self>, value: PySetterValue, vm: &VirtualMachine) -> PyResult<()> {
        let value = assigned(value, "classes", vm)?;
        zelf.nodes
            .iter()
            .try_for_each(|node| Classes::replace_all(node, &value, vm))
    }

    /// A live view of every element's inline style (reading); applies a dict to every
    /// element (assigning).
    #[pygetset]
    fn style(zelf: &Py<Self>) -> CollectionStyle {
        CollectionStyle::new(zelf.nodes.clone())
    }

    #[pygetset(setter)]
    fn set_style(zelf: &Py<Self>, value: PySetterValue, vm: &VirtualMachine) -> PyResult<()> {
        let value = assigned(value, "style", vm)?;
        zelf.nodes
            .iter()
            .try_for_each(|node| Style::apply(node, &value, vm))
    }

    /// Each element's innerHTML (reading); sets every element's (assigning).
    #[pygetset(name = "innerHTML")]
    fn inner_html(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let html = zelf
            .nodes
            .iter()
            .map(|node| {
                let html = checked(node).inner_html().map_err(js_err(vm))?;
                Ok(vm.ctx.new_str(html).into())
            })
            .collect::<PyResult<_>>()?;
        Ok(vm.ctx.new_list(html).into())
    }

    #[pygetset(setter, name = "innerHTML")]
    fn set_inner_html(zelf: &Py<Self>, value: PySetterValue, vm: &VirtualMachine) -> PyResult<()> {
        let value = assigned(value, "innerHTML", vm)?;
        let html = value.str(vm)?.to_string_lossy().into_owned();
        zelf.nodes
            .iter()
            .try_for_each(|node| checked(node).set_inner_html(&html).map_err(js_err(vm)))
    }

    /// Each element's value (reading); sets every element's (assigning).
    #[pygetset]
    fn value(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<Vec<PyObjectRef>> {
        zelf.nodes
            .iter()
            .map(|node| {
                let value = Reflect::get(node, &JsValue::from_str("value")).map_err(js_err(vm))?;
                Ok(pyscript_bridge::convert::js_to_py(vm, value))
            })
            .collect()
    }

    #[pygetset(setter)]
    fn set_value(zelf: &Py<Self>, value: PySetterValue, vm: &VirtualMachine) -> PyResult<()> {
        let value = assigned(value, "value", vm)?;
        for element in zelf.wrapped(vm)? {
            element.set_attr("value", value.clone(), vm)?;
        }
        Ok(())
    }
}

fn assigned(value: PySetterValue, name: &str, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
    match value {
        PySetterValue::Assign(value) => Ok(value),
        PySetterValue::Delete => {
            Err(vm.new_attribute_error(format!("cannot delete a collection's {name}")))
        }
    }
}

impl AsMapping for ElementCollection {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            length: Some(|mapping, _vm| {
                Ok(ElementCollection::mapping_downcast(mapping).nodes.len())
            }),
            subscript: Some(|mapping, key, vm| {
                ElementCollection::mapping_downcast(mapping).item(key, vm)
            }),
            ass_subscript: None,
        });
        &AS_MAPPING
    }
}

impl AsSequence for ElementCollection {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            length: Some(|sequence, _vm| {
                Ok(ElementCollection::sequence_downcast(sequence).nodes.len())
            }),
            contains: Some(|sequence, needle, _vm| {
                let Some(node) = element_of(needle) else {
                    return Ok(false);
                };
                Ok(ElementCollection::sequence_downcast(sequence)
                    .nodes
                    .contains(&node))
            }),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Iterable for ElementCollection {
    fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        Ok(CollectionIterator {
            nodes: zelf.nodes.clone(),
            position: Cell::new(0),
        }
        .into_ref(&vm.ctx)
        .into())
    }
}

impl Comparable for ElementCollection {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        _vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        equality_with::<Self>(other, op, |other| zelf.nodes == other.nodes)
    }
}

impl GetAttr for ElementCollection {
    fn getattro(zelf: &Py<Self>, name: &Py<PyStr>, vm: &VirtualMachine) -> PyResult {
        if let Some(found) = zelf.as_object().generic_getattr_opt(name, None, vm)? {
            return Ok(found);
        }
        match zelf.single(vm)? {
            Some(element) => element.get_attr(name, vm),
            None => Err(vm.new_attribute_error(format!(
                "ElementCollection has no attribute '{}' (only a one-element collection forwards to its element; this one has {})",
                name.to_string_lossy(),
                zelf.nodes.len()
            ))),
        }
    }
}

impl SetAttr for ElementCollection {
    fn setattro(
        zelf: &Py<Self>,
        name: &Py<PyStr>,
        value: PySetterValue,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        if zelf
            .class()
            .get_attr(vm.ctx.intern_str(name.to_string_lossy().as_ref()))
            .is_some()
        {
            return zelf.as_object().generic_setattr(name, value, vm);
        }
        match (zelf.single(vm)?, value) {
            (Some(element), PySetterValue::Assign(value)) => element.set_attr(name, value, vm),
            _ => Err(vm.new_attribute_error(format!(
                "cannot set '{}' on an ElementCollection of {} elements: use update_all() or iterate",
                name.to_string_lossy(),
                zelf.nodes.len()
            ))),
        }
    }
}

impl Representable for ElementCollection {
    fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok(format!(
            "<ElementCollection of {} elements>",
            zelf.nodes.len()
        ))
    }
}

/// Iteration over a collection, wrapping each node as it is reached.
#[pyclass(module = "pyscript.web", name = "ElementCollectionIterator")]
#[derive(Debug, PyPayload)]
pub struct CollectionIterator {
    nodes: Rc<Vec<web_sys::Element>>,
    position: Cell<usize>,
}

#[pyclass(with(IterNext, Iterable))]
impl CollectionIterator {}

impl SelfIter for CollectionIterator {}

impl IterNext for CollectionIterator {
    fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
        let position = zelf.position.get();
        let Some(node) = zelf.nodes.get(position) else {
            return Ok(PyIterReturn::StopIteration(None));
        };
        zelf.position.set(position + 1);
        Ok(PyIterReturn::Return(wrap(vm, node.clone())?))
    }
}
