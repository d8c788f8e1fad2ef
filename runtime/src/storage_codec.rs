//! The value encoding of `pyscript.storage`, shared with the JS twin `storage.js` and with
//! PyScript itself (so a store written under PyScript reads back here, and the other way).
//!
//! A stored value is the Flatted text of `[kind, payload]`. Flatted is JSON of a flat list:
//! entry 0 is the root; in any array or object, a string or a container is not written in
//! place but as the decimal index, in a JSON string, of the entry that holds it. Strings are
//! shared by value and containers by identity, so shared and cyclic structures survive.
//! The kinds: `"null"` (payload 0), `"generic"` (the value), `"bytearray"` and `"memoryview"`
//! (the bytes, as a list of numbers).
//!
//! Both directions work through a queue of entries, never recursion: the depth of a value
//! costs no native stack.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write;

use rustpython_vm::{
    AsObject, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{
        PyByteArray, PyDict, PyDictRef, PyFloat, PyInt, PyList, PyListRef, PyMemoryView, PyStr,
        PyTuple,
    },
    protocol::PyBuffer,
};
use serde_json::Value;

/// What a stored text holds: the first element of `[kind, payload]`.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Null,
    Generic,
    ByteArray,
    MemoryView,
}

impl Kind {
    fn of(vm: &VirtualMachine, value: &PyObject) -> Self {
        if vm.is_none(value) {
            Self::Null
        } else if value.downcast_ref::<PyByteArray>().is_some() {
            Self::ByteArray
        } else if value.downcast_ref::<PyMemoryView>().is_some() {
            Self::MemoryView
        } else {
            Self::Generic
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Generic => "generic",
            Self::ByteArray => "bytearray",
            Self::MemoryView => "memoryview",
        }
    }

    fn named(name: &str) -> Option<Self> {
        [Self::Null, Self::Generic, Self::ByteArray, Self::MemoryView]
            .into_iter()
            .find(|kind| kind.name() == name)
    }
}

/// The Flatted text that stores `value`. Raises `TypeError` for a type storage cannot hold,
/// `ValueError` for a `float` JSON cannot carry, `OverflowError` for an `int` beyond 64 bits
/// (JSON readers hold at most that exactly; the JS twin reads integers beyond 2**53 rounded).
pub fn encode(vm: &VirtualMachine, value: &PyObject) -> PyResult<String> {
    let mut encoder = Encoder::new(vm);
    let kind = Kind::of(vm, value);
    // Entries are numbered in the order Flatted numbers them: the kind first.
    let kind_child = encoder.string(kind.name());
    let payload = match kind {
        Kind::Null => Child::Literal("0".into()),
        Kind::Generic => encoder.child(value)?,
        Kind::ByteArray | Kind::MemoryView => {
            let buffer = value.try_to_value::<PyBuffer>(vm)?;
            encoder.bytes(buffer.contiguous_or_collect(|bytes| bytes.to_vec()))
        }
    };
    encoder.finish(&[kind_child, payload])
}

/// The value that `text` stores, as Python objects: the inverse of [`encode`], and what the
/// JS twin's text turns into. Text that is not a stored `[kind, payload]` is returned as the
/// `str` it is (as PyScript does), never an error: one odd entry must not hide a store.
pub fn decode(vm: &VirtualMachine, text: &str) -> PyResult<PyObjectRef> {
    let raw = || Ok(vm.ctx.new_str(text).into());
    let Ok(entries) = serde_json::from_str::<Vec<Value>>(text) else {
        return raw();
    };
    let mut decoder = Decoder::new(vm, &entries);
    let Some(root) = decoder.root()? else {
        return raw();
    };
    let (kind, payload) = match root
        .downcast_ref::<PyList>()
        .map(|list| list.borrow_vec().to_vec())
    {
        Some(pair) if pair.len() == 2 => (pair[0].clone(), pair[1].clone()),
        _ => return raw(),
    };
    let kind = kind
        .downcast_ref::<PyStr>()
        .and_then(|kind| kind.to_str())
        .and_then(Kind::named);
    match kind {
        Some(Kind::Null) => Ok(vm.ctx.none()),
        Some(Kind::Generic) => Ok(payload),
        Some(binary @ (Kind::ByteArray | Kind::MemoryView)) => {
            let Some(bytes) = byte_list(vm, &payload) else {
                return raw();
            };
            let array: PyObjectRef = vm.ctx.new_bytearray(bytes).into();
            if binary == Kind::ByteArray {
                return Ok(array);
            }
            Ok(PyMemoryView::from_object(&array, vm)?
                .into_ref(&vm.ctx)
                .into())
        }
        None => raw(),
    }
}

fn byte_list(vm: &VirtualMachine, payload: &PyObject) -> Option<Vec<u8>> {
    let list = payload.downcast_ref::<PyList>()?;
    list.borrow_vec()
        .iter()
        .map(|item| {
            item.downcast_ref::<PyInt>()?
                .try_to_primitive::<u8>(vm)
                .ok()
        })
        .collect()
}

/// How one element of an array or object is written: a JSON literal in place (a number,
/// `true`, `false`, `null`), or the index of the entry that holds it.
enum Child {
    Literal(String),
    Entry(usize),
}

/// What an entry holds, waiting to be written (containers hold their items alive).
enum Pending {
    Str(String),
    List(Vec<PyObjectRef>),
    Dict(PyDictRef),
    Bytes(Vec<u8>),
}

struct Encoder<'vm> {
    vm: &'vm VirtualMachine,
    /// Entries given an index whose text is not written yet, in index order.
    pending: VecDeque<Pending>,
    count: usize,
    strings: HashMap<String, usize>,
    /// Containers by identity. No Python code runs while encoding and the root holds every
    /// container reachable from it, so no id is freed and reused meanwhile.
    containers: HashMap<usize, usize>,
}

impl<'vm> Encoder<'vm> {
    fn new(vm: &'vm VirtualMachine) -> Self {
        Self {
            vm,
            // Index 0 is the root `[kind, payload]`, written by `finish`.
            pending: VecDeque::new(),
            count: 1,
            strings: HashMap::new(),
            containers: HashMap::new(),
        }
    }

    fn add(&mut self, entry: Pending) -> usize {
        self.pending.push_back(entry);
        self.count += 1;
        self.count - 1
    }

    fn string(&mut self, text: &str) -> Child {
        if let Some(&index) = self.strings.get(text) {
            return Child::Entry(index);
        }
        let index = self.add(Pending::Str(text.to_owned()));
        self.strings.insert(text.to_owned(), index);
        Child::Entry(index)
    }

    fn bytes(&mut self, bytes: Vec<u8>) -> Child {
        Child::Entry(self.add(Pending::Bytes(bytes)))
    }

    fn container(&mut self, object: &PyObject, entry: impl FnOnce() -> Pending) -> Child {
        let id = object.get_id();
        if let Some(&index) = self.containers.get(&id) {
            return Child::Entry(index);
        }
        let index = self.add(entry());
        self.containers.insert(id, index);
        Child::Entry(index)
    }

    /// How `value`, an element of the generic payload, is written.
    fn child(&mut self, value: &PyObject) -> PyResult<Child> {
        let vm = self.vm;
        if vm.is_none(value) {
            return Ok(Child::Literal("null".into()));
        }
        if value.fast_isinstance(vm.ctx.types.bool_type) {
            let truth = value.is(&vm.ctx.true_value);
            return Ok(Child::Literal(truth.to_string()));
        }
        if let Some(int) = value.downcast_ref::<PyInt>() {
            // Digits as Python writes them; a JSON reader holds up to 64 bits exactly.
            let exact = int
                .try_to_primitive::<i64>(vm)
                .map(|small| small.to_string())
                .or_else(|_| {
                    int.try_to_primitive::<u64>(vm)
                        .map(|large| large.to_string())
                });
            return exact.map(Child::Literal).map_err(|_| {
                vm.new_overflow_error(format!(
                    "int {} is too large for storage: at most 64 bits (store it as a str)",
                    int.as_bigint()
                ))
            });
        }
        if let Some(float) = value.downcast_ref::<PyFloat>() {
            let number = float.to_f64();
            if !number.is_finite() {
                return Err(vm.new_value_error(format!(
                    "float {} cannot be stored: JSON has no NaN or infinity",
                    if number.is_nan() {
                        "nan"
                    } else if number > 0.0 {
                        "inf"
                    } else {
                        "-inf"
                    }
                )));
            }
            // `{:?}` is the shortest text that reads back as the same double, and keeps
            // the `.0` that tells a float from an int.
            return Ok(Child::Literal(format!("{number:?}")));
        }
        if let Some(text) = value.downcast_ref::<PyStr>() {
            let text = text.to_str().ok_or_else(|| {
                vm.new_value_error("a str with lone surrogates cannot be stored".to_owned())
            })?;
            return Ok(self.string(text));
        }
        if let Some(list) = value.downcast_ref::<PyList>() {
            return Ok(self.container(value, || Pending::List(list.borrow_vec().to_vec())));
        }
        if let Some(tuple) = value.downcast_ref::<PyTuple>() {
            return Ok(self.container(value, || Pending::List(tuple.as_slice().to_vec())));
        }
        if value.downcast_ref::<PyDict>().is_some() {
            let dict = value
                .to_owned()
                .downcast::<PyDict>()
                .expect("checked above");
            return Ok(self.container(value, || Pending::Dict(dict)));
        }
        let name = value.class().name().to_string();
        let nested_binary = value.downcast_ref::<PyByteArray>().is_some()
            || value.downcast_ref::<PyMemoryView>().is_some();
        Err(vm.new_type_error(if nested_binary {
            format!("Cannot serialize type {name} for storage. Binary data is stored only as a whole value, not inside a list, tuple or dict.")
        } else {
            format!("Cannot serialize type {name} for storage.")
        }))
    }

    /// Writes every entry: the root from `root`, then each one queued, in index order.
    fn finish(mut self, root: &[Child]) -> PyResult<String> {
        let mut text = String::from("[");
        write_array(&mut text, root);
        while let Some(entry) = self.pending.pop_front() {
            text.push(',');
            match entry {
                Pending::Str(string) => write_json_string(&mut text, &string),
                Pending::Bytes(bytes) => {
                    let numbers: Vec<Child> = bytes
                        .iter()
                        .map(|byte| Child::Literal(byte.to_string()))
                        .collect();
                    write_array(&mut text, &numbers);
                }
                Pending::List(items) => {
                    let children = items
                        .iter()
                        .map(|item| self.child(item))
                        .collect::<PyResult<Vec<_>>>()?;
                    write_array(&mut text, &children);
                }
                Pending::Dict(dict) => {
                    text.push('{');
                    for (index, (key, item)) in dict.into_iter().enumerate() {
                        let Some(key) = key
                            .downcast_ref::<PyStr>()
                            .and_then(|key| key.to_str().map(str::to_owned))
                        else {
                            return Err(self.vm.new_type_error(format!(
                                "Cannot serialize a dict key of type {} for storage: keys must be str.",
                                key.class().name()
                            )));
                        };
                        if index > 0 {
                            text.push(',');
                        }
                        write_json_string(&mut text, &key);
                        text.push(':');
                        let child = self.child(&item)?;
                        write_child(&mut text, &child);
                    }
                    text.push('}');
                }
            }
        }
        text.push(']');
        Ok(text)
    }
}

fn write_array(text: &mut String, children: &[Child]) {
    text.push('[');
    for (index, child) in children.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        write_child(text, child);
    }
    text.push(']');
}

fn write_child(text: &mut String, child: &Child) {
    match child {
        Child::Literal(number) => text.push_str(number),
        Child::Entry(index) => {
            let _ = write!(text, "\"{index}\"");
        }
    }
}

fn write_json_string(text: &mut String, string: &str) {
    text.push_str(&serde_json::to_string(string).expect("a str always serialises"));
}

struct Decoder<'a, 'vm> {
    vm: &'vm VirtualMachine,
    entries: &'a [Value],
    made: HashMap<usize, PyObjectRef>,
    /// Containers made empty, to fill once every reference to them can be resolved.
    unfilled: Vec<(usize, PyObjectRef)>,
}

impl<'a, 'vm> Decoder<'a, 'vm> {
    fn new(vm: &'vm VirtualMachine, entries: &'a [Value]) -> Self {
        Self {
            vm,
            entries,
            made: HashMap::new(),
            unfilled: Vec::new(),
        }
    }

    /// The root value, or `None` when the entries are not Flatted.
    fn root(&mut self) -> PyResult<Option<PyObjectRef>> {
        let root = match self.entries.first() {
            // The root entry is never a reference: a string there is the value itself.
            Some(Value::String(text)) => {
                return Ok(Some(self.vm.ctx.new_str(text.as_str()).into()));
            }
            Some(_) => self.entry(0),
            None => return Ok(None),
        };
        let Some(root) = root else { return Ok(None) };
        while let Some((index, container)) = self.unfilled.pop() {
            if !self.fill(index, &container)? {
                return Ok(None);
            }
        }
        Ok(Some(root))
    }

    /// The object entry `index` stands for (made once, shared by every reference).
    fn entry(&mut self, index: usize) -> Option<PyObjectRef> {
        if let Some(made) = self.made.get(&index) {
            return Some(made.clone());
        }
        let vm = self.vm;
        let object: PyObjectRef = match self.entries.get(index)? {
            Value::String(text) => vm.ctx.new_str(text.as_str()).into(),
            Value::Array(_) => {
                let list: PyListRef = vm.ctx.new_list(Vec::new());
                self.unfilled.push((index, list.clone().into()));
                list.into()
            }
            Value::Object(_) => {
                let dict = vm.ctx.new_dict();
                self.unfilled.push((index, dict.clone().into()));
                dict.into()
            }
            scalar => self.scalar(scalar)?,
        };
        self.made.insert(index, object.clone());
        Some(object)
    }

    fn scalar(&self, value: &Value) -> Option<PyObjectRef> {
        let ctx = &self.vm.ctx;
        Some(match value {
            Value::Null => ctx.none(),
            Value::Bool(truth) => ctx.new_bool(*truth).into(),
            Value::Number(number) => match (number.as_i64(), number.as_u64()) {
                (Some(int), _) => ctx.new_int(int).into(),
                (None, Some(int)) => ctx.new_int(int).into(),
                _ => ctx.new_float(number.as_f64()?).into(),
            },
            _ => return None,
        })
    }

    /// An element of an array or object: a string is a reference to an entry.
    fn element(&mut self, value: &Value) -> Option<PyObjectRef> {
        match value {
            Value::String(reference) => self.entry(reference.parse().ok()?),
            // Flatted never writes a container in place; a hand-made one is not ours to read.
            Value::Array(_) | Value::Object(_) => None,
            scalar => self.scalar(scalar),
        }
    }

    /// Fills the container made for entry `index`; false when an element is not readable.
    fn fill(&mut self, index: usize, container: &PyObject) -> PyResult<bool> {
        let entries = self.entries;
        match &entries[index] {
            Value::Array(items) => {
                let mut elements = Vec::with_capacity(items.len());
                for item in items {
                    let Some(element) = self.element(item) else {
                        return Ok(false);
                    };
                    elements.push(element);
                }
                let list = container.downcast_ref::<PyList>().expect("made as a list");
                *list.borrow_vec_mut() = elements;
            }
            Value::Object(members) => {
                let dict = container.downcast_ref::<PyDict>().expect("made as a dict");
                for (key, item) in members {
                    let Some(element) = self.element(item) else {
                        return Ok(false);
                    };
                    dict.set_item(key.as_str(), element, self.vm)?;
                }
            }
            _ => unreachable!("only arrays and objects wait to be filled"),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustpython_vm::{Interpreter, Settings};

    fn with_vm(test: impl FnOnce(&VirtualMachine) + Send + 'static) {
        // RustPython's stack check wants more than a test thread's default stack.
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(|| run_with_vm(test))
            .expect("a test thread starts")
            .join()
            .expect("the test passes");
    }

    fn run_with_vm(test: impl FnOnce(&VirtualMachine)) {
        let mut settings = Settings::default();
        settings.import_site = false;
        let builder = Interpreter::builder(settings);
        let stdlib = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
        builder
            .add_native_modules(&stdlib)
            .add_frozen_modules(crate::stdlib_groups::CORE)
            .build()
            .enter(test);
    }

    fn eval(vm: &VirtualMachine, source: &str) -> PyObjectRef {
        let scope = vm.new_scope_with_builtins();
        vm.run_string(scope.clone(), &format!("value = {source}"), "<test>")
            .expect("test source runs");
        scope.globals.get_item("value", vm).expect("value is set")
    }

    fn repr(vm: &VirtualMachine, value: &PyObject) -> String {
        value.repr(vm).expect("repr works").to_string()
    }

    /// The texts the npm `flatted` package (3.4) writes for the same values.
    #[test]
    fn writes_what_flatted_writes() {
        with_vm(|vm| {
            let cases = [
                ("None", r#"[["1",0],"null"]"#),
                ("'hi'", r#"[["1","2"],"generic","hi"]"#),
                ("3", r#"[["1",3],"generic"]"#),
                ("2.5", r#"[["1",2.5],"generic"]"#),
                ("True", r#"[["1",true],"generic"]"#),
                (
                    "[1, 'a', 'a', None]",
                    r#"[["1","2"],"generic",[1,"3","3",null],"a"]"#,
                ),
                (
                    "{'k': 'generic', 'n': [2]}",
                    r#"[["1","2"],"generic",{"k":"1","n":"3"},[2]]"#,
                ),
                (
                    "bytearray(b'\\x00\\xff')",
                    r#"[["1","2"],"bytearray",[0,255]]"#,
                ),
            ];
            for (source, expected) in cases {
                let value = eval(vm, source);
                assert_eq!(encode(vm, &value).unwrap(), expected, "{source}");
            }
        });
    }

    #[test]
    fn reads_back_what_it_writes() {
        with_vm(|vm| {
            let cases = [
                ("None", "None"),
                (
                    "(1, [2.0, 'x'], {'a': {'b': ()}})",
                    "[1, [2.0, 'x'], {'a': {'b': []}}]",
                ),
                ("memoryview(b'ab')", "<memoryview b'ab'>"),
                ("-9007199254740991", "-9007199254740991"),
                (
                    "[-2**63, 2**64 - 1]",
                    "[-9223372036854775808, 18446744073709551615]",
                ),
                (
                    "{'z': 1, 'a': {'y': 2, 'b': 3}}",
                    "{'z': 1, 'a': {'y': 2, 'b': 3}}",
                ),
                ("'\\u00e9\\n\"'", "'é\\n\"'"),
            ];
            for (source, expected) in cases {
                let value = eval(vm, source);
                let text = encode(vm, &value).unwrap();
                let back = decode(vm, &text).unwrap();
                let shown = if back.downcast_ref::<PyMemoryView>().is_some() {
                    let bytes = vm.call_method(&back, "tobytes", ()).unwrap();
                    format!("<memoryview {}>", repr(vm, &bytes))
                } else {
                    repr(vm, &back)
                };
                assert_eq!(shown, expected, "{source} via {text}");
            }
        });
    }

    #[test]
    fn keeps_shared_and_cyclic_structure() {
        with_vm(|vm| {
            let value = eval(vm, "(lambda l: (l.append(l), l)[1])([])");
            let text = encode(vm, &value).unwrap();
            assert_eq!(text, r#"[["1","2"],"generic",["2"]]"#);
            let back = decode(vm, &text).unwrap();
            let list = back.downcast_ref::<PyList>().unwrap();
            assert!(list.borrow_vec()[0].is(&back));
        });
    }

    #[test]
    fn refuses_what_storage_cannot_hold() {
        with_vm(|vm| {
            let cases = [
                (
                    "object()",
                    "TypeError",
                    "Cannot serialize type object for storage.",
                ),
                (
                    "[bytearray(b'x')]",
                    "TypeError",
                    "Binary data is stored only as a whole value",
                ),
                ("{1: 2}", "TypeError", "keys must be str"),
                ("float('nan')", "ValueError", "JSON has no NaN"),
                ("2**64", "OverflowError", "at most 64 bits"),
                ("-2**63 - 1", "OverflowError", "at most 64 bits"),
            ];
            for (source, kind, message) in cases {
                let value = eval(vm, source);
                let error = encode(vm, &value).unwrap_err();
                assert_eq!(error.class().name().to_string(), kind, "{source}");
                let text = error.as_object().str(vm).unwrap().to_string();
                assert!(text.contains(message), "{source}: {text}");
            }
        });
    }

    #[test]
    fn returns_foreign_text_as_it_is() {
        with_vm(|vm| {
            for text in [
                "not json",
                "[]",
                r#"[["1"],"generic"]"#,
                r#"["9"]"#,
                r#"[["1","2"],"bytearray",[300]]"#,
            ] {
                let back = decode(vm, text).unwrap();
                assert_eq!(
                    back.downcast_ref::<PyStr>().and_then(|s| s.to_str()),
                    Some(text),
                    "{text}"
                );
            }
        });
    }
}
