//! Pass 1, read: the two input files as serde structs, exactly as `spec-data/` writes them.
//!
//! `html-elements.json` is produced by `spec-data/build.mjs` from W3C webref; `compat.json` is
//! kept by hand. Nothing here interprets the data: that is the model's job.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::Error;

/// `spec-data/html-elements.json`.
#[derive(Debug, Deserialize)]
pub struct SpecData {
    /// Upstream package -> version, in the order the file lists them.
    pub sources: IndexMap<String, String>,
    pub elements: Vec<ElementData>,
    /// Interface name -> its own attributes (mixins already flattened in, with `from`).
    pub interfaces: IndexMap<String, InterfaceData>,
    /// IDL enum name -> its values.
    #[serde(default)]
    pub enums: IndexMap<String, Vec<String>>,
    #[serde(default)]
    pub events: Vec<String>,
}

/// One HTML element of webref's `html.json`.
#[derive(Debug, Deserialize)]
pub struct ElementData {
    pub tag: String,
    pub interface: String,
    pub void: bool,
    pub obsolete: bool,
    pub href: String,
}

#[derive(Debug, Deserialize)]
pub struct InterfaceData {
    pub inherits: Option<String>,
    pub href: String,
    pub attributes: Vec<AttributeData>,
}

/// One IDL attribute.
#[derive(Debug, Deserialize)]
pub struct AttributeData {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: IdlType,
    pub readonly: bool,
    pub reflect: Option<ReflectData>,
    /// The interface or mixin declaring it.
    pub from: String,
    #[serde(default)]
    pub obsolete: bool,
}

/// An IDL type: either one named type (`DOMString`, `unsigned long`, `FrozenArray<DOMString>`)
/// or a union of named types.
#[derive(Debug, Deserialize)]
pub struct IdlType {
    pub name: Option<String>,
    pub union: Option<Vec<String>>,
    #[serde(default)]
    pub nullable: bool,
}

/// HTML's `[Reflect]` family of extended attributes on an IDL attribute.
#[derive(Debug, Deserialize)]
pub struct ReflectData {
    /// `Reflect`, `ReflectURL`, `ReflectSetter`, `ReflectNonNegative`, ...
    pub kind: String,
    /// The content attribute reflected (`tabindex` for `tabIndex`).
    pub attribute: String,
    /// `[ReflectNonNegative]`: setting a negative value throws in the DOM.
    #[serde(default, rename = "nonNegative")]
    pub non_negative: bool,
}

/// `spec-data/compat.json`: what PyScript's class list needs beyond the current standard.
#[derive(Debug, Default, Deserialize)]
pub struct Compat {
    /// Tag -> Python class name, where the tag is a keyword or builtin (`del` -> `del_`).
    #[serde(default)]
    pub class_names: IndexMap<String, String>,
    /// Extra Python name -> the class name it stands for (`select_` -> `select`).
    #[serde(default)]
    pub aliases: IndexMap<String, String>,
    /// Classes that are not elements of their own (`grid`: a `div`).
    #[serde(default)]
    pub extra_classes: Vec<ExtraClass>,
    /// Obsolete elements PyScript still offers (`param`).
    #[serde(default)]
    pub extra_elements: Vec<ExtraElement>,
}

#[derive(Debug, Deserialize)]
pub struct ExtraClass {
    pub class_name: String,
    pub tag: String,
    pub href: String,
}

#[derive(Debug, Deserialize)]
pub struct ExtraElement {
    pub tag: String,
    /// Why it is kept: for the reader of `compat.json`, unused here.
    #[serde(default)]
    pub reason: String,
}

/// Parses `html-elements.json`.
pub fn spec_data(json: &str) -> Result<SpecData, Error> {
    serde_json::from_str(json).map_err(|error| Error::new(format!("html-elements.json: {error}")))
}

/// Parses `compat.json`.
pub fn compat(json: &str) -> Result<Compat, Error> {
    serde_json::from_str(json).map_err(|error| Error::new(format!("compat.json: {error}")))
}
