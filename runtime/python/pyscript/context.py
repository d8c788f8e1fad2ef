"""Where this code runs, and what differs between the main thread and a worker (PyScript
0.7's `pyscript.context`): `RUNNING_IN_WORKER`, `config`, `window`, `document`, `sync`,
`PyWorker`, `current_target()`, `js_import`, `js_modules`. `pyscript` re-exports them."""

import _pyscript

from pyscript.util import NotSupported

#: What depends on the page, bound on first use (`_bind`), not at import: the runtime's
#: start-up snapshot imports this package at build time, outside any page
#: (runtime/src/snapshot.rs), and a page binds it after the restore.
_PAGE_NAMES = ("RUNNING_IN_WORKER", "window", "document", "sync")


def _bind():
    """Binds the page's names in this module's globals, once."""
    names = globals()
    if "RUNNING_IN_WORKER" in names:
        return
    window = _pyscript.window
    if _pyscript.RUNNING_IN_WORKER:
        worker = _pyscript.host("worker")
        if window is None:
            # A page that is not cross-origin isolated: the worker cannot wait for main.
            error = f"window and document are not available in this worker: {worker.syncUnavailable}"
            window = NotSupported("pyscript.window", error)
            document = NotSupported("pyscript.document", error)
            if not _pyscript.config.get("sync_main_only"):
                import js

                js.console.warn(f"pyscript: {error}")
        else:
            document = window.document
        # `sync.<name>(...)` calls the main thread's `worker.sync.<name>`; `sync.sleep(seconds)`.
        sync = worker.sync
        names["PyWorker"] = NotSupported("pyscript.PyWorker", "pyscript.PyWorker works only on the main thread")
        names["_worker"] = worker
    else:
        document = window.document
        sync = NotSupported("pyscript.sync", "pyscript.sync works only in a worker")
    names.update(window=window, document=document, sync=sync)
    # Last: its presence says the others are bound.
    names["RUNNING_IN_WORKER"] = _pyscript.RUNNING_IN_WORKER


def current_target():
    """The id of the element that receives the default output of the script that wrote the
    call: a context variable each run sets, which tasks copy when they are made and `when`
    handlers take from the script that registered them, so a late `display()` of an awaiting
    script still goes to its own output. A worker script's element is made on the main page
    the first time it is asked for."""
    target = _pyscript.script_target.get()
    if not target and _pyscript.RUNNING_IN_WORKER and _pyscript.window is not None:
        _bind()
        target = _worker.target() or ""
        _pyscript.script_target.set(target)
    return target


def __getattr__(name):
    if name == "config":
        # The page's config, installed after start (never cached: it is replaced then).
        return _pyscript.config
    if name in _PAGE_NAMES:
        _bind()
        return globals()[name]
    # Imported when first used, as `pyscript` does: they pull in more modules.
    if name == "js_import":
        from pyscript.imports import js_import

        return js_import
    if name == "js_modules":
        import pyscript.js_modules

        return pyscript.js_modules
    if name == "PyWorker":
        _bind()
        if "PyWorker" in globals():
            return globals()["PyWorker"]
        from pyscript.workers import PyWorker

        return PyWorker
    raise AttributeError(f"module 'pyscript.context' has no attribute '{name}'")
