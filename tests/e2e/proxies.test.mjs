// document, window and `import js`: transparent proxies of the JS objects, with values
// converted both ways.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();


describe("document and window", () => {
  test("are the page's document and window; attributes read and write the DOM", async () => {
    const page = await openPage(pyPage(`<p id="p">old</p><script type="py">
from pyscript import document, window
import js
print(window is js or window == js, document == js.document, document == window.document)
p = document.getElementById("p")
print(p.textContent, p.tagName, p.isConnected)
p.textContent = "new"
p.dataset.flag = "on"
window.fromPython = "set on window"
del p.dataset.flag
</script>`));
    assert.deepEqual(page.logs(), ["True True True", "old P True"]);
    assert.equal(await page.text("#p"), "new");
    assert.equal(await page.page.evaluate(() => window.fromPython), "set on window");
    assert.equal(await page.page.evaluate(() => "flag" in document.getElementById("p").dataset), false);
    await page.close();
  });

  test("methods keep their object as this; JS functions and constructors are callable", async () => {
    assert.deepEqual(await printed(`
from pyscript import document, window
div = document.createElement("div")
div.classList.add("a", "b")
print(div.className, div.classList.contains("b"))
print(window.Math.max(3, 7.5, -1), window.parseInt("42px"))
print(window.Date.new(2024, 0, 15).getFullYear(), window.Map.new().size)
class_made = window.eval("(class Point { constructor(x) { this.x = x } })")
print(class_made(5).x, class_made.new(6).x)
print(window.JSON.stringify({"a": [1, 2.5, None, True, "s"]}))`),
    ["a b True", "7.5 42", "2024 0", "5 6", '{"a":[1,2.5,null,true,"s"]}']);
  });

  test("keyword arguments become a trailing options object", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
window.eval("window.lastArgs = (...args) => JSON.stringify(args)")
print(window.lastArgs(1, "x", capture=True, count=2))`), ['[1,"x",{"capture":true,"count":2}]']);
  });

  test("indexing, len, iteration and `in` over arrays, NodeLists and objects", async () => {
    assert.deepEqual(await printed(`
from pyscript import document, window
items = document.querySelectorAll("li")
print(len(items), items[0].textContent, items[-1].textContent, [li.textContent for li in items])
array = window.Array.of(10, 20, 30)
print(array[1], len(array), list(array), 20 in array, 99 in array)
array[1] = 21
print(array[1])
obj = window.eval("({x: 1, y: 'two'})")
print(obj["y"], sorted(obj), "x" in obj)
obj["z"] = 3
del obj["x"]
print(window.Object.keys(obj).join(","))
try:
    items[5]
except IndexError as error:
    print("IndexError")
try:
    obj["missing"]
except KeyError as error:
    print("KeyError", error)
mapping = window.Map.new([["k", "v"]])
print(mapping["k"], len(mapping))`, { body: "<ul><li>one</li><li>two</li><li>three</li></ul>" }),
    ["3 one three ['one', 'two', 'three']", "20 3 [10, 20, 30] True False", "21", "two ['x', 'y'] True", "y,z", "IndexError", "KeyError 'missing'", "v 1"]);
  });

  test("truthiness: objects are true, empty arrays, NodeLists, Maps and Sets false", async () => {
    assert.deepEqual(await printed(`
from pyscript import document, window
print(bool(document), bool(document.body), bool(window.Array.new()), bool(window.Array.of(0)))
print(bool(document.querySelectorAll("nothing")), bool(window.Map.new()), bool(window.Set.new([1])), bool(window.parseInt))
if document.getElementById("present"):
    print("found")`, { body: '<p id="present"></p>' }), ["True True False True", "False False True True", "found"]);
  });

  test("a proxy's type follows what the JS object can do: callable, iter, await, len and bool answer as JS would", async () => {
    assert.deepEqual(await printed(`
import collections.abc, inspect
from pyscript import document, window
from pyscript.ffi import JsProxy
print(callable(document), callable(document.body), callable(window.alert), callable(window.Map), callable(document.createElement))
print(type(document).__name__, type(window.parseInt).__name__, type(window.Promise.resolve(1)).__name__, type(window.Array.of(1)).__name__)
print(all(isinstance(value, JsProxy) for value in (document, window.parseInt, window.Array.of(1), window.Promise.resolve(1))))
print(isinstance(window.parseInt, collections.abc.Callable), isinstance(document, collections.abc.Callable), isinstance(window.Array.of(1), collections.abc.Iterable), isinstance(document.body, collections.abc.Iterable))
print(inspect.isawaitable(window.Promise.resolve(1)), inspect.isawaitable(document.body), await window.Promise.resolve(7))
for label, action in [("iter body", lambda: iter(document.body)), ("len body", lambda: len(document.body)), ("call body", lambda: document.body()), ("await body", lambda: document.body.__await__())]:
    try:
        action()
        print(label, "no error")
    except (TypeError, AttributeError) as error:
        print(label, type(error).__name__)
print(len(window.Array.of(1, 2)), len(window.Map.new([[1, 2]])), len(document.querySelectorAll("p")), list(document.querySelectorAll("p"))[0].id, sorted(window.eval("({b: 1, a: 2})")))
function_without_parameters = window.eval("(function () {})")
print(bool(function_without_parameters), bool(document.getElementById("form")), bool(window.Array.new()), bool(window.eval("new Set()")), bool(document.body))`, { body: '<p id="one"></p><form id="form"></form>' }),
      [
        "False False True True True",
        "JsProxy JsCallable JsPromise JsIterable",
        "True",
        "True False True False",
        "True False 7",
        "iter body TypeError",
        "len body TypeError",
        "call body TypeError",
        "await body AttributeError",
        "2 1 1 one ['a', 'b']",
        "True True False False True",
      ]);
  });

  test("== is identity of the JS object; proxies are hashable", async () => {
    assert.deepEqual(await printed(`
from pyscript import document
a = document.body
b = document.querySelector("body")
print(a == b, a != b, a == document.head, len({a, b}))`), ["True False False 1"]);
  });
});

describe("value conversion", () => {
  test("JS values arrive as Python values", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
values = window.eval("[null, undefined, true, false, 3, 2.5, -0, 'text', 2n ** 70n, 9007199254740993n]")
print(list(values))
print(type(window.eval("({})")).__name__, window.eval("({})").typeof, window.eval("(() => 1)").typeof)`),
    ["[None, None, True, False, 3, 2.5, -0.0, 'text', 1180591620717411303424, 9007199254740993]", "JsIterable object function"]);
  });

  test("Python values arrive as JS values", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
window.eval("window.describe = (v) => Object.prototype.toString.call(v).slice(8, -1) + ':' + (typeof v === 'bigint' ? v + 'n' : v instanceof Uint8Array ? Array.from(v).join('|') : JSON.stringify(v) ?? String(v))")
for value in (None, True, 7, 2**60, 1.5, "s", b"\\x01\\xff", bytearray(b"ab"), [1, [2]], (3,), {"k": {"n": None}}):
    print(window.describe(value))`),
    ["Undefined:undefined", "Boolean:true", "Number:7", "BigInt:1152921504606846976n", "Number:1.5", 'String:"s"',
      "Uint8Array:1|255", "Uint8Array:97|98", "Array:[1,[2]]", "Array:[3]", 'Object:{"k":{}}']);
  });

  test("bytes come back from JS typed arrays and buffers", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
array = window.Uint8Array.new([104, 105])
print(bytes(array), array.to_bytes(), window.TextEncoder.new().encode("hé").to_bytes())
print(window.Uint8Array.new([1, 2]).buffer.to_bytes())`), ["b'hi' b'hi' b'h\\xc3\\xa9'", "b'\\x01\\x02'"]);
  });

  test("to_py() converts deeply; Python functions are callable from JS", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
data = window.JSON.parse('{"a": [1, {"b": null}], "c": "d"}').to_py()
print(data)
print(window.Array.of(1, 2, 3).map(lambda value, *rest: value * 10).join("-"))
def greet(name):
    return "hi " + name
window.greet = greet
print(window.eval("greet('js')"))`), ["{'a': [1, {'b': None}], 'c': 'd'}", "10-20-30", "hi js"]);
  });

  test("create_proxy() makes a JS function that destroy() releases", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
from pyscript.ffi import create_proxy, to_js, is_none, jsnull
calls = []
proxy = create_proxy(lambda event: calls.append(event.type))
window.addEventListener("custom", proxy)
window.dispatchEvent(window.Event.new("custom"))
proxy.destroy()
window.eval("window.tryCall = (f) => { try { f(); return 'called' } catch (e) { return e.message } }")
print(calls, window.tryCall(proxy))
print(to_js({"a": [1]}).a[0], is_none(None), is_none(jsnull), is_none(0))
try:
    create_proxy(3)
except TypeError as error:
    print(error)`), ["['custom'] this Python function proxy was destroyed", "1 True True False", "create_proxy() needs a callable, not 'int'"]);
  });

  test("a Python exception inside a callback reaches JS as a PythonError", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
def fails():
    raise ValueError("from a callback")
window.eval("window.callIt = (f) => { try { f() } catch (e) { return e.name + ': ' + e.message.split('\\\\n').at(-1) } }")
print(window.callIt(fails))`), ["PythonError: ValueError: from a callback"]);
  });

  test("self-containing or absurdly deep values raise ValueError instead of crashing", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
loop = []
loop.append(loop)
try:
    window.JSON.stringify(loop)
except ValueError as error:
    print(error)
cyclic = window.eval("(() => { const o = {}; o.self = o; return o })()")
try:
    cyclic.to_py()
except ValueError as error:
    print(error)
print(window.JSON.stringify([[[1]]]))`), [
      "cannot convert to JavaScript: containers nested more than 512 levels deep, or one that contains itself",
      "cannot convert to Python: containers nested more than 512 levels deep, or one that contains itself",
      "[[[1]]]",
    ]);
  });

  test("objects that have no JS form raise TypeError naming their type", async () => {
    assert.deepEqual(await printed(`
from pyscript import window
try:
    window.somewhere = object()
except TypeError as error:
    print(error)`), ["cannot convert a Python 'object' object to a JavaScript value"]);
  });
});

describe("errors and missing members", () => {
  test("a JS exception is a catchable Python JsException with the browser's message", async () => {
    assert.deepEqual(await printed(`
from pyscript import document
from pyscript.ffi import JsException
try:
    document.querySelector("##")
except JsException as error:
    print(type(error).__name__, error)`), ["JsException SyntaxError: Failed to execute 'querySelector' on 'Document': '##' is not a valid selector."]);
  });

  test("a missing attribute is an AttributeError; calling a non-function a TypeError", async () => {
    assert.deepEqual(await printed(`
from pyscript import document
try:
    document.noSuchThing
except AttributeError as error:
    print("AttributeError", "noSuchThing" in str(error))
try:
    document.body()
except TypeError as error:
    print("TypeError", error)
print(hasattr(document, "body"), hasattr(document, "nope"), getattr(document, "nope", "default"))`),
    ["AttributeError True", "TypeError 'pyscript.ffi.JsProxy' object is not callable", "True False default"]);
  });
});

describe("runtime facts", () => {
  test("RUNNING_IN_WORKER is False on the main thread; the implementation is RustPython", async () => {
    assert.deepEqual(await printed(`
import sys
from pyscript import RUNNING_IN_WORKER
print(RUNNING_IN_WORKER, sys.implementation.name)`), ["False rustpython"]);
  });

  test("print goes to console.log and sys.stderr to console.error, one entry per line", async () => {
    const page = await openPage(pyPage(`<script type="py">
import sys
print("one", "two")
print("multi\\nline")
sys.stderr.write("to stderr\\n")
sys.stdout.write("no newline at the end")
</script>`));
    assert.deepEqual(page.console.map(({ type, text }) => `${type}: ${text}`), [
      "log: one two",
      "log: multi",
      "log: line",
      "error: to stderr",
      "log: no newline at the end",
    ]);
    await page.close();
  });
});

describe("to_js options and pyodide.ffi", () => {
  test("to_js honours dict_converter (Map opt-in) through nested structures, and default_converter", async () => {
    const logs = await printed(`
import js
from pyscript.ffi import to_js
nested = {"a": 1, "b": {"c": [1, {"d": 2}]}}
as_map = to_js(nested, dict_converter=js.Map.new)
print(as_map.constructor.name, as_map.get("b").constructor.name, as_map.get("b").get("c")[1].get("d"))
print(js.JSON.stringify(to_js(nested)))
print(js.JSON.stringify(to_js(nested, dict_converter=js.Object.fromEntries)))
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
points = to_js([Point(1, 2)], default_converter=lambda value, convert, cache: convert({"x": value.x, "y": value.y}))
print(js.JSON.stringify(points))
try:
    to_js([Point(1, 2)])
except TypeError as error:
    print("TypeError:", error)
`);
    assert.deepEqual(logs, [
      "Map Map 2",
      '{"a":1,"b":{"c":[1,{"d":2}]}}',
      '{"a":1,"b":{"c":[1,{"d":2}]}}',
      '[{"x":1,"y":2}]',
      "TypeError: cannot convert a Python 'Point' object to a JavaScript value",
    ]);
  });

  test("pyodide.ffi and pyodide.ffi.wrappers import and work as on Pyodide", async () => {
    const logs = await printed(`
import asyncio, js
from pyodide.ffi import JsException, JsProxy, create_once_callable, create_proxy, destroy_proxies, to_js
from pyodide.ffi.wrappers import add_event_listener, clear_interval, clear_timeout, remove_event_listener, set_interval, set_timeout

button = js.document.createElement("button")
def listener(event):
    print("listener:", event.type)
add_event_listener(button, "click", listener)
button.click()
remove_event_listener(button, "click", listener)
button.click()

once = create_once_callable(lambda: print("once"))
once()
try:
    once()
except JsException as error:
    print("second call:", "destroyed" in str(error))

proxies = [create_proxy(print) for _ in range(3)]
destroy_proxies(proxies)

ticks = []
interval = set_interval(lambda: ticks.append(1), 5)
set_timeout(lambda: print("timeout"), 10)
cancelled = set_timeout(lambda: print("never"), 10)
clear_timeout(cancelled)
await asyncio.sleep(0.1)
clear_interval(interval)
count = len(ticks)
await asyncio.sleep(0.03)
print("interval ran and stopped:", count > 3 and len(ticks) == count)
print(isinstance(to_js([1]), JsProxy))
`);
    assert.deepEqual(logs, ["listener: click", "once", "second call: True", "timeout", "interval ran and stopped: True", "True"]);
  });
});
