"""Small helpers of the `pyscript` package (PyScript's `pyscript.util`). `import pyscript`
imports this module: keep it free of imports."""


class NotSupported:
    """Stands for a feature this context does not have (`pyscript.sync` on the main thread,
    `window` in a worker that cannot reach the page). Reading or setting an attribute raises
    `AttributeError(error)`, calling it `TypeError(error)`, as PyScript 0.7 does."""

    def __init__(self, name, error):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "error", error)

    def __repr__(self):
        return f"<NotSupported {self.name} [{self.error}]>"

    def __getattr__(self, attribute):
        raise AttributeError(self.error)

    def __setattr__(self, attribute, value):
        raise AttributeError(self.error)

    def __call__(self, *args, **kwargs):
        raise TypeError(self.error)


def as_bytearray(buffer):
    """A `bytearray` of the bytes of a JS `ArrayBuffer` (or typed array)."""
    return bytearray(buffer.to_py() if hasattr(buffer, "to_py") else buffer)


def is_awaitable(obj):
    """Whether `obj` can be awaited: a coroutine (function), or anything with `__await__`."""
    import inspect

    return inspect.iscoroutinefunction(obj) or inspect.isawaitable(obj)
