//! `Options`: the `<option>`s of a `select`, `datalist` or `optgroup`, and the constructor
//! shorthand that turns `("label", value)` tuples into options.

use js_sys::Reflect;
use pyscript_bridge::{js_helpers::cast, protocol::sequence_position};
use rustpython_vm::{
    AsObject, FromArgs, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
    builtins::PyTuple,
    function::KwArgs,
    protocol::{PyMappingMethods, PySequenceMethods},
    pyclass,
    types::{AsMapping, AsSequence, Iterable, Representable},
};
use std::sync::LazyLock;
use wasm_bindgen::{JsCast, JsValue, intern};

use crate::class_table::{wrap, wrap_element};
use crate::dom::{document, js_err};
use crate::dom_members::{CheckedNode, CheckedOption, checked, elements_in};
use crate::element_core::node_of;
use crate::updates::{apply_updates, refuse_repeated};

/// `Options.add(value=None, html=None, text=None, before=None, **properties)`; a `None`
/// field is left as the new option has it.
#[derive(FromArgs)]
struct AddArgs {
    #[pyarg(any, default)]
    value: Option<PyObjectRef>,
    #[pyarg(any, default)]
    html: Option<PyObjectRef>,
    #[pyarg(any, default)]
    text: Option<PyObjectRef>,
    #[pyarg(any, default)]
    before: Option<PyObjectRef>,
    #[pyarg(flatten)]
    properties: KwArgs,
}

#[pyclass(module = "pyscript.web", name = "Options")]
#[derive(Debug, PyPayload)]
pub struct Options {
    node: web_sys::Element,
}

/// Whether a constructor child of a select-like element is option shorthand: a
/// `(label, value)` pair. A string is markup, as for every other element (PyScript 0.7:
/// `select("<option>a</option>")`).
pub fn is_option_shorthand(child: &PyObject, _vm: &VirtualMachine) -> bool {
    child
        .downcast_ref::<PyTuple>()
        .is_some_and(|tuple| tuple.len() == 2)
}

/// Appends the `<option>` a shorthand child stands for.
pub fn append_shorthand(
    parent: &web_sys::Element,
    child: &PyObject,
    vm: &VirtualMachine,
) -> PyResult<()> {
    let (label, value) = match child
        .downcast_ref::<PyTuple>()
        .map(|tuple| tuple.as_slice())
    {
        Some([label, value]) => (label.str(vm)?, value.str(vm)?),
        _ => (child.str(vm)?, child.str(vm)?),
    };
    let option = new_option(vm)?;
    let members = option_members(&option);
    members
        .set_text(&label.to_string_lossy())
        .map_err(js_err(vm))?;
    members
        .set_value(&value.to_string_lossy())
        .map_err(js_err(vm))?;
    parent.append_child(&option).map(drop).map_err(js_err(vm))
}

fn new_option(vm: &VirtualMachine) -> PyResult<web_sys::Element> {
    document(vm)?
        .create_element(intern("option"))
        .map_err(js_err(vm))
}

fn option_members(option: &web_sys::Element) -> &CheckedOption {
    option.unchecked_ref()
}

/// The option at a Python-style index (negative counts from the end), if any.
fn option_at(options: &[web_sys::Element], index: isize) -> Option<&web_sys::Element> {
    sequence_position(index, options.len()).and_then(|position| options.get(position))
}

impl Options {
    pub fn new(node: web_sys::Element) -> Self {
        Self { node }
    }

    /// The options, in order: a select's (inside optgroups too), a datalist's, an optgroup's children.
    fn option_nodes(&self, vm: &VirtualMachine) -> PyResult<Vec<web_sys::Element>> {
        let members = checked(&self.node);
        let own_options = if members.local_name().map_err(js_err(vm))? == "optgroup" {
            None
        } else {
            let options =
                Reflect::get(&self.node, &JsValue::from_str("options")).map_err(js_err(vm))?;
            cast::<web_sys::HtmlCollection>(options, "HTMLCollection").ok()
        };
        let list: JsValue = match own_options {
            Some(options) => options.into(),
            None => members.children().map_err(js_err(vm))?,
        };
        let mut options = Vec::new();
        for element in elements_in(&list, vm)? {
            if checked(&element).local_name().map_err(js_err(vm))? == "option" {
                options.push(element);
            }
        }
        Ok(options)
    }
}

#[pyclass(with(AsMapping, AsSequence, Iterable, Representable))]
impl Options {
    /// The selected option, or None when nothing is selected.
    #[pygetset]
    fn selected(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        for option in zelf.option_nodes(vm)? {
            if option_members(&option).selected().map_err(js_err(vm))? {
                return wrap(vm, option);
            }
        }
        Ok(vm.ctx.none())
    }

    /// Removes the option at `index` (an index out of range does nothing, as in the DOM).
    #[pymethod]
    fn remove(zelf: &Py<Self>, index: isize, vm: &VirtualMachine) -> PyResult<()> {
        match option_at(&zelf.option_nodes(vm)?, index) {
            Some(option) => checked(option).remove().map_err(js_err(vm)),
            None => Ok(()),
        }
    }

    /// Removes every option.
    #[pymethod]
    fn clear(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<()> {
        zelf.option_nodes(vm)?
            .iter()
            .try_for_each(|option| checked(option).remove().map_err(js_err(vm)))
    }

    /// Adds an option: `add(value=None, html=None, text=None, before=None, **properties)`;
    /// `before` is an option element, a DOM node or an index, else it goes at the end.
    #[pymethod]
    fn add(zelf: &Py<Self>, args: AddArgs, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let AddArgs {
            value,
            html,
            text,
            before,
            properties,
        } = args;
        refuse_repeated("add", &properties, &["value", "html", "text", "before"], vm)?;
        let option = new_option(vm)?;
        let members = option_members(&option);
        if let Some(value) = value {
            members
                .set_value(&value.str(vm)?.to_string_lossy())
                .map_err(js_err(vm))?;
        }
        if let Some(html) = html {
            checked(&option)
                .set_inner_html(&html.str(vm)?.to_string_lossy())
                .map_err(js_err(vm))?;
        }
        if let Some(text) = text {
            members
                .set_text(&text.str(vm)?.to_string_lossy())
                .map_err(js_err(vm))?;
        }
        let reference: Option<web_sys::Node> = match before {
            Some(before) if before.fast_isinstance(vm.ctx.types.int_type) => {
                let index = before.try_index(vm)?.try_to_primitive::<isize>(vm)?;
                option_at(&zelf.option_nodes(vm)?, index).map(|option| option.clone().into())
            }
            Some(before) => Some(node_of(&before).ok_or_else(|| {
                vm.new_type_error(format!(
                    "before= must be an option, a DOM node or an index, not '{}'",
                    before.class().name()
                ))
            })?),
            None => None,
        };
        match reference {
            Some(reference) => {
                let parent = reference
                    .unchecked_ref::<CheckedNode>()
                    .parent_node()
                    .map_err(js_err(vm))?
                    .unwrap_or_else(|| zelf.node.clone().into());
                parent
                    .insert_before(&option, Some(&reference))
                    .map_err(js_err(vm))?;
            }
            None => {
                zelf.node.append_child(&option).map_err(js_err(vm))?;
            }
        }
        let wrapped = wrap_element(vm, option)?;
        if !properties.is_empty() {
            apply_updates(&wrapped, None, None, &properties, vm)?;
        }
        Ok(wrapped.into())
    }
}

impl Options {
    fn item(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let index = key.try_index(vm)?.try_to_primitive::<isize>(vm)?;
        let options = self.option_nodes(vm)?;
        match option_at(&options, index) {
            Some(option) => wrap(vm, option.clone()),
            None => Err(vm.new_index_error(format!(
                "option index {index} out of range ({} options)",
                options.len()
            ))),
        }
    }
}

impl AsMapping for Options {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            length: Some(|mapping, vm| {
                Ok(Options::mapping_downcast(mapping).option_nodes(vm)?.len())
            }),
            subscript: Some(|mapping, key, vm| Options::mapping_downcast(mapping).item(key, vm)),
            ass_subscript: None,
        });
        &AS_MAPPING
    }
}

impl AsSequence for Options {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            length: Some(|sequence, vm| {
                Ok(Options::sequence_downcast(sequence).option_nodes(vm)?.len())
            }),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Iterable for Options {
    fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let collection = crate::collection::ElementCollection::new(zelf.option_nodes(vm)?);
        <crate::collection::ElementCollection as Iterable>::iter(collection.into_ref(&vm.ctx), vm)
    }
}

impl Representable for Options {
    fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        Ok(format!(
            "<Options of <{}>: {} options>",
            checked(&zelf.node).local_name().map_err(js_err(vm))?,
            zelf.option_nodes(vm)?.len()
        ))
    }
}
