# Type stubs for the `pyscript` module of pyscript-rs (written by hand; `pyscript.web`'s
# stubs beside this file are generated from the HTML spec data by codegen/).
from typing import Any, Callable, TypeVar

from . import ffi as ffi
from . import web as web

config: dict[str, Any]
document: Any
window: Any
RUNNING_IN_WORKER: bool

def current_target() -> str: ...
def display(*values: object, target: str | Any | None = None, append: bool = True) -> None: ...

class HTML:
    def __init__(self, html: str) -> None: ...
    def _repr_html_(self) -> str: ...

class Event:
    def __init__(self) -> None: ...
    def add_listener(self, listener: Callable[..., object]) -> None: ...
    def remove_listener(self, *listeners: Callable[..., object]) -> None: ...
    def trigger(self, result: object) -> None: ...

_Handler = TypeVar("_Handler", bound=Callable[..., object])

def when(
    event_type: str | Event | list[Event] | None = None,
    selector: str | Any | None = None,
    handler: _Handler | None = None,
    *,
    once: bool = ...,
    passive: bool = ...,
    capture: bool = ...,
    signal: Any = ...,
) -> Callable[[_Handler], _Handler]: ...

class FetchResponse:
    ok: bool
    status: int
    statusText: str
    headers: Any
    url: str
    def __getattr__(self, name: str) -> Any: ...
    async def text(self) -> str: ...
    async def json(self) -> Any: ...
    async def bytearray(self) -> bytearray: ...
    async def arrayBuffer(self) -> memoryview: ...
    async def blob(self) -> Any: ...

class _PendingFetch:
    def __await__(self) -> Any: ...
    async def text(self) -> str: ...
    async def json(self) -> Any: ...
    async def bytearray(self) -> bytearray: ...
    async def arrayBuffer(self) -> memoryview: ...
    async def blob(self) -> Any: ...

def fetch(url: str, **options: Any) -> _PendingFetch: ...

class WebSocket:
    CONNECTING: int
    OPEN: int
    CLOSING: int
    CLOSED: int
    binaryType: str
    bufferedAmount: int
    extensions: str
    protocol: str
    readyState: int
    url: str
    onopen: Callable[..., object] | None
    onmessage: Callable[..., object] | None
    onclose: Callable[..., object] | None
    onerror: Callable[..., object] | None
    def __init__(
        self,
        url: str | None = None,
        protocols: str | list[str] | None = None,
        **handlers: Callable[..., object],
    ) -> None: ...
    def send(self, data: str | bytes | bytearray | memoryview) -> None: ...
    def close(self, code: int | None = None, reason: str | None = None) -> None: ...
