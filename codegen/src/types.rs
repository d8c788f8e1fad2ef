//! The type mapping, all in one place: IDL type -> [`PropertyType`] (mirroring
//! `pyscript_elements::PropertyType`) -> Python annotation for the stubs.

use indexmap::IndexMap;

use crate::Error;
use crate::read::{IdlType, ReflectData};

/// The generator's twin of `pyscript_elements::PropertyType`, with owned strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PropertyType {
    Boolean,
    String {
        nullable: bool,
    },
    Integer {
        min: i64,
        max: i64,
        nullable: bool,
    },
    Float {
        unrestricted: bool,
        nullable: bool,
    },
    Enum {
        name: String,
        values: Vec<String>,
        nullable: bool,
    },
    Element {
        interface: String,
        nullable: bool,
    },
    Object {
        idl: String,
        nullable: bool,
    },
}

/// IDL string types: all become Python `str`.
const STRING_TYPES: &[&str] = &["DOMString", "USVString", "ByteString", "CSSOMString"];

/// IDL integer types and the values they hold. `unsigned long long` really reaches 2^64-1, but
/// the table stores `i64`: no DOM property comes near i64::MAX, so that is its ceiling here.
const INTEGER_TYPES: &[(&str, i64, i64)] = &[
    ("byte", i8::MIN as i64, i8::MAX as i64),
    ("octet", 0, u8::MAX as i64),
    ("short", i16::MIN as i64, i16::MAX as i64),
    ("unsigned short", 0, u16::MAX as i64),
    ("long", i32::MIN as i64, i32::MAX as i64),
    ("unsigned long", 0, u32::MAX as i64),
    ("long long", i64::MIN, i64::MAX),
    ("unsigned long long", 0, i64::MAX),
];

/// Maps one attribute's IDL type. `reflect` matters for `[ReflectNonNegative]` integers, whose
/// DOM setter throws on negative values: their range starts at 0 so the runtime can reject
/// them with a Python `ValueError` first.
pub fn property_type(
    idl: &IdlType,
    reflect: Option<&ReflectData>,
    enums: &IndexMap<String, Vec<String>>,
) -> Result<PropertyType, Error> {
    let nullable = idl.nullable;
    if let Some(members) = &idl.union {
        return Ok(union_type(members, nullable));
    }
    let Some(name) = idl.name.as_deref() else {
        return Err(Error::new("an IDL type has neither `name` nor `union`"));
    };
    let ty = match name {
        // `boolean?` would lose its null as `Boolean`: pass it through untouched instead.
        "boolean" if !nullable => PropertyType::Boolean,
        name if STRING_TYPES.contains(&name) => PropertyType::String { nullable },
        "float" | "double" => PropertyType::Float {
            unrestricted: false,
            nullable,
        },
        "unrestricted float" | "unrestricted double" => PropertyType::Float {
            unrestricted: true,
            nullable,
        },
        name if let Some(&(_, min, max)) = INTEGER_TYPES.iter().find(|(ty, ..)| *ty == name) => {
            let non_negative = reflect.is_some_and(|reflect| reflect.non_negative);
            let min = if non_negative { min.max(0) } else { min };
            PropertyType::Integer { min, max, nullable }
        }
        name if let Some(values) = enums.get(name) => PropertyType::Enum {
            name: name.to_owned(),
            values: values.clone(),
            nullable,
        },
        name if is_element_interface(name) => PropertyType::Element {
            interface: name.to_owned(),
            nullable,
        },
        name => PropertyType::Object {
            idl: name.to_owned(),
            nullable,
        },
    };
    Ok(ty)
}

/// A union is a JS value, except a string type with `Trusted*` types (`innerHTML`:
/// `(TrustedHTML or DOMString)`): page authors assign a `str`, so it is a string.
fn union_type(members: &[String], nullable: bool) -> PropertyType {
    let is_string = |member: &String| STRING_TYPES.contains(&member.as_str());
    let is_trusted = |member: &String| member.starts_with("Trusted");
    if members.iter().any(is_string)
        && members
            .iter()
            .all(|member| is_string(member) || is_trusted(member))
    {
        return PropertyType::String { nullable };
    }
    PropertyType::Object {
        idl: format!("({})", members.join(" or ")),
        nullable,
    }
}

/// `Element` and the `HTML*Element` interfaces: values the runtime wraps as element classes.
pub fn is_element_interface(name: &str) -> bool {
    name == "Element" || (name.starts_with("HTML") && name.ends_with("Element"))
}

/// The annotation a `.pyi` stub gives a property of this type.
pub fn python_annotation(ty: &PropertyType) -> String {
    let (annotation, nullable) = match ty {
        PropertyType::Boolean => ("bool".to_owned(), false),
        PropertyType::String { nullable } => ("str".to_owned(), *nullable),
        PropertyType::Integer { nullable, .. } => ("int".to_owned(), *nullable),
        PropertyType::Float { nullable, .. } => ("float".to_owned(), *nullable),
        PropertyType::Enum {
            values, nullable, ..
        } => {
            let values: Vec<String> = values.iter().map(|value| python_string(value)).collect();
            (format!("Literal[{}]", values.join(", ")), *nullable)
        }
        PropertyType::Element { nullable, .. } => ("Element".to_owned(), *nullable),
        // `Any` already admits `None`.
        PropertyType::Object { .. } => ("Any".to_owned(), false),
    };
    if nullable {
        format!("{annotation} | None")
    } else {
        annotation
    }
}

/// A Python string literal: JSON's double-quoted escaping is valid Python.
pub fn python_string(value: &str) -> String {
    serde_json::to_string(value).expect("a string always serializes")
}
