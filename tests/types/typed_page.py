# Page code written with annotations, as an editor user would: every name of the `pyscript`
# API, checked by tests/e2e/types.test.mjs with mypy --strict and pyright (strict), nothing
# relaxed. `assert_type` pins what the stubs say each call gives. Never run: type-checked only.
from collections.abc import Awaitable, Callable, Coroutine
from types import ModuleType
from typing import Any, assert_type

import pyscript
from pyscript import (
    HTML,
    RUNNING_IN_WORKER,
    Event,
    PyWorker,
    Storage,
    WebSocket,
    config,
    current_target,
    display,
    document,
    fetch,
    js_import,
    py_import,
    storage,
    sync,
    when,
    window,
    workers,
)
from pyscript import context, ffi, fs, media
from pyscript.ffi import JsProxy, create_proxy, to_js
from pyscript.web import Element, ElementCollection, div, input_, page


class Counter(Storage):
    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        window.console.log(key)


def on_click(event: Any) -> None:
    display("clicked", target="out", append=False)


async def page_code() -> None:
    # config, current_target, RUNNING_IN_WORKER, window and document
    assert_type(config, dict[str, Any])
    interpreter: str = config["type"]
    assert_type(current_target(), str)
    assert_type(RUNNING_IN_WORKER, bool)
    title: str = document.title
    window.console.log(interpreter, title)

    # display: values, a target by id, element or JS node, append
    display("text", 42, HTML("<b>bold</b>"))
    display("x", target="out", append=False)
    display("x", target=page.find("#out")[0])
    display("x", target=document.getElementById("out"))

    # when: as a decorator (the function keeps its type), with handler=, and on an Event
    @when("click", "#b")
    def on(event: object) -> None:
        display("clicked")

    kept: Callable[[object], None] = on
    kept("an event")

    @when("click", "#b", once=True)
    async def on_async(event: Any) -> None:
        event.preventDefault()

    @when("input", page["#name"])
    def no_event() -> None: ...

    registered: Callable[[Any], None] = when("click", "#b", handler=on_click)
    registered(None)
    kept_async: Callable[[Any], Coroutine[Any, Any, None]] = on_async
    print(kept_async, no_event)
    when("click", "#b", on_click)
    done = Event()
    when(done, handler=on_click)
    done.trigger("finished")

    # fetch, awaited and with the readers chained on it
    response = await fetch("https://example.com", method="POST", body={"a": 1}, headers={"X": "y"})
    assert_type(response.ok, bool)
    assert_type(response.status, int)
    assert_type(await response.text(), str)
    assert_type(await fetch("data.json").json(), Any)
    assert_type(await fetch("data.bin").bytearray(), bytearray)
    assert_type(await fetch("data.bin").arrayBuffer(), memoryview)
    text: str = await fetch("https://example.com").text()
    display(text)

    # storage, with and without storage_class
    store = await storage("notes")
    assert_type(store, Storage)
    store["visits"] = store.get("visits", 0) + 1
    store["tags"] = ["a", "b"]
    del store["tags"]
    await store.sync()
    counter = await storage("counter", storage_class=Counter)
    assert_type(counter, Counter)
    counter2 = await storage("counter", Counter)
    assert_type(counter2, Counter)

    # WebSocket
    def onmessage(event: Any) -> None:
        print(event.data)

    ws = WebSocket(url="wss://example.com/socket", onmessage=onmessage)
    ws.onopen = lambda: ws.send("hello")
    ws.send(b"\x00\x01")
    assert_type(ws.readyState, int)
    if ws.readyState == WebSocket.OPEN:
        ws.close(code=1000, reason="done")

    # js_import, py_import: a tuple as long as the names given
    (escaper,) = await js_import("https://esm.run/html-escaper")
    window.console.log(escaper)
    one, two = await py_import("humanize", "regex")
    assert_type(one, ModuleType)
    print(two.__name__)

    # workers, PyWorker, sync
    worker = PyWorker("worker.py", type="pyodide", config={"packages": []})
    worker.sync.hello = on_click
    worker.terminate()
    assert_type(workers["primes"], Awaitable[Any])
    primes = await workers["primes"]
    found: int = await primes.count_primes(100)
    print(found)
    if RUNNING_IN_WORKER:
        sync.sleep(0.5)
        sync.hello("PyScript")

    # ffi, fs, media, context
    proxy: JsProxy = create_proxy(on_click)
    window.setTimeout(proxy, 100)
    options = to_js({"once": True})
    window.console.log(options, ffi.is_none(None))
    await fs.mount("/local", mode="read", root="documents")
    await fs.sync("/local")
    await fs.unmount("/local")
    devices = await media.list_devices()
    assert_type(devices, list[media.Device])
    for device in devices:
        kind: str = device.kind
        print(kind, device.label, await device.get_stream())
    stream = await media.Device.request_stream(audio=True, video={"width": 640})
    window.console.log(stream)
    assert_type(context.RUNNING_IN_WORKER, bool)
    assert_type(pyscript.current_target(), str)

    # pyscript.web: typed element properties
    box = div("hello", id="box", classes=["a", "b"])
    box.tabIndex = 3
    field = input_(type="checkbox")
    field.checked = True
    assert_type(page.find("#box")[0], Element)
    assert_type(page.find("#box"), ElementCollection)
    page.append(box, field)
