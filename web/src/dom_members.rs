//! The DOM members `pyscript.web` reads and calls that web-sys binds without `catch`.
//!
//! A page's JS, or Python through `js`/`window`, can redefine any DOM member (a custom
//! element's `remove()`, `Element.prototype.scrollIntoView = ...`, a getter on a prototype).
//! Through web-sys, the exception such a member throws would unwind through the wasm and stop
//! the interpreter; bound here with `catch`, it comes back as an `Err` that the callers turn
//! into a Python exception. Each type views an existing web-sys object (`unchecked_ref`), so
//! the calls cost what web-sys's do.

use pyscript_bridge::{
    errors::js_error_to_py,
    js_helpers::{cast, is_instance_of},
};
use rustpython_vm::{PyResult, VirtualMachine, builtins::PyBaseExceptionRef};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue, intern, prelude::wasm_bindgen};

// The hottest paths (wrapping a found node, `name in el.classes`, adding classes, a text child,
// one inline-style property) as one call each instead of two or three. A node's class is found
// on this side of the boundary, so that wrapping one passes a number, not its tag name.
#[wasm_bindgen(inline_js = r#"
const classIndexOfTag = new Map();
export function define_html_tags(tags) {
    for (const entry of tags.split(" ")) {
        const [tag, index] = entry.split(":");
        classIndexOfTag.set(tag, Number(index));
    }
}
export function html_class_index(node) {
    if (node.namespaceURI !== "http://www.w3.org/1999/xhtml") return -1;
    return classIndexOfTag.get(node.localName) ?? -1;
}
export function has_class(node, name) { return node.classList.contains(name); }
// Text that differs every time (a row's "row 12 ") is read out of wasm memory here: for short
// ASCII text, a loop costs a fraction of the fixed price of a TextDecoder call (about 0.2 us
// against 0.5-3.5 us in Chromium).
let memory;
let bytes = new Uint8Array(0);
const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
export function define_memory(wasmMemory) { memory = wasmMemory; }
function textAt(address, length) {
    // Growing the memory replaces its buffer.
    if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
    if (length <= 64) {
        let text = "";
        for (let at = address; at < address + length; at++) {
            const byte = bytes[at];
            if (byte > 0x7f) return decoder.decode(bytes.subarray(address, address + length));
            text += String.fromCharCode(byte);
        }
        return text;
    }
    return decoder.decode(bytes.subarray(address, address + length));
}
export function append_text_at(node, address, length) {
    node.appendChild(node.ownerDocument.createTextNode(textAt(address, length)));
}
// The inline style, or undefined for an element that has none (one of a namespace without
// style); duck-typed, as a worker's proxies of main-thread objects are no instances.
function inlineStyle(node) {
    const style = node.style;
    return style != null && typeof style.getPropertyValue === "function" ? style : undefined;
}
export function style_value(node, name) { return inlineStyle(node)?.getPropertyValue(name); }
export function set_style_value(node, name, value) {
    const style = inlineStyle(node);
    style?.setProperty(name, value);
    return style !== undefined;
}
export function add_classes(node, names) {
    // A new element has no class attribute: setting one does not make its classList object.
    if (node.hasAttribute("class")) node.classList.add(...names.split(" "));
    else node.className = names;
}
"#)]
extern "C" {
    /// Tells [`html_class_index`] the classes' tags: `"tag:index tag:index ..."`.
    pub fn define_html_tags(tags: &str);
    /// The index in `ELEMENT_CLASSES` of an HTML element's class (by its tag, as
    /// `define_html_tags` gave them); -1 for other tags and for SVG, MathML and other namespaces.
    #[wasm_bindgen(catch)]
    pub fn html_class_index(node: &web_sys::Element) -> Result<i32, JsValue>;
    /// `node.classList.contains(name)`.
    #[wasm_bindgen(catch)]
    pub fn has_class(node: &web_sys::Element, name: &str) -> Result<bool, JsValue>;
    /// Gives `textAt` the wasm memory to read.
    fn define_memory(memory: &JsValue);
    /// Appends a new text node holding the UTF-8 text at `address` (`length` bytes).
    #[wasm_bindgen(catch)]
    fn append_text_at(
        node: &web_sys::Element,
        address: usize,
        length: usize,
    ) -> Result<(), JsValue>;
    /// `node.style.getPropertyValue(name)`; `None` when the element has no inline style.
    #[wasm_bindgen(catch)]
    pub fn style_value(node: &web_sys::Element, name: &str) -> Result<Option<String>, JsValue>;
    /// `node.style.setProperty(name, value)`; false when the element has no inline style.
    #[wasm_bindgen(catch)]
    pub fn set_style_value(
        node: &web_sys::Element,
        name: &str,
        value: &str,
    ) -> Result<bool, JsValue>;
    /// Adds distinct class names, space-separated, in one call.
    #[wasm_bindgen(catch)]
    pub fn add_classes(node: &web_sys::Element, names: &str) -> Result<(), JsValue>;
}

thread_local! {
    /// Whether `define_memory` has been given the wasm memory.
    static MEMORY_DEFINED: Cell<bool> = const { Cell::new(false) };
}

/// Appends a new text node holding `text` to `node`.
pub fn append_text(node: &web_sys::Element, text: &str) -> Result<(), JsValue> {
    if !MEMORY_DEFINED.get() {
        define_memory(&wasm_bindgen::memory());
        MEMORY_DEFINED.set(true);
    }
    // `text` stays borrowed, so in place, until the call returns.
    append_text_at(node, text.as_ptr() as usize, text.len())
}

#[wasm_bindgen]
extern "C" {
    /// An `Element` whose members report exceptions.
    #[wasm_bindgen(extends = web_sys::Element)]
    pub type CheckedElement;

    #[wasm_bindgen(catch, method, getter)]
    pub fn id(this: &CheckedElement) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, method, setter = id)]
    pub fn set_id(this: &CheckedElement, id: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, getter = localName)]
    pub fn local_name(this: &CheckedElement) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, method, getter = namespaceURI)]
    pub fn namespace_uri(this: &CheckedElement) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, method, getter = innerHTML)]
    pub fn inner_html(this: &CheckedElement) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, method, setter = innerHTML)]
    pub fn set_inner_html(this: &CheckedElement, html: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, setter = className)]
    pub fn set_class_name(this: &CheckedElement, names: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, getter = classList)]
    pub fn class_list(this: &CheckedElement) -> Result<CheckedTokenList, JsValue>;
    /// An `HTMLCollection` (read with [`elements_in`]).
    #[wasm_bindgen(catch, method, getter)]
    pub fn children(this: &CheckedElement) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, getter = parentElement)]
    pub fn parent_element(this: &CheckedElement) -> Result<Option<web_sys::Element>, JsValue>;
    #[wasm_bindgen(catch, method, js_name = getElementsByTagName)]
    pub fn get_elements_by_tag_name(this: &CheckedElement, tag: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, method, js_name = getAttribute)]
    pub fn get_attribute(this: &CheckedElement, name: &str) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(catch, method)]
    pub fn remove(this: &CheckedElement) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, js_name = scrollIntoView)]
    pub fn scroll_into_view(this: &CheckedElement) -> Result<(), JsValue>;

    /// An `<option>` element's members.
    #[wasm_bindgen(extends = web_sys::Element)]
    pub type CheckedOption;

    #[wasm_bindgen(catch, method, setter = text)]
    pub fn set_text(this: &CheckedOption, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, setter = value)]
    pub fn set_value(this: &CheckedOption, value: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, getter)]
    pub fn selected(this: &CheckedOption) -> Result<bool, JsValue>;

    /// A `DOMTokenList` (`classList`); web-sys's `add`/`remove`/`toggle`/`replace` already
    /// report exceptions.
    #[wasm_bindgen(extends = web_sys::DomTokenList)]
    pub type CheckedTokenList;

    #[wasm_bindgen(catch, method)]
    pub fn contains(this: &CheckedTokenList, name: &str) -> Result<bool, JsValue>;

    /// Anything with `length` and `item(i)`: `HTMLCollection`, `NodeList`, `DOMTokenList`,
    /// `CSSStyleDeclaration`.
    pub type CheckedList;

    #[wasm_bindgen(catch, method, getter)]
    pub fn length(this: &CheckedList) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch, method)]
    pub fn item(this: &CheckedList, index: u32) -> Result<JsValue, JsValue>;

    /// The `document`'s members.
    #[wasm_bindgen(extends = web_sys::Document)]
    pub type CheckedDocument;

    #[wasm_bindgen(catch, method, getter)]
    pub fn title(this: &CheckedDocument) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, method, setter = title)]
    pub fn set_title(this: &CheckedDocument, title: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(catch, method, getter = documentElement)]
    pub fn document_element(this: &CheckedDocument) -> Result<Option<web_sys::Element>, JsValue>;
    #[wasm_bindgen(catch, method, getter)]
    pub fn head(this: &CheckedDocument) -> Result<Option<web_sys::Element>, JsValue>;
    #[wasm_bindgen(catch, method, getter)]
    pub fn body(this: &CheckedDocument) -> Result<Option<web_sys::Element>, JsValue>;
    #[wasm_bindgen(catch, method, js_name = getElementById)]
    pub fn get_element_by_id(
        this: &CheckedDocument,
        id: &str,
    ) -> Result<Option<web_sys::Element>, JsValue>;

    /// A `Node`'s members.
    #[wasm_bindgen(extends = web_sys::Node)]
    pub type CheckedNode;

    #[wasm_bindgen(catch, method, getter = parentNode)]
    pub fn parent_node(this: &CheckedNode) -> Result<Option<web_sys::Node>, JsValue>;
}

/// Maps a thrown exception to Python (as `dom::js_err`; this file is below `dom.rs`).
fn js_err(vm: &VirtualMachine) -> impl Fn(JsValue) -> PyBaseExceptionRef + '_ {
    move |error| js_error_to_py(vm, error)
}

/// `node`'s members, reporting exceptions.
pub fn checked(node: &web_sys::Element) -> &CheckedElement {
    node.unchecked_ref()
}

/// Whether `value` is a `NodeList` or an `HTMLCollection` (the main thread's, from a worker).
pub fn is_node_list(value: &JsValue) -> bool {
    is_instance_of(value, intern("NodeList")) || is_instance_of(value, intern("HTMLCollection"))
}

/// The elements of an `HTMLCollection` or `NodeList`, in order (other nodes are skipped).
pub fn elements_in(list: &JsValue, vm: &VirtualMachine) -> PyResult<Vec<web_sys::Element>> {
    items_of_type(list, "Element", vm)
}

/// The nodes of a `NodeList` or `HTMLCollection`, in order.
pub fn nodes_in(list: &JsValue, vm: &VirtualMachine) -> PyResult<Vec<web_sys::Node>> {
    items_of_type(list, "Node", vm)
}

/// The items of `list` that are a `T`, of JS class `class` (an `instanceof` test, which
/// never throws).
fn items_of_type<T: JsCast>(
    list: &JsValue,
    class: &'static str,
    vm: &VirtualMachine,
) -> PyResult<Vec<T>> {
    let list: &CheckedList = list.unchecked_ref();
    let length = list.length().map_err(js_err(vm))?;
    // No capacity from `length`: a redefined getter could ask for any size.
    let mut items = Vec::new();
    for index in 0..length {
        if let Ok(item) = cast(list.item(index).map_err(js_err(vm))?, class) {
            items.push(item);
        }
    }
    Ok(items)
}

/// The strings of a `DOMTokenList` or the property names of a `CSSStyleDeclaration`.
pub fn strings_in(list: &JsValue, vm: &VirtualMachine) -> PyResult<Vec<String>> {
    let list: &CheckedList = list.unchecked_ref();
    let length = list.length().map_err(js_err(vm))?;
    let mut strings = Vec::new();
    for index in 0..length {
        if let Some(text) = list.item(index).map_err(js_err(vm))?.as_string() {
            strings.push(text);
        }
    }
    Ok(strings)
}
