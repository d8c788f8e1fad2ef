"""`js_import` and `py_import`: JavaScript modules and Python packages loaded at run time."""

import _pyscript
from _pyscript import JsException


async def js_import(*urls):
    """Imports the JS modules at `urls` (relative to the page) and returns their namespaces,
    in the order given, as a tuple. A module that fails to load raises `ImportError`
    naming its URL."""
    # All start loading at once; they are awaited in order.
    pending = [(url, _pyscript.import_module(str(url))) for url in urls]
    namespaces = []
    for url, promise in pending:
        try:
            namespaces.append(await promise)
        except JsException as error:
            raise ImportError(f"cannot import the JS module {url}: {error}") from error
    return tuple(namespaces)


async def py_import(*names):
    """Installs each package as the config's `packages` would (pure-Python wheels, with their
    dependencies), imports it and returns the modules, in order, as a tuple. A package that
    cannot be installed raises `ImportError` naming it."""
    import _pyscript_packages

    return await _pyscript_packages.py_import(*names)


__all__ = ["js_import", "py_import"]
