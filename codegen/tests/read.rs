//! Pass 1: the JSON reads into the serde structs as `spec-data/` writes it.

mod common;

use common::fixture;
use pyscript_codegen::read;

#[test]
fn reads_spec_data_in_file_order() {
    let spec = read::spec_data(&fixture("tiny.json")).unwrap();
    assert_eq!(
        spec.sources.keys().collect::<Vec<_>>(),
        ["@webref/elements", "@webref/idl"]
    );
    assert_eq!(spec.elements[0].tag, "a");
    assert!(
        spec.elements
            .iter()
            .any(|element| element.tag == "input" && element.void)
    );
    assert_eq!(spec.interfaces.keys().next().unwrap(), "EventTarget");
    assert_eq!(spec.enums["FetchPriority"], ["high", "low", "auto"]);

    let input = &spec.interfaces["HTMLInputElement"];
    assert_eq!(input.inherits.as_deref(), Some("HTMLElement"));
    let max_length = input
        .attributes
        .iter()
        .find(|attribute| attribute.name == "maxLength")
        .unwrap();
    let reflect = max_length.reflect.as_ref().unwrap();
    assert_eq!(
        (
            reflect.kind.as_str(),
            reflect.attribute.as_str(),
            reflect.non_negative
        ),
        ("ReflectNonNegative", "maxlength", true)
    );
}

#[test]
fn reads_unions_and_ignores_fields_it_does_not_use() {
    let spec = read::spec_data(&fixture("tiny.json")).unwrap();
    // `innerHTML` also carries `"spec": "dom-parsing"`; `size`'s reflect a `default`.
    let inner_html = spec.interfaces["Element"]
        .attributes
        .iter()
        .find(|attribute| attribute.name == "innerHTML");
    let ty = &inner_html.unwrap().ty;
    assert_eq!(
        (ty.name.as_deref(), ty.union.as_deref()),
        (
            None,
            Some(&["TrustedHTML".to_owned(), "DOMString".to_owned()][..])
        )
    );
}

#[test]
fn reads_compat() {
    let compat = read::compat(&fixture("compat.json")).unwrap();
    assert_eq!(compat.class_names["del"], "del_");
    assert_eq!(compat.aliases["select_"], "select");
    assert_eq!(compat.extra_classes[0].class_name, "grid");
    assert_eq!(compat.extra_elements[0].tag, "param");
}

#[test]
fn malformed_json_names_the_file() {
    let error = read::spec_data("{\"sources\": {}}").unwrap_err();
    assert!(
        error.to_string().starts_with("html-elements.json: "),
        "{error}"
    );
    let error = read::compat("\"not an object\"").unwrap_err();
    assert!(error.to_string().starts_with("compat.json: "), "{error}");
}
