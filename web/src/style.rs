//! `Style`: an element's inline style as a live dict of CSS properties
//! (`style["background-color"] = "red"`).

use js_sys::Reflect;
use pyscript_bridge::{
    js_helpers::{cast, interned},
    protocol::snapshot_iterator,
};
use rustpython_vm::{
    Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{PyBaseExceptionRef, PyDict, PyStr, PyStrRef},
    function::{KwArgs, OptionalArg, PyComparisonValue},
    protocol::{PyMappingMethods, PySequenceMethods},
    pyclass,
    types::{AsMapping, AsSequence, Comparable, Iterable, PyComparisonOp, Representable},
};
use std::{collections::BTreeMap, sync::LazyLock};
use wasm_bindgen::{JsValue, intern};

use crate::dom::js_err;
use crate::dom_members::{checked, set_style_value, strings_in, style_value};

#[pyclass(module = "pyscript.web", name = "Style")]
#[derive(Debug, PyPayload)]
pub struct Style {
    node: web_sys::Element,
}

impl Style {
    pub fn new(node: web_sys::Element) -> Self {
        Self { node }
    }

    fn declaration(
        node: &web_sys::Element,
        vm: &VirtualMachine,
    ) -> PyResult<web_sys::CssStyleDeclaration> {
        let style = Reflect::get(node, &JsValue::from_str(intern("style"))).map_err(js_err(vm))?;
        cast::<web_sys::CssStyleDeclaration>(style, "CSSStyleDeclaration")
            .map_err(|_| no_inline_style(node, vm))
    }

    /// Sets one CSS property of `node` (one call: many elements may get it).
    fn set_value(
        node: &web_sys::Element,
        name: &str,
        value: &str,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        if set_style_value(node, interned(name), interned(value)).map_err(js_err(vm))? {
            Ok(())
        } else {
            Err(no_inline_style(node, vm))
        }
    }

    /// Applies a dict of CSS properties to `node`'s inline style.
    pub fn apply(node: &web_sys::Element, style: &PyObject, vm: &VirtualMachine) -> PyResult<()> {
        // Another element's live style (or this one's, which `style |= ...` assigns back).
        if let Some(other) = style.downcast_ref::<Style>() {
            for (name, value) in other.entries(vm)? {
                Self::set_value(node, &name, &value, vm)?;
            }
            return Ok(());
        }
        let dict = style.downcast_ref::<PyDict>().ok_or_else(|| {
            vm.new_type_error(format!(
                "style must be a dict of CSS properties, not '{}'",
                style.class().name()
            ))
        })?;
        for (name, value) in css_pairs(dict, vm)? {
            Self::set_value(node, &name, &value, vm)?;
        }
        Ok(())
    }

    fn value(&self, name: &str, vm: &VirtualMachine) -> PyResult<Option<String>> {
        Self::value_of(&self.node, name, vm)
    }

    /// `node`'s inline value of the CSS property `name`, `None` when it is not set inline.
    pub fn value_of(
        node: &web_sys::Element,
        name: &str,
        vm: &VirtualMachine,
    ) -> PyResult<Option<String>> {
        match style_value(node, interned(name)).map_err(js_err(vm))? {
            Some(value) => Ok((!value.is_empty()).then_some(value)),
            None => Err(no_inline_style(node, vm)),
        }
    }

    fn names(&self, vm: &VirtualMachine) -> PyResult<Vec<String>> {
        strings_in(&Self::declaration(&self.node, vm)?.into(), vm)
    }

    /// The inline properties and their values, in declaration order.
    fn entries(&self, vm: &VirtualMachine) -> PyResult<Vec<(String, String)>> {
        let declaration = Self::declaration(&self.node, vm)?;
        self.names(vm)?
            .into_iter()
            .map(|name| {
                let value = declaration.get_property_value(&name).map_err(js_err(vm))?;
                Ok((name, value))
            })
            .collect()
    }

    fn set(&self, name: &str, value: &PyObject, vm: &VirtualMachine) -> PyResult<()> {
        Self::set_on(&self.node, name, value, vm)
    }

    /// Sets the CSS property `name` of `node` to `str(value)`.
    pub fn set_on(
        node: &web_sys::Element,
        name: &str,
        value: &PyObject,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        Self::set_value(node, name, &value.str(vm)?.to_string_lossy(), vm)
    }

    fn remove(&self, name: &str, vm: &VirtualMachine) -> PyResult<bool> {
        Self::remove_from(&self.node, name, vm)
    }

    /// Removes the CSS property `name` from `node`; whether it was set.
    pub fn remove_from(node: &web_sys::Element, name: &str, vm: &VirtualMachine) -> PyResult<bool> {
        let removed = Self::declaration(node, vm)?
            .remove_property(name)
            .map_err(js_err(vm))?;
        Ok(!removed.is_empty())
    }
}

/// The error for an element that has no inline style (of a namespace without `style`).
fn no_inline_style(node: &web_sys::Element, vm: &VirtualMachine) -> PyBaseExceptionRef {
    match checked(node).local_name() {
        Ok(tag) => vm.new_type_error(format!("<{tag}> has no inline style")),
        Err(error) => js_err(vm)(error),
    }
}

/// A dict's entries as CSS text (`str()` of each key and value). The entries are copied first:
/// a `__str__` that changes the dict cannot make the walk skip entries or run forever.
fn css_pairs(dict: &Py<PyDict>, vm: &VirtualMachine) -> PyResult<Vec<(String, String)>> {
    let entries: Vec<(PyObjectRef, PyObjectRef)> = dict.into_iter().collect();
    entries
        .into_iter()
        .map(|(name, value)| {
            Ok((
                name.str(vm)?.to_string_lossy().into_owned(),
                value.str(vm)?.to_string_lossy().into_owned(),
            ))
        })
        .collect()
}

fn key_text(key: &PyObject, vm: &VirtualMachine) -> PyResult<String> {
    key.downcast_ref::<PyStr>()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "CSS property names are str, not '{}'",
                key.class().name()
            ))
        })
}

#[pyclass(with(AsMapping, AsSequence, Iterable, Comparable, Representable))]
impl Style {
    /// The property's value, or `default` when it is not set inline.
    #[pymethod]
    fn get(
        zelf: &Py<Self>,
        name: PyStrRef,
        default: OptionalArg<PyObjectRef>,
        vm: &VirtualMachine,
    ) -> PyResult {
        Ok(match zelf.value(&name.to_string_lossy(), vm)? {
            Some(value) => vm.ctx.new_str(value).into(),
            None => default.unwrap_or_none(vm),
        })
    }

    /// Sets the property (the value goes through `str()`).
    #[pymethod(name = "set")]
    fn set_property(
        zelf: &Py<Self>,
        name: PyStrRef,
        value: PyObjectRef,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        zelf.set(&name.to_string_lossy(), &value, vm)
    }

    /// Removes the property; nothing happens when it is not set.
    #[pymethod(name = "remove")]
    fn remove_property(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        zelf.remove(&name.to_string_lossy(), vm).map(drop)
    }

    #[pymethod]
    fn keys(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let names = zelf
            .names(vm)?
            .into_iter()
            .map(|name| vm.ctx.new_str(name).into())
            .collect();
        Ok(vm.ctx.new_list(names).into())
    }

    #[pymethod]
    fn items(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let pairs = zelf
            .entries(vm)?
            .into_iter()
            .map(|pair| vm.new_tuple(pair).into())
            .collect();
        Ok(vm.ctx.new_list(pairs).into())
    }

    #[pymethod]
    fn values(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let values = zelf
            .entries(vm)?
            .into_iter()
            .map(|(_, value)| vm.ctx.new_str(value).into())
            .collect();
        Ok(vm.ctx.new_list(values).into())
    }

    /// Applies a dict of CSS properties and keyword ones (`font_size="2em"` is not
    /// `font-size`: CSS names with a dash go in the dict), as `dict.update`.
    #[pymethod]
    fn update(
        zelf: &Py<Self>,
        style: OptionalArg<PyObjectRef>,
        properties: KwArgs,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        if let OptionalArg::Present(style) = style {
            Self::apply(&zelf.node, &style, vm)?;
        }
        for (name, value) in properties {
            zelf.set(&name.to_string_lossy(), &value, vm)?;
        }
        Ok(())
    }

    /// Removes the property and returns its value; `default` (else `KeyError`) when it is
    /// not set inline.
    #[pymethod]
    fn pop(
        zelf: &Py<Self>,
        name: PyStrRef,
        default: OptionalArg<PyObjectRef>,
        vm: &VirtualMachine,
    ) -> PyResult {
        let text = name.to_string_lossy();
        match zelf.value(&text, vm)? {
            Some(value) => {
                zelf.remove(&text, vm)?;
                Ok(vm.ctx.new_str(value).into())
            }
            None => default
                .into_option()
                .ok_or_else(|| vm.new_key_error(name.into())),
        }
    }

    /// The property's value; when it is not set, sets it to `default` first.
    #[pymethod]
    fn setdefault(
        zelf: &Py<Self>,
        name: PyStrRef,
        default: PyObjectRef,
        vm: &VirtualMachine,
    ) -> PyResult {
        let text = name.to_string_lossy();
        if zelf.value(&text, vm)?.is_none() {
            zelf.set(&text, &default, vm)?;
        }
        Self::get(zelf, name, OptionalArg::Missing, vm)
    }

    /// Removes every inline property.
    #[pymethod]
    fn clear(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<()> {
        zelf.node.remove_attribute("style").map_err(js_err(vm))
    }

    /// The inline properties as a new `dict` (changing it changes nothing on the page).
    #[pymethod]
    fn copy(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let dict = vm.ctx.new_dict();
        for (name, value) in zelf.entries(vm)? {
            dict.set_item(name.as_str(), vm.ctx.new_str(value).into(), vm)?;
        }
        Ok(dict.into())
    }
}

impl AsMapping for Style {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            length: Some(|mapping, vm| Ok(Style::mapping_downcast(mapping).names(vm)?.len())),
            subscript: Some(|mapping, key, vm| {
                let name = key_text(key, vm)?;
                match Style::mapping_downcast(mapping).value(&name, vm)? {
                    Some(value) => Ok(vm.ctx.new_str(value).into()),
                    None => Err(vm.new_key_error(key.to_owned())),
                }
            }),
            ass_subscript: Some(|mapping, key, value, vm| {
                let name = key_text(key, vm)?;
                let style = Style::mapping_downcast(mapping);
                match value {
                    Some(value) => style.set(&name, &value, vm),
                    None if style.remove(&name, vm)? => Ok(()),
                    None => Err(vm.new_key_error(key.to_owned())),
                }
            }),
        });
        &AS_MAPPING
    }
}

impl AsSequence for Style {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            contains: Some(|sequence, needle, vm| {
                let name = key_text(needle, vm)?;
                Ok(Style::sequence_downcast(sequence)
                    .value(&name, vm)?
                    .is_some())
            }),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Iterable for Style {
    fn iter(zelf: rustpython_vm::PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let names: Vec<PyObjectRef> = zelf
            .names(vm)?
            .into_iter()
            .map(|name| vm.ctx.new_str(name).into())
            .collect();
        snapshot_iterator(names, vm)
    }
}

/// `==` another `Style` or a dict: the same inline properties with the same values (a dict's
/// keys and values compare as their `str()`, as assigning them would write them).
impl Comparable for Style {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        op.eq_only(|| {
            let mine: BTreeMap<String, String> = zelf.entries(vm)?.into_iter().collect();
            let theirs: BTreeMap<String, String> =
                if let Some(other) = other.downcast_ref::<Style>() {
                    other.entries(vm)?.into_iter().collect()
                } else if let Some(dict) = other.downcast_ref::<PyDict>() {
                    css_pairs(dict, vm)?.into_iter().collect()
                } else {
                    return Ok(PyComparisonValue::NotImplemented);
                };
            Ok(PyComparisonValue::Implemented(mine == theirs))
        })
    }
}

impl Representable for Style {
    fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        let declaration = Self::declaration(&zelf.node, vm)?;
        let entries: Vec<String> = zelf
            .names(vm)?
            .into_iter()
            .map(|name| {
                let value = declaration.get_property_value(&name).unwrap_or_default();
                format!("'{name}': '{value}'")
            })
            .collect();
        Ok(format!("Style({{{}}})", entries.join(", ")))
    }
}
