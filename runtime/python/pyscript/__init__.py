"""PyScript's Python API (https://docs.pyscript.net), running on pyscript-rs."""

import sys as _sys

import _pyscript as _native
from _pyscript import Event

from pyscript.context import current_target
from pyscript.display import HTML, display
from pyscript.events import when

# What depends on the page comes from `pyscript.context` on first use (this package is
# imported at build time by the start-up snapshot, outside any page); `config` every time,
# since the page's config replaces the default one after start.
_PAGE_NAMES = {"RUNNING_IN_WORKER", "document", "sync", "window"}

# Imported on first use (module `__getattr__`), so that `import pyscript` stays quick at
# start-up for pages that do not use them: name -> the module that defines it.
_LAZY = {
    "fetch": "pyscript.fetch",
    "WebSocket": "pyscript.websocket",
    "js_import": "pyscript.imports",
    "py_import": "pyscript.imports",
    "storage": "pyscript.storage",
    "Storage": "pyscript.storage",
    "PyWorker": "pyscript.context",
}
# Main-thread only (absent in workers).
_MAIN_ONLY = {
    "workers": "pyscript.workers",
    "create_named_worker": "pyscript.workers",
}
_LAZY.update(_MAIN_ONLY)
# Submodules reachable as attributes of `pyscript` (`import pyscript; pyscript.fs.mount`).
_SUBMODULES = {"context", "ffi", "fs", "js_modules", "media", "util", "web"}


def _load(name):
    """Binds `name`, and every other lazy name of the same module, to its value."""
    import importlib

    module_name = _LAZY[name]
    module = importlib.import_module(module_name)
    for other, defined_in in _LAZY.items():
        if defined_in == module_name:
            globals()[other] = getattr(module, other)
    return globals()[name]


def __getattr__(name):
    if name == "config":
        return _native.config
    if name in _PAGE_NAMES:
        from pyscript import context

        value = getattr(context, name)
        globals()[name] = value
        return value
    if name == "__all__":
        return [name for name in _ALL if not (_native.RUNNING_IN_WORKER and name in _MAIN_ONLY)]
    if name in _MAIN_ONLY and _native.RUNNING_IN_WORKER:
        raise AttributeError(f"module 'pyscript' has no attribute '{name}' in a worker")
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module(f"pyscript.{name}")
    if name not in _LAZY:
        raise AttributeError(f"module 'pyscript' has no attribute '{name}'")
    return _load(name)


def __dir__():
    names = set(globals()) | set(_LAZY) | _SUBMODULES | _PAGE_NAMES | {"config"}
    if _native.RUNNING_IN_WORKER:
        names -= set(_MAIN_ONLY)
    return sorted(names)


class _Package(type(_sys)):
    """`pyscript` itself. Importing a submodule sets it as an attribute of its package; where
    a submodule has the name of what it defines (`pyscript.fetch`, `pyscript.storage`,
    `pyscript.workers`), the package keeps the function or object, as PyScript's eager
    imports leave it: `from pyscript import storage` is the function whichever was imported
    first."""

    def __setattr__(self, name, value):
        if isinstance(value, type(_sys)) and value.__name__ == _LAZY.get(name):
            value = getattr(value, name)
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

# `__all__` is `_ALL` without the main-thread-only names in a worker (`__getattr__`).
_ALL = [
    "Event",
    "HTML",
    "PyWorker",
    "Storage",
    "RUNNING_IN_WORKER",
    "WebSocket",
    "config",
    "create_named_worker",
    "current_target",
    "display",
    "document",
    "fetch",
    "js_import",
    "py_import",
    "storage",
    "sync",
    "when",
    "window",
    "workers",
]
