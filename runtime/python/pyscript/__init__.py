"""PyScript's Python API (https://docs.pyscript.net), running on pyscript-rs."""

import _pyscript
from _pyscript import RUNNING_IN_WORKER, Event, config, window

from pyscript.display import HTML, display
from pyscript.events import when

document = window.document

# Imported on first use (module `__getattr__`), so that `import pyscript` stays quick at
# start-up for pages that do not use them.
_LAZY = {
    "fetch": "pyscript.fetch",
    "WebSocket": "pyscript.websocket",
    "js_import": "pyscript.imports",
    "py_import": "pyscript.imports",
    "storage": "pyscript.storage",
    "Storage": "pyscript.storage",
}
# Submodules reachable as attributes of `pyscript` (`import pyscript; pyscript.fs.mount`).
_SUBMODULES = {"ffi", "fs", "js_modules", "web"}


def __getattr__(name):
    import importlib

    if name in _SUBMODULES:
        return importlib.import_module(f"pyscript.{name}")
    if name not in _LAZY:
        raise AttributeError(f"module 'pyscript' has no attribute '{name}'")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | _SUBMODULES)


def current_target():
    """The id of the element that receives this script's default output."""
    return _pyscript.target_id


__all__ = [
    "Event",
    "HTML",
    "Storage",
    "RUNNING_IN_WORKER",
    "WebSocket",
    "config",
    "current_target",
    "display",
    "document",
    "fetch",
    "js_import",
    "py_import",
    "storage",
    "when",
    "window",
]
