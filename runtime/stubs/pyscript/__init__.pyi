# Type stubs for the `pyscript` module of pyscript-rs (written by hand; `pyscript.web`'s
# stubs beside this file are generated from the HTML spec data by codegen/).
#
# JavaScript values (`window`, `document`, what JS functions return) are `Any`: a JS proxy
# has whatever the browser gives it. Python values are typed precisely; where the result
# depends on the arguments there are overloads, and `when` keeps the handler's own type.
# tests/e2e/types.test.mjs checks these stubs with mypy --strict and pyright (strict).
from collections.abc import Awaitable, Callable, Generator, Mapping, Sequence
from types import ModuleType
from typing import Any, Final, Literal, TypeVar, overload

from . import context as context
from . import ffi as ffi
from . import fs as fs
from . import js_modules as js_modules
from . import media as media
from . import util as util
from . import web as web

config: dict[str, Any]
"""The page's configuration, read-only in effect: `config["type"]` is `"py"` or `"mpy"`."""
document: Any
"""The page's `document` (a JS proxy; in a worker, the main thread's)."""
window: Any
"""The page's `globalThis` (a JS proxy; in a worker, the main thread's)."""
RUNNING_IN_WORKER: Final[bool]

def current_target() -> str: ...

# A JS element (`document.getElementById(...)`, typed `Any`) is accepted too.
_DisplayTarget = str | web.Element | ffi.JsProxy

def display(*values: object, target: _DisplayTarget | None = None, append: bool = True) -> None: ...

class HTML:
    """Content shown as HTML by `display()`, not escaped."""

    def __init__(self, html: str) -> None: ...
    def _repr_html_(self) -> str: ...

class Event:
    """A Python-side event: `trigger(result)` calls each listener with `result`."""

    def __init__(self) -> None: ...
    def add_listener(self, listener: Callable[..., object]) -> None: ...
    def remove_listener(self, *listeners: Callable[..., object]) -> None: ...
    def trigger(self, result: object) -> None: ...

_F = TypeVar("_F", bound=Callable[..., object])
_EventType = str | Event | Sequence[Event]
_Selector = str | web.Element | web.ElementCollection | ffi.JsProxy | Sequence[web.Element | ffi.JsProxy]

# `@when(event_type, selector)`: the decorator returns the function as it was given (its
# wrapper keeps its signature); `when(event_type, selector, handler=f)` registers `f`.
@overload
def when(
    event_type: _EventType,
    selector: _Selector | None = None,
    handler: None = None,
    *,
    once: bool = ...,
    passive: bool = ...,
    capture: bool = ...,
    signal: Any = ...,
) -> Callable[[_F], _F]: ...
@overload
def when(
    event_type: _EventType,
    selector: _Selector | None,
    handler: _F,
    *,
    once: bool = ...,
    passive: bool = ...,
    capture: bool = ...,
    signal: Any = ...,
) -> _F: ...
@overload
def when(
    event_type: _EventType,
    selector: _Selector | None = None,
    *,
    handler: _F,
    once: bool = ...,
    passive: bool = ...,
    capture: bool = ...,
    signal: Any = ...,
) -> _F: ...

class FetchResponse:
    """The browser's `Response`, with Python readers. Other names read the JS response."""

    ok: bool
    status: int
    statusText: str
    headers: Any
    url: str
    redirected: bool
    type: str
    def __getattr__(self, name: str) -> Any: ...
    async def text(self) -> str: ...
    async def json(self) -> Any: ...
    async def bytearray(self) -> bytearray: ...
    async def arrayBuffer(self) -> memoryview: ...
    async def blob(self) -> Any: ...

class _PendingFetch:
    """What `fetch()` returns: `await` it for the response, or chain a reader on it."""

    def __await__(self) -> Generator[Any, None, FetchResponse]: ...
    async def text(self) -> str: ...
    async def json(self) -> Any: ...
    async def bytearray(self) -> bytearray: ...
    async def arrayBuffer(self) -> memoryview: ...
    async def blob(self) -> Any: ...

_Body = str | bytes | bytearray | memoryview | dict[str, Any] | list[Any] | ffi.JsProxy

def fetch(
    url: str,
    *,
    method: str = ...,
    headers: Mapping[str, str] | ffi.JsProxy = ...,
    body: _Body | None = ...,
    mode: str = ...,
    credentials: str = ...,
    cache: str = ...,
    redirect: str = ...,
    referrer: str = ...,
    referrerPolicy: str = ...,
    integrity: str = ...,
    keepalive: bool = ...,
    signal: Any = ...,
    priority: str = ...,
    **options: Any,
) -> _PendingFetch: ...

class _SocketEvent:
    """The browser's event; `data` is `str` for a text message, `memoryview` for binary."""

    @property
    def data(self) -> Any: ...
    type: str
    def __getattr__(self, name: str) -> Any: ...

_SocketHandler = Callable[[_SocketEvent], object] | Callable[[], object]

class WebSocket:
    CONNECTING: Final = 0
    OPEN: Final = 1
    CLOSING: Final = 2
    CLOSED: Final = 3
    binaryType: str
    @property
    def bufferedAmount(self) -> int: ...
    @property
    def extensions(self) -> str: ...
    @property
    def protocol(self) -> str: ...
    @property
    def readyState(self) -> int: ...
    @property
    def url(self) -> str: ...
    onopen: _SocketHandler | None
    onmessage: _SocketHandler | None
    onclose: _SocketHandler | None
    onerror: _SocketHandler | None
    def __init__(
        self,
        url: str,
        protocols: str | Sequence[str] | None = None,
        *,
        onopen: _SocketHandler | None = ...,
        onmessage: _SocketHandler | None = ...,
        onclose: _SocketHandler | None = ...,
        onerror: _SocketHandler | None = ...,
    ) -> None: ...
    def send(self, data: str | bytes | bytearray | memoryview) -> None: ...
    def close(self, code: int | None = None, reason: str | None = None) -> None: ...

# js_import and py_import: a tuple of as many modules as names given.
@overload
async def js_import(url: str, /) -> tuple[Any]: ...
@overload
async def js_import(url1: str, url2: str, /) -> tuple[Any, Any]: ...
@overload
async def js_import(url1: str, url2: str, url3: str, /) -> tuple[Any, Any, Any]: ...
@overload
async def js_import(*urls: str) -> tuple[Any, ...]: ...
@overload
async def py_import(name: str, /) -> tuple[ModuleType]: ...
@overload
async def py_import(name1: str, name2: str, /) -> tuple[ModuleType, ModuleType]: ...
@overload
async def py_import(name1: str, name2: str, name3: str, /) -> tuple[ModuleType, ModuleType, ModuleType]: ...
@overload
async def py_import(*names: str) -> tuple[ModuleType, ...]: ...

# What a store keeps: JSON-like values; bytearray and memoryview only as a whole value.
_StorageValue = None | bool | int | float | str | list[Any] | tuple[Any, ...] | dict[str, Any] | bytearray | memoryview

class Storage(dict[str, Any]):
    """A dict whose changes persist in IndexedDB; `await store.sync()` waits for them."""

    def __init__(self, store: Any) -> None: ...
    def __setitem__(self, key: str, value: _StorageValue) -> None: ...  # type: ignore[override]
    async def sync(self) -> None: ...

_S = TypeVar("_S", bound=Storage)

@overload
async def storage(name: str) -> Storage: ...
@overload
async def storage(name: str, storage_class: type[_S]) -> _S: ...

# Workers (js/worker-host.js).
class _Sync:
    """Worker only: `sync.<fn>(*args)` calls the main thread's `worker.sync.<fn>` and waits."""

    def sleep(self, seconds: float) -> None: ...
    def __getattr__(self, name: str) -> Callable[..., Any]: ...

sync: _Sync

class _PyWorker:
    """A worker started by `PyWorker()` (a JS object): assign functions to `sync` for the
    worker to call."""

    sync: Any
    onmessage: Callable[[Any], object] | None
    def postMessage(self, data: Any, transfer: Any = ...) -> None: ...
    def terminate(self) -> None: ...
    def __getattr__(self, name: str) -> Any: ...

# Main thread only: PyWorker, workers, create_named_worker.
def PyWorker(
    src: str,
    *,
    type: Literal["pyodide", "micropython", "py", "mpy"] | None = None,
    config: dict[str, Any] | str | None = None,
    **options: Any,
) -> _PyWorker: ...

class _Workers:
    """`await workers["name"]`: what the named worker lists in `__export__`, once ready."""

    def __getitem__(self, name: str) -> Awaitable[Any]: ...
    def __getattr__(self, name: str) -> Awaitable[Any]: ...

workers: _Workers

async def create_named_worker(
    src: str, name: str, config: dict[str, Any] | str | None = None, type: Literal["py", "mpy"] = "py"
) -> Any: ...
