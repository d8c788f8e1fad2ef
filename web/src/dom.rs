//! Small typed DOM operations shared by the `pyscript.web` classes.

use js_sys::Reflect;
use pyscript_bridge::errors::js_error_to_py;
use pyscript_bridge::js_helpers::{cast, main_window};
use rustpython_vm::{PyResult, VirtualMachine};
use std::cell::OnceCell;
use wasm_bindgen::{JsValue, intern};

use crate::dom_members::{append_text, checked, elements_in};

thread_local! {
    /// The page's `document`, once found: it never changes, and each element and text node
    /// made needs it.
    static DOCUMENT: OnceCell<&'static web_sys::Document> = const { OnceCell::new() };
}

/// The page's `document`, or a clear error where there is none (a worker without the DOM proxy).
pub fn document(vm: &VirtualMachine) -> PyResult<&'static web_sys::Document> {
    if let Some(document) = DOCUMENT.with(|found| found.get().copied()) {
        return Ok(document);
    }
    let document = Reflect::get(&main_window(), &JsValue::from_str(intern("document")))
        .ok()
        .and_then(|document| cast::<web_sys::Document>(document, "Document").ok())
        .ok_or_else(|| {
            vm.new_runtime_error(
                "pyscript.web needs the page's document, which this context does not have",
            )
        })?;
    // Kept for the life of the page, as the page keeps it.
    Ok(DOCUMENT.with(|found| *found.get_or_init(|| Box::leak(Box::new(document)))))
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
        append_text(parent, markup).map_err(js_err(vm))
    }
}

/// The first descendant whose id is exactly `id` (no CSS escaping pitfalls with ids like "1x").
pub fn descendant_with_id(
    root: &web_sys::Element,
    id: &str,
    vm: &VirtualMachine,
) -> PyResult<Option<web_sys::Element>> {
    let all = checked(root)
        .get_elements_by_tag_name("*")
        .map_err(js_err(vm))?;
    for element in elements_in(&all, vm)? {
        if checked(&element).id().map_err(js_err(vm))? == id {
            return Ok(Some(element));
        }
    }
    Ok(None)
}
