"""`pyodide.ffi` for code written for PyScript on Pyodide: the same names, served by
pyscript-rs's own bridge (`pyscript.ffi`)."""

from pyscript.ffi import JsException, JsProxy, create_proxy, to_js


def create_once_callable(function, /):
    """A JS function that calls `function` once, then releases it."""
    proxy = None

    def once(*args):
        try:
            return function(*args)
        finally:
            proxy.destroy()

    proxy = create_proxy(once)
    return proxy


def destroy_proxies(proxies, /):
    """Destroys each proxy made by `create_proxy` (releasing its Python callable)."""
    for proxy in proxies:
        proxy.destroy()


__all__ = ["JsException", "JsProxy", "create_once_callable", "create_proxy", "destroy_proxies", "to_js"]
