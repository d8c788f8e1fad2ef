//! `Element`: the native base of every `pyscript.web` element class. It owns the DOM node;
//! typed properties go through the generated tables (see `properties.rs`), everything else
//! through the methods below.

use pyscript_bridge::protocol::equality_with;
use pyscript_bridge::{js_helpers::identity_of, js_proxy::JsProxy};
use rustpython_vm::{
    AsObject, FromArgs, Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{PyBaseExceptionRef, PyList, PySlice, PyStr, PyStrRef, PyTuple, PyType, PyTypeRef},
    common::hash::PyHash,
    function::{FuncArgs, KwArgs, PosArgs, PyComparisonValue, PySetterValue},
    protocol::PyMappingMethods,
    pyclass,
    types::{
        AsMapping, Comparable, Constructor, GetAttr, Hashable, Initializer, PyComparisonOp,
        Representable, SetAttr,
    },
};
use std::sync::LazyLock;
use wasm_bindgen::{JsCast, intern};

use crate::class_table::{element_class_of, wrap_optional};
use crate::collection::ElementCollection;
use crate::dom::{append_markup, descendant_with_id, document, js_err};
use crate::dom_members::{append_text, checked, is_node_list, nodes_in};
use crate::element_core::{Element, element_of, node_of};
use crate::lookup::Root;
use crate::options::Options;
use crate::properties::{self, Origin};
use crate::updates::{UpdateArgs, apply_updates};
use crate::{classes::Classes, style::Style};

/// How deep children lists may nest: the bridge's limit, for the same reason (a list that
/// contains itself, or one nested deeper than any page needs, must end in a Python error,
/// not in a native stack overflow that stops the interpreter). Each level also passes
/// RustPython's native stack guard, which may stop a list nested less deep when the stack is
/// already deep.
const MAX_CHILD_NESTING: usize = pyscript_bridge::convert::MAX_NESTING;

fn too_deeply_nested(method: &str, vm: &VirtualMachine) -> PyBaseExceptionRef {
    vm.new_value_error(format!(
        "{method}: children nested more than {MAX_CHILD_NESTING} levels deep, or a list that contains itself"
    ))
}

/// `tag(*children, children=None, classes=None, style=None, dom_element=None, **properties)`.
#[derive(FromArgs)]
pub struct ElementArgs {
    #[pyarg(flatten)]
    children: PosArgs,
    #[pyarg(named, default, name = "children")]
    keyword_children: Option<PyObjectRef>,
    #[pyarg(named, default)]
    classes: Option<PyObjectRef>,
    #[pyarg(named, default)]
    style: Option<PyObjectRef>,
    /// Read by the constructor (`py_new`); the initializer has nothing more to do with it.
    #[pyarg(named, default)]
    #[allow(dead_code)]
    dom_element: Option<PyObjectRef>,
    #[pyarg(flatten)]
    properties: KwArgs,
}

/// `clone(clone_id=None)`.
#[derive(FromArgs)]
struct CloneArgs {
    #[pyarg(
        any,
        default,
        error_msg = "clone() argument 'clone_id' must be a str or None"
    )]
    clone_id: Option<PyStrRef>,
}

impl Element {
    /// A constructor child: elements and nodes are appended, strings and numbers parsed as
    /// HTML; `<select>`-like elements also take `(label, value)` tuples.
    fn add_constructor_child(
        &self,
        child: &PyObject,
        owner: &str,
        depth: usize,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        if depth > MAX_CHILD_NESTING {
            return Err(too_deeply_nested(&format!("{owner}()"), vm));
        }
        if self.holds_options() && crate::options::is_option_shorthand(child, vm) {
            return crate::options::append_shorthand(self.node(), child, vm);
        }
        if let Some(text) = child.downcast_ref::<PyStr>() {
            return append_markup(self.node(), &text.to_string_lossy(), vm);
        }
        if is_number(child, vm) {
            return append_markup(self.node(), &child.str(vm)?.to_string_lossy(), vm);
        }
        if let Some(list) = child.downcast_ref::<PyList>() {
            let items = list.borrow_vec().to_vec();
            return vm.with_recursion(" while adding children", || {
                items
                    .iter()
                    .try_for_each(|item| self.add_constructor_child(item, owner, depth + 1, vm))
            });
        }
        self.append_node_like(child, vm)?
            .then_some(())
            .ok_or_else(|| {
                vm.new_type_error(format!(
                    "{owner}() cannot take a child of type '{}': give elements, strings or numbers",
                    child.class().name()
                ))
            })
    }

    /// Appends an element, a raw node, or each element of a collection / NodeList; false if
    /// `item` is none of those.
    fn append_node_like(&self, item: &PyObject, vm: &VirtualMachine) -> PyResult<bool> {
        if let Some(node) = node_of(item) {
            self.node().append_child(&node).map_err(js_err(vm))?;
            return Ok(true);
        }
        if let Some(collection) = item.downcast_ref::<ElementCollection>() {
            for node in collection.nodes() {
                self.node().append_child(node).map_err(js_err(vm))?;
            }
            return Ok(true);
        }
        if let Some(proxy) = item.downcast_ref::<JsProxy>()
            && is_node_list(proxy.value())
        {
            // A live list shrinks as its nodes move: take a snapshot first.
            for node in nodes_in(proxy.value(), vm)? {
                self.node().append_child(&node).map_err(js_err(vm))?;
            }
            return Ok(true);
        }
        Ok(false)
    }

    fn append_item(&self, item: &PyObject, depth: usize, vm: &VirtualMachine) -> PyResult<()> {
        if depth > MAX_CHILD_NESTING {
            return Err(too_deeply_nested("append()", vm));
        }
        if self.append_node_like(item, vm)? {
            return Ok(());
        }
        if let Some(text) = item.downcast_ref::<PyStr>() {
            return append_text(self.node(), &text.to_string_lossy()).map_err(js_err(vm));
        }
        if is_number(item, vm) {
            return append_text(self.node(), &item.str(vm)?.to_string_lossy()).map_err(js_err(vm));
        }
        if let Some(items) = sequence_items(item) {
            return vm.with_recursion(" while appending children", || {
                items
                    .iter()
                    .try_for_each(|item| self.append_item(item, depth + 1, vm))
            });
        }
        Err(vm.new_type_error(format!(
            "append() cannot add a '{}': give elements, DOM nodes, collections, lists, strings or numbers",
            item.class().name()
        )))
    }

    /// The element children, as a collection.
    fn element_children(&self, vm: &VirtualMachine) -> PyResult<ElementCollection> {
        let children = checked(self.node()).children().map_err(js_err(vm))?;
        ElementCollection::from_list(&children, vm)
    }

    fn python_name(zelf: &Py<Self>) -> String {
        zelf.class().name().to_string()
    }
}

fn assigned(
    value: PySetterValue,
    name: &str,
    zelf: &Py<Element>,
    vm: &VirtualMachine,
) -> PyResult<PyObjectRef> {
    match value {
        PySetterValue::Assign(value) => Ok(value),
        PySetterValue::Delete => Err(vm.new_attribute_error(format!(
            "cannot delete the {name} of a {} element: assign a new value instead",
            zelf.class().name()
        ))),
    }
}

fn is_number(value: &PyObject, vm: &VirtualMachine) -> bool {
    value.fast_isinstance(vm.ctx.types.int_type) || value.fast_isinstance(vm.ctx.types.float_type)
}

fn sequence_items(value: &PyObject) -> Option<Vec<PyObjectRef>> {
    if let Some(list) = value.downcast_ref::<PyList>() {
        return Some(list.borrow_vec().to_vec());
    }
    value
        .downcast_ref::<PyTuple>()
        .map(|tuple| tuple.as_slice().to_vec())
}

impl Constructor for Element {
    // Not `ElementArgs`: `__new__` also receives the arguments of a subclass's own
    // `__init__` (`Card("title")`), which are not ours to check. Only `dom_element=` matters
    // here; `Initializer` binds the documented signature.
    type Args = FuncArgs;

    fn py_new(cls: &Py<PyType>, args: FuncArgs, vm: &VirtualMachine) -> PyResult<Self> {
        if let Some(existing) = args
            .kwargs
            .get("dom_element")
            .filter(|value| !vm.is_none(value))
        {
            let node = element_of(existing).ok_or_else(|| {
                vm.new_type_error(format!(
                    "dom_element must be a DOM element, not '{}'",
                    existing.class().name()
                ))
            })?;
            let spec = match element_class_of(cls, vm) {
                Some(spec) => Some(spec),
                None => {
                    let tag = checked(&node).local_name().map_err(js_err(vm))?;
                    pyscript_elements::class_index_for_tag(&tag)
                        .and_then(|index| pyscript_elements::ELEMENT_CLASSES.get(index).copied())
                }
            };
            return Ok(Self::new(node, spec));
        }
        let spec = element_class_of(cls, vm).ok_or_else(|| {
            vm.new_type_error(format!(
                "{}() needs dom_element=: to make a new element, use a tag class such as div() or input_()",
                cls.name()
            ))
        })?;
        let node = document(vm)?
            .create_element(intern(spec.tag))
            .map_err(js_err(vm))?;
        Ok(Self::new(node, Some(spec)))
    }
}

impl Initializer for Element {
    type Args = ElementArgs;

    fn init(zelf: &Py<Self>, args: ElementArgs, vm: &VirtualMachine) -> PyResult<()> {
        let keyword_children = match args.keyword_children.filter(|value| !vm.is_none(value)) {
            Some(value) => value.try_to_value::<Vec<PyObjectRef>>(vm)?,
            None => Vec::new(),
        };
        let owner = Element::python_name(zelf);
        if zelf.spec().is_some_and(|spec| spec.void)
            && !(args.children.as_ref().is_empty() && keyword_children.is_empty())
        {
            return Err(vm.new_type_error(format!(
                "{owner}() is a void element: it cannot have children"
            )));
        }
        for child in args.children.iter().chain(&keyword_children) {
            zelf.add_constructor_child(child, &owner, 0, vm)?;
        }
        apply_updates(
            zelf,
            args.classes.as_deref(),
            args.style.as_deref(),
            &args.properties,
            vm,
        )
    }
}

#[pyclass(
    flags(BASETYPE),
    with(
        Constructor,
        Initializer,
        GetAttr,
        SetAttr,
        AsMapping,
        Comparable,
        Hashable,
        Representable
    )
)]
impl Element {
    /// A DOM element wrapped in the class of its tag (`Element` for custom elements, SVG).
    #[pyclassmethod]
    fn wrap_dom_element(
        _cls: PyTypeRef,
        dom_element: PyObjectRef,
        vm: &VirtualMachine,
    ) -> PyResult {
        crate::lookup::wrap_dom_element(&dom_element, vm)
    }

    /// Appends elements, DOM nodes, collections, lists (recursively), or text.
    #[pymethod]
    fn append(zelf: &Py<Self>, items: PosArgs, vm: &VirtualMachine) -> PyResult<()> {
        items
            .iter()
            .try_for_each(|item| zelf.append_item(item, 0, vm))
    }

    /// The element children, as an ElementCollection.
    #[pygetset]
    fn children(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<ElementCollection> {
        zelf.element_children(vm)
    }

    /// The parent element (wrapped), or None.
    #[pygetset]
    fn parent(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let parent = checked(zelf.node()).parent_element().map_err(js_err(vm))?;
        wrap_optional(vm, parent)
    }

    /// The element's CSS classes, a live set (reading); replaces them (assigning a str or an
    /// iterable of str, which `classes |= {...}` and the other in-place operators do).
    #[pygetset]
    fn classes(zelf: &Py<Self>) -> Classes {
        Classes::new(zelf.node().clone())
    }

    #[pygetset(setter)]
    fn set_classes(zelf: &Py<Self>, value: PySetterValue, vm: &VirtualMachine) -> PyResult<()> {
        let value = assigned(value, "classes", zelf, vm)?;
        Classes::replace_all(zelf.node(), &value, vm)
    }

    /// The element's inline style, a live dict of CSS properties (reading); applies a dict of
    /// them (assigning).
    #[pygetset]
    fn style(zelf: &Py<Self>) -> Style {
        Style::new(zelf.node().clone())
    }

    #[pygetset(setter)]
    fn set_style(zelf: &Py<Self>, value: PySetterValue, vm: &VirtualMachine) -> PyResult<()> {
        let value = assigned(value, "style", zelf, vm)?;
        Style::apply(zelf.node(), &value, vm)
    }

    /// The underlying DOM element.
    #[pygetset(name = "_dom_element")]
    fn dom_element(zelf: &Py<Self>, vm: &VirtualMachine) -> PyObjectRef {
        JsProxy::wrap(vm, zelf.node().clone().into())
    }

    /// A deep copy of the element, with id `clone_id` (no id when None).
    #[pymethod]
    fn clone(zelf: &Py<Self>, args: CloneArgs, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let copy: web_sys::Element = zelf
            .node()
            .clone_node_with_deep(true)
            .map_err(js_err(vm))?
            .unchecked_into();
        match args.clone_id {
            Some(id) => checked(&copy)
                .set_id(&id.to_string_lossy())
                .map_err(js_err(vm))?,
            None => copy.remove_attribute("id").map_err(js_err(vm))?,
        }
        let wrapper =
            Element::new(copy, zelf.spec()).into_ref_with_type(vm, zelf.class().to_owned())?;
        Ok(wrapper.into())
    }

    /// The descendants matching a CSS selector, in document order.
    #[pymethod]
    fn find(
        zelf: &Py<Self>,
        selector: PyStrRef,
        vm: &VirtualMachine,
    ) -> PyResult<ElementCollection> {
        Root::Element(zelf.node().clone()).matching(&selector.to_string_lossy(), vm)
    }

    /// Scrolls the element into view.
    #[pymethod]
    fn show_me(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<()> {
        checked(zelf.node()).scroll_into_view().map_err(js_err(vm))
    }

    /// Adds classes, applies style and sets validated properties.
    #[pymethod]
    fn update(zelf: &Py<Self>, args: UpdateArgs, vm: &VirtualMachine) -> PyResult<()> {
        args.refuse_repeated("update", vm)?;
        apply_updates(
            zelf,
            args.classes.as_deref(),
            args.style.as_deref(),
            &args.properties,
            vm,
        )
    }

    /// The tag name, lowercase.
    #[pymethod]
    fn get_tag_name(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        checked(zelf.node()).local_name().map_err(js_err(vm))
    }

    /// The `pyscript.Event` behind `on_<event>` (`get_event("on_click")`).
    #[pymethod]
    fn get_event(zelf: &Py<Self>, name: PyStrRef, vm: &VirtualMachine) -> PyResult {
        let name = name.to_string_lossy();
        let event = name.strip_prefix("on_").ok_or_else(|| {
            vm.new_value_error(format!("event names start with 'on_', not '{name}'"))
        })?;
        properties::event_object(zelf, event, vm)
    }
}

impl GetAttr for Element {
    fn getattro(zelf: &Py<Self>, name: &Py<PyStr>, vm: &VirtualMachine) -> PyResult {
        if let Some(found) = zelf.as_object().generic_getattr_opt(name, None, vm)? {
            return Ok(found);
        }
        let name = name.to_string_lossy();
        if zelf.holds_options() && (name == "options" || name == "clear") {
            let options: PyObjectRef = Options::new(zelf.node().clone()).into_ref(&vm.ctx).into();
            return if name == "options" {
                Ok(options)
            } else {
                options.get_attr("clear", vm)
            };
        }
        properties::get(zelf, &name, vm)
    }
}

impl SetAttr for Element {
    fn setattro(
        zelf: &Py<Self>,
        name: &Py<PyStr>,
        value: PySetterValue,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        let text = name.to_string_lossy();
        // Private names and names the (sub)class defines live on the Python object.
        if text.starts_with('_')
            || zelf
                .class()
                .get_attr(vm.ctx.intern_str(text.as_ref()))
                .is_some()
        {
            return zelf.as_object().generic_setattr(name, value, vm);
        }
        match value {
            PySetterValue::Assign(value) => {
                properties::set(zelf, &text, value, Origin::Assignment, vm)
            }
            PySetterValue::Delete => Err(vm.new_attribute_error(format!(
                "cannot delete '{text}' of a {} element: assign a new value instead",
                zelf.class().name()
            ))),
        }
    }
}

impl AsMapping for Element {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            subscript: Some(|mapping, key, vm| {
                let zelf = Element::mapping_downcast(mapping);
                element_item(zelf, key, vm)
            }),
            ..PyMappingMethods::NOT_IMPLEMENTED
        });
        &AS_MAPPING
    }
}

/// `el[i]`, `el[a:b]`: children; `el["id"]`: the descendant with that id (or None).
fn element_item(zelf: &Py<Element>, key: &PyObject, vm: &VirtualMachine) -> PyResult {
    if key.downcast_ref::<PySlice>().is_some() || key.fast_isinstance(vm.ctx.types.int_type) {
        return zelf.element_children(vm)?.item(key, vm);
    }
    if let Some(id) = key.downcast_ref::<PyStr>() {
        let id = id.to_string_lossy();
        let id = id.strip_prefix('#').unwrap_or(&id);
        let found = descendant_with_id(zelf.node(), id, vm)?;
        return wrap_optional(vm, found);
    }
    Err(type_error_for_key(key, vm))
}

fn type_error_for_key(key: &PyObject, vm: &VirtualMachine) -> PyBaseExceptionRef {
    vm.new_type_error(format!(
        "elements are indexed by int, slice or id string, not '{}'",
        key.class().name()
    ))
}

impl Comparable for Element {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        _vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        equality_with::<Self>(other, op, |other| zelf.node() == other.node())
    }
}

impl Hashable for Element {
    fn hash(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<PyHash> {
        Ok(identity_of(zelf.node()) as PyHash)
    }
}

impl Representable for Element {
    fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        let members = checked(zelf.node());
        let id = members.id().map_err(js_err(vm))?;
        let id = if id.is_empty() {
            String::new()
        } else {
            format!(" id=\"{id}\"")
        };
        Ok(format!(
            "<{} <{}{id}>>",
            zelf.class().name(),
            members.local_name().map_err(js_err(vm))?
        ))
    }
}
