"""Small helpers of the `pyscript` package (PyScript's `pyscript.util`). `import pyscript`
imports this module: keep it free of imports."""


class NotSupported:
    """Stands for a feature this context does not have: using it raises an error that
    names the feature and says why."""

    def __init__(self, name, reason):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_reason", reason)

    def __repr__(self):
        return f"<{self._name}: not supported {self._reason}>"

    def __getattr__(self, attribute):
        raise AttributeError(f"{self._name}.{attribute}: {self._name} is not supported {self._reason}")

    def __setattr__(self, attribute, value):
        raise AttributeError(f"{self._name}.{attribute}: {self._name} is not supported {self._reason}")

    def __call__(self, *args, **kwargs):
        raise TypeError(f"{self._name}() is not supported {self._reason}")


def as_bytearray(buffer):
    """A `bytearray` of the bytes of a JS `ArrayBuffer` (or typed array)."""
    return bytearray(buffer.to_py() if hasattr(buffer, "to_py") else buffer)


def is_awaitable(obj):
    """Whether `obj` can be awaited: a coroutine (function), or anything with `__await__`."""
    import inspect

    return inspect.iscoroutinefunction(obj) or inspect.isawaitable(obj)
