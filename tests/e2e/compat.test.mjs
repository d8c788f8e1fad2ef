// PyScript 0.7.31 compatibility: what pages written for PyScript 0.7 rely on and the spec
// leaves open or says otherwise (README, "PyScript 0.7 compatibility"): lazy names of
// `pyscript` in every import order, `pyscript.context`, `pyscript.util`, `pyscript.media`
// (Chromium's fake devices), `Classes` as a set and `Style` as a dict, `web`'s helpers,
// `Event._listeners`, `display(append=False)`, a worker's output element made on first use.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

describe("lazy names of pyscript", () => {
  // Each of these is defined by a submodule of the same name (or imported on first use):
  // whatever was imported first, `from pyscript import <name>` gives the function or object.
  const cases = [
    ["storage", "pyscript.storage", "function"],
    ["Storage", "pyscript.storage", "type"],
    ["fetch", "pyscript.fetch", "function"],
    ["WebSocket", "pyscript.websocket", "type"],
    ["js_import", "pyscript.imports", "function"],
    ["py_import", "pyscript.imports", "function"],
    ["workers", "pyscript.workers", "_Workers"],
    ["create_named_worker", "pyscript.workers", "function"],
    ["PyWorker", "pyscript.workers", "function"],
  ];
  for (const [name, module, kind] of cases) {
    test(`${name}: after 'import ${module}', with its neighbours, and alone`, async () => {
      const logs = await printed(`
import ${module}
import pyscript
from pyscript import ${name}
from pyscript import Storage, storage
from pyscript import storage as again, fetch
print(type(${name}).__name__, type(pyscript.${name}).__name__, type(storage).__name__, type(again).__name__, type(fetch).__name__)
print(${name} is pyscript.${name}, callable(storage), "${name}" in dir(pyscript))`);
      assert.deepEqual(logs, [`${kind} ${kind} function function function`, "True True True"]);
    });
  }

  test("the order of the issue: Storage first, then storage, awaits the store", async () => {
    assert.deepEqual(
      await printed(`
from pyscript import Storage, storage
store = await storage("compat-order")
print(type(store).__name__, isinstance(store, Storage))`),
      ["Storage True"],
    );
  });
});

describe("pyscript.context and pyscript.util", () => {
  test("context holds what differs between main and workers; pyscript re-exports it", async () => {
    assert.deepEqual(
      await printed(`
import pyscript
from pyscript import context
print(context.RUNNING_IN_WORKER, context.config is pyscript.config, context.window is pyscript.window, context.document is pyscript.document)
print(context.current_target() == pyscript.current_target(), callable(context.js_import), context.PyWorker is pyscript.PyWorker)
try:
    context.sync.anything
except AttributeError as error:
    print("sync:", error)`),
      ["False True True True", "True True True", "sync: pyscript.sync works only in a worker"],
    );
  });

  test("NotSupported: the repr names it, attributes raise AttributeError and calls TypeError with its message", async () => {
    assert.deepEqual(
      await printed(`
from pyscript.util import NotSupported
missing = NotSupported("feature", "Feature not available here.")
print(repr(missing))
for action in (lambda: missing.x, lambda: setattr(missing, "x", 1), lambda: missing(1, 2, key=3)):
    try:
        action()
    except Exception as error:
        print(type(error).__name__, error)`),
      [
        "<NotSupported feature [Feature not available here.]>",
        "AttributeError Feature not available here.",
        "AttributeError Feature not available here.",
        "TypeError Feature not available here.",
      ],
    );
  });
});

describe("pyscript.media", () => {
  test("list_devices and request_stream with the browser's fake camera and microphone", async () => {
    const logs = await printed(`
from pyscript import media
from pyscript.media import Device, list_devices
devices = await list_devices()
kinds = sorted({device.kind for device in devices})
print(kinds, all(isinstance(device, Device) for device in devices))
device = devices[0]
print(device["id"] == device.id, device["kind"] == device.kind, device["label"] == device.label, device["group"] == device.group)
stream = await Device.request_stream(video=True)
print("video", stream.active, len(stream.getVideoTracks()), len(stream.getAudioTracks()))
stream = await Device.request_stream(audio=True, video={"width": 320, "height": 240})
print("both", len(stream.getVideoTracks()), len(stream.getAudioTracks()), stream.getVideoTracks()[0].getSettings().width)
stream = await Device.load(audio=True, video=False)
print("load", len(stream.getVideoTracks()), len(stream.getAudioTracks()))
camera = [d for d in await list_devices() if d.kind == "videoinput"][0]
stream = await camera.get_stream()
print("camera", stream.getVideoTracks()[0].getSettings().deviceId == camera.id)
for bad in (lambda: device["nope"], lambda: Device.request_stream(video="yes").send(None)):
    try:
        bad()
    except (KeyError, TypeError) as error:
        print(type(error).__name__, error)`);
    assert.deepEqual(logs, [
      "['audioinput', 'audiooutput', 'videoinput'] True",
      "True True True True",
      "video True 1 0",
      "both 1 1 320",
      "load 0 1",
      "camera True",
      "KeyError 'nope'",
      "TypeError request_stream(): video= takes a bool or a dict of constraints, not str",
    ]);
  });
});

describe("pyscript.web as PyScript 0.7 has it", () => {
  test("Element.classes is a set: equality, operators, comparisons, update; remove of an absent class is no error", async () => {
    const logs = await printed(
      `
from pyscript.web import page
box = page["box"]
print(box.classes == {"a", "b"}, box.classes != {"a"}, sorted(box.classes | {"c"}), sorted(box.classes & {"a", "z"}), sorted(box.classes - {"a"}), sorted(box.classes ^ {"a", "z"}))
print(box.classes <= {"a", "b", "c"}, box.classes < {"a", "b"}, box.classes >= {"a"}, box.classes.issubset(["a", "b", "q"]), box.classes.isdisjoint({"q"}), type(box.classes.copy()).__name__)
box.classes.update(["c", "d e"], "f")
box.classes |= {"g"}
box.classes.remove("absent")
box.classes.discard("a")
print(sorted(box.classes), sorted(box.classes.union({"z"})), "g" in box.classes, len(box.classes))
box.classes.clear()
print(box.classes == set(), not box.classes)`,
      { body: '<div id="box" class="a b"></div>' },
    );
    assert.deepEqual(logs, [
      "True True ['a', 'b', 'c'] ['a'] ['b'] ['b', 'z']",
      "True False True True True set",
      "['b', 'c', 'd', 'e', 'f', 'g'] ['b', 'c', 'd', 'e', 'f', 'g', 'z'] True 6",
      "True True",
    ]);
  });

  test("Element.style is a dict: update with keywords, values, pop, setdefault, copy, clear", async () => {
    const page = await openPage(
      pyPage(`<div id="box"></div><script type="py">
from pyscript.web import page
style = page["box"].style
style["color"] = "red"
style.update({"width": "3px"}, height="4px")
print(style.copy(), style.values(), style.pop("width"), style.pop("nope", "default"), style.setdefault("opacity", "0.5"), style.setdefault("color", "blue"))
try:
    style.pop("nope")
except KeyError as error:
    print("KeyError", error)
print(sorted(style.keys()), "color" in style, len(style))
style.clear()
print(dict(style.items()), len(style), style == {})
</script>`),
    );
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), [
      "{'color': 'red', 'width': '3px', 'height': '4px'} ['red', '3px', '4px'] 3px default 0.5 red",
      "KeyError 'nope'",
      "['color', 'height', 'opacity'] True 3",
      "{} 0 True",
    ]);
    assert.ok(!(await page.page.evaluate(() => document.getElementById("box").getAttribute("style"))), "no inline style left");
    await page.close();
  });

  test("the helpers _find_by_id, _find_and_wrap, _wrap_if_not_none and wrap_dom_element(s)", async () => {
    assert.deepEqual(
      await printed(
        `
from pyscript import document
from pyscript.ffi import to_js
from pyscript import web
outer = document.getElementById("outer")
print(web._find_by_id(document, "inner").innerHTML, web._find_by_id(document, "#inner").id, web._find_by_id(outer, "inner").id, web._find_by_id(outer, "nope"))
found = web._find_and_wrap(outer, "p")
print(type(found).__name__, [type(item).__name__ for item in found], len(web._find_and_wrap(document, ".none")))
print(type(web._wrap_if_not_none(outer)).__name__, web._wrap_if_not_none(None), web._wrap_if_not_none(to_js(None)))
print(type(web.Element.wrap_dom_element(outer)).__name__, len(web.ElementCollection.wrap_dom_elements(document.querySelectorAll("p"))))
print(len(web.ElementCollection.wrap_dom_elements([outer, web.p()])))
try:
    web._find_by_id("not a node", "x")
except TypeError as error:
    print(error)`,
        { body: '<section id="outer"><p id="inner">in</p><p>two</p></section>' },
      ),
      [
        "in inner inner None",
        "ElementCollection ['p', 'p'] 0",
        "section None None",
        "section 2",
        "2",
        "expected a DOM document or element, not 'str'",
      ],
    );
  });

  test("Event._listeners lists the listeners in order", async () => {
    assert.deepEqual(
      await printed(`
from pyscript import Event
event = Event()
first = lambda result: None
second = lambda result: None
event.add_listener(first)
event.add_listener(second)
event.add_listener(first)
print(len(event._listeners), event._listeners[0] is first, second in event._listeners)
event.remove_listener(first)
print(event._listeners == [second])
event.remove_listener()
print(event._listeners)`),
      ["2 True True", "True", "[]"],
    );
  });

  test("WebSocket keeps the browser's socket as _js_websocket and takes the url by position", async () => {
    assert.deepEqual(
      await printed(`
from pyscript import WebSocket
socket = WebSocket("ws://127.0.0.1:9/none")
print(socket._js_websocket.url, socket.url, socket.readyState in (0, 3))
socket.close()`),
      ["ws://127.0.0.1:9/none ws://127.0.0.1:9/none True"],
    );
  });
});

describe("display and output elements", () => {
  test("append=False: each value replaces the one before; the default target is the script's <script-py>", async () => {
    const page = await openPage(
      pyPage(`<div id="target"></div><script type="py">
from pyscript import display, current_target
display("Hello", "M-PyScript Main 1", append=False)
display("a", "b", target="target")
display("c", "d", target="#target", append=False)
print(current_target())
</script>`),
    );
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), ["py-0"]);
    assert.equal(await page.page.evaluate(() => document.querySelector("script-py").innerHTML), "M-PyScript Main 1");
    assert.equal(await page.html("#target"), "d");
    await page.close();
  });

  test("a worker script's output element is made on first use, named after its py-w<N> id", async () => {
    const page = await openPage(
      pyPage(`<script type="py" worker name="quiet">
__export__ = []
</script>
<script type="py" worker>
from pyscript import current_target, display
import js
first = current_target()
display("from the worker")
print("target", first, current_target() == first, js.document if hasattr(js, "document") else "no own document")
</script>
<script type="py">
from pyscript import workers
await workers["quiet"]
</script>`),
      // The worker may display before or after the main script has its output element.
      { waitFor: "document.querySelector('#py-w1-target')?.textContent === 'from the worker' && document.querySelector('#py-0') !== null" },
    );
    const ids = await page.page.evaluate(() => [...document.querySelectorAll("script[worker]")].map((script) => script.id));
    assert.deepEqual(ids, ["py-w0", "py-w1"]);
    // The quiet worker never displayed: it has no output element.
    assert.deepEqual(await page.page.evaluate(() => [...document.querySelectorAll("script-py")].map((output) => output.id)), ["py-w1-target", "py-0"]);
    assert.ok(page.logs().includes("target py-w1-target True no own document"), page.logs().join("\n"));
    await page.close();
  });
});

describe("config", () => {
  test('config["type"] is the interned "py" or "mpy", as a literal is', async () => {
    const page = await openPage(
      pyPage(`<script type="py">
from pyscript import config
print("py", config["type"] is "py")
</script>
<script type="mpy" config='{"x": 1}'>
from pyscript import config
print("mpy", config["type"] is "mpy", config["x"])
</script>`),
    );
    assert.deepEqual(page.logs(), ["py True", "mpy True 1"]);
    await page.close();
  });
});
