//! The accepted spellings of properties (`Interface::lookup`) and how contested keys resolve.

mod common;

use common::{edited_tiny, fixture, model_of, tiny_model};
use pyscript_codegen::model::Interface;
use serde_json::json;

/// The property `key` names in `interface`.
fn named<'a>(interface: &'a Interface, key: &str) -> Option<&'a str> {
    interface
        .lookup
        .get(key)
        .map(|&index| interface.properties[usize::from(index)].name.as_str())
}

#[test]
fn idl_name_reflected_attribute_and_lowercase_name() {
    let model = tiny_model();
    let input = &model.interfaces["HTMLInputElement"];
    assert_eq!(named(input, "readOnly"), Some("readOnly"));
    assert_eq!(named(input, "readonly"), Some("readOnly"));
    assert_eq!(named(input, "maxLength"), Some("maxLength"));
    assert_eq!(named(input, "maxlength"), Some("maxLength"));
    assert_eq!(named(input, "valueasnumber"), Some("valueAsNumber"));
    assert_eq!(named(input, "defaultvalue"), Some("defaultValue"));
    assert_eq!(named(input, "max_length"), None);
    assert_eq!(
        named(&model.interfaces["HTMLElement"], "tabindex"),
        Some("tabIndex")
    );
}

#[test]
fn keys_are_listed_once_each_in_order_of_first_claim() {
    let model = tiny_model();
    let keys: Vec<&str> = model.interfaces["HTMLAnchorElement"]
        .lookup
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["target", "rel", "relList", "rellist", "href", "origin"]
    );
}

#[test]
fn the_idl_name_beats_a_reflected_name() {
    let model = tiny_model();
    // `defaultValue` reflects the `value` attribute, but `value` is a property of its own.
    assert_eq!(
        named(&model.interfaces["HTMLInputElement"], "value"),
        Some("value")
    );
    // `relList` reflects `rel` too.
    assert_eq!(
        named(&model.interfaces["HTMLAnchorElement"], "rel"),
        Some("rel")
    );
}

#[test]
fn a_writable_property_beats_a_read_only_one_of_equal_spelling() {
    // `className` and the read-only `classList` both reflect `class`.
    let model = tiny_model();
    assert_eq!(
        named(&model.interfaces["Element"], "class"),
        Some("className")
    );
    assert_eq!(
        named(&model.interfaces["Element"], "classlist"),
        Some("classList")
    );
}

/// `tiny.json` with these attributes added to `HTMLModElement`.
fn with_mod_attributes(
    attributes: serde_json::Value,
) -> Result<pyscript_codegen::model::Model, String> {
    let spec = edited_tiny(|spec| {
        let list = spec["interfaces"]["HTMLModElement"]["attributes"]
            .as_array_mut()
            .unwrap();
        list.extend(attributes.as_array().unwrap().iter().cloned());
    });
    model_of(&spec, &fixture("compat.json")).map_err(|error| error.to_string())
}

fn attribute(name: &str, reflects: Option<&str>, readonly: bool) -> serde_json::Value {
    let reflect = reflects.map(|attribute| json!({"kind": "Reflect", "attribute": attribute}));
    json!({"name": name, "type": {"name": "DOMString", "nullable": false}, "readonly": readonly,
        "reflect": reflect, "from": "HTMLModElement", "obsolete": false})
}

#[test]
fn a_reflected_name_beats_a_lowercased_name() {
    let model = with_mod_attributes(json!([
        attribute("dateTime", None, false),
        attribute("when", Some("datetime"), false)
    ]))
    .unwrap();
    assert_eq!(
        named(&model.interfaces["HTMLModElement"], "datetime"),
        Some("when")
    );
}

#[test]
fn two_writable_properties_reflecting_one_attribute_are_an_error() {
    let error = with_mod_attributes(json!([
        attribute("first", Some("shared"), false),
        attribute("second", Some("shared"), false)
    ]))
    .unwrap_err();
    assert_eq!(
        error,
        "HTMLModElement: the key `shared` is the reflected content attribute of several writable properties: first, second"
    );
}

#[test]
fn two_properties_lowercasing_alike_are_an_error() {
    let error = with_mod_attributes(json!([
        attribute("fooBar", None, true),
        attribute("foobAr", None, true)
    ]))
    .unwrap_err();
    assert_eq!(
        error,
        "HTMLModElement: the key `foobar` is the lowercased IDL name of several read-only properties: fooBar, foobAr"
    );
}
