"""The foreign function interface shared by both interpreters: JS <-> Python helpers."""

from _pyscript import JsException, JsProxy, create_proxy, jsnull, to_js, window


def is_none(value):
    """True for `None` and for JavaScript's `null`."""
    return value is None or value is jsnull


def assign(target, *sources):
    """`Object.assign(target, *sources)`: copies properties, returns `target`."""
    window.Object.assign(target, *sources)
    return target


__all__ = ["JsException", "JsProxy", "assign", "create_proxy", "is_none", "jsnull", "to_js"]
