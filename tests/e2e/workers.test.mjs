// Python workers: `<script worker>` forms, the main thread's `window`/`document` from a
// worker, `pyscript.web` and `display` on the main page, named workers and `__export__`,
// `sync` both ways, `sync.sleep`/`time.sleep`, `PyWorker`, pages that are not cross-origin
// isolated, and terminating a busy worker.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

/** Waits until `holds(page.logs())`, polling what the page printed so far. */
async function logsUntil(page, holds, timeout = 20000) {
  const deadline = Date.now() + timeout;
  while (!holds(page.logs())) {
    if (Date.now() > deadline) throw new Error(`timed out; the page printed:\n${page.logs().join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("an inline worker script runs in a worker: RUNNING_IN_WORKER, print, the main document, display, ready/done events", async () => {
  const page = await openPage(
    pyPage(`<div id="out"></div><div id="shown"></div>
<script>
  window.events = [];
  for (const name of ["py:ready", "py:done"]) addEventListener(name, (event) => events.push([name, event.target.id, event.detail.worker]));
</script>
<script type="py" worker id="w">
from pyscript import RUNNING_IN_WORKER, document, display, window
import js
print("in worker:", RUNNING_IN_WORKER, "own global has document:", hasattr(js, "document"))
document.getElementById("out").textContent = "written from a worker"
display("displayed", "twice", target="shown")
display("to the default target")
print("title:", window.document.title, "location ok:", window.location.href.endswith(".html"))
</script>
<script type="py">
from pyscript import RUNNING_IN_WORKER
print("main:", RUNNING_IN_WORKER)
</script>`, { head: "<title>worker page</title>" }),
  );
  const logs = page.logs();
  assert.deepEqual(await page.errors(), []);
  assert.ok(logs.includes("main: False"));
  assert.ok(logs.includes("in worker: True own global has document: False"), logs.join("\n"));
  assert.ok(logs.includes("title: worker page location ok: True"), logs.join("\n"));
  assert.equal(await page.text("#out"), "written from a worker");
  assert.deepEqual(await page.page.evaluate(() => [...document.querySelectorAll("#shown > div")].map((d) => d.textContent)), ["displayed", "twice"]);
  assert.equal(await page.text("#w-target"), "to the default target");
  const events = await page.page.evaluate(() => events.filter(([, id]) => id === "w"));
  assert.deepEqual(events, [["py:ready", "w", true], ["py:done", "w", true]]);
  await page.close();
});

test("worker forms: src=, <py-script worker>, mpy, a worker's own config and main's", async () => {
  const page = await openPage(
    pyPage(`<div id="src-out"></div><div id="mpy-out"></div>
<py-config>{"flavour": "main's"}</py-config>
<script type="py" worker src="workers/from-src.py"></script>
<py-script worker id="tag">
from pyscript import display, config
display(f"py-script worker, config {config.get('flavour')}")
</py-script>
<script type="mpy" worker config='{"flavour": "own"}'>
from pyscript import document, config, RUNNING_IN_WORKER
document.getElementById("mpy-out").textContent = f"{config['type']} {RUNNING_IN_WORKER} {config['flavour']}"
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.equal(await page.text("#src-out"), "src worker: True main's");
  assert.equal(await page.text("#tag"), "py-script worker, config main's");
  assert.equal(await page.text("#mpy-out"), "mpy True own");
  await page.close();
});

test("pyscript.web from a worker builds and queries the main page", async () => {
  const page = await openPage(
    pyPage(`<ul id="list"><li class="old">one</li></ul>
<script type="py" worker>
from pyscript import web
from pyscript.web import page, div, li, p
items = page["#list"]
items.append(li("two", classes=["new"]), li("three"))
box = div(p("made in a worker", id="made"), id="box", style={"color": "red"})
page.body.append(box)
found = page.find("li")
print("found", len(found), [item.textContent for item in found])
print("classes", list(page["#list"].children[1].classes))
print("style", page["#box"].style["color"])
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.ok(page.logs().includes("found 3 ['one', 'two', 'three']"), page.logs().join("\n"));
  assert.ok(page.logs().includes("classes ['new']"), page.logs().join("\n"));
  assert.ok(page.logs().includes("style red"), page.logs().join("\n"));
  assert.equal(await page.text("#box #made"), "made in a worker");
  assert.equal(await page.page.evaluate(() => document.querySelector("#box").style.color), "red");
  await page.close();
});

test("a named worker's __export__: calls with arguments, results, async functions and exceptions; create_named_worker", async () => {
  const page = await openPage(
    pyPage(`<script type="py" worker name="exporter" src="workers/exporter.py"></script>
<script type="py">
from pyscript import workers, create_named_worker
w = await workers["exporter"]
import sys
print("version", (await w.version()).to_py() == list(sys.version_info[:2]))
print("add", await w.add(2, 40), await w.add("a", "b"))
print("describe", (await w.describe([1, "x", None])).to_py())
print("later", await w.later(21))
try:
    await w.fail("from the worker")
except Exception as error:
    print("raised", type(error).__name__, "from the worker" in str(error), "ValueError" in str(error))
same = await workers.exporter
print("attribute access", await same.add(1, 1))
other = await create_named_worker("workers/exporter.py", "second")
print("created", await other.add(3, 4))
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  const logs = page.logs();
  const want = ["version True", "add 42 ab", "describe {'type': 'JsIterable', 'value': [1, 'x', None]}", "later 42", "raised JsException True True", "attribute access 2", "created 7"];
  for (const line of want) assert.ok(logs.includes(line), `${line}\n---\n${logs.join("\n")}`);
  await page.close();
});

test("PyWorker of each type calls main's sync functions; sync functions may be async on main", async () => {
  const page = await openPage(
    pyPage(`<script type="py">
import asyncio
from pyscript import PyWorker

reports = []
def greet(name, data):
    return f"hello {name} {data.n} {list(data.items)}"
async def slow_report(text):
    await asyncio.sleep(0.01)
    reports.append(text)
    print(text)

workers = []
for kind in ["pyodide", "micropython", "py", "mpy"]:
    worker = PyWorker("workers/greeter.py", type=kind)
    worker.sync.greet = greet
    worker.sync.report = slow_report
    workers.append(worker)
try:
    PyWorker("workers/greeter.py", type="cpython")
except ValueError as error:
    print("bad type:", error)
</script>`),
  );
  // The workers report asynchronously.
  await logsUntil(page, (logs) => logs.filter((line) => line.includes("worker True")).length >= 4);
  const lines = page.logs().filter((line) => line.includes("worker True")).sort();
  assert.deepEqual(lines, [
    "mpy worker True: hello worker 2 [1, 2]",
    "mpy worker True: hello worker 2 [1, 2]",
    "py worker True: hello worker 2 [1, 2]",
    "py worker True: hello worker 2 [1, 2]",
  ]);
  assert.ok(page.logs().some((line) => line.startsWith("bad type: unknown worker type 'cpython'")));
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("sync.sleep and time.sleep in a worker block for the time asked; main keeps running meanwhile", async () => {
  const page = await openPage(
    pyPage(`<script type="py" worker>
import time
from pyscript import sync, document
start = time.monotonic()
sync.sleep(0.3)
slept = time.monotonic() - start
start = time.monotonic()
time.sleep(0.2)
slept_time = time.monotonic() - start
start = time.process_time()
print(f"slept {0.29 < slept < 1.5} {0.19 < slept_time < 1.5}")
</script>
<script type="py">
import asyncio
ticks = 0
for _ in range(5):
    await asyncio.sleep(0.02)
    ticks += 1
print("main ticked", ticks)
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.ok(page.logs().includes("slept True True"), page.logs().join("\n"));
  assert.ok(page.logs().includes("main ticked 5"));
  await page.close();
});

test("a worker's error shows its traceback on the page; a broken __export__ is reported", async () => {
  const page = await openPage(
    pyPage(`<script type="py" worker>
def deeper():
    raise RuntimeError("worker failed here")
deeper()
</script>
<script type="py" worker name="broken">
__export__ = ["missing"]
</script>`),
  );
  const errors = await page.errors();
  assert.equal(errors.length, 2, errors.join("\n"));
  assert.ok(errors.some((text) => text.includes("Traceback") && text.includes("deeper()") && text.includes("RuntimeError: worker failed here")), errors.join("\n"));
  assert.ok(errors.some((text) => text.includes("NameError") && text.includes("__export__ names 'missing'")), errors.join("\n"));
  await page.close();
});

test("terminate() ends a worker stuck in an infinite loop; main and other workers go on", async () => {
  const page = await openPage(
    pyPage(`<script type="py" worker name="spinner">
def spin():
    while True:
        pass
__export__ = ["spin"]
</script>
<script type="py">
import asyncio
from pyscript import document, workers
spinner = await workers["spinner"]
pending = spinner.spin()
await asyncio.sleep(0.1)
document.querySelector('script[name="spinner"]').xworker.terminate()
try:
    await pending
except Exception as error:
    print("pending call:", error)
print("main goes on")
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.ok(page.logs().some((line) => line.startsWith("pending call:") && line.includes("terminated")), page.logs().join("\n"));
  assert.ok(page.logs().includes("main goes on"));
  await page.close();
});

test("on a page that is not cross-origin isolated, window, document and sync say which headers are missing; __export__ still works", async () => {
  const html = pyPage(`<script type="py" worker name="plain">
from pyscript import window, document, sync
for label, action in [("window", lambda: window.location), ("document", lambda: document.body), ("sync", lambda: sync.anything(1))]:
    try:
        action()
    except Exception as error:
        print(label, type(error).__name__, "Cross-Origin-Opener-Policy" in str(error))
def ping():
    return "pong"
__export__ = ["ping"]
</script>
<script type="py">
from pyscript import workers
print("exported:", await (await workers["plain"]).ping())
</script>`);
  const page = await openPage("", {
    beforeLoad: (page) =>
      page.route("**/not-isolated.html", (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html })),
    path: "tests/pages/not-isolated.html",
  });
  assert.deepEqual(await page.errors(), []);
  const logs = page.logs();
  for (const line of ["window AttributeError True", "document AttributeError True", "sync JsException True", "exported: pong"]) {
    assert.ok(logs.includes(line), `${line}\n---\n${logs.join("\n")}`);
  }
  assert.ok(page.console.some((message) => message.type === "warning" && message.text.includes("not available")));
  await page.close();
});

test("a worker imports its js_modules.worker and js_import, and reaches js_modules.main on the main thread (PyScript 0.7)", async () => {
  const page = await openPage(
    pyPage(`<script type="py" worker config='{"js_modules": {"worker": {"files/greeter.mjs": "greeter"}, "main": {"files/adder.mjs": "summer"}}}'>
from pyscript import js_import
from pyscript.js_modules import greeter, summer
print("worker module:", greeter.greet("worker"))
print("main's module from a worker:", summer.default(4, 5))
adder, = await js_import("files/adder.mjs")
print("js_import in a worker:", adder.default(2, 3))
try:
    from pyscript.js_modules import other
except ImportError as error:
    print("ImportError:", error)
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  const logs = page.logs();
  for (const line of ["worker module: Hello, worker!", "main's module from a worker: 9", "js_import in a worker: 5", `ImportError: no JS module named 'other': add it to the config's js_modules.worker as {url = "other"}`]) {
    assert.ok(logs.includes(line), `${line}\n---\n${logs.join("\n")}`);
  }
  await page.close();
});

test("worker edge cases: star import, a proxied function's prototype, a page class called, own callbacks through main, bad sleeps, an error in a timer callback, a worker that cannot start", async () => {
  const page = await openPage(
    pyPage(`<script>class Point { constructor(x) { this.x = x; } } window.Point = Point;</script>
<script type="py" worker name="edges">
from pyscript import *
import js
from pyscript import window, sync
print("star import:", "display" in dir() and "workers" not in dir())
print("prototype:", hasattr(window.alert, "prototype"))
print("class called:", window.Point(3).x)
def double(n):
    return n * 2
window.doubleInWorker = double
print("own function back:", window.doubleInWorker(21))
for bad in [None, -1, float("nan"), "1"]:
    try:
        sync.sleep(bad)
    except Exception as error:
        print("sleep", repr(bad), type(error).__name__)
def boom():
    raise ValueError("raised in a timer callback")
js.setTimeout(boom, 0)
import asyncio
await asyncio.sleep(0.05)
print("worker still running")
</script>
<script type="py" worker name="never" src="workers/missing.py"></script>
<script type="py">
from pyscript import workers
try:
    await workers["never"]
except Exception as error:
    print("never ready:", "404" in str(error))
</script>`),
  );
  const logs = page.logs();
  for (const line of [
    "star import: True",
    "prototype: False",
    "class called: 3",
    "own function back: 42",
    "sleep None JsException",
    "sleep -1 JsException",
    "sleep nan JsException",
    "sleep '1' JsException",
    "worker still running",
    "never ready: True",
  ]) {
    assert.ok(logs.includes(line), `${line}\n---\n${logs.join("\n")}`);
  }
  const errors = await page.errors();
  assert.equal(errors.length, 2, errors.join("\n---\n"));
  assert.ok(errors.some((text) => text.includes("ValueError: raised in a timer callback")));
  assert.ok(errors.some((text) => text.includes("workers/missing.py") && text.includes("404")));
  await page.close();
});

test("symbols cross to the main thread: well-known ones and those of Symbol.for", async () => {
  const page = await openPage(
    pyPage(`<script>
globalThis.hasSymbol = (symbol, ref) => symbol in ref;
globalThis.getSymbol = (symbol, ref) => ref[symbol];
globalThis.shared = { [Symbol.for("shared")]: "found" };
globalThis.echo = (value) => value;
</script>
<script type="py" worker>
from pyscript import window
import js
iterator = js.Symbol.iterator
print("iterator", window.getSymbol(iterator, []) is not None, window.hasSymbol(iterator, []))
print("registry", window.getSymbol(js.Symbol["for"]("shared"), window.shared))
print("back", window.echo(iterator) == iterator, window.echo(js.Symbol("own")) is None)
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  for (const line of ["iterator True True", "registry found", "back True True"]) {
    assert.ok(page.logs().includes(line), `${line}\n---\n${page.logs().join("\n")}`);
  }
  await page.close();
});

test("an mpy script creates a named py worker by keywords, then reaches it through workers[name]", async () => {
  const page = await openPage(
    pyPage(`<script type="mpy">
from pyscript import create_named_worker, workers, document
await create_named_worker("workers/exporter.py", name="made-by-mpy", type="py")
named = await workers["made-by-mpy"]
print("add", await named.add(2, 3), "version", list(await named.version())[0])
document.documentElement.classList.add("made-by-mpy")
</script>`),
    { waitFor: "document.documentElement.classList.contains('made-by-mpy')" },
  );
  assert.deepEqual(await page.errors(), []);
  assert.ok(page.logs().includes("add 5 version 3"), page.logs().join("\n"));
  assert.equal(await page.page.evaluate(() => document.querySelector('script[name="made-by-mpy"]').getAttribute("type")), "py");
  await page.close();
});

test("the sync channel: a late wake-up from the previous answer does not hand the worker that answer again", async () => {
  // Atomics.notify for one answer may reach the worker only once it waits for the next (the
  // main thread was interrupted between storing the answer and notifying). The page sends
  // such a stray notify while the worker waits for its second request.
  const page = await openPage(
    `<!doctype html><script type="module">
import { SyncAnswerer } from "/dist/sync-channel.js";
const source = \`import { SyncCaller } from "\${location.origin}/dist/sync-channel.js";
const caller = new SyncCaller((message) => postMessage(message));
const answers = [1, 2, 3].map((n) => caller.call({ n }));
postMessage({ type: "answers", answers });\`;
const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
const answerer = new SyncAnswerer(async ({ n }) => {
  if (n === 2) await new Promise((resolve) => setTimeout(resolve, 200));
  return n * 10;
});
worker.onmessage = ({ data }) => {
  if (data.type === "answers") window.answers = data.answers;
  else if (answerer.receive(data) && data.request.n === 2) {
    setTimeout(() => Atomics.notify(new Int32Array(data.buffer, 0, 2), 0), 20);
  }
};
</script>`,
    { waitFor: "window.answers !== undefined" },
  );
  assert.deepEqual(await page.page.evaluate(() => window.answers), [10, 20, 30]);
  await page.close();
});

test("display() from a worker costs one round trip to the main thread, whatever the number of values", async () => {
  const page = await openPage(
    pyPage(`<div id="out"></div>
<script>
  // Counts the worker's synchronous requests as the main thread receives them.
  window.syncCount = 0;
  const listen = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen.call(this, type, listener, options);
    return listen.call(this, type, (event) => {
      if (event.data?.type === "sync") window.syncCount++;
      return listener.call(this, event);
    }, options);
  };
</script>
<script type="py" worker>
from pyscript import HTML, display, document, window
display("first")  # makes this script's output element on the page
def round_trips(action):
    before = window.syncCount
    action()
    # Reading syncCount is a request too: the one before counted itself, this one too.
    return window.syncCount - before - 1
print("default target:", round_trips(lambda: display("hi")))
print("three values by id:", round_trips(lambda: display("a", 2, HTML("<b>c</b>"), target="out")))
element = document.getElementById("out")
print("an element, replacing:", round_trips(lambda: display("only", target=element, append=False)))
try:
    display("x", target="#nowhere")
except ValueError as error:
    print("ValueError", error)
</script>`),
  );
  const logs = page.logs();
  assert.deepEqual(await page.errors(), []);
  for (const line of ["default target: 1", "three values by id: 1", "an element, replacing: 1", "ValueError Cannot find element with id='nowhere' in the page."]) {
    assert.ok(logs.includes(line), `${line}\n---\n${logs.join("\n")}`);
  }
  assert.equal(await page.text("#out"), "only");
  await page.close();
});
