//! The HTML elements of `pyscript.web`: one [`ElementClass`] per Python class (`a` ... `wbr`,
//! `del_`, `input_`, ..., `grid`), each pointing at the [`Interface`] of its DOM element with
//! that interface's typed [`Property`] table.
//!
//! This file holds the written types; the tables themselves are in `src/generated.rs`, written
//! by `codegen` from `spec-data/html-elements.json` and never edited by hand. The runtime
//! (`web/`, the `pyscript-web` crate) consults them through one generic getter and setter, so a new property in
//! the spec data costs a table row, not code.

// Formatted by the generator (prettyplease), not by `cargo fmt`, so the two never disagree.
#[rustfmt::skip]
mod generated;

pub use generated::{ELEMENT_CLASSES, EVENTS, INTERFACES, SPEC_DATA_VERSIONS};

/// The type of a property as the HTML standard's IDL declares it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PropertyType {
    /// `boolean`.
    Boolean,
    /// `DOMString`, `USVString` (`nullable`: `DOMString?`).
    String { nullable: bool },
    /// An IDL integer type, with its range (`long`: -2^31..2^31-1, `unsigned long`: 0..2^32-1, ...).
    Integer { min: i64, max: i64, nullable: bool },
    /// `double`/`float`; NaN and the infinities are allowed only when `unrestricted`.
    Float { unrestricted: bool, nullable: bool },
    /// A string restricted to an IDL enum's values.
    Enum {
        name: &'static str,
        values: &'static [&'static str],
        nullable: bool,
    },
    /// An element interface (`HTMLFormElement?`): wrapped as its element class.
    Element {
        interface: &'static str,
        nullable: bool,
    },
    /// Any other interface, union or dictionary: passed through as a JS value.
    Object { idl: &'static str, nullable: bool },
}

/// How a property reflects a content attribute (HTML's `[Reflect]` family).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reflection {
    /// The content attribute's name (`tabindex` for `tabIndex`, `for` for `htmlFor`).
    pub attribute: &'static str,
    /// The IDL extended attribute: `Reflect`, `ReflectURL`, `ReflectSetter`, ...
    pub kind: &'static str,
}

/// One IDL attribute of an interface.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Property {
    /// The IDL name, which is also the JS property name (`readOnly`, `htmlFor`).
    pub name: &'static str,
    pub ty: PropertyType,
    pub readonly: bool,
    pub reflects: Option<Reflection>,
    /// The interface or mixin that declares it (`HTMLElement`, `PopoverInvokerElement`, ...).
    pub declared_by: &'static str,
}

/// A DOM interface with its own properties (inherited ones live on `parent`).
#[derive(Debug)]
pub struct Interface {
    pub name: &'static str,
    pub parent: Option<&'static Interface>,
    /// Own properties, in spec order.
    pub properties: &'static [Property],
    /// Every accepted spelling of an own property -> its index in `properties`: the IDL name,
    /// the reflected content attribute, and the all-lowercase IDL name.
    pub lookup: &'static phf::Map<&'static str, u16>,
    /// The spec section defining the interface.
    pub href: &'static str,
}

impl Interface {
    /// The property `name` (any accepted spelling) of this interface or an ancestor.
    pub fn property(&'static self, name: &str) -> Option<&'static Property> {
        let mut interface = Some(self);
        while let Some(current) = interface {
            if let Some(&index) = current.lookup.get(name) {
                return Some(&current.properties[usize::from(index)]);
            }
            interface = current.parent;
        }
        None
    }

    /// This interface and its ancestors, nearest first.
    pub fn chain(&'static self) -> impl Iterator<Item = &'static Interface> {
        std::iter::successors(Some(self), |interface| interface.parent)
    }
}

/// One Python class of `pyscript.web`.
#[derive(Debug)]
pub struct ElementClass {
    /// The Python name: the tag, with a trailing `_` where the tag is a Python keyword or
    /// builtin (`del_`, `input_`, `map_`, `object_`).
    pub class_name: &'static str,
    /// The HTML tag it creates (`grid` creates a `div`).
    pub tag: &'static str,
    pub interface: &'static Interface,
    /// Void elements (`br`, `img`, `input`, ...) take no children.
    pub void: bool,
    /// The spec section defining the element.
    pub href: &'static str,
}

/// The class for `tag` (lowercase), for wrapping DOM nodes found in the page.
pub fn class_for_tag(tag: &str) -> Option<&'static ElementClass> {
    generated::CLASS_BY_TAG
        .get(tag)
        .map(|&index| ELEMENT_CLASSES[usize::from(index)])
}

/// The index in [`ELEMENT_CLASSES`] of the class for `tag` (lowercase).
pub fn class_index_for_tag(tag: &str) -> Option<usize> {
    generated::CLASS_BY_TAG
        .get(tag)
        .map(|&index| usize::from(index))
}

/// Each tag (lowercase) with the index in [`ELEMENT_CLASSES`] of its class.
pub fn tags_and_class_indexes() -> impl Iterator<Item = (&'static str, usize)> {
    generated::CLASS_BY_TAG
        .entries()
        .map(|(&tag, &index)| (tag, usize::from(index)))
}

/// The index in [`ELEMENT_CLASSES`] of the class named `name`, or of the class an alias names.
pub fn class_index_for_name(name: &str) -> Option<usize> {
    generated::CLASS_BY_NAME
        .get(name)
        .map(|&index| usize::from(index))
}

/// Every Python name of a class, aliases (`select_`) included.
pub fn class_names_and_aliases() -> impl Iterator<Item = &'static str> {
    generated::CLASS_BY_NAME.keys().copied()
}

/// The class whose Python name is `name` (`input_`), or an alias of one (`select_`).
pub fn class_named(name: &str) -> Option<&'static ElementClass> {
    generated::CLASS_BY_NAME
        .get(name)
        .map(|&index| ELEMENT_CLASSES[usize::from(index)])
}

/// The interface named `name` (`HTMLInputElement`).
pub fn interface_named(name: &str) -> Option<&'static Interface> {
    INTERFACES
        .iter()
        .copied()
        .find(|interface| interface.name == name)
}

/// Whether `on_<name>` names a DOM event the spec data knows (`click`, `input`, ...).
pub fn is_event(name: &str) -> bool {
    EVENTS.contains(name)
}
