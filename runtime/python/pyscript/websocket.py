"""`pyscript.WebSocket`: the browser's WebSocket with Python handlers and Python data.

Handlers (`onopen`, `onmessage`, `onclose`, `onerror`) are given as keywords or assigned as
attributes, sync or `async def`; their one event's `data` is `str` for text and a
`memoryview` for binary messages. The browser's socket is `_js_websocket`, as in PyScript.
"""

import js as _js_global
from _pyscript import JsProxy
from pyscript.events import listener_for
from pyscript.ffi import to_js

_HANDLERS = ("onopen", "onmessage", "onclose", "onerror")


class _SocketEvent:
    """The browser's event, with binary `data` as a `memoryview`."""

    def __init__(self, event):
        self._event = event

    @property
    def data(self):
        data = self._event.data
        if isinstance(data, JsProxy):
            return memoryview(data.to_bytes())
        return data

    def __getattr__(self, name):
        return getattr(self._event, name)


class WebSocket:
    CONNECTING = 0
    OPEN = 1
    CLOSING = 2
    CLOSED = 3

    def __init__(self, url=None, protocols=None, **handlers):
        if url is None:
            raise TypeError("WebSocket() needs a url (ws:// or wss://)")
        unknown = sorted(set(handlers) - set(_HANDLERS))
        if unknown:
            raise TypeError(f"WebSocket() got unexpected keyword arguments {unknown}: handlers are {list(_HANDLERS)}")
        if protocols is None:
            socket = _js_global.WebSocket.new(url)
        else:
            socket = _js_global.WebSocket.new(url, to_js([protocols] if isinstance(protocols, str) else list(protocols)))
        socket.binaryType = "arraybuffer"
        object.__setattr__(self, "_js_websocket", socket)
        object.__setattr__(self, "_handlers", {})
        for name, handler in handlers.items():
            setattr(self, name, handler)

    def __getattr__(self, name):
        if name in _HANDLERS:
            return self._handlers.get(name)
        return getattr(self._js_websocket, name)

    def __setattr__(self, name, value):
        if name not in _HANDLERS:
            setattr(self._js_websocket, name, value)
            return
        self._handlers[name] = value
        if value is None:
            setattr(self._js_websocket, name, None)
            return
        listener = listener_for(value)
        setattr(self._js_websocket, name, lambda event: listener(_SocketEvent(event)))

    def send(self, data):
        """Sends `str` as text and bytes-like data as binary."""
        if isinstance(data, str):
            self._js_websocket.send(data)
        elif isinstance(data, (bytes, bytearray, memoryview)):
            self._js_websocket.send(to_js(bytes(data)))
        else:
            raise TypeError(f"WebSocket.send() takes str or bytes-like data, not {type(data).__name__}")

    def close(self, code=None, reason=None):
        """Closes the connection; a falsy `code` is a plain close (its `reason` dropped)."""
        if not code:
            self._js_websocket.close()
        elif reason is None:
            self._js_websocket.close(code)
        else:
            self._js_websocket.close(code, reason)

    def __repr__(self):
        return f"<WebSocket {self._js_websocket.url!r} readyState={self._js_websocket.readyState}>"


__all__ = ["WebSocket"]
