// `when` in every form, `pyscript.Event` as a source, `py-*`/`mpy-*` event attributes, and
// the lifetime of Python handlers held by JavaScript.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const BUTTONS = `<button id="one" class="btn">one</button><button id="two" class="btn">two</button><div id="box"><span>inside</span></div>`;

describe("when", () => {
  test("an async handler runs at once up to its first await: its event.preventDefault() stops a form's submission", async () => {
    const page = await openPage(
      pyPage(`<form id="form"><input name="q" value="x"><button id="send">send</button></form>
<script type="py">
import asyncio
from pyscript import when, window

@when("submit", "#form")
async def submitted(event):
    event.preventDefault()
    print("before await")
    await asyncio.sleep(0)
    print("after await")
    window.handled = True
</script>`),
    );
    const url = page.page.url();
    await page.page.evaluate(() => (window.marker = "same document"));
    await page.page.click("#send");
    await page.page.waitForFunction("window.handled === true");
    assert.equal(page.page.url(), url);
    assert.equal(await page.page.evaluate(() => window.marker), "same document");
    assert.deepEqual(page.logs(), ["before await", "after await"]);
    await page.close();
  });

  test("a CSS selector reaches every match; decorator and handler= forms; with or without the event", async () => {
    const logs = await printed(
      `
from pyscript import when, document

@when("click", ".btn")
def with_event(event):
    print("with event:", event.type, event.target.id)

def bare():
    print("bare")

registered = when("click", "#one", handler=bare)
print("handler= returns the wrapper:", registered.__name__, registered.__wrapped__ is bare)
print("decorator keeps the name:", with_event.__name__)
document.getElementById("one").click()
document.getElementById("two").click()
`,
      { body: BUTTONS },
    );
    assert.deepEqual(logs, [
      "handler= returns the wrapper: bare True",
      "decorator keeps the name: with_event",
      "with event: click one",
      "bare",
      "with event: click two",
    ]);
  });

  test("selectors: a web element, a collection, a DOM node, a list of them; stacked decorators all apply", async () => {
    const logs = await printed(
      `
from pyscript import when, document, web

seen = []
@when("click", web.page["#one"])
@when("click", web.page.find(".btn"))
@when("click", document.getElementById("box"))
@when("click", [document.getElementById("two"), web.page["#one"]])
def handler(event):
    seen.append(event.currentTarget.id)

document.getElementById("one").click()
document.getElementById("two").click()
document.querySelector("#box span").click()
print(seen)
`,
      { body: BUTTONS },
    );
    assert.deepEqual(logs, ["['one', 'one', 'one', 'two', 'two', 'box']"]);
  });

  test("options reach addEventListener: once, passive, capture", async () => {
    const logs = await printed(
      `
from pyscript import when, document

@when("click", "#one", once=True)
def once():
    print("once")

@when("click", "#box", capture=True)
def captured(event):
    print("capture phase:", event.eventPhase)

@when("wheel", "#two", passive=True)
def passive(event):
    event.preventDefault()
    print("passive ignores preventDefault:", not event.defaultPrevented)

for _ in range(3):
    document.getElementById("one").click()
document.querySelector("#box span").click()
import js
document.getElementById("two").dispatchEvent(js.WheelEvent.new("wheel", cancelable=True))
`,
      { body: BUTTONS },
    );
    assert.deepEqual(logs, ["once", "capture phase: 1", "passive ignores preventDefault: True"]);
  });

  test("an async handler runs as a task", async () => {
    const page = await openPage(
      pyPage(
        `<script type="py">
import asyncio
from pyscript import when, document

@when("click", "#one")
async def slow(event):
    await asyncio.sleep(0.01)
    document.body.dataset.clicked = event.target.id
document.getElementById("one").click()
print("the click returned at once")
</script>`.replace("<script", BUTTONS + "<script"),
      ),
      { waitFor: "document.body.dataset.clicked === 'one'" },
    );
    assert.deepEqual(page.logs(), ["the click returned at once"]);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test("a pyscript.Event (or a list of them, or an element's on_<event>) is a source", async () => {
    const logs = await printed(
      `
import asyncio
from pyscript import when, Event, web

saved = Event()
loaded = Event()

@when([saved, loaded])
def changed(result):
    print("changed:", result)

@when(saved)
def no_arguments():
    print("saved (bare)")

@when(saved)
async def later(result):
    await asyncio.sleep(0)
    print("async listener:", result)

@when(web.page["#one"].on_click)
def clicked(event):
    print("on_click:", event.type)

saved.trigger("file.txt")
loaded.trigger(42)
web.page["#one"]._dom_element.click()
await asyncio.sleep(0.01)
`,
      { body: BUTTONS },
    );
    assert.deepEqual(logs, ["changed: file.txt", "saved (bare)", "changed: 42", "on_click: click", "async listener: file.txt"]);
  });

  test("bad calls raise clear errors; a handler's error is shown on the page and the page goes on", async () => {
    const page = await openPage(
      pyPage(`${BUTTONS}<script type="py">
from pyscript import when, document
from pyscript.ffi import JsException
for selector in [None, "", "#missing", "##"]:
    try:
        when("click", selector)(print)
    except (ValueError, JsException) as error:
        print(type(error).__name__ + ":", error)
try:
    when("click", "#one")(42)
except ValueError as error:
    print("ValueError:", error)

@when("click", "#one")
def broken(event):
    raise RuntimeError("inside a handler")

@when("click", "#one")
def fine(event):
    print("the other handler still runs")
document.getElementById("one").click()
print("after the click")
</script>`),
    );
    assert.deepEqual(page.logs(), [
      "ValueError: Selector required for DOM event handling.",
      "ValueError: Selector required for DOM event handling.",
      "ValueError: No elements found for selector: #missing",
      "JsException: SyntaxError: Failed to execute 'querySelectorAll' on 'Document': '##' is not a valid selector.",
      "ValueError: an event handler must be callable, not int",
      "the other handler still runs",
      "after the click",
    ]);
    const [error] = await page.errors();
    assert.match(error, /^Traceback \(most recent call last\):\n  File "<py script 1>", line 16, in broken\n    raise RuntimeError\("inside a handler"\)\nRuntimeError: inside a handler$/);
    assert.deepEqual(page.pageErrors, []);
    await page.close();
  });
});

describe("py-* and mpy-* attributes", () => {
  test("name a global (dotted too) of their interpreter, read when the event fires; later elements and changes are followed", async () => {
    const page = await openPage(
      pyPage(`<button id="a" py-click="greet">a</button>
<button id="b" py-click="tools.bare">b</button>
<button id="m" mpy-click="greet">m</button>
<script type="py">
def greet(event):
    print("py greet", event.target.id)
class tools:
    @staticmethod
    def bare():
        print("py bare")
</script>
<script type="mpy">
def greet(event):
    print("mpy greet", event.target.id)
</script>
<script type="py">
import asyncio
from pyscript import document
for id in "abm":
    document.getElementById(id).click()
late = document.createElement("button")
late.id = "late"
late.setAttribute("py-dblclick", "greet")
document.body.append(late)
document.getElementById("b").setAttribute("py-click", "greet")
await asyncio.sleep(0)
late.dispatchEvent(__import__("js").MouseEvent.new("dblclick"))
document.getElementById("b").click()
document.getElementById("a").removeAttribute("py-click")
document.getElementById("a").click()
</script>`),
    );
    assert.deepEqual(page.logs(), ["py greet a", "py bare", "mpy greet m", "py greet late", "py greet b"]);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test("an unknown name, or code instead of a name, is a clear error on the page when the event fires", async () => {
    const page = await openPage(
      pyPage(`<button id="a" py-click="missing">a</button><button id="b" py-click="print('hi')">b</button>
<script type="py">
from pyscript import document
document.getElementById("a").click()
document.getElementById("b").click()
print("still running")
</script>`),
    );
    assert.deepEqual(page.logs(), ["still running"]);
    assert.deepEqual(await page.errors(), [
      `NameError: name 'missing' is not defined (named by py-click="missing")`,
      `ValueError: py-click="print('hi')" must name a function (for example py-click="handler"); the value is never evaluated as code`,
    ]);
    await page.close();
  });
});

describe("handler lifetime", () => {
  test("100,000 handlers on dropped elements are collected with them", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import js, weakref
from pyscript import when

refs = []
for i in range(100_000):
    node = js.document.createElement("button")
    def handler(event):
        pass
    when("click", node)(handler)
    refs.append(weakref.ref(handler))
del node, handler
js.window.aliveHandlers = lambda: sum(ref() is not None for ref in refs)
</script>`),
      { timeout: 120000 },
    );
    const cdp = await page.page.context().newCDPSession(page.page);
    let alive = Infinity;
    for (let attempt = 0; attempt < 50 && alive > 1000; attempt++) {
      await cdp.send("HeapProfiler.collectGarbage");
      // FinalizationRegistry callbacks run in tasks after the collection.
      await page.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20)));
      alive = await page.page.evaluate(() => window.aliveHandlers());
    }
    assert.ok(alive <= 1000, `${alive} of 100,000 handlers still alive`);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
});

describe("py-* elements before Python is ready", () => {
  test("stay disabled until their interpreter serves them; with no script of their type, they are left alone", async () => {
    const page = await openPage(
      pyPage(`<button id="py" py-click="go">py</button><button id="mpy" mpy-click="go">mpy</button>
<script>
  window.disabledChanges = [];
  new MutationObserver((records) => {
    // The attribute was absent before being disabled, present before being enabled.
    for (const record of records) window.disabledChanges.push([record.target.id, record.oldValue === null]);
  }).observe(document.body, { attributes: true, attributeFilter: ["disabled"], attributeOldValue: true, subtree: true });
</script>
<script type="py">
from pyscript import document
def go(event):
    document.body.dataset.clicked = "yes"
</script>`),
    );
    const state = await page.page.evaluate(() => ({
      changes: window.disabledChanges,
      now: [document.getElementById("py").disabled, document.getElementById("mpy").disabled],
    }));
    assert.deepEqual(state, { changes: [["py", true], ["py", false]], now: [false, false] });
    await page.page.click("#py");
    await page.page.waitForFunction(() => document.body.dataset.clicked === "yes");
    await page.close();
  });
});
