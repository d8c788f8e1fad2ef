//! Python protocol rules shared by the native classes (`JsProxy`, the `pyscript.web`
//! elements and collections), so each behaves exactly like the others.

use rustpython_vm::{
    PyObject, PyPayload, PyResult, function::PyComparisonValue, types::PyComparisonOp,
};

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
