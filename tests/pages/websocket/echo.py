"""Shared by the WebSocket test pages: the echo server's URL, and how a page says it is done."""

import js
from pyscript import document

url = js.location.origin.replace("http", "ws") + "/_ws_echo"


def finish():
    document.body.dataset.done = "yes"
