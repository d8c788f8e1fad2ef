// pyscript.web never lets Python input stop the interpreter: each case raises a Python
// exception the script can catch, and a later script still runs in the same interpreter.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ATTEMPT, openPage, pyPage, survives as survivesIn, useBrowser } from "./harness.mjs";

useBrowser();

/** `survives` with `attempt(label, action)` defined. */
function survives(code, { body = "" } = {}) {
  return survivesIn(code, { body, prelude: ATTEMPT });
}

describe("children lists that contain themselves or nest too deep", () => {
  test("constructors and append raise ValueError, and the interpreter lives on", async () => {
    assert.deepEqual(await survives(`
from pyscript.web import div, select, ul
loop = []
loop.append(loop)
attempt("constructor", lambda: div(loop))
attempt("children=", lambda: ul(children=[loop]))
attempt("select", lambda: select("a", loop))
attempt("append", lambda: div().append(loop))
pair = ([],)
pair[0].append(pair)
attempt("tuple", lambda: div().append(pair))
deep = []
for _ in range(2000):
    deep = [deep]
attempt("deep", lambda: div(deep))
attempt("deep append", lambda: div().append(deep))
box = div([["a", ["b"]]])
box.append([("c", ["d"])])
print(box.innerHTML)`), [
      "constructor ValueError div(): children nested more than 512 levels deep, or a list that contains itself",
      "children= ValueError ul(): children nested more than 512 levels deep, or a list that contains itself",
      "select ValueError select(): children nested more than 512 levels deep, or a list that contains itself",
      "append ValueError append(): children nested more than 512 levels deep, or a list that contains itself",
      "tuple ValueError append(): children nested more than 512 levels deep, or a list that contains itself",
      "deep ValueError div(): children nested more than 512 levels deep, or a list that contains itself",
      "deep append ValueError append(): children nested more than 512 levels deep, or a list that contains itself",
      "abcd",
    ]);
  });
});

describe("DOM members redefined by the page", () => {
  // Each case redefines one DOM member to throw (as page JS, or Python through `window`,
  // can), runs the pyscript.web operation that uses it, and puts the member back.
  const REDEFINE = `
from pyscript import window, ffi
thrower = window.Function.new("throw new Error('redefined by the page')")

def python_thrower(*args):
    raise RuntimeError("a Python callback raised")

def attempt(label, action):
    # The last line of the message: a Python callback's error carries its traceback.
    try:
        action()
        print(label, "no error")
    except Exception as error:
        print(label, type(error).__name__, str(error).strip().splitlines()[-1])

def with_method(prototype, name, replacement, label, action):
    original = window.Object.getOwnPropertyDescriptor(prototype, name)
    setattr(prototype, name, replacement)
    try:
        attempt(label, action)
    finally:
        window.Object.defineProperty(prototype, name, original)

def with_accessor(prototype, name, label, action, part="get"):
    original = window.Object.getOwnPropertyDescriptor(prototype, name)
    descriptor = window.Object.new()
    descriptor.configurable = True
    descriptor.get = original.get
    descriptor.set = original.set
    setattr(descriptor, part, thrower)
    window.Object.defineProperty(prototype, name, descriptor)
    try:
        attempt(label, action)
    finally:
        window.Object.defineProperty(prototype, name, original)
`;

  test("methods, getters and setters that throw raise JsException", async () => {
    const logs = await survives(`${REDEFINE}
from pyscript.web import page, div, p, select, option
box = div(p("one", id="one"), id="box", classes="a")
page.append(box)
items = page.find("#box p")
menu = select(option("x"), option("y"))
Element, HTMLElement, Document = window.Element.prototype, window.HTMLElement.prototype, window.Document.prototype
with_method(Element, "scrollIntoView", thrower, "show_me", box.show_me)
with_method(Element, "scrollIntoView", ffi.create_proxy(python_thrower), "show_me (Python)", box.show_me)
with_method(Element, "remove", thrower, "options.remove", lambda: menu.options.remove(0))
with_method(window.DOMTokenList.prototype, "contains", thrower, "in classes", lambda: "a" in box.classes)
with_method(Element, "getElementsByTagName", thrower, "el[id]", lambda: box["one"])
with_method(window.HTMLCollection.prototype, "item", thrower, "children", lambda: list(box.children))
with_accessor(Element, "localName", "find", lambda: page.find("p")[0])
with_accessor(Element, "id", "repr", lambda: repr(box))
with_accessor(Element, "classList", "classes.add", lambda: box.classes.add("b"))
with_accessor(Element, "className", "collection classes =", lambda: setattr(items, "classes", "c"), part="set")
with_accessor(Element, "innerHTML", "collection innerHTML", lambda: items.innerHTML)
with_accessor(Element, "innerHTML", "collection innerHTML =", lambda: setattr(items, "innerHTML", "x"), part="set")
with_accessor(window.Node.prototype, "parentElement", "parent", lambda: box.parent)
with_accessor(window.HTMLCollection.prototype, "length", "len(children)", lambda: len(box.children))
with_accessor(Document, "title", "page.title", lambda: page.title)
with_accessor(window.HTMLOptionElement.prototype, "text", "options.add", lambda: menu.options.add(text="z"), part="set")
with_accessor(window.HTMLOptionElement.prototype, "selected", "options.selected", lambda: menu.options.selected)
print(box.classes, box.innerHTML, len(menu.options), page["#one"].id)`);
    const results = logs.slice(0, -1);
    for (const line of results) {
      assert.match(line, /^[^]+ JsException (Error: redefined by the page|RuntimeError: a Python callback raised)$/, line);
    }
    assert.equal(results.length, 17);
    assert.equal(logs.at(-1), "Classes({'a'}) <p id=\"one\">one</p> 2 one");
  });
});

describe("a JS Proxy of a node whose traps throw", () => {
  test("wrapping it and using it raise JsException", async () => {
    assert.deepEqual(await survives(`
from pyscript import window, document
from pyscript.web import Element, div
handler = window.Object.new()
handler.get = window.Function.new("target", "key", "throw new Error('trap for ' + String(key))")
proxied = window.Proxy.new(document.body, handler)
attempt("wrap", lambda: Element(dom_element=proxied))
attempt("append", lambda: div().append(proxied))`), [
      "wrap JsException Error: trap for localName",
      "append JsException TypeError: Failed to execute 'appendChild' on 'Node': parameter 1 is not of type 'Node'.",
    ]);
  });
});

describe("Python callbacks that change what is being read", () => {
  test("a style value whose __str__ grows the dict is applied once, from a copy", async () => {
    assert.deepEqual(await survives(`
from pyscript.web import div
class Growing:
    def __init__(self, style):
        self.style = style
    def __str__(self):
        self.style[f"--extra-{len(self.style)}"] = Growing(self.style)
        return "1px"
style = {"width": None}
style["width"] = Growing(style)
box = div(style=style)
box.style.update(style)
print(box.style["width"], len(style), box.style == {"width": "1px", "--extra-1": "1px"})`), ["1px 4 True"]);
  });
});

describe("one set of classes per interpreter", () => {
  test("py and mpy scripts each wrap nodes in their own interpreter's classes", async () => {
    const page = await openPage(pyPage(`<p id="shared">text</p>
<script type="py">
from pyscript.web import page, p
print("py", isinstance(page["#shared"], p), type(page.find("p")[0]) is p)
</script>
<script type="mpy">
from pyscript.web import page, p
print("mpy", isinstance(page["#shared"], p), type(page.find("p")[0]) is p)
</script>
<script type="py">print("py again", type(page.body.children[0]) is p)</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), ["py True True", "mpy True True", "py again True"]);
    await page.close();
  });
});
