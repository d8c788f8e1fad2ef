//! `Classes`: an element's CSS classes as a live, set-like view of its `classList`.

use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{PyStr, PyStrRef},
    function::{PosArgs, PyComparisonValue},
    protocol::{PyNumberMethods, PySequenceMethods},
    pyclass,
    types::{AsNumber, AsSequence, Comparable, Iterable, PyComparisonOp, Representable},
};
use std::sync::LazyLock;

use pyscript_bridge::{js_helpers::interned, protocol::snapshot_iterator};

use crate::dom::js_err;
use crate::dom_members::{CheckedTokenList, add_classes, checked, strings_in};

#[pyclass(module = "pyscript.web", name = "Classes")]
#[derive(Debug, PyPayload)]
pub struct Classes {
    node: web_sys::Element,
}

/// `node.classList`.
pub fn class_list(node: &web_sys::Element, vm: &VirtualMachine) -> PyResult<CheckedTokenList> {
    checked(node).class_list().map_err(js_err(vm))
}

/// Splits `"a b"` into class names; a class name never contains whitespace.
fn names_in(text: &str) -> impl Iterator<Item = &str> {
    text.split_ascii_whitespace()
}

impl Classes {
    pub fn new(node: web_sys::Element) -> Self {
        Self { node }
    }

    fn names(&self, vm: &VirtualMachine) -> PyResult<Vec<String>> {
        strings_in(&class_list(&self.node, vm)?.into(), vm)
    }

    /// The class names now, as a Python `set`: what set operations and comparisons use.
    fn to_set(&self, vm: &VirtualMachine) -> PyResult {
        let names: Vec<PyObjectRef> = self
            .names(vm)?
            .into_iter()
            .map(|name| vm.ctx.new_str(name).into())
            .collect();
        vm.ctx
            .types
            .set_type
            .as_object()
            .call((vm.ctx.new_list(names),), vm)
    }

    /// A `set` method on the class names now (`union`, `issubset`, ...), with `args`.
    fn set_method(zelf: &Py<Self>, name: &str, args: PosArgs, vm: &VirtualMachine) -> PyResult {
        let names: PyObjectRef = zelf.to_set(vm)?;
        vm.call_method(&names, name, args.into_vec())
    }

    /// Adds `classes`: a string (space-separated names allowed) or an iterable of strings.
    pub fn add_all(
        node: &web_sys::Element,
        classes: &PyObject,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        let names = distinct_names(&class_names(classes, vm)?);
        Self::add_distinct(node, &names, vm)
    }

    /// Adds the names [`distinct_names`] joined.
    pub fn add_distinct(node: &web_sys::Element, names: &str, vm: &VirtualMachine) -> PyResult<()> {
        if names.is_empty() {
            return Ok(());
        }
        add_classes(node, interned(names)).map_err(js_err(vm))
    }

    /// Replaces all classes with `classes`.
    pub fn replace_all(
        node: &web_sys::Element,
        classes: &PyObject,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        checked(node)
            .set_class_name(&class_names(classes, vm)?.join(" "))
            .map_err(js_err(vm))
    }
}

/// Class names as one space-separated string, each name once (as the class attribute that
/// `classList.add` would leave).
pub fn distinct_names(names: &[String]) -> String {
    let mut distinct: Vec<&str> = Vec::with_capacity(names.len());
    for name in names {
        if !distinct.contains(&name.as_str()) {
            distinct.push(name);
        }
    }
    distinct.join(" ")
}

/// The class names in a str (space-separated) or an iterable of str; each is a valid token
/// (not empty, no whitespace).
pub fn class_names(classes: &PyObject, vm: &VirtualMachine) -> PyResult<Vec<String>> {
    if let Some(text) = classes.downcast_ref::<PyStr>() {
        return Ok(names_in(&text.to_string_lossy())
            .map(str::to_owned)
            .collect());
    }
    let mut names = Vec::new();
    for item in classes
        .to_owned()
        .try_into_value::<Vec<PyObjectRef>>(vm)
        .map_err(|_| {
            vm.new_type_error(format!(
                "classes must be a str or an iterable of str, not '{}'",
                classes.class().name()
            ))
        })?
    {
        let text = item.downcast_ref::<PyStr>().ok_or_else(|| {
            vm.new_type_error(format!(
                "a class name must be a str, not '{}'",
                item.class().name()
            ))
        })?;
        names.extend(names_in(&text.to_string_lossy()).map(str::to_owned));
    }
    Ok(names)
}

/// The class-list operations on one element, shared by `Classes` and a collection's
/// `classes` view (which runs them on each element).
pub mod on_node {
    use super::{Classes, class_list, distinct_names, names_in};
    use crate::dom::js_err;
    use crate::dom_members::has_class;
    use pyscript_bridge::js_helpers::interned;
    use rustpython_vm::{PyResult, VirtualMachine, builtins::PyStrRef};

    /// Adds the names (each may hold several, space-separated).
    pub fn add(node: &web_sys::Element, names: &[PyStrRef], vm: &VirtualMachine) -> PyResult<()> {
        let mut split = Vec::new();
        for name in names {
            split.extend(names_in(&name.to_string_lossy()).map(str::to_owned));
        }
        Classes::add_distinct(node, &distinct_names(&split), vm)
    }

    /// Removes the names; an absent class is no error.
    pub fn remove(
        node: &web_sys::Element,
        names: &[PyStrRef],
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        let list = class_list(node, vm)?;
        for name in names {
            for name in names_in(&name.to_string_lossy()) {
                list.remove_1(name).map_err(js_err(vm))?;
            }
        }
        Ok(())
    }

    pub fn discard(node: &web_sys::Element, name: &str, vm: &VirtualMachine) -> PyResult<()> {
        class_list(node, vm)?.remove_1(name).map_err(js_err(vm))
    }

    pub fn contains(node: &web_sys::Element, name: &str, vm: &VirtualMachine) -> PyResult<bool> {
        has_class(node, interned(name)).map_err(js_err(vm))
    }

    pub fn replace(
        node: &web_sys::Element,
        old: &str,
        new: &str,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        class_list(node, vm)?
            .replace(old, new)
            .map(drop)
            .map_err(js_err(vm))
    }

    pub fn toggle(node: &web_sys::Element, name: &str, vm: &VirtualMachine) -> PyResult<bool> {
        class_list(node, vm)?.toggle(name).map_err(js_err(vm))
    }

    pub fn clear(node: &web_sys::Element, vm: &VirtualMachine) -> PyResult<()> {
        node.remove_attribute("class").map_err(js_err(vm))
    }
}

#[pyclass(with(AsSequence, AsNumber, Iterable, Comparable, Representable))]
impl Classes {
    #[pymethod]
    fn add(zelf: &Py<Self>, names: PosArgs<PyStrRef>, vm: &VirtualMachine) -> PyResult<()> {
        on_node::add(&zelf.node, names.as_ref(), vm)
    }

    /// Removes the names; removing an absent class does nothing.
    #[pymethod]
    fn remove(zelf: &Py<Self>, names: PosArgs<PyStrRef>, vm: &VirtualMachine) -> PyResult<()> {
        on_node::remove(&zelf.node, names.as_ref(), vm)
    }

    #[pymethod]
    fn discard(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        on_node::discard(&zelf.node, &name.to_string_lossy(), vm)
    }

    #[pymethod]
    fn contains(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<bool> {
        on_node::contains(&zelf.node, &name.to_string_lossy(), vm)
    }

    /// Replaces `old` with `new` (nothing happens when `old` is absent).
    #[pymethod]
    fn replace(zelf: &Py<Self>, old: PyStrRef, new: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        on_node::replace(
            &zelf.node,
            &old.to_string_lossy(),
            &new.to_string_lossy(),
            vm,
        )
    }

    /// Adds the class if absent, removes it if present; returns whether it is now present.
    #[pymethod]
    fn toggle(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<bool> {
        on_node::toggle(&zelf.node, &name.to_string_lossy(), vm)
    }

    #[pymethod]
    fn clear(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<()> {
        on_node::clear(&zelf.node, vm)
    }

    /// Adds the class names of each iterable (or space-separated string), as `set.update`.
    #[pymethod]
    fn update(zelf: &Py<Self>, iterables: PosArgs, vm: &VirtualMachine) -> PyResult<()> {
        for classes in iterables.iter() {
            Classes::add_all(&zelf.node, classes, vm)?;
        }
        Ok(())
    }

    /// The class names as a new `set` (changing it changes nothing on the page).
    #[pymethod]
    fn copy(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult {
        zelf.to_set(vm)
    }

    #[pymethod]
    fn union(zelf: &Py<Self>, others: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "union", others, vm)
    }

    #[pymethod]
    fn intersection(zelf: &Py<Self>, others: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "intersection", others, vm)
    }

    #[pymethod]
    fn difference(zelf: &Py<Self>, others: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "difference", others, vm)
    }

    #[pymethod]
    fn symmetric_difference(zelf: &Py<Self>, other: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "symmetric_difference", other, vm)
    }

    #[pymethod]
    fn isdisjoint(zelf: &Py<Self>, other: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "isdisjoint", other, vm)
    }

    #[pymethod]
    fn issubset(zelf: &Py<Self>, other: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "issubset", other, vm)
    }

    #[pymethod]
    fn issuperset(zelf: &Py<Self>, other: PosArgs, vm: &VirtualMachine) -> PyResult {
        Self::set_method(zelf, "issuperset", other, vm)
    }
}

/// A set operand: the class names of a `Classes`, any other value as it is.
fn set_operand(value: &PyObject, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
    match value.downcast_ref::<Classes>() {
        Some(classes) => classes.to_set(vm),
        None => Ok(value.to_owned()),
    }
}

/// `classes |= other` (and `&=`, `-=`, `^=`): the element's classes become the result of the
/// set operation, and the live view itself is the value assigned back to `element.classes`.
fn in_place(zelf: &PyObject, other: &PyObject, operation: &str, vm: &VirtualMachine) -> PyResult {
    let Some(classes) = zelf.downcast_ref::<Classes>() else {
        return Ok(vm.ctx.not_implemented());
    };
    if !(other.fast_isinstance(vm.ctx.types.set_type)
        || other.fast_isinstance(vm.ctx.types.frozenset_type)
        || other.downcast_ref::<Classes>().is_some())
    {
        return Ok(vm.ctx.not_implemented());
    }
    let names: PyObjectRef = classes.to_set(vm)?;
    let result = vm.call_method(&names, operation, (set_operand(other, vm)?,))?;
    Classes::replace_all(&classes.node, &result, vm)?;
    Ok(zelf.to_owned())
}

/// `classes | other`, `&`, `-`, `^`: plain sets, as with a `set`.
impl AsNumber for Classes {
    fn as_number() -> &'static PyNumberMethods {
        static AS_NUMBER: PyNumberMethods = PyNumberMethods {
            or: Some(|a, b, vm| vm._or(&*set_operand(a, vm)?, &*set_operand(b, vm)?)),
            and: Some(|a, b, vm| vm._and(&*set_operand(a, vm)?, &*set_operand(b, vm)?)),
            subtract: Some(|a, b, vm| vm._sub(&*set_operand(a, vm)?, &*set_operand(b, vm)?)),
            xor: Some(|a, b, vm| vm._xor(&*set_operand(a, vm)?, &*set_operand(b, vm)?)),
            inplace_or: Some(|a, b, vm| in_place(a, b, "union", vm)),
            inplace_and: Some(|a, b, vm| in_place(a, b, "intersection", vm)),
            inplace_subtract: Some(|a, b, vm| in_place(a, b, "difference", vm)),
            inplace_xor: Some(|a, b, vm| in_place(a, b, "symmetric_difference", vm)),
            ..PyNumberMethods::NOT_IMPLEMENTED
        };
        &AS_NUMBER
    }
}

impl AsSequence for Classes {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            length: Some(|sequence, vm| Ok(Classes::sequence_downcast(sequence).names(vm)?.len())),
            contains: Some(
                |sequence, needle, vm| match needle.downcast_ref::<PyStr>() {
                    Some(name) => on_node::contains(
                        &Classes::sequence_downcast(sequence).node,
                        &name.to_string_lossy(),
                        vm,
                    ),
                    None => Ok(false),
                },
            ),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Iterable for Classes {
    fn iter(zelf: rustpython_vm::PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let names: Vec<PyObjectRef> = zelf
            .names(vm)?
            .into_iter()
            .map(|name| vm.ctx.new_str(name).into())
            .collect();
        snapshot_iterator(names, vm)
    }
}

impl Comparable for Classes {
    /// As a `set` compares: `==` another `Classes` or a set of the same names, `<=`/`<`/`>=`/`>`
    /// subset and superset.
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        let is_set = |value: &PyObject| {
            value.downcast_ref::<Classes>().is_some()
                || value.fast_isinstance(vm.ctx.types.set_type)
                || value.fast_isinstance(vm.ctx.types.frozenset_type)
        };
        if !is_set(other) {
            return Ok(PyComparisonValue::NotImplemented);
        }
        let mine = zelf.to_set(vm)?;
        let theirs = set_operand(other, vm)?;
        let result = mine.rich_compare_bool(&theirs, op, vm)?;
        Ok(PyComparisonValue::Implemented(result))
    }
}

impl Representable for Classes {
    fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        let names = zelf.names(vm)?;
        if names.is_empty() {
            return Ok("Classes()".into());
        }
        let quoted: Vec<String> = names.iter().map(|name| format!("'{name}'")).collect();
        Ok(format!("Classes({{{}}})", quoted.join(", ")))
    }
}
