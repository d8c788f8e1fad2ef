//! Small typed DOM operations shared by the `pyscript.web` classes.

use js_sys::Reflect;
use pyscript_bridge::{errors::js_error_to_py, js_proxy::JsProxy};
use rustpython_vm::{PyObject, PyResult, VirtualMachine};
use wasm_bindgen::{JsCast, JsValue};

use crate::dom_members::CheckedDocument;

/// The page's `document`, or a clear error where there is none (a worker without the DOM proxy).
pub fn document(vm: &VirtualMachine) -> PyResult<web_sys::Document> {
    Reflect::get(&js_sys::global(), &JsValue::from_str("document"))
        .ok()
        .and_then(|document| document.dyn_into::<web_sys::Document>().ok())
        .ok_or_else(|| {
            vm.new_runtime_error(
                "pyscript.web needs the page's document, which this context does not have",
            )
        })
}

/// A DOM element held by a Python value: a `pyscript.web` element or a JS proxy of a node.
pub fn element_of(value: &PyObject) -> Option<web_sys::Element> {
    if let Some(element) = value.downcast_ref::<crate::element::Element>() {
        return Some(element.node().clone());
    }
    value
        .downcast_ref::<JsProxy>()
        .and_then(|proxy| proxy.value().dyn_ref::<web_sys::Element>().cloned())
}

/// Any DOM node held by a Python value (elements, text nodes, fragments).
pub fn node_of(value: &PyObject) -> Option<web_sys::Node> {
    if let Some(element) = value.downcast_ref::<crate::element::Element>() {
        return Some(element.node().clone().into());
    }
    value
        .downcast_ref::<JsProxy>()
        .and_then(|proxy| proxy.value().dyn_ref::<web_sys::Node>().cloned())
}

/// Maps a thrown DOM exception to Python.
pub fn js_err(
    vm: &VirtualMachine,
) -> impl Fn(JsValue) -> rustpython_vm::builtins::PyBaseExceptionRef + '_ {
    move |error| js_error_to_py(vm, error)
}

/// Appends HTML parsed from `markup` at the end of `parent`. Text without markup characters
/// becomes a text node directly: the same result, without the HTML parser.
pub fn append_markup(parent: &web_sys::Element, markup: &str, vm: &VirtualMachine) -> PyResult<()> {
    if markup.contains(['<', '&']) {
        parent
            .insert_adjacent_html("beforeend", markup)
            .map_err(js_err(vm))
    } else {
        let text = text_node(markup, vm)?;
        parent.append_child(&text).map(drop).map_err(js_err(vm))
    }
}

/// A new text node holding `text`.
pub fn text_node(text: &str, vm: &VirtualMachine) -> PyResult<web_sys::Text> {
    document(vm)?
        .unchecked_ref::<CheckedDocument>()
        .create_text_node(text)
        .map_err(js_err(vm))
}
