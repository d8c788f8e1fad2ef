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
