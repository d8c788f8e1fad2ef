//! The `Element` payload: the DOM node a `pyscript.web` element wraps and the spec class of
//! its tag. Its Python methods are in `element.rs`; this small core is what the other files
//! build on, so imports within the crate point one way (towards here).

use pyscript_bridge::{js_helpers::cast, js_proxy::JsProxy, protocol::StandsForJsValue};
use pyscript_elements::{ElementClass, Interface, interface_named};
use rustpython_vm::{PyObject, PyObjectRef, PyPayload, pyclass};
use std::{cell::RefCell, collections::HashMap};
use wasm_bindgen::JsValue;

/// Elements whose `options` and `clear()` manage `<option>` children.
const OPTION_HOLDERS: [&str; 3] = ["select", "datalist", "optgroup"];

#[pyclass(module = "pyscript.web", name = "Element")]
#[derive(Debug, PyPayload)]
pub struct Element {
    node: web_sys::Element,
    /// The spec's class for the node's tag; `None` for custom elements, SVG, ...
    spec: Option<&'static ElementClass>,
    /// `on_<event>` Event objects, made (and their DOM listener added) on first use.
    events: RefCell<HashMap<String, PyObjectRef>>,
}

/// An element crosses to JavaScript as its DOM node.
impl StandsForJsValue for Element {
    fn js_value(&self) -> JsValue {
        self.node.clone().into()
    }
}

impl Element {
    pub fn new(node: web_sys::Element, spec: Option<&'static ElementClass>) -> Self {
        Self {
            node,
            spec,
            events: RefCell::default(),
        }
    }

    pub fn node(&self) -> &web_sys::Element {
        &self.node
    }

    /// The spec's class for the node's tag; `None` for custom elements, SVG, ...
    pub fn spec(&self) -> Option<&'static ElementClass> {
        self.spec
    }

    /// The DOM interface whose properties this element accepts.
    pub fn interface(&self) -> &'static Interface {
        self.spec.map_or_else(
            || interface_named("HTMLElement").expect("spec data defines HTMLElement"),
            |spec| spec.interface,
        )
    }

    pub fn holds_options(&self) -> bool {
        self.spec
            .is_some_and(|spec| OPTION_HOLDERS.contains(&spec.tag))
    }

    pub fn events(&self) -> &RefCell<HashMap<String, PyObjectRef>> {
        &self.events
    }
}

/// A DOM element held by a Python value: a `pyscript.web` element or a JS proxy of a node.
pub fn element_of(value: &PyObject) -> Option<web_sys::Element> {
    if let Some(element) = value.downcast_ref::<Element>() {
        return Some(element.node().clone());
    }
    value
        .downcast_ref::<JsProxy>()
        .and_then(|proxy| cast(proxy.value().clone(), "Element").ok())
}

/// Any DOM node held by a Python value (elements, text nodes, fragments).
pub fn node_of(value: &PyObject) -> Option<web_sys::Node> {
    if let Some(element) = value.downcast_ref::<Element>() {
        return Some(element.node().clone().into());
    }
    value
        .downcast_ref::<JsProxy>()
        .and_then(|proxy| cast(proxy.value().clone(), "Node").ok())
}
