"""`pyodide.ffi.wrappers`: event listeners and timers taking Python callables, which stay
alive while registered and are released when removed or cleared."""

from pyscript.ffi import create_proxy
import js as _js_global

_listeners = {}
_timers = {}


def add_event_listener(element, event, listener, /):
    """`element.addEventListener(event, listener)`; remove it with `remove_event_listener`."""
    proxy = create_proxy(listener)
    _listeners[(element, event, listener)] = proxy
    element.addEventListener(event, proxy)


def remove_event_listener(element, event, listener, /):
    """Removes a listener added with `add_event_listener` and releases it."""
    proxy = _listeners.pop((element, event, listener), None)
    if proxy is None:
        raise KeyError(f"{listener!r} is not listening for {event!r} on this element")
    element.removeEventListener(event, proxy)
    proxy.destroy()


def set_timeout(callback, timeout, /):
    """Calls `callback` once after `timeout` milliseconds; returns the id for `clear_timeout`."""
    timer_id = None

    def once():
        _timers.pop(timer_id, None)
        proxy.destroy()
        callback()

    proxy = create_proxy(once)
    timer_id = _js_global.setTimeout(proxy, timeout)
    _timers[timer_id] = proxy
    return timer_id


def clear_timeout(timer_id, /):
    _clear(timer_id, _js_global.clearTimeout)


def set_interval(callback, interval, /):
    """Calls `callback` every `interval` milliseconds until `clear_interval(id)`."""
    proxy = create_proxy(callback)
    timer_id = _js_global.setInterval(proxy, interval)
    _timers[timer_id] = proxy
    return timer_id


def clear_interval(timer_id, /):
    _clear(timer_id, _js_global.clearInterval)


def _clear(timer_id, clear):
    clear(timer_id)
    proxy = _timers.pop(timer_id, None)
    if proxy is not None:
        proxy.destroy()


__all__ = [
    "add_event_listener",
    "clear_interval",
    "clear_timeout",
    "remove_event_listener",
    "set_interval",
    "set_timeout",
]
