//! `page`: the document as `pyscript.web` elements (`page.body`, `page.find(...)`, `page["#id"]`).

use rustpython_vm::{
    Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    builtins::{PyStr, PyStrRef},
    function::PosArgs,
    protocol::PyMappingMethods,
    pyclass,
    types::{AsMapping, Constructor, DefaultConstructor, Representable},
};
use std::sync::LazyLock;

use crate::class_table::wrap_optional;
use crate::collection::ElementCollection;
use crate::dom::{document, js_err};
use crate::dom_members::CheckedDocument;
use crate::lookup::{Root, plain_id};

fn checked_document(document: &web_sys::Document) -> &CheckedDocument {
    wasm_bindgen::JsCast::unchecked_ref(document)
}

#[pyclass(module = "pyscript.web", name = "Page")]
#[derive(Debug, Default, PyPayload)]
pub struct Page;

impl Page {
    /// `page[key]`: for a plain id (`"my-id"` or `"#my-id"`), the element with that id or
    /// `None`, as PyScript 0.7 pages expect; for any other CSS selector, the collection of
    /// its matches (the spec's shorthand for `find`).
    fn lookup(key: &str, vm: &VirtualMachine) -> PyResult {
        let root = Root::Document(document(vm)?.clone());
        match plain_id(key) {
            Some(id) => wrap_optional(vm, root.with_id(id, vm)?),
            None => Ok(root.matching(key, vm)?.into_ref(&vm.ctx).into()),
        }
    }
}

impl DefaultConstructor for Page {}

#[pyclass(with(Constructor, AsMapping, Representable))]
impl Page {
    /// The `<html>` element.
    #[pygetset]
    fn html(_zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let html = checked_document(document(vm)?)
            .document_element()
            .map_err(js_err(vm))?;
        wrap_optional(vm, html)
    }

    /// The `<head>` element.
    #[pygetset]
    fn head(_zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let head = checked_document(document(vm)?).head().map_err(js_err(vm))?;
        wrap_optional(vm, head)
    }

    /// The `<body>` element.
    #[pygetset]
    fn body(_zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let body = checked_document(document(vm)?).body().map_err(js_err(vm))?;
        wrap_optional(vm, body)
    }

    /// The document's title.
    #[pygetset]
    fn title(_zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
        checked_document(document(vm)?).title().map_err(js_err(vm))
    }

    #[pygetset(setter)]
    fn set_title(_zelf: &Py<Self>, title: PyStrRef, vm: &VirtualMachine) -> PyResult<()> {
        checked_document(document(vm)?)
            .set_title(&title.to_string_lossy())
            .map_err(js_err(vm))
    }

    /// The elements matching a CSS selector, in document order.
    #[pymethod]
    fn find(
        _zelf: &Py<Self>,
        selector: PyStrRef,
        vm: &VirtualMachine,
    ) -> PyResult<ElementCollection> {
        Root::Document(document(vm)?.clone()).matching(&selector.to_string_lossy(), vm)
    }

    /// Appends to `<body>`, as `page.body.append(...)`.
    #[pymethod]
    fn append(_zelf: &Py<Self>, items: PosArgs, vm: &VirtualMachine) -> PyResult<()> {
        let body = Self::body(_zelf, vm)?;
        vm.call_method(&body, "append", items.into_vec()).map(drop)
    }
}

impl AsMapping for Page {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: LazyLock<PyMappingMethods> = LazyLock::new(|| PyMappingMethods {
            subscript: Some(|_mapping, key: &PyObject, vm| {
                let key = key.downcast_ref::<PyStr>().ok_or_else(|| {
                    vm.new_type_error(format!(
                        "page[...] takes a CSS selector or an id, not '{}'",
                        key.class().name()
                    ))
                })?;
                Page::lookup(&key.to_string_lossy(), vm)
            }),
            ..PyMappingMethods::NOT_IMPLEMENTED
        });
        &AS_MAPPING
    }
}

impl Representable for Page {
    fn repr_str(_zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok("<pyscript.web.page>".into())
    }
}
