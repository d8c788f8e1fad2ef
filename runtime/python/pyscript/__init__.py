"""PyScript's Python API (https://docs.pyscript.net), running on pyscript-rs."""

import _pyscript
from _pyscript import RUNNING_IN_WORKER, Event, config, window

from pyscript.display import HTML, display
from pyscript.events import when
from pyscript.util import NotSupported

if RUNNING_IN_WORKER:
    _worker = _pyscript.host("worker")
    if window is None:
        # A page that is not cross-origin isolated: the worker cannot wait for main.
        _reason = f"in this worker: {_worker.syncUnavailable}"
        window = NotSupported("pyscript.window", _reason)
        document = NotSupported("pyscript.document", _reason)
        if not config.get("sync_main_only"):
            import js

            js.console.warn(f"pyscript: window and document are not available {_reason}")
    else:
        document = window.document
    # `sync.<name>(...)` calls the main thread's `worker.sync.<name>`; `sync.sleep(seconds)`.
    sync = _worker.sync
    PyWorker = NotSupported("pyscript.PyWorker", "in a worker: start workers from the main thread")
else:
    document = window.document
    sync = NotSupported("pyscript.sync", "on the main thread: it exists in workers")

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
# Main-thread only (absent in workers).
_MAIN_ONLY = {
    "PyWorker": "pyscript.workers",
    "workers": "pyscript.workers",
    "create_named_worker": "pyscript.workers",
}
if not RUNNING_IN_WORKER:
    _LAZY.update(_MAIN_ONLY)
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
if RUNNING_IN_WORKER:
    __all__ = [name for name in __all__ if name not in ("create_named_worker", "workers")]
