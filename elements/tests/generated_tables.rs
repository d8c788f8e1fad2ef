//! Facts the runtime relies on, checked on the generated tables.

use pyscript_elements::{
    ELEMENT_CLASSES, INTERFACES, PropertyType, SPEC_DATA_VERSIONS, class_for_tag, class_named,
    interface_named, is_event,
};

/// PyScript's documented `pyscript.web` class list.
const PYSCRIPT_CLASSES: &str = "grid a abbr address area article aside audio b base blockquote body br button \
    canvas caption cite code col colgroup data datalist dd del_ details dialog div dl dt em embed fieldset \
    figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input_ ins kbd label \
    legend li link main map_ mark menu meta meter nav object_ ol optgroup option output p param picture pre \
    progress q s script section select small source span strong style sub summary sup table tbody td template \
    textarea tfoot th thead time title tr track u ul var video wbr";

/// HTML's void elements among them: they take no children.
const VOID_CLASSES: &str = "area base br col embed hr img input_ link meta param source track wbr";

#[test]
fn every_pyscript_class_exists() {
    for name in PYSCRIPT_CLASSES.split_whitespace() {
        let class = class_named(name).unwrap_or_else(|| panic!("no class `{name}`"));
        assert_eq!(class.class_name, name);
        assert!(
            ELEMENT_CLASSES
                .iter()
                .any(|listed| std::ptr::eq(*listed, class))
        );
    }
}

#[test]
fn void_elements_are_marked_void() {
    for class in ELEMENT_CLASSES {
        let expected = VOID_CLASSES
            .split_whitespace()
            .any(|name| name == class.class_name);
        assert_eq!(class.void, expected, "{}", class.class_name);
    }
}

#[test]
fn classes_are_sorted_by_name() {
    assert!(
        ELEMENT_CLASSES
            .windows(2)
            .all(|pair| pair[0].class_name < pair[1].class_name)
    );
    assert!(
        INTERFACES
            .windows(2)
            .all(|pair| pair[0].name < pair[1].name)
    );
}

#[test]
fn tags_map_to_their_own_class() {
    assert_eq!(class_for_tag("input").unwrap().class_name, "input_");
    assert_eq!(class_for_tag("del").unwrap().class_name, "del_");
    assert_eq!(class_for_tag("div").unwrap().class_name, "div");
    assert_eq!(class_for_tag("param").unwrap().class_name, "param");
    assert!(class_for_tag("grid").is_none());
    assert!(class_for_tag("my-widget").is_none());
}

#[test]
fn grid_is_a_div_and_select_has_an_alias() {
    let grid = class_named("grid").unwrap();
    assert_eq!(
        (grid.tag, grid.interface.name, grid.void),
        ("div", "HTMLDivElement", false)
    );
    assert!(std::ptr::eq(
        class_named("select_").unwrap(),
        class_named("select").unwrap()
    ));
}

#[test]
fn input_properties_by_every_spelling() {
    let input = class_for_tag("input").unwrap().interface;
    assert_eq!(input.name, "HTMLInputElement");

    let read_only = input.property("readonly").unwrap();
    assert_eq!(
        (read_only.name, read_only.ty),
        ("readOnly", PropertyType::Boolean)
    );
    assert!(std::ptr::eq(read_only, input.property("readOnly").unwrap()));

    let max_length = input.property("maxlength").unwrap();
    assert_eq!(max_length.name, "maxLength");
    // `long`, narrowed to non-negative by `[ReflectNonNegative]`.
    assert_eq!(
        max_length.ty,
        PropertyType::Integer {
            min: 0,
            max: i64::from(i32::MAX),
            nullable: false
        }
    );

    // `value` is the live value, not `defaultValue` (which reflects the `value` attribute).
    assert_eq!(input.property("value").unwrap().name, "value");
    assert_eq!(input.property("checked").unwrap().name, "checked");

    let form = input.property("form").unwrap();
    assert!(form.readonly);
    assert_eq!(
        form.ty,
        PropertyType::Element {
            interface: "HTMLFormElement",
            nullable: true
        }
    );
}

#[test]
fn inherited_properties_resolve_through_the_chain() {
    let input = class_named("input_").unwrap().interface;
    assert_eq!(
        input
            .chain()
            .map(|interface| interface.name)
            .collect::<Vec<_>>(),
        [
            "HTMLInputElement",
            "HTMLElement",
            "Element",
            "Node",
            "EventTarget"
        ]
    );

    let class_name = input.property("class").unwrap();
    assert_eq!(
        (class_name.name, class_name.declared_by),
        ("className", "Element")
    );
    assert_eq!(input.property("tabindex").unwrap().name, "tabIndex");
    assert_eq!(
        input.property("textContent").unwrap().ty,
        PropertyType::String { nullable: true }
    );
    // `(TrustedHTML or DOMString)`: a page assigns a `str`.
    assert_eq!(
        input.property("innerHTML").unwrap().ty,
        PropertyType::String { nullable: false }
    );
    assert!(input.property("colour").is_none());
}

#[test]
fn labels_reflect_for_as_html_for() {
    let label = interface_named("HTMLLabelElement").unwrap();
    let html_for = label.property("for").unwrap();
    assert_eq!(html_for.name, "htmlFor");
    assert_eq!(html_for.reflects.unwrap().attribute, "for");
}

#[test]
fn obsolete_members_are_left_out_but_kept_for_param() {
    let anchor = interface_named("HTMLAnchorElement").unwrap();
    assert!(anchor.property("charset").is_none());
    // `param` is kept on purpose (compat.json), and so are its members.
    assert!(
        class_named("param")
            .unwrap()
            .interface
            .property("name")
            .is_some()
    );
}

#[test]
fn events_and_versions() {
    assert!(is_event("click") && is_event("input") && is_event("change"));
    assert!(!is_event("chicken"));
    assert!(
        SPEC_DATA_VERSIONS
            .iter()
            .any(|(package, _)| *package == "@webref/elements")
    );
}
