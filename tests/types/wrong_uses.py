# Wrong uses of the `pyscript` API: tests/e2e/types.test.mjs checks that mypy --strict and
# pyright (strict) each flag every line marked `# wrong`, and no other line. Never run.
from pyscript import PyWorker, WebSocket, config, display, fetch, fs, js_import, py_import, storage, sync, when
from pyscript import no_such_name  # wrong: an unknown name
from pyscript.web import div, input_, page, video
from pyscript.web import no_such_element  # wrong: an unknown element


async def wrong() -> None:
    display("x", target=3)  # wrong: a target is an id or an element
    display("x", append="yes")  # wrong: append is a bool
    when(42, "#b")  # wrong: an event type is a str or a pyscript.Event
    when("click", 3.5)  # wrong: a selector is a str, an element or a list of them
    when("click", "#b", handler="not callable")  # wrong: a handler is callable
    when("click", "#b", onse=True)  # wrong: an unknown option
    await fetch(42)  # wrong: a URL is a str
    await fetch("data.json", method=1)  # wrong: a method is a str
    size: int = await fetch("data.json").text()  # wrong: text() gives a str
    body: str = await fetch("data.bin").bytearray()  # wrong: bytearray() gives a bytearray
    store = await storage("notes")
    store["key"] = object()  # wrong: not a value a store keeps
    store[1] = "value"  # wrong: keys are str
    await storage("notes", storage_class=dict)  # wrong: not a Storage subclass
    await storage(3)  # wrong: a name is a str
    await store.flush()  # wrong: no such method
    WebSocket()  # wrong: a URL is needed
    WebSocket(url="ws://example.com", onmesage=print)  # wrong: no such handler
    WebSocket(url="ws://example.com").send(42)  # wrong: send() takes str or bytes
    PyWorker("worker.py", type="python")  # wrong: an unknown interpreter type
    _first, _second = await js_import("https://esm.run/html-escaper")  # wrong: one name, one module
    (_module,) = await py_import("humanize", "regex")  # wrong: two names, two modules
    sync.sleep("1")  # wrong: seconds are a float
    await fs.mount("/local", mode="write")  # wrong: mode is "readwrite" or "read"
    count: int = config  # wrong: config is a dict
    box = div()
    box.tabIndex = "3"  # wrong: tabIndex is an int
    input_().checked = "yes"  # wrong: checked is a bool
    video().autoplay = 1  # wrong: autoplay is a bool
    page.find(3)  # wrong: a selector is a str
    print(size, body, count)
