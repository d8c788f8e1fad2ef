//! A collection's `classes` and `style`: live views over all of its elements. Mutators write
//! to every element; queries (`contains`, `in`, `style[name]`, `style.get`) answer for the
//! first element (read from the first, write to all), so a one-element collection reads
//! exactly like its element; by position (`[i]`, `len`, iteration, `==` a list) a view is the
//! list of each element's `Classes` / `Style`.

use pyscript_bridge::protocol::{sequence_position, snapshot_iterator};
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
    builtins::{PyList, PySlice, PyStr, PyStrRef, PyTuple},
    function::{OptionalArg, PosArgs, PyComparisonValue},
    protocol::{PyMappingMethods, PySequenceMethods},
    pyclass,
    types::{AsMapping, AsSequence, Comparable, Iterable, PyComparisonOp, Representable},
};
use std::{rc::Rc, sync::LazyLock};

use crate::classes::{Classes, on_node};
use crate::style::Style;

/// The nodes a view works on: shared with the collection it came from.
type Nodes = Rc<Vec<web_sys::Element>>;

/// What a view shows for one element: its `Classes` or its `Style`.
trait PerElement {
    const LABEL: &'static str;

    fn nodes(&self) -> &Nodes;

    fn view_of(node: &web_sys::Element, vm: &VirtualMachine) -> PyObjectRef;

    fn views(&self, vm: &VirtualMachine) -> Vec<PyObjectRef> {
        self.nodes()
            .iter()
            .map(|node| Self::view_of(node, vm))
            .collect()
    }

    /// `[i]` (one element's view) or `[a:b]` (a list of them).
    fn by_position(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult {
        let nodes = self.nodes();
        if let Some(slice) = key.downcast_ref::<PySlice>() {
            let picked = slice
                .to_saturated(vm)?
                .iter(nodes.len())
                .filter_map(|index| nodes.get(index))
                .map(|node| Self::view_of(node, vm))
                .collect();
            return Ok(vm.ctx.new_list(picked).into());
        }
        let index = key.try_index(vm)?.try_to_primitive::<isize>(vm)?;
        let length = nodes.len();
        sequence_position(index, length)
            .and_then(|position| nodes.get(position))
            .map(|node| Self::view_of(node, vm))
            .ok_or_else(|| {
                vm.new_index_error(format!(
                    "collection {} index {index} out of range ({length} elements)",
                    Self::LABEL
                ))
            })
    }

    /// `==` a list or tuple of per-element values (sets, dicts, views), or another view.
    fn equals(&self, other: &PyObject, vm: &VirtualMachine) -> PyResult<PyComparisonValue> {
        let theirs: Vec<PyObjectRef> = if let Some(list) = other.downcast_ref::<PyList>() {
            list.borrow_vec().to_vec()
        } else if let Some(tuple) = other.downcast_ref::<PyTuple>() {
            tuple.as_slice().to_vec()
        } else {
            return Ok(PyComparisonValue::NotImplemented);
        };
        let mine = self.views(vm);
        if mine.len() != theirs.len() {
            return Ok(PyComparisonValue::Implemented(false));
        }
        for (view, value) in mine.iter().zip(&theirs) {
            if !vm.bool_eq(view, value)? {
                return Ok(PyComparisonValue::Implemented(false));
            }
        }
        Ok(PyComparisonValue::Implemented(true))
    }

    fn iterate(&self, vm: &VirtualMachine) -> PyResult {
        snapshot_iterator(self.views(vm), vm)
    }

    fn describe(&self, vm: &VirtualMachine) -> PyResult<String> {
        let views = self
            .views(vm)
            .iter()
            .map(|view| Ok(view.repr(vm)?.to_string_lossy().into_owned()))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(format!(
            "ElementCollection.{}([{}])",
            Self::LABEL,
            views.join(", ")
        ))
    }
}

/// `collection.classes`: add/remove/discard/toggle/replace/clear on every element.
#[pyclass(module = "pyscript.web", name = "CollectionClasses")]
#[derive(Debug, PyPayload)]
pub struct CollectionClasses {
    nodes: Nodes,
}

impl CollectionClasses {
    pub fn new(nodes: Nodes) -> Self {
        Self { nodes }
    }

    fn first_contains(&self, name: &str, vm: &VirtualMachine) -> PyResult<bool> {
        match self.nodes.first() {
            Some(node) => on_node::contains(node, name, vm),
            None => Ok(false),
        }
    }
}

impl PerElement for CollectionClasses {
    const LABEL: &'static str = "classes";

    fn nodes(&self) -> &Nodes {
        &self.nodes
    }

    fn view_of(node: &web_sys::Element, vm: &VirtualMachine) -> PyObjectRef {
        Classes::new(node.clone()).into_ref(&vm.ctx).into()
    }
}

#[pyclass(with(AsMapping, AsSequence, Iterable, Comparable, Representable))]
impl CollectionClasses {
    /// Adds the names to every element.
    #[pymethod]
    fn add(zelf: &Py<Self>, names: PosArgs<PyStrRef>, vm: &VirtualMachine) -> PyResult<()> {
        zelf.nodes
            .iter()
            .try_for_each(|node| on_node::add(node, names.as_ref(), vm))
    }

    /// Removes the names from every element (an absent class is no error).
    #[pymethod]
    fn remove(zelf: &Py<Self>, names: PosArgs<PyStrRef>, vm: &VirtualMachine) -> PyResult<()> {
        zelf.nodes
            .iter()
            .try_for_each(|node| on_node::remove(node, names.as_ref(), vm))
    }

    #[pymethod]
    fn discard(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        let name = name.to_string_lossy();
        zelf.nodes
            .iter()
            .try_for_each(|node| on_node::discard(node, &name, vm))
    }

    /// Whether the first element has the class (False for an empty collection).
    #[pymethod]
    fn contains(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<bool> {
        zelf.first_contains(&name.to_string_lossy(), vm)
    }

    /// Replaces `old` with `new` on every element that has `old`.
    #[pymethod]
    fn replace(zelf: &Py<Self>, old: PyStrRef, new: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        let (old, new) = (old.to_string_lossy(), new.to_string_lossy());
        zelf.nodes
            .iter()
            .try_for_each(|node| on_node::replace(node, &old, &new, vm))
    }

    /// Toggles the class on every element; returns whether the first element has it now
    /// (False for an empty collection).
    #[pymethod]
    fn toggle(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<bool> {
        let name = name.to_string_lossy();
        let mut first_has_it = None;
        for node in zelf.nodes.iter() {
            let now_present = on_node::toggle(node, &name, vm)?;
            first_has_it.get_or_insert(now_present);
        }
        Ok(first_has_it.unwrap_or(false))
    }

    /// Removes every class of every element.
    #[pymethod]
    fn clear(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<()> {
        zelf.nodes
            .iter()
            .try_for_each(|node| on_node::clear(node, vm))
    }
}

impl AsMapping for CollectionClasses {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            length: Some(|mapping, _vm| {
                Ok(CollectionClasses::mapping_downcast(mapping).nodes.len())
            }),
            subscript: Some(|mapping, key, vm| {
                CollectionClasses::mapping_downcast(mapping).by_position(key, vm)
            }),
            ass_subscript: None,
        });
        &AS_MAPPING
    }
}

impl AsSequence for CollectionClasses {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            length: Some(|sequence, _vm| {
                Ok(CollectionClasses::sequence_downcast(sequence).nodes.len())
            }),
            contains: Some(
                |sequence, needle, vm| match needle.downcast_ref::<PyStr>() {
                    Some(name) => CollectionClasses::sequence_downcast(sequence)
                        .first_contains(&name.to_string_lossy(), vm),
                    None => Ok(false),
                },
            ),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Iterable for CollectionClasses {
    fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        zelf.iterate(vm)
    }
}

impl Comparable for CollectionClasses {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        op.eq_only(|| zelf.equals(other, vm))
    }
}

impl Representable for CollectionClasses {
    fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        zelf.describe(vm)
    }
}

/// `collection.style`: `style[name] = value`, `del style[name]`, `update`, `set` and
/// `remove` on every element; `style[name]`, `get` and `in` read the first element.
#[pyclass(module = "pyscript.web", name = "CollectionStyle")]
#[derive(Debug, PyPayload)]
pub struct CollectionStyle {
    nodes: Nodes,
}

impl CollectionStyle {
    pub fn new(nodes: Nodes) -> Self {
        Self { nodes }
    }

    /// The first element's inline value of `name` (None when unset or when there is no element).
    fn first_value(&self, name: &str, vm: &VirtualMachine) -> PyResult<Option<String>> {
        match self.nodes.first() {
            Some(node) => Style::value_of(node, name, vm),
            None => Ok(None),
        }
    }

    fn set_all(&self, name: &str, value: &PyObject, vm: &VirtualMachine) -> PyResult<()> {
        self.nodes
            .iter()
            .try_for_each(|node| Style::set_on(node, name, value, vm))
    }

    /// Removes `name` from every element; whether any of them had it.
    fn remove_all(&self, name: &str, vm: &VirtualMachine) -> PyResult<bool> {
        let mut removed_any = false;
        for node in self.nodes.iter() {
            removed_any |= Style::remove_from(node, name, vm)?;
        }
        Ok(removed_any)
    }
}

impl PerElement for CollectionStyle {
    const LABEL: &'static str = "style";

    fn nodes(&self) -> &Nodes {
        &self.nodes
    }

    fn view_of(node: &web_sys::Element, vm: &VirtualMachine) -> PyObjectRef {
        Style::new(node.clone()).into_ref(&vm.ctx).into()
    }
}

#[pyclass(with(AsMapping, AsSequence, Iterable, Comparable, Representable))]
impl CollectionStyle {
    /// The first element's value of the property, or `default` when it is not set inline
    /// (or the collection is empty).
    #[pymethod]
    fn get(
        zelf: &Py<Self>,
        name: PyStrRef,
        default: OptionalArg<PyObjectRef>,
        vm: &VirtualMachine,
    ) -> PyResult {
        Ok(match zelf.first_value(&name.to_string_lossy(), vm)? {
            Some(value) => vm.ctx.new_str(value).into(),
            None => default.unwrap_or_none(vm),
        })
    }

    /// Sets the property on every element (the value goes through `str()`).
    #[pymethod(name = "set")]
    fn set_property(
        zelf: &Py<Self>,
        name: PyStrRef,
        value: PyObjectRef,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        zelf.set_all(&name.to_string_lossy(), &value, vm)
    }

    /// Removes the property from every element; nothing happens where it is not set.
    #[pymethod(name = "remove")]
    fn remove_property(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        zelf.remove_all(&name.to_string_lossy(), vm).map(drop)
    }

    /// Applies a dict of CSS properties to every element.
    #[pymethod]
    fn update(zelf: &Py<Self>, style: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
        if !style.fast_isinstance(vm.ctx.types.dict_type) {
            // Checked here too, so an empty collection refuses what a full one would.
            return Err(vm.new_type_error(format!(
                "style must be a dict of CSS properties, not '{}'",
                style.class().name()
            )));
        }
        zelf.nodes
            .iter()
            .try_for_each(|node| Style::apply(node, &style, vm))
    }
}

/// A str key names a CSS property; anything else is a position.
fn property_name(key: &PyObject) -> Option<String> {
    key.downcast_ref::<PyStr>()
        .map(|name| name.to_string_lossy().into_owned())
}

impl AsMapping for CollectionStyle {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            length: Some(|mapping, _vm| Ok(CollectionStyle::mapping_downcast(mapping).nodes.len())),
            subscript: Some(|mapping, key, vm| {
                let style = CollectionStyle::mapping_downcast(mapping);
                let Some(name) = property_name(key) else {
                    return style.by_position(key, vm);
                };
                match style.first_value(&name, vm)? {
                    Some(value) => Ok(vm.ctx.new_str(value).into()),
                    None => Err(vm.new_key_error(key.to_owned())),
                }
            }),
            ass_subscript: Some(|mapping, key, value, vm| {
                let style = CollectionStyle::mapping_downcast(mapping);
                let name = property_name(key).ok_or_else(|| {
                    vm.new_type_error(format!(
                        "a collection's style is set by CSS property name (str), not '{}': use style[i] for one element's",
                        key.class().name()
                    ))
                })?;
                match value {
                    Some(value) => style.set_all(&name, &value, vm),
                    None if style.remove_all(&name, vm)? => Ok(()),
                    None => Err(vm.new_key_error(key.to_owned())),
                }
            }),
        });
        &AS_MAPPING
    }
}

impl AsSequence for CollectionStyle {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            length: Some(|sequence, _vm| {
                Ok(CollectionStyle::sequence_downcast(sequence).nodes.len())
            }),
            contains: Some(|sequence, needle, vm| {
                let Some(name) = property_name(needle) else {
                    return Ok(false);
                };
                Ok(CollectionStyle::sequence_downcast(sequence)
                    .first_value(&name, vm)?
                    .is_some())
            }),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Iterable for CollectionStyle {
    fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        zelf.iterate(vm)
    }
}

impl Comparable for CollectionStyle {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        op.eq_only(|| zelf.equals(other, vm))
    }
}

impl Representable for CollectionStyle {
    fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        zelf.describe(vm)
    }
}
