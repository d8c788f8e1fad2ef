"""Where this code runs, and what differs between the main thread and a worker (PyScript
0.7's `pyscript.context`): `RUNNING_IN_WORKER`, `config`, `window`, `document`, `sync`,
`PyWorker`, `current_target()`, `js_import`, `js_modules`. `pyscript` re-exports them."""

import _pyscript
from _pyscript import RUNNING_IN_WORKER, config

from pyscript.util import NotSupported

window = _pyscript.window
if RUNNING_IN_WORKER:
    _worker = _pyscript.host("worker")
    if window is None:
        # A page that is not cross-origin isolated: the worker cannot wait for main.
        _error = f"window and document are not available in this worker: {_worker.syncUnavailable}"
        window = NotSupported("pyscript.window", _error)
        document = NotSupported("pyscript.document", _error)
        if not config.get("sync_main_only"):
            import js

            js.console.warn(f"pyscript: {_error}")
    else:
        document = window.document
    # `sync.<name>(...)` calls the main thread's `worker.sync.<name>`; `sync.sleep(seconds)`.
    sync = _worker.sync
    PyWorker = NotSupported("pyscript.PyWorker", "pyscript.PyWorker works only on the main thread")
else:
    document = window.document
    sync = NotSupported("pyscript.sync", "pyscript.sync works only in a worker")


def current_target():
    """The id of the element that receives the default output of the script that wrote the
    call: a context variable each run sets, which tasks copy when they are made and `when`
    handlers take from the script that registered them, so a late `display()` of an awaiting
    script still goes to its own output. A worker script's element is made on the main page
    the first time it is asked for."""
    target = _pyscript.script_target.get()
    if not target and RUNNING_IN_WORKER and window is not None:
        target = _worker.target() or ""
        _pyscript.script_target.set(target)
    return target


def __getattr__(name):
    # Imported when first used, as `pyscript` does: they pull in more modules.
    if name == "js_import":
        from pyscript.imports import js_import

        return js_import
    if name == "js_modules":
        import pyscript.js_modules

        return pyscript.js_modules
    if name == "PyWorker":
        from pyscript.workers import PyWorker

        return PyWorker
    raise AttributeError(f"module 'pyscript.context' has no attribute '{name}'")
