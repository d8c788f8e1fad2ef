//! `JsProxy`: a transparent Python view of any JS object or function.
//!
//! Attribute reads and writes, calls, `new()`, indexing, `len`, iteration, `in` and `==` all
//! act on the JS value itself, so `document.getElementById("x").textContent = "hi"` reads like
//! the JavaScript it stands for. What the object can do (be called, iterated, awaited, have a
//! length) is found once, when it is wrapped, and decides its Python type (proxy_types.rs).

use js_sys::{Function, Object, Reflect};
use rustpython_vm::pyclass;
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
    builtins::{PyInt, PyStr},
    common::hash::PyHash,
    function::{FuncArgs, PyComparisonValue, PySetterValue},
    protocol::{PyIterReturn, PyMappingMethods, PyNumberMethods, PySequenceMethods},
    types::{
        AsMapping, AsNumber, AsSequence, Comparable, GetAttr, Hashable, IterNext, Iterable,
        PyComparisonOp, Representable, SelfIter, SetAttr,
    },
};
use std::{cell::Cell, sync::LazyLock};
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::{
    call_args_to_js, js_bytes, js_to_py, js_to_py_bound, js_to_py_deep, py_to_js,
};
use crate::errors::js_error_to_py;
use crate::js_helpers::{
    CALLABLE, KIND_OBJECT, SIZED, describe, get_property, has_property, identity_of, interned,
    is_array, is_class, is_empty, iterator_over, iterator_step, kind_of, own_property_names,
    type_of, was_missing,
};
use crate::protocol::equality_with;

#[pyclass(module = "pyscript.ffi", name = "JsProxy")]
#[derive(Debug, PyPayload)]
pub struct JsProxy {
    value: JsValue,
    /// The object a method was read from, used as `this` when the method is called.
    this: Option<JsValue>,
    /// What the JS value can do (`js_helpers::CALLABLE`, ...), found when it was wrapped.
    capabilities: u8,
}

impl JsProxy {
    /// A proxy of any JS value (also a primitive), of the Python type its capabilities give.
    pub fn wrap(vm: &VirtualMachine, value: JsValue) -> PyObjectRef {
        let kind = kind_of(&value);
        Self::wrap_kind(vm, value, None, kind)
    }

    /// A proxy of `value`, whose [`kind_of`] is `kind`; `this` is the object a function was
    /// read from.
    pub(crate) fn wrap_kind(
        vm: &VirtualMachine,
        value: JsValue,
        this: Option<JsValue>,
        kind: u8,
    ) -> PyObjectRef {
        let capabilities = kind.saturating_sub(KIND_OBJECT);
        let this = this.filter(|_| capabilities & CALLABLE != 0);
        let proxy = Self {
            value,
            this,
            capabilities,
        };
        match crate::proxy_types::proxy_type(vm, capabilities) {
            Ok(class) => PyRef::new_ref(proxy, class, None).into(),
            // Making the type failed (out of memory): the plain type still works.
            Err(_) => proxy.into_ref(&vm.ctx).into(),
        }
    }

    /// The JS value this proxy stands for.
    pub fn value(&self) -> &JsValue {
        &self.value
    }

    /// Reads a JS property, or `None` when the object has no such property at all: one
    /// crossing (a second only for a property whose value is `undefined`).
    fn property(&self, name: &JsValue, vm: &VirtualMachine) -> PyResult<Option<PyObjectRef>> {
        let value = get_property(&self.value, name).map_err(|err| js_error_to_py(vm, err))?;
        if value.is_undefined() && was_missing() {
            return Ok(None);
        }
        Ok(Some(js_to_py_bound(vm, value, Some(&self.value))))
    }

    /// `proxy(*args)`: a JS class is constructed (it cannot be called without `new`).
    pub(crate) fn call(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let function = self.function(vm)?;
        let arguments = call_args_to_js(vm, &args)?;
        let this = self.this.clone().unwrap_or(JsValue::UNDEFINED);
        // A JS class cannot be called without `new`; Python has no `new`, so calling one means
        // constructing it. Asked only once a call failed: a class refuses the call before its
        // body runs, and reading a function's source on every call would cost more than it.
        let result = Reflect::apply(function, &this, &arguments).or_else(|error| {
            if is_class(function) {
                Reflect::construct(function, &arguments)
            } else {
                Err(error)
            }
        });
        result
            .map(|value| js_to_py(vm, value))
            .map_err(|err| js_error_to_py(vm, err))
    }

    /// `iter(proxy)`: a Python iterator over the JS object's iterator.
    pub(crate) fn iterate(&self, vm: &VirtualMachine) -> PyResult {
        let iterator = iterator_over(&self.value).map_err(|err| js_error_to_py(vm, err))?;
        if iterator.is_undefined() {
            return Err(vm.new_type_error(format!(
                "JavaScript value '{}' is not iterable",
                describe(&self.value)
            )));
        }
        Ok(JsIterator {
            iterator,
            running: Cell::new(false),
        }
        .into_ref(&vm.ctx)
        .into())
    }

    /// `JsCallable.__call__` (proxy_types.rs).
    pub(crate) fn call_method(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        zelf.call(args, vm)
    }

    /// `JsIterable.__iter__` (proxy_types.rs).
    pub(crate) fn iter_method(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        zelf.iterate(vm)
    }

    /// `JsPromise.__await__` (proxy_types.rs): settles on the interpreter's asyncio loop with
    /// the fulfilled value, or raises `JsException` for a rejection.
    pub(crate) fn await_method(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        crate::awaitable::await_thenable(vm, &zelf.value)
    }

    fn function(&self, vm: &VirtualMachine) -> PyResult<&Function> {
        self.value.dyn_ref::<Function>().ok_or_else(|| {
            vm.new_type_error(format!(
                "JavaScript value '{}' is not callable",
                describe(&self.value)
            ))
        })
    }

    fn length(&self, vm: &VirtualMachine) -> PyResult<usize> {
        if self.capabilities & SIZED == 0 {
            return Err(vm.new_type_error(format!(
                "JavaScript value '{}' has no length",
                describe(&self.value)
            )));
        }
        for name in ["length", "size"] {
            if let Some(length) = self.property(&JsValue::from_str(name), vm)?
                && let Some(int) = length.downcast_ref::<PyInt>()
            {
                return int.try_to_primitive::<usize>(vm);
            }
        }
        Err(vm.new_type_error(format!(
            "JavaScript value '{}' has no length",
            describe(&self.value)
        )))
    }

    fn key_to_js(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult<JsValue> {
        if let Some(index) = key.downcast_ref::<PyInt>() {
            let mut index = index.try_to_primitive::<i64>(vm)?;
            if index < 0 {
                // Negative indices count from the end, as for Python sequences.
                index += self.length(vm)? as i64;
            }
            return Ok(JsValue::from_f64(index as f64));
        }
        py_to_js(vm, key)
    }

    fn get_item(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult {
        let js_key = self.key_to_js(key, vm)?;
        if let Some(value) = self.property(&js_key, vm)? {
            return Ok(value);
        }
        // `Map`-like objects keep their entries behind `get`.
        if let Some(get) = self.map_method("get", vm)?
            && let Some(has) = self.map_method("has", vm)?
            && has
                .call1(&self.value, &js_key)
                .is_ok_and(|found| found.is_truthy())
        {
            let value = get
                .call1(&self.value, &js_key)
                .map_err(|err| js_error_to_py(vm, err))?;
            return Ok(js_to_py(vm, value));
        }
        if key.downcast_ref::<PyInt>().is_some() {
            return Err(vm.new_index_error(format!("index {} out of range", key.repr(vm)?)));
        }
        Err(vm.new_key_error(key.to_owned()))
    }

    fn map_method(&self, name: &str, vm: &VirtualMachine) -> PyResult<Option<Function>> {
        if self.capabilities & CALLABLE != 0 || is_array(&self.value) {
            return Ok(None);
        }
        let method = Reflect::get(&self.value, &JsValue::from_str(name))
            .map_err(|err| js_error_to_py(vm, err))?;
        Ok(method.dyn_into::<Function>().ok())
    }

    fn set_item(
        &self,
        key: &PyObject,
        value: Option<PyObjectRef>,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        let js_key = self.key_to_js(key, vm)?;
        match value {
            Some(value) => {
                let value = py_to_js(vm, &value)?;
                Reflect::set(&self.value, &js_key, &value)
                    .map_err(|err| js_error_to_py(vm, err))?;
            }
            None => {
                Reflect::delete_property(self.value.unchecked_ref::<Object>(), &js_key)
                    .map_err(|err| js_error_to_py(vm, err))?;
            }
        }
        Ok(())
    }

    fn contains(&self, needle: &PyObject, vm: &VirtualMachine) -> PyResult<bool> {
        let needle = py_to_js(vm, needle)?;
        for method in ["includes", "contains", "has"] {
            let candidate = Reflect::get(&self.value, &JsValue::from_str(method))
                .map_err(|err| js_error_to_py(vm, err))?;
            if let Some(function) = candidate.dyn_ref::<Function>() {
                let found = function
                    .call1(&self.value, &needle)
                    .map_err(|err| js_error_to_py(vm, err))?;
                return Ok(found.is_truthy());
            }
        }
        has_property(&self.value, &needle).map_err(|err| js_error_to_py(vm, err))
    }
}

// BASETYPE: proxy_types.rs makes the capability types as subclasses.
#[pyclass(
    flags(BASETYPE),
    with(
        AsNumber,
        GetAttr,
        SetAttr,
        AsMapping,
        AsSequence,
        Comparable,
        Hashable,
        Representable
    )
)]
impl JsProxy {
    /// Calls the JS value as a constructor: `js.Date.new(2024, 0, 1)`.
    #[pymethod(name = "new")]
    fn construct(zelf: &Py<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let constructor = zelf.function(vm)?;
        let arguments = call_args_to_js(vm, &args)?;
        let instance =
            Reflect::construct(constructor, &arguments).map_err(|err| js_error_to_py(vm, err))?;
        Ok(js_to_py(vm, instance))
    }

    /// Deep conversion: Arrays to lists, plain objects to dicts.
    #[pymethod]
    fn to_py(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult {
        js_to_py_deep(vm, zelf.value.clone())
    }

    /// A copy of the bytes of an `ArrayBuffer`, typed array or `DataView`.
    #[pymethod]
    fn to_bytes(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let bytes = js_bytes(&zelf.value).ok_or_else(|| {
            vm.new_type_error(format!(
                "JavaScript value '{}' is not binary data (ArrayBuffer, typed array or DataView)",
                describe(&zelf.value)
            ))
        })?;
        Ok(vm.ctx.new_bytes(bytes).into())
    }

    #[pymethod]
    fn __bytes__(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        Self::to_bytes(zelf, vm)
    }

    /// JavaScript's `typeof` of the value.
    #[pygetset(name = "typeof")]
    fn type_of(zelf: &Py<Self>) -> String {
        type_of(&zelf.value)
    }

    #[pymethod]
    fn __dir__(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<Vec<PyObjectRef>> {
        let names = own_property_names(&zelf.value).map_err(|err| js_error_to_py(vm, err))?;
        Ok(names
            .into_iter()
            .map(|name| vm.ctx.new_str(name).into())
            .collect())
    }
}

impl GetAttr for JsProxy {
    fn getattro(zelf: &Py<Self>, name: &Py<PyStr>, vm: &VirtualMachine) -> PyResult {
        if let Some(own) = zelf.as_object().generic_getattr_opt(name, None, vm)? {
            return Ok(own);
        }
        let text = name.to_string_lossy();
        // Attribute names are few and named again and again: each crosses to JS once.
        if let Some(value) = zelf.property(&JsValue::from_str(interned(&text)), vm)? {
            return Ok(value);
        }
        // `obj.from_` reaches the JS property `from`, a Python keyword.
        if let Some(stripped) = text.strip_suffix('_')
            && let Some(value) = zelf.property(&JsValue::from_str(stripped), vm)?
        {
            return Ok(value);
        }
        Err(vm.new_attribute_error(format!(
            "JavaScript object '{}' has no attribute '{text}'",
            describe(&zelf.value)
        )))
    }
}

impl SetAttr for JsProxy {
    fn setattro(
        zelf: &Py<Self>,
        name: &Py<PyStr>,
        value: PySetterValue,
        vm: &VirtualMachine,
    ) -> PyResult<()> {
        let name = JsValue::from_str(interned(&name.to_string_lossy()));
        match value {
            PySetterValue::Assign(value) => {
                let value = py_to_js(vm, &value)?;
                Reflect::set(&zelf.value, &name, &value).map_err(|err| js_error_to_py(vm, err))?;
            }
            PySetterValue::Delete => {
                Reflect::delete_property(zelf.value.unchecked_ref::<Object>(), &name)
                    .map_err(|err| js_error_to_py(vm, err))?;
            }
        }
        Ok(())
    }
}

impl AsMapping for JsProxy {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            length: Some(|mapping, vm| JsProxy::mapping_downcast(mapping).length(vm)),
            subscript: Some(|mapping, key, vm| {
                JsProxy::mapping_downcast(mapping).get_item(key, vm)
            }),
            ass_subscript: Some(|mapping, key, value, vm| {
                JsProxy::mapping_downcast(mapping).set_item(key, value, vm)
            }),
        });
        &AS_MAPPING
    }
}

impl AsNumber for JsProxy {
    fn as_number() -> &'static PyNumberMethods {
        static AS_NUMBER: PyNumberMethods = PyNumberMethods {
            // Truthy like any JS object, except an empty array, NodeList, Map or Set (as
            // Pyodide does); without this, `bool()` would fall back to `len()` and raise
            // for objects that have no length.
            boolean: Some(|number, vm| {
                let zelf = JsProxy::number_downcast(number);
                if zelf.capabilities & SIZED == 0 {
                    return Ok(true);
                }
                is_empty(&zelf.value)
                    .map(|empty| !empty)
                    .map_err(|err| js_error_to_py(vm, err))
            }),
            ..PyNumberMethods::NOT_IMPLEMENTED
        };
        &AS_NUMBER
    }
}

impl AsSequence for JsProxy {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: LazyLock<PySequenceMethods> = LazyLock::new(|| PySequenceMethods {
            length: Some(|sequence, vm| JsProxy::sequence_downcast(sequence).length(vm)),
            contains: Some(|sequence, needle, vm| {
                JsProxy::sequence_downcast(sequence).contains(needle, vm)
            }),
            ..PySequenceMethods::NOT_IMPLEMENTED
        });
        &AS_SEQUENCE
    }
}

impl Comparable for JsProxy {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        _vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        equality_with::<Self>(other, op, |other| Object::is(&zelf.value, &other.value))
    }
}

impl Hashable for JsProxy {
    fn hash(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<PyHash> {
        Ok(identity_of(&zelf.value) as PyHash)
    }
}

impl Representable for JsProxy {
    fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok(format!("<JsProxy {}>", describe(&zelf.value)))
    }
}

/// Python iteration over a JS iterator.
#[pyclass(module = "pyscript.ffi", name = "JsIterator")]
#[derive(Debug, PyPayload)]
pub struct JsIterator {
    iterator: JsValue,
    /// Set while the JS `next()` runs: it may call back into Python, which may advance this
    /// same iterator; Python's answer for a generator already running, not a re-entry.
    running: Cell<bool>,
}

#[pyclass(with(IterNext, Iterable))]
impl JsIterator {}

impl SelfIter for JsIterator {}

impl IterNext for JsIterator {
    fn next(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyIterReturn> {
        if zelf.running.replace(true) {
            return Err(vm.new_value_error("JavaScript iterator already executing"));
        }
        let step = iterator_step(&zelf.iterator);
        zelf.running.set(false);
        let step = step.map_err(|err| js_error_to_py(vm, err))?;
        if step.is_undefined() {
            return Ok(PyIterReturn::StopIteration(None));
        }
        let value = Reflect::get_u32(&step, 0).map_err(|err| js_error_to_py(vm, err))?;
        Ok(PyIterReturn::Return(js_to_py(vm, value)))
    }
}
