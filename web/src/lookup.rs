//! Finding elements by id or selector under a DOM node (the document or an element), for
//! `page[...]`, and PyScript 0.7's helpers of the same job (`_find_by_id`, `_find_and_wrap`,
//! `_wrap_if_not_none`), which pages and PyScript's own tests call.

use pyscript_bridge::{js_helpers::cast, js_proxy::JsProxy};
use rustpython_vm::{PyObject, PyObjectRef, PyResult, VirtualMachine};
use wasm_bindgen::{JsCast, JsValue};

use crate::class_table::{wrap, wrap_optional};
use crate::collection::ElementCollection;
use crate::dom::{descendant_with_id, js_err};
use crate::dom_members::CheckedDocument;
use crate::element_core::element_of;

/// The id a key names when it is a plain id, with or without `#` (`"card"`, `"#card"`); `None`
/// for any other CSS selector (`"div.card"`, `".a > p"`, `"[name=x]"`). Any character CSS
/// allows unescaped in an identifier counts, so ids such as `"1x"` or `"é"` are plain too.
pub fn plain_id(key: &str) -> Option<&str> {
    let id = key.strip_prefix('#').unwrap_or(key);
    let identifier = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii();
    (!id.is_empty() && id.chars().all(identifier)).then_some(id)
}

/// Where a search starts: the document or one element.
pub enum Root {
    Document(web_sys::Document),
    Element(web_sys::Element),
}

impl Root {
    /// The root a Python value holds: a `pyscript.web` element or a JS proxy of a document
    /// or an element.
    pub fn of(value: &PyObject, vm: &VirtualMachine) -> PyResult<Self> {
        if let Some(element) = element_of(value) {
            return Ok(Self::Element(element));
        }
        value
            .downcast_ref::<JsProxy>()
            .and_then(|proxy| cast::<web_sys::Document>(proxy.value().clone(), "Document").ok())
            .map(Self::Document)
            .ok_or_else(|| {
                vm.new_type_error(format!(
                    "expected a DOM document or element, not '{}'",
                    value.class().name()
                ))
            })
    }

    /// The first element under the root whose id is exactly `id`.
    pub fn with_id(&self, id: &str, vm: &VirtualMachine) -> PyResult<Option<web_sys::Element>> {
        match self {
            Self::Document(document) => {
                let document: &CheckedDocument = document.unchecked_ref();
                document.get_element_by_id(id).map_err(js_err(vm))
            }
            Self::Element(element) => descendant_with_id(element, id, vm),
        }
    }

    /// The elements under the root that match a CSS selector, in document order.
    pub fn matching(&self, selector: &str, vm: &VirtualMachine) -> PyResult<ElementCollection> {
        let found = match self {
            Self::Document(document) => document.query_selector_all(selector),
            Self::Element(element) => element.query_selector_all(selector),
        }
        .map_err(js_err(vm))?;
        ElementCollection::from_list(&found, vm)
    }
}

/// `_find_by_id(dom_node, target_id)`: the element with that id (`#` optional) under the
/// node, wrapped, or `None`.
pub fn find_by_id(dom_node: &PyObject, target_id: &str, vm: &VirtualMachine) -> PyResult {
    let id = target_id.strip_prefix('#').unwrap_or(target_id);
    wrap_optional(vm, Root::of(dom_node, vm)?.with_id(id, vm)?)
}

/// `_wrap_if_not_none(dom_element)`: the element wrapped in the class of its tag; `None` for
/// `None` or a JS `null`/`undefined`.
pub fn wrap_if_not_none(dom_element: PyObjectRef, vm: &VirtualMachine) -> PyResult {
    if is_none_or_null(&dom_element, vm) {
        return Ok(vm.ctx.none());
    }
    wrap_dom_element(&dom_element, vm)
}

/// A DOM element (or a `pyscript.web` element's node) wrapped in the class of its tag.
pub fn wrap_dom_element(dom_element: &PyObject, vm: &VirtualMachine) -> PyResult {
    let node = element_of(dom_element).ok_or_else(|| {
        vm.new_type_error(format!(
            "expected a DOM element, not '{}'",
            dom_element.class().name()
        ))
    })?;
    wrap(vm, node)
}

fn is_none_or_null(value: &PyObject, vm: &VirtualMachine) -> bool {
    vm.is_none(value)
        || value.downcast_ref::<JsProxy>().is_some_and(|proxy| {
            let value: &JsValue = proxy.value();
            value.is_null() || value.is_undefined()
        })
}
