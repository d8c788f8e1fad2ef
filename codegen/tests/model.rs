//! Pass 2: the derivation of classes, interfaces and events, on `fixtures/tiny.json`.

mod common;

use common::{edited_tiny, fixture, model_of, tiny_model};
use pyscript_codegen::model::ClassSource;
use pyscript_codegen::types::PropertyType;
use serde_json::json;

fn class_names(model: &pyscript_codegen::model::Model) -> Vec<&str> {
    model
        .classes
        .iter()
        .map(|class| class.class_name.as_str())
        .collect()
}

#[test]
fn classes_are_current_elements_kept_obsolete_ones_and_extras_sorted_by_name() {
    let model = tiny_model();
    // `font` is obsolete and not kept; `param` is obsolete but kept by compat.
    assert_eq!(
        class_names(&model),
        [
            "a", "del_", "div", "grid", "input_", "ins", "param", "script", "select"
        ]
    );
    let source = |name: &str| {
        model
            .classes
            .iter()
            .find(|class| class.class_name == name)
            .unwrap()
            .source
    };
    assert_eq!(source("a"), ClassSource::Element);
    assert_eq!(source("param"), ClassSource::KeptObsolete);
    assert_eq!(source("grid"), ClassSource::ExtraClass);
}

#[test]
fn compat_renames_keywords_and_builtins() {
    let model = tiny_model();
    let del = model.class(model.class_by_tag["del"]);
    assert_eq!((del.class_name.as_str(), del.tag.as_str()), ("del_", "del"));
    assert_eq!(
        model.class(model.class_by_tag["input"]).class_name,
        "input_"
    );
    assert!(model.class(model.class_by_tag["input"]).void);
}

#[test]
fn grid_is_a_div_but_div_is_not_grid() {
    let model = tiny_model();
    let grid = model.class(model.class_by_name["grid"]);
    assert_eq!(
        (
            grid.tag.as_str(),
            grid.interface.as_str(),
            grid.href.as_str()
        ),
        ("div", "HTMLDivElement", "https://example.test/grid")
    );
    assert_eq!(model.class(model.class_by_tag["div"]).class_name, "div");
    assert!(!model.class_by_tag.contains_key("grid"));
    assert_eq!(model.class_by_tag.len(), model.classes.len() - 1);
}

#[test]
fn class_by_name_has_every_class_and_the_aliases() {
    let model = tiny_model();
    for (index, class) in model.classes.iter().enumerate() {
        assert_eq!(usize::from(model.class_by_name[&class.class_name]), index);
    }
    assert_eq!(
        model.class_by_name["select_"],
        model.class_by_name["select"]
    );
    assert!(!model.class_by_name.contains_key("del"));
}

#[test]
fn interfaces_are_those_reached_sorted_by_name() {
    let model = tiny_model();
    let names: Vec<&str> = model.interfaces.keys().map(String::as_str).collect();
    // `HTMLFontElement` (only `font`, dropped) and `HTMLFormElement` (no class) are not reached.
    assert_eq!(
        names,
        [
            "Element",
            "EventTarget",
            "HTMLAnchorElement",
            "HTMLDivElement",
            "HTMLElement",
            "HTMLInputElement",
            "HTMLModElement",
            "HTMLParamElement",
            "HTMLScriptElement",
            "HTMLSelectElement",
            "Node"
        ]
    );
    let chain: Vec<&str> = model
        .chain("HTMLAnchorElement")
        .map(|interface| interface.name.as_str())
        .collect();
    assert_eq!(
        chain,
        [
            "HTMLAnchorElement",
            "HTMLElement",
            "Element",
            "Node",
            "EventTarget"
        ]
    );
}

#[test]
fn each_interface_has_its_own_properties_with_the_declaring_mixin() {
    let model = tiny_model();
    let anchor = &model.interfaces["HTMLAnchorElement"];
    let names: Vec<&str> = anchor
        .properties
        .iter()
        .map(|property| property.name.as_str())
        .collect();
    // `charset` is obsolete.
    assert_eq!(names, ["target", "rel", "relList", "href", "origin"]);
    let href = &anchor.properties[3];
    assert_eq!(href.declared_by, "HTMLHyperlinkElementUtils");
    assert_eq!(href.reflects.as_ref().unwrap().kind, "ReflectSetter");
    assert!(anchor.properties[4].readonly);
    assert_eq!(
        model.interfaces["HTMLElement"].properties[1].declared_by,
        "HTMLOrSVGElement"
    );
    assert_eq!(anchor.parent.as_deref(), Some("HTMLElement"));
    assert_eq!(anchor.href, "https://example.test/HTMLAnchorElement");
}

#[test]
fn obsolete_and_event_handler_members_are_left_out() {
    let model = tiny_model();
    assert!(model.interfaces["HTMLDivElement"].properties.is_empty());
    let html_element = &model.interfaces["HTMLElement"];
    assert!(
        html_element
            .properties
            .iter()
            .all(|property| property.name != "onclick")
    );
}

#[test]
fn a_kept_obsolete_element_keeps_its_obsolete_members() {
    let model = tiny_model();
    let param = &model.interfaces["HTMLParamElement"];
    let names: Vec<&str> = param
        .properties
        .iter()
        .map(|property| property.name.as_str())
        .collect();
    assert_eq!(names, ["name", "valueType"]);
}

#[test]
fn events_are_sorted_and_unique() {
    assert_eq!(tiny_model().events, ["change", "click", "input"]);
}

#[test]
fn sources_keep_their_order() {
    let sources = tiny_model().sources;
    assert_eq!(
        sources,
        [
            ("@webref/elements".to_owned(), "1.0.0".to_owned()),
            ("@webref/idl".to_owned(), "2.0.0".to_owned())
        ]
    );
}

#[test]
fn element_typed_properties_name_their_interface() {
    let model = tiny_model();
    let form = model.interfaces["HTMLInputElement"]
        .properties
        .iter()
        .find(|property| property.name == "form");
    assert_eq!(
        form.unwrap().ty,
        PropertyType::Element {
            interface: "HTMLFormElement".to_owned(),
            nullable: true
        }
    );
}

fn error_of(spec_json: &str, compat_json: &str) -> String {
    model_of(spec_json, compat_json).unwrap_err().to_string()
}

#[test]
fn compat_mistakes_are_errors() {
    let tiny = fixture("tiny.json");
    let unknown_tag = r#"{"extra_elements": [{"tag": "blink"}]}"#;
    assert!(error_of(&tiny, unknown_tag).contains("`<blink>`, which html-elements.json lacks"));
    let not_obsolete = r#"{"extra_elements": [{"tag": "a"}]}"#;
    assert!(error_of(&tiny, not_obsolete).contains("no longer obsolete"));
    let unknown_alias = r#"{"aliases": {"x_": "x"}}"#;
    assert!(error_of(&tiny, unknown_alias).contains("unknown class `x`"));
    let alias_is_class = r#"{"aliases": {"a": "div"}}"#;
    assert!(error_of(&tiny, alias_is_class).contains("already a class name"));
    let renamed_font = r#"{"class_names": {"font": "font_"}}"#;
    assert!(error_of(&tiny, renamed_font).contains("renames `<font>`, which has no class"));
    let clashing_names = r#"{"class_names": {"a": "div"}}"#;
    assert!(error_of(&tiny, clashing_names).contains("two element classes claim `div`"));
}

#[test]
fn a_missing_interface_is_an_error() {
    let spec = edited_tiny(|spec| {
        spec["interfaces"]
            .as_object_mut()
            .unwrap()
            .remove("HTMLElement");
    });
    assert!(
        error_of(&spec, &fixture("compat.json"))
            .contains("interface HTMLElement (of `<a>`) is missing")
    );
}

#[test]
fn a_key_hiding_an_inherited_property_is_an_error() {
    // A `tabindex`-reflecting property on `<a>` would make `a.tabIndex` find it, not
    // HTMLElement's `tabIndex`.
    let spec = edited_tiny(|spec| {
        let attributes = spec["interfaces"]["HTMLAnchorElement"]["attributes"]
            .as_array_mut()
            .unwrap();
        attributes.push(json!({"name": "linkTabIndex", "type": {"name": "long", "nullable": false}, "readonly": false,
            "reflect": {"kind": "Reflect", "attribute": "tabIndex"}, "from": "HTMLAnchorElement", "obsolete": false}));
    });
    let error = error_of(&spec, &fixture("compat.json"));
    assert!(
        error.contains(
            "HTMLAnchorElement: the key `tabIndex` of linkTabIndex hides HTMLElement.tabIndex"
        ),
        "{error}"
    );
}
