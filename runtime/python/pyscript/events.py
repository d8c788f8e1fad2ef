"""`pyscript.Event`: Python publish/subscribe, and the `on_<event>` of `pyscript.web` elements."""

_CO_VARARGS = 0x04


def _takes_arguments(function):
    """Whether `function` accepts an argument. `inspect` would need `os`, so this reads the
    code object: a listener without parameters is called bare, others with the result."""
    target = function
    while hasattr(target, "__wrapped__"):
        target = target.__wrapped__
    code = getattr(target, "__code__", None)
    bound = 1 if getattr(target, "__self__", None) is not None else 0
    if code is None:
        # A callable object: look at its __call__ (bound, so `self` does not count).
        code = getattr(getattr(type(target), "__call__", None), "__code__", None)
        bound = 1
    if code is None:
        return True
    return bool(code.co_flags & _CO_VARARGS) or code.co_argcount - bound > 0


class Event:
    """Listeners called, in order, each time the event is triggered."""

    def __init__(self):
        self._listeners = []

    def add_listener(self, listener):
        """Adds `listener` (once: adding it again does nothing)."""
        if not callable(listener):
            raise ValueError(f"an event listener must be callable, not {type(listener).__name__}")
        if listener not in self._listeners:
            self._listeners.append(listener)

    def remove_listener(self, *listeners):
        """Removes the listeners given (unknown ones are ignored), or all of them."""
        if not listeners:
            self._listeners.clear()
        for listener in listeners:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def trigger(self, result):
        """Calls every listener with `result` (or bare, when it takes no arguments); a
        listener's exception propagates and stops the rest."""
        for listener in list(self._listeners):
            if _takes_arguments(listener):
                listener(result)
            else:
                listener()


__all__ = ["Event"]
