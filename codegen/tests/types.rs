//! The type mapping of every IDL type family, on `fixtures/types.json`.

mod common;

use common::{fixture, model_of};
use pyscript_codegen::types::{PropertyType, python_annotation};

/// The mapped type of each attribute of `HTMLTypesElement`, by name.
fn mapped(name: &str) -> PropertyType {
    let model = model_of(&fixture("types.json"), "{}").unwrap();
    let interface = &model.interfaces["HTMLTypesElement"];
    let property = interface
        .properties
        .iter()
        .find(|property| property.name == name);
    property
        .unwrap_or_else(|| panic!("no property {name}"))
        .ty
        .clone()
}

fn integer(min: i64, max: i64) -> PropertyType {
    PropertyType::Integer {
        min,
        max,
        nullable: false,
    }
}

fn object(idl: &str, nullable: bool) -> PropertyType {
    PropertyType::Object {
        idl: idl.to_owned(),
        nullable,
    }
}

#[test]
fn booleans() {
    assert_eq!(mapped("aBoolean"), PropertyType::Boolean);
    // `Boolean` has no null: a `boolean?` stays a JS value rather than lose it.
    assert_eq!(mapped("aNullableBoolean"), object("boolean", true));
}

#[test]
fn strings() {
    assert_eq!(
        mapped("aDOMString"),
        PropertyType::String { nullable: false }
    );
    assert_eq!(
        mapped("aNullableDOMString"),
        PropertyType::String { nullable: true }
    );
    assert_eq!(
        mapped("aUSVString"),
        PropertyType::String { nullable: false }
    );
    assert_eq!(
        mapped("aByteString"),
        PropertyType::String { nullable: false }
    );
}

#[test]
fn integers_carry_their_exact_ranges() {
    assert_eq!(mapped("aByte"), integer(-128, 127));
    assert_eq!(mapped("anOctet"), integer(0, 255));
    assert_eq!(mapped("aShort"), integer(-32768, 32767));
    assert_eq!(mapped("anUnsignedShort"), integer(0, 65535));
    assert_eq!(mapped("aLong"), integer(-2_147_483_648, 2_147_483_647));
    assert_eq!(mapped("anUnsignedLong"), integer(0, 4_294_967_295));
    assert_eq!(
        mapped("aNullableUnsignedLong"),
        PropertyType::Integer {
            min: 0,
            max: 4_294_967_295,
            nullable: true
        }
    );
    assert_eq!(mapped("aLongLong"), integer(i64::MIN, i64::MAX));
    // The table stores i64: `unsigned long long` is capped at i64::MAX.
    assert_eq!(mapped("anUnsignedLongLong"), integer(0, i64::MAX));
}

#[test]
fn reflect_non_negative_starts_the_range_at_zero() {
    assert_eq!(mapped("aNonNegativeLong"), integer(0, 2_147_483_647));
}

#[test]
fn floats() {
    assert_eq!(
        mapped("aFloat"),
        PropertyType::Float {
            unrestricted: false,
            nullable: false
        }
    );
    assert_eq!(
        mapped("aDouble"),
        PropertyType::Float {
            unrestricted: false,
            nullable: false
        }
    );
    assert_eq!(
        mapped("anUnrestrictedFloat"),
        PropertyType::Float {
            unrestricted: true,
            nullable: false
        }
    );
    assert_eq!(
        mapped("anUnrestrictedDouble"),
        PropertyType::Float {
            unrestricted: true,
            nullable: true
        }
    );
}

#[test]
fn enums_carry_their_values() {
    assert_eq!(
        mapped("anEnum"),
        PropertyType::Enum {
            name: "ScrollRestoration".to_owned(),
            values: vec!["auto".to_owned(), "manual".to_owned()],
            nullable: false
        }
    );
}

#[test]
fn element_interfaces_are_elements_and_other_interfaces_objects() {
    assert_eq!(
        mapped("anElement"),
        PropertyType::Element {
            interface: "Element".to_owned(),
            nullable: true
        }
    );
    assert_eq!(
        mapped("anHTMLElement"),
        PropertyType::Element {
            interface: "HTMLFormElement".to_owned(),
            nullable: false
        }
    );
    assert_eq!(mapped("aNode"), object("Node", true));
    assert_eq!(mapped("anInterface"), object("DOMTokenList", false));
    assert_eq!(mapped("aFrozenArray"), object("FrozenArray<Element>", true));
}

#[test]
fn unions_are_objects_but_trusted_strings_are_strings() {
    assert_eq!(
        mapped("aUnion"),
        object("(boolean or unrestricted double or DOMString)", true)
    );
    assert_eq!(
        mapped("aTrustedHTML"),
        PropertyType::String { nullable: false }
    );
    assert_eq!(
        mapped("aTrustedScriptURL"),
        PropertyType::String { nullable: true }
    );
    // Without a string member a page cannot assign a `str`.
    assert_eq!(
        mapped("aTrustedOnly"),
        object("(TrustedHTML or TrustedScript)", false)
    );
}

#[test]
fn python_annotations() {
    assert_eq!(python_annotation(&mapped("aBoolean")), "bool");
    assert_eq!(
        python_annotation(&mapped("aNullableDOMString")),
        "str | None"
    );
    assert_eq!(
        python_annotation(&mapped("aNullableUnsignedLong")),
        "int | None"
    );
    assert_eq!(
        python_annotation(&mapped("anUnrestrictedDouble")),
        "float | None"
    );
    assert_eq!(
        python_annotation(&mapped("anEnum")),
        "Literal[\"auto\", \"manual\"]"
    );
    assert_eq!(python_annotation(&mapped("anElement")), "Element | None");
    assert_eq!(python_annotation(&mapped("aNode")), "Any");
    assert_eq!(python_annotation(&mapped("aTrustedHTML")), "str");
}
