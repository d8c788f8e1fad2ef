//! `update(classes=None, style=None, **properties)`: its arguments and how they apply, shared
//! by element constructors, `Element.update`, `ElementCollection.update_all` and `Options.add`.

use rustpython_vm::{
    FromArgs, Py, PyObject, PyObjectRef, PyResult, VirtualMachine, function::KwArgs,
};

use crate::element_core::Element;
use crate::properties::{self, Origin};
use crate::{classes::Classes, style::Style};

/// `update(classes=None, style=None, **properties)`, also `update_all()`'s.
#[derive(FromArgs)]
pub struct UpdateArgs {
    #[pyarg(any, default)]
    pub classes: Option<PyObjectRef>,
    #[pyarg(any, default)]
    pub style: Option<PyObjectRef>,
    #[pyarg(flatten)]
    pub properties: KwArgs,
}

impl UpdateArgs {
    /// CPython's "multiple values" error when `classes`/`style` came both by position and by
    /// name (the keyword would otherwise be taken for a property).
    pub fn refuse_repeated(&self, method: &str, vm: &VirtualMachine) -> PyResult<()> {
        refuse_repeated(method, &self.properties, &["classes", "style"], vm)
    }
}

/// `method() got multiple values for argument 'name'` when a parameter given by position was
/// named again among the keyword arguments that `properties` collects.
pub fn refuse_repeated(
    method: &str,
    properties: &KwArgs,
    parameters: &[&str],
    vm: &VirtualMachine,
) -> PyResult<()> {
    match parameters.iter().find(|name| properties.contains_key(name)) {
        Some(name) => Err(vm.new_type_error(format!(
            "{method}() got multiple values for argument '{name}'"
        ))),
        None => Ok(()),
    }
}

/// `classes=`, `style=` and validated properties, as the constructor, `update()` and
/// `update_all()` take them.
pub fn apply_updates(
    element: &Py<Element>,
    classes: Option<&PyObject>,
    style: Option<&PyObject>,
    properties: &KwArgs,
    vm: &VirtualMachine,
) -> PyResult<()> {
    if let Some(classes) = classes.filter(|classes| !vm.is_none(classes)) {
        Classes::add_all(element.node(), classes, vm)?;
    }
    if let Some(style) = style.filter(|style| !vm.is_none(style)) {
        Style::apply(element.node(), style, vm)?;
    }
    for (name, value) in properties {
        properties::set(
            element,
            &name.to_string_lossy(),
            value.clone(),
            Origin::Keyword,
            vm,
        )?;
    }
    Ok(())
}
