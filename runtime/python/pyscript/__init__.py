"""PyScript's Python API (https://docs.pyscript.net), running on pyscript-rs."""

import _pyscript
from _pyscript import RUNNING_IN_WORKER, Event, config, window

from pyscript.display import HTML, display
from pyscript.events import when
from pyscript.fetch import fetch
from pyscript.imports import js_import, py_import
from pyscript.websocket import WebSocket

document = window.document


def current_target():
    """The id of the element that receives this script's default output."""
    return _pyscript.target_id


__all__ = [
    "Event",
    "HTML",
    "RUNNING_IN_WORKER",
    "WebSocket",
    "config",
    "current_target",
    "display",
    "document",
    "fetch",
    "js_import",
    "py_import",
    "when",
    "window",
]
