//! Python protocol rules shared by the native classes (`JsProxy`, the `pyscript.web`
//! elements and collections), so each behaves exactly like the others, and the protocol by
//! which classes of the layers above cross to JavaScript.

use rustpython_vm::{
    AsObject, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine,
    function::PyComparisonValue, types::PyComparisonOp,
};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// A native class whose instances stand for a JS value and cross to JavaScript as it (a
/// `pyscript.web` element is its DOM node: `document.body.appendChild(div())`). The bridge
/// knows such classes only through [`register_stand_in`].
pub trait StandsForJsValue: PyPayload {
    fn js_value(&self) -> JsValue;
}

/// How one registered class answers: the JS value, when `object` is one of its instances.
type StandInConverter = fn(&PyObject) -> Option<JsValue>;

thread_local! {
    static STAND_INS: RefCell<Vec<StandInConverter>> = RefCell::default();
}

/// Makes instances of `T` (and of its Python subclasses) convert to their JS value.
pub fn register_stand_in<T: StandsForJsValue>() {
    let converter: StandInConverter = stand_in_value::<T>;
    STAND_INS.with_borrow_mut(|stand_ins| {
        if !stand_ins.contains(&converter) {
            stand_ins.push(converter);
        }
    });
}

fn stand_in_value<T: StandsForJsValue>(object: &PyObject) -> Option<JsValue> {
    object.downcast_ref::<T>().map(|payload| payload.js_value())
}

/// The JS value `object` stands for, if its class registered as a stand-in.
pub fn js_value_of(object: &PyObject) -> Option<JsValue> {
    STAND_INS.with_borrow(|stand_ins| stand_ins.iter().find_map(|converter| converter(object)))
}

/// `==`/`!=` against another `T`, decided by `same`; any other operator or type is
/// `NotImplemented`, so Python falls back to its defaults.
pub fn equality_with<T: PyPayload>(
    other: &PyObject,
    op: PyComparisonOp,
    same: impl FnOnce(&T) -> bool,
) -> PyResult<PyComparisonValue> {
    op.eq_only(|| {
        Ok(match other.downcast_ref::<T>() {
            Some(other) => PyComparisonValue::Implemented(same(other)),
            None => PyComparisonValue::NotImplemented,
        })
    })
}

/// A Python iterator over `items`, a snapshot: what the live DOM does meanwhile does not
/// disturb the iteration (the `iter()` of the live class list and style views).
pub fn snapshot_iterator(items: Vec<PyObjectRef>, vm: &VirtualMachine) -> PyResult {
    vm.ctx
        .new_list(items)
        .as_object()
        .get_iter(vm)
        .map(Into::into)
}

/// The position a Python index names in a sequence of `length` (negative counts from the
/// end), or `None` when it is out of range.
pub fn sequence_position(index: isize, length: usize) -> Option<usize> {
    let position = if index < 0 {
        index.checked_add_unsigned(length)?
    } else {
        index
    };
    usize::try_from(position)
        .ok()
        .filter(|&position| position < length)
}

#[cfg(test)]
mod tests {
    use super::sequence_position;

    #[test]
    fn negative_indices_count_from_the_end_and_out_of_range_is_none() {
        assert_eq!(sequence_position(0, 3), Some(0));
        assert_eq!(sequence_position(-1, 3), Some(2));
        assert_eq!(sequence_position(-3, 3), Some(0));
        assert_eq!(sequence_position(-4, 3), None);
        assert_eq!(sequence_position(3, 3), None);
        assert_eq!(sequence_position(isize::MIN, 3), None);
    }
}
