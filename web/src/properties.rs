//! Typed property access: one generic getter and one generic setter that consult the
//! generated property tables, so only what the spec data allows can be set, and every
//! mistake raises an error naming the element class, the property and what is allowed.

use js_sys::Reflect;
use pyscript_bridge::{
    convert::{js_to_py, js_to_py_bound, py_to_js},
    event::Event,
    function_proxy::python_callable_to_js,
    js_helpers::{cast, has_property, interned},
};
use pyscript_elements::{Property, PropertyType, is_event};
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{PyFloat, PyInt, PyStr},
};
use wasm_bindgen::{JsCast, JsValue, intern};

use crate::class_table::wrap;
use crate::dom::js_err;
use crate::dom_members::checked;
use crate::element_core::{Element, element_of};

/// Where a property assignment comes from: unknown names in keyword arguments are a
/// `ValueError`, on attribute assignment an `AttributeError` (as the spec asks).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Keyword,
    Assignment,
}

/// Python spellings that are not IDL names: one trailing `_` goes (`for_`), and a few
/// keywords and conveniences map to their property.
fn canonical_name(name: &str) -> &str {
    let name = name
        .strip_suffix('_')
        .filter(|stripped| !stripped.is_empty())
        .unwrap_or(name);
    match name {
        "for" => "htmlFor",
        "class" => "className",
        "html" => "innerHTML",
        "text" => "textContent",
        other => other,
    }
}

/// `data_foo`/`data-foo`, `aria_label`/`aria-label` and `role`: always allowed, as content
/// attributes; returns the attribute name.
fn free_attribute(name: &str) -> Option<String> {
    // Checked before anything is allocated: every property read and write asks.
    let free =
        matches!(name.get(..5), Some("data-" | "data_" | "aria-" | "aria_")) || name == "role";
    free.then(|| name.replace('_', "-"))
}

fn resolve(zelf: &Element, name: &str) -> Option<&'static Property> {
    zelf.interface().property(canonical_name(name))
}

/// Reads `name`: an event, a free attribute, a typed property, else any DOM member.
pub fn get(zelf: &Py<Element>, name: &str, vm: &VirtualMachine) -> PyResult {
    if let Some(event) = name.strip_prefix("on_") {
        return event_object(zelf, event, vm);
    }
    if let Some(attribute) = free_attribute(name) {
        let value = checked(zelf.node())
            .get_attribute(&attribute)
            .map_err(js_err(vm))?;
        return Ok(value.map_or_else(|| vm.ctx.none(), |value| vm.ctx.new_str(value).into()));
    }
    let node: &JsValue = zelf.node().as_ref();
    if let Some(property) = resolve(zelf, name) {
        let value =
            Reflect::get(node, &JsValue::from_str(intern(property.name))).map_err(js_err(vm))?;
        return match property.ty {
            PropertyType::Element { .. } => match cast::<web_sys::Element>(value, "Element") {
                Ok(element) => wrap(vm, element),
                Err(other) => Ok(js_to_py(vm, other)),
            },
            _ => Ok(js_to_py(vm, value)),
        };
    }
    let key = JsValue::from_str(name);
    if has_property(node, &key).unwrap_or(false) {
        let value = Reflect::get(node, &key).map_err(js_err(vm))?;
        return Ok(js_to_py_bound(vm, value, Some(node)));
    }
    Err(vm.new_attribute_error(format!(
        "'{}' element has no property or DOM member '{name}'",
        zelf.class().name()
    )))
}

/// Sets `name` to `value` after validating it against the spec data.
pub fn set(
    zelf: &Py<Element>,
    name: &str,
    value: PyObjectRef,
    origin: Origin,
    vm: &VirtualMachine,
) -> PyResult<()> {
    let class_name = zelf.class().name().to_string();
    if let Some(event) = name.strip_prefix("on_") {
        let event = event_object(zelf, event, vm)?;
        return vm.call_method(&event, "add_listener", (value,)).map(drop);
    }
    if let Some(attribute) = free_attribute(name) {
        return if vm.is_none(&value) {
            zelf.node().remove_attribute(&attribute).map_err(js_err(vm))
        } else {
            let text = value.str(vm)?.to_string_lossy().into_owned();
            zelf.node()
                .set_attribute(&attribute, &text)
                .map_err(js_err(vm))
        };
    }
    let Some(property) = resolve(zelf, name) else {
        let message = format!(
            "'{name}' is not a property of {class_name} ({}): only the properties the HTML standard defines for it, \
             data-*/aria-* attributes and role can be set",
            zelf.interface().name
        );
        return Err(match origin {
            Origin::Keyword => vm.new_value_error(message),
            Origin::Assignment => vm.new_attribute_error(message),
        });
    };
    if property.readonly {
        return Err(vm.new_attribute_error(format!("{class_name}.{} is read-only", property.name)));
    }
    let converted = validate(&class_name, property, &value, vm)?;
    let node: &JsValue = zelf.node().as_ref();
    Reflect::set(node, &JsValue::from_str(intern(property.name)), &converted)
        .map_err(js_err(vm))?;
    Ok(())
}

/// Checks `value` against the property's IDL type and converts it to JS, coercing as the DOM
/// would where pages rely on it (numbers to strings, numeric strings to numbers, truthiness).
fn validate(
    class_name: &str,
    property: &Property,
    value: &PyObject,
    vm: &VirtualMachine,
) -> PyResult<JsValue> {
    let label = format!("{class_name}.{}", property.name);
    let wrong_type = |expected: &str| {
        vm.new_type_error(format!(
            "{label} must be {expected}, not '{}'",
            value.class().name()
        ))
    };
    let nullable = matches!(
        property.ty,
        PropertyType::String { nullable: true }
            | PropertyType::Integer { nullable: true, .. }
            | PropertyType::Float { nullable: true, .. }
            | PropertyType::Enum { nullable: true, .. }
            | PropertyType::Element { nullable: true, .. }
            | PropertyType::Object { nullable: true, .. }
    );
    if vm.is_none(value)
        && !matches!(
            property.ty,
            PropertyType::Boolean | PropertyType::Object { .. }
        )
    {
        return if nullable {
            Ok(JsValue::NULL)
        } else {
            Err(wrong_type(&describe_type(&property.ty)))
        };
    }
    match property.ty {
        PropertyType::Boolean => Ok(JsValue::from_bool(value.to_owned().is_true(vm)?)),
        PropertyType::String { .. } => {
            if let Some(text) = value.downcast_ref::<PyStr>() {
                // Short values set on many elements (`update_all(innerHTML=...)`) cross once.
                Ok(JsValue::from_str(interned(&text.to_string_lossy())))
            } else if is_plain_number(value, vm) {
                Ok(JsValue::from_str(&value.str(vm)?.to_string_lossy()))
            } else {
                Err(wrong_type("a str"))
            }
        }
        PropertyType::Integer { min, max, .. } => {
            let number = integer_of(value, vm).ok_or_else(|| wrong_type("an int"))?;
            if number < i128::from(min) || number > i128::from(max) {
                return Err(vm.new_value_error(format!(
                    "{label} must be between {min} and {max}, not {number}"
                )));
            }
            Ok(JsValue::from_f64(number as f64))
        }
        PropertyType::Float { unrestricted, .. } => {
            let number = float_of(value, vm).ok_or_else(|| wrong_type("a float"))?;
            if !unrestricted && !number.is_finite() {
                return Err(
                    vm.new_value_error(format!("{label} must be a finite number, not {number}"))
                );
            }
            Ok(JsValue::from_f64(number))
        }
        PropertyType::Enum { values, .. } => {
            let text = value
                .downcast_ref::<PyStr>()
                .ok_or_else(|| wrong_type("a str"))?
                .to_string_lossy();
            if values.contains(&text.as_ref()) {
                Ok(JsValue::from_str(&text))
            } else {
                Err(vm.new_value_error(format!("{label} must be one of {values:?}, not '{text}'")))
            }
        }
        PropertyType::Element { interface, .. } => {
            let element = element_of(value)
                .ok_or_else(|| wrong_type(&format!("an element ({interface})")))?;
            Ok(element.into())
        }
        PropertyType::Object { .. } => py_to_js(vm, value),
    }
}

fn describe_type(ty: &PropertyType) -> String {
    match ty {
        PropertyType::Boolean => "a bool".into(),
        PropertyType::String { .. } => "a str".into(),
        PropertyType::Integer { .. } => "an int".into(),
        PropertyType::Float { .. } => "a float".into(),
        PropertyType::Enum { values, .. } => format!("one of {values:?}"),
        PropertyType::Element { interface, .. } => format!("an element ({interface})"),
        PropertyType::Object { idl, .. } => format!("a {idl}"),
    }
}

fn is_plain_number(value: &PyObject, vm: &VirtualMachine) -> bool {
    !value.class().is(vm.ctx.types.bool_type)
        && (value.downcast_ref::<PyInt>().is_some() || value.downcast_ref::<PyFloat>().is_some())
}

fn integer_of(value: &PyObject, vm: &VirtualMachine) -> Option<i128> {
    if let Some(int) = value.downcast_ref::<PyInt>() {
        return int.try_to_primitive::<i128>(vm).ok();
    }
    if let Some(float) = value.downcast_ref::<PyFloat>() {
        let number = float.to_f64();
        return (number.fract() == 0.0 && number.is_finite()).then_some(number as i128);
    }
    value
        .downcast_ref::<PyStr>()
        .and_then(|text| text.to_string_lossy().trim().parse().ok())
}

fn float_of(value: &PyObject, vm: &VirtualMachine) -> Option<f64> {
    if let Some(float) = value.downcast_ref::<PyFloat>() {
        return Some(float.to_f64());
    }
    if let Some(int) = value.downcast_ref::<PyInt>() {
        return int.try_to_primitive::<i64>(vm).ok().map(|int| int as f64);
    }
    value
        .downcast_ref::<PyStr>()
        .and_then(|text| text.to_string_lossy().trim().parse().ok())
}

/// The `pyscript.Event` behind `on_<event>`, cached per wrapper; its DOM listener is added
/// when it is first asked for. Unknown event names are a `ValueError`.
pub fn event_object(zelf: &Py<Element>, event: &str, vm: &VirtualMachine) -> PyResult {
    if !is_event(event) {
        return Err(vm.new_value_error(format!(
            "'on_{event}': '{event}' is not a DOM event the HTML standard defines (e.g. on_click, on_input, on_change)"
        )));
    }
    if let Some(existing) = cached_event(zelf, event, vm)? {
        return Ok(existing);
    }
    // The bridge's native Event: making it runs no Python, so nothing can ask for this same
    // event meanwhile.
    let event_object: PyObjectRef = Event::default().into_ref(&vm.ctx).into();
    let trigger = event_object.get_attr("trigger", vm)?;
    let listener = python_callable_to_js(vm, trigger);
    zelf.node()
        .add_event_listener_with_callback(event, listener.unchecked_ref())
        .map_err(js_err(vm))?;
    zelf.events()
        .try_borrow_mut()
        .map_err(|_| busy_events(vm))?
        .insert(event.to_owned(), event_object.clone());
    Ok(event_object)
}

/// The Event already made for `event`; the borrow ends before any Python runs.
fn cached_event(zelf: &Element, event: &str, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
    let events = zelf.events().try_borrow().map_err(|_| busy_events(vm))?;
    Ok(events.get(event).cloned())
}

fn busy_events(vm: &VirtualMachine) -> rustpython_vm::builtins::PyBaseExceptionRef {
    vm.new_runtime_error("this element's on_<event> table is being changed by another call")
}
