//! Value conversion between JavaScript and Python: the one place where it happens.
//!
//! JS -> Python: `null`/`undefined` become `None`, booleans `bool`, integral numbers `int`,
//! other numbers `float`, strings `str`, BigInts `int`; everything else stays a `JsProxy`.
//! Python -> JS: the reverse, plus `bytes`-likes as `Uint8Array` copies, lists and tuples as
//! Arrays, dicts as plain objects, callables as JS functions, and coroutines and asyncio
//! futures as Promises. Anything else is a
//! `TypeError` naming the type, never a silent `undefined`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use rustpython_vm::{
    AsObject, PyObject, PyObjectRef, PyResult, TryFromObject, VirtualMachine,
    builtins::{PyDict, PyFloat, PyInt, PyList, PyStr, PyTuple},
    function::ArgBytesLike,
};
use wasm_bindgen::{JsCast, JsValue};

use crate::function_proxy::python_callable_to_js;
use crate::js_helpers::{array_copy, bytes_view, container_kind, kind_of, object_entries};
use crate::js_proxy::JsProxy;

/// Largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Converts a JS value into the Python object a page author expects.
pub fn js_to_py(vm: &VirtualMachine, value: JsValue) -> PyObjectRef {
    js_to_py_bound(vm, value, None)
}

/// Like [`js_to_py`], but a JS function read as a property of `owner` keeps `owner` as its
/// `this`, so `document.getElementById("x")` calls the method on `document`.
pub fn js_to_py_bound(vm: &VirtualMachine, value: JsValue, owner: Option<&JsValue>) -> PyObjectRef {
    // One crossing tells what the value is (and, for an object, what it can do).
    match kind_of(&value) {
        0 => vm.ctx.none(),
        1 => vm.ctx.new_bool(false).into(),
        2 => vm.ctx.new_bool(true).into(),
        3 => number_to_py(vm, value.as_f64().unwrap_or(f64::NAN)),
        4 => vm.ctx.new_str(value.as_string().unwrap_or_default()).into(),
        5 => bigint_to_py(vm, value),
        kind => JsProxy::wrap_kind(vm, value, owner.cloned(), kind),
    }
}

fn bigint_to_py(vm: &VirtualMachine, value: JsValue) -> PyObjectRef {
    // Python's own int() parses the decimal digits: no second bigint library needed.
    if let Ok(digits) = value.unchecked_ref::<js_sys::BigInt>().to_string(10) {
        let digits = vm.ctx.new_str(String::from(digits));
        if let Ok(int) = vm.ctx.types.int_type.as_object().call((digits,), vm) {
            return int;
        }
    }
    JsProxy::wrap(vm, value)
}

fn number_to_py(vm: &VirtualMachine, number: f64) -> PyObjectRef {
    let integral = number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER;
    // -0.0 stays a float so that its sign survives.
    if integral && !(number == 0.0 && number.is_sign_negative()) {
        vm.ctx.new_int(number as i64).into()
    } else {
        vm.ctx.new_float(number).into()
    }
}

/// How deep containers may nest when converted: deeper (or a container that holds itself)
/// is an error, not a stack overflow that would take the whole wasm instance down.
pub const MAX_NESTING: usize = 512;

fn too_deep(vm: &VirtualMachine, direction: &str) -> rustpython_vm::builtins::PyBaseExceptionRef {
    vm.new_value_error(format!(
        "cannot convert {direction}: containers nested more than {MAX_NESTING} levels deep, or one that contains itself"
    ))
}

/// Converts a Python object into a JS value, or raises `TypeError` naming what cannot cross.
pub fn py_to_js(vm: &VirtualMachine, obj: &PyObject) -> PyResult<JsValue> {
    py_to_js_nested(vm, obj, 0)
}

fn py_to_js_nested(vm: &VirtualMachine, obj: &PyObject, depth: usize) -> PyResult<JsValue> {
    if depth > MAX_NESTING {
        return Err(too_deep(vm, "to JavaScript"));
    }
    // Each level takes native stack: RustPython's guard raises `RecursionError` before it
    // runs out (nested deep in other recursion, fewer than MAX_NESTING levels may fit).
    vm.with_recursion(" while converting to JavaScript", || {
        py_to_js_level(vm, obj, depth)
    })
}

fn py_to_js_level(vm: &VirtualMachine, obj: &PyObject, depth: usize) -> PyResult<JsValue> {
    if vm.is_none(obj) {
        return Ok(JsValue::UNDEFINED);
    }
    if let Some(proxy) = obj.downcast_ref::<JsProxy>() {
        return Ok(proxy.value().clone());
    }
    if obj.class().is(vm.ctx.types.bool_type) {
        return Ok(JsValue::from_bool(obj.is(&vm.ctx.true_value)));
    }
    if let Some(text) = obj.downcast_ref::<PyStr>() {
        return Ok(JsValue::from_str(&text.to_string_lossy()));
    }
    if let Some(int) = obj.downcast_ref::<PyInt>() {
        return Ok(int_to_js(int));
    }
    if let Some(float) = obj.downcast_ref::<PyFloat>() {
        return Ok(JsValue::from_f64(float.to_f64()));
    }
    if let Some(list) = obj.downcast_ref::<PyList>() {
        let items: Vec<PyObjectRef> = list.borrow_vec().to_vec();
        return sequence_to_js(vm, &items, depth);
    }
    if let Some(tuple) = obj.downcast_ref::<PyTuple>() {
        return sequence_to_js(vm, tuple.as_slice(), depth);
    }
    if let Some(dict) = obj.downcast_ref::<PyDict>() {
        let object = Object::new();
        for (key, value) in dict {
            let key = py_to_js_nested(vm, &key, depth + 1)?;
            let value = py_to_js_nested(vm, &value, depth + 1)?;
            Reflect::set(&object, &key, &value)
                .map_err(|err| crate::errors::js_error_to_py(vm, err))?;
        }
        return Ok(object.into());
    }
    if let Ok(bytes) = ArgBytesLike::try_from_object(vm, obj.to_owned()) {
        return Ok(bytes.with_ref(|data| Uint8Array::from(data)).into());
    }
    if obj.to_callable().is_some() {
        return Ok(python_callable_to_js(vm, obj.to_owned()));
    }
    if let Some(value) = crate::protocol::js_value_of(obj) {
        return Ok(value);
    }
    if let Some(promise) = crate::awaitable::promise_for(vm, obj)? {
        return Ok(promise.into());
    }
    Err(vm.new_type_error(format!(
        "cannot convert a Python '{}' object to a JavaScript value",
        obj.class().name()
    )))
}

fn int_to_js(int: &PyInt) -> JsValue {
    let value = int.as_bigint();
    match i64::try_from(value) {
        Ok(small) if (small as f64).abs() <= MAX_SAFE_INTEGER => JsValue::from_f64(small as f64),
        // Beyond 2^53 a JS number would silently lose digits: a BigInt keeps them.
        _ => js_sys::BigInt::new(&JsValue::from_str(&value.to_string()))
            .map_or(JsValue::from_f64(f64::NAN), JsValue::from),
    }
}

fn sequence_to_js(vm: &VirtualMachine, items: &[PyObjectRef], depth: usize) -> PyResult<JsValue> {
    let array = Array::new_with_length(items.len() as u32);
    for (index, item) in items.iter().enumerate() {
        array.set(index as u32, py_to_js_nested(vm, item, depth + 1)?);
    }
    Ok(array.into())
}

/// Converts positional arguments plus keyword arguments for a call into JS: keyword
/// arguments become one trailing plain object, as Pyodide does.
pub fn call_args_to_js(
    vm: &VirtualMachine,
    args: &rustpython_vm::function::FuncArgs,
) -> PyResult<Array> {
    let array = Array::new();
    for arg in &args.args {
        array.push(&py_to_js(vm, arg)?);
    }
    if !args.kwargs.is_empty() {
        let options = Object::new();
        for (name, value) in &args.kwargs {
            Reflect::set(
                &options,
                &JsValue::from_str(&name.to_string_lossy()),
                &py_to_js(vm, value)?,
            )
            .map_err(|err| crate::errors::js_error_to_py(vm, err))?;
        }
        array.push(&options);
    }
    Ok(array)
}

/// The bytes of an `ArrayBuffer`, a typed array or a `DataView`, if `value` is one.
pub fn js_bytes(value: &JsValue) -> Option<Vec<u8>> {
    let view = bytes_view(value).ok()?;
    view.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

/// Converts a JS value deeply into Python containers (`to_py`): Arrays become lists, plain
/// objects dicts, binary data `bytes`; other objects stay proxies.
pub fn js_to_py_deep(vm: &VirtualMachine, value: JsValue) -> PyResult<PyObjectRef> {
    js_to_py_nested(vm, value, 0)
}

fn js_to_py_nested(vm: &VirtualMachine, value: JsValue, depth: usize) -> PyResult<PyObjectRef> {
    if depth > MAX_NESTING {
        return Err(too_deep(vm, "to Python"));
    }
    vm.with_recursion(" while converting to Python", || {
        js_to_py_level(vm, value, depth)
    })
}

fn js_to_py_level(vm: &VirtualMachine, value: JsValue, depth: usize) -> PyResult<PyObjectRef> {
    if let Some(bytes) = js_bytes(&value) {
        return Ok(vm.ctx.new_bytes(bytes).into());
    }
    let thrown = |err| crate::errors::js_error_to_py(vm, err);
    // Reading a JS container runs its getters and a Proxy's traps: each read may throw.
    match container_kind(&value).map_err(thrown)? {
        ARRAY => {
            let items = array_copy(&value)
                .map_err(thrown)?
                .iter()
                .map(|item| js_to_py_nested(vm, item, depth + 1))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(vm.ctx.new_list(items).into())
        }
        PLAIN_OBJECT => {
            let dict = vm.ctx.new_dict();
            for entry in object_entries(&value).map_err(thrown)?.iter() {
                let pair: Array = entry.unchecked_into();
                let key = js_to_py(vm, pair.get(0));
                dict.set_item(&*key, js_to_py_nested(vm, pair.get(1), depth + 1)?, vm)?;
            }
            Ok(dict.into())
        }
        _ => Ok(js_to_py(vm, value)),
    }
}

/// What `container_kind` answers.
const ARRAY: u8 = 1;
const PLAIN_OBJECT: u8 = 2;
