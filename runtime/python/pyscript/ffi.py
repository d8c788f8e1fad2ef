"""The foreign function interface shared by both interpreters: JS <-> Python helpers."""

import _pyscript
import js as _js_global
from _pyscript import JsException, JsProxy, create_proxy, jsnull


def to_js(value, /, *, depth=-1, dict_converter=None, default_converter=None, **_pyodide_only):
    """Converts `value` to its JS counterpart (a proxy of it): dicts become plain objects,
    lists and tuples Arrays, bytes-likes `Uint8Array`s, callables functions.

    - `dict_converter`: called with a JS Array of `[key, value]` pairs for each dict, its
      result stands for the dict (`js.Map.new` gives `Map`s, `js.Object.fromEntries`
      plain objects).
    - `depth`: how many levels of containers are converted (-1: all). Deeper containers
      cross as they are, which for pyscript-rs (no `PyProxy`) means converted as well.
    - `default_converter(value, convert, cache)`: called for a value that has no JS
      counterpart, instead of raising `TypeError`; `convert` converts a nested value.
    Pyodide's other keywords (`pyproxies`, `create_pyproxies`, `eager_converter`) are
    accepted and have nothing to do here.
    """
    if dict_converter is None and default_converter is None:
        return _pyscript.to_js(value)
    converter = _Converter(depth, dict_converter, default_converter)
    return _pyscript.to_js(converter.convert(value, 0))


class _Converter:
    def __init__(self, depth, dict_converter, default_converter):
        self.depth = depth
        self.dict_converter = dict_converter
        self.default_converter = default_converter

    def convert(self, value, level):
        limited = 0 <= self.depth <= level
        if isinstance(value, dict) and not limited:
            pairs = _js_global.Array.new()
            for key, item in value.items():
                pairs.push(_js_global.Array.of(self.convert(key, level + 1), self.convert(item, level + 1)))
            return (self.dict_converter or _js_global.Object.fromEntries)(pairs)
        if isinstance(value, (list, tuple)) and not limited:
            array = _js_global.Array.new()
            for item in value:
                array.push(self.convert(item, level + 1))
            return array
        if self.default_converter is None:
            return value
        try:
            return _pyscript.to_js(value)
        except TypeError:
            return self.default_converter(value, lambda nested: self.convert(nested, level + 1), _no_cache)


def _no_cache(python_value, js_value):
    """`cache_conversion` of Pyodide's `default_converter`: conversions are not shared."""


def is_none(value):
    """True for `None` and for JavaScript's `null`."""
    return value is None or value is jsnull


def assign(target, *sources):
    """`Object.assign(target, *sources)`: copies properties, returns `target`."""
    _js_global.Object.assign(target, *sources)
    return target


__all__ = ["JsException", "JsProxy", "assign", "create_proxy", "is_none", "jsnull", "to_js"]
