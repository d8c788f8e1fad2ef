//! `_pyscript_web`: the native half of `pyscript.web`. The facade `pyscript/web.py` (in
//! `python/`) re-exports it and adds what is easier said in Python (`grid`, media helpers).

use rustpython_vm::{Context, builtins::PyModuleDef};

/// The definition of the native `_pyscript_web` module, for the interpreter builder.
pub fn module_def(ctx: &Context) -> &'static PyModuleDef {
    _pyscript_web::module_def(ctx)
}

#[rustpython_vm::pymodule]
mod _pyscript_web {
    use crate::{
        class_table::class_table,
        classes::Classes,
        collection::{CollectionIterator, ElementCollection},
        collection_views::{CollectionClasses, CollectionStyle},
        lookup,
        options::Options,
        page::Page,
        style::Style,
    };
    use pyscript_elements::{ELEMENT_CLASSES, class_index_for_name, class_names_and_aliases};
    use rustpython_vm::{
        Py, PyObjectRef, PyPayload, PyResult, VirtualMachine,
        builtins::{PyModule, PyStrRef, PyTypeRef},
        class::PyClassImpl,
    };

    #[pyattr(name = "ElementCollection")]
    fn element_collection(_vm: &VirtualMachine) -> PyTypeRef {
        let _ = CollectionIterator::make_static_type();
        let _ = CollectionClasses::make_static_type();
        let _ = CollectionStyle::make_static_type();
        ElementCollection::make_static_type()
    }

    #[pyattr(name = "Classes")]
    fn classes(_vm: &VirtualMachine) -> PyTypeRef {
        Classes::make_static_type()
    }

    #[pyattr(name = "Style")]
    fn style(_vm: &VirtualMachine) -> PyTypeRef {
        Style::make_static_type()
    }

    /// `pyscript.Event`, which `on_<event>` returns: the bridge's native class.
    #[pyattr(name = "Event")]
    fn event(_vm: &VirtualMachine) -> PyTypeRef {
        pyscript_bridge::event::Event::make_static_type()
    }

    #[pyattr(name = "Options")]
    fn options(_vm: &VirtualMachine) -> PyTypeRef {
        Options::make_static_type()
    }

    #[pyattr(name = "Page")]
    fn page_class(_vm: &VirtualMachine) -> PyTypeRef {
        Page::make_static_type()
    }

    /// PyScript 0.7's helper: the element with id `target_id` (`#` optional) under
    /// `dom_node` (a DOM document or element), or `None`.
    #[pyfunction]
    fn _find_by_id(dom_node: PyObjectRef, target_id: PyStrRef, vm: &VirtualMachine) -> PyResult {
        lookup::find_by_id(&dom_node, &target_id.to_string_lossy(), vm)
    }

    /// PyScript 0.7's helper: the elements under `dom_node` matching a CSS selector.
    #[pyfunction]
    fn _find_and_wrap(
        dom_node: PyObjectRef,
        selector: PyStrRef,
        vm: &VirtualMachine,
    ) -> PyResult<ElementCollection> {
        lookup::Root::of(&dom_node, vm)?.matching(&selector.to_string_lossy(), vm)
    }

    /// PyScript 0.7's helper: a DOM element wrapped in the class of its tag, `None` for
    /// `None` or JS `null`.
    #[pyfunction]
    fn _wrap_if_not_none(dom_element: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        lookup::wrap_if_not_none(dom_element, vm)
    }

    pub(crate) fn module_exec(vm: &VirtualMachine, module: &Py<PyModule>) -> PyResult<()> {
        __module_exec(vm, module);
        let _ = crate::element_core::Element::make_static_type();
        pyscript_bridge::protocol::register_stand_in::<crate::element_core::Element>();
        let table = class_table(vm)?;
        module.set_attr("Element", table.element.clone(), vm)?;
        module.set_attr("ContainerElement", table.container.clone(), vm)?;
        for (class, spec) in table.tags.iter().zip(ELEMENT_CLASSES) {
            module.set_attr(spec.class_name, class.clone(), vm)?;
        }
        // Aliases (`select_` for `select`) name the same class object.
        for name in class_names_and_aliases() {
            if let Some(class) = class_index_for_name(name).and_then(|index| table.tags.get(index))
            {
                module.set_attr(name, class.clone(), vm)?;
            }
        }
        module.set_attr("page", Page.into_ref(&vm.ctx), vm)?;
        Ok(())
    }
}
