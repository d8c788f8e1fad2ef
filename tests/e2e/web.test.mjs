// pyscript.web: the element classes generated from the HTML spec data, their typed
// properties and validation, and page / Element / ElementCollection / Classes / Style / Options.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();


const SPEC_CLASSES = `grid
    a, abbr, address, area, article, aside, audio
    b, base, blockquote, body, br, button
    canvas, caption, cite, code, col, colgroup
    data, datalist, dd, del_, details, dialog, div, dl, dt
    em, embed
    fieldset, figcaption, figure, footer, form
    h1, h2, h3, h4, h5, h6, head, header, hgroup, hr, html
    i, iframe, img, input_, ins
    kbd
    label, legend, li, link
    main, map_, mark, menu, meta, meter
    nav
    object_, ol, optgroup, option, output
    p, param, picture, pre, progress
    q
    s, script, section, select, small, source, span, strong, style, sub, summary, sup
    table, tbody, td, template, textarea, tfoot, th, thead, time, title, tr, track
    u, ul
    var, video
    wbr`;

describe("element classes", () => {
  test("every class of the spec's list exists and creates its tag", async () => {
    const names = SPEC_CLASSES.split(/[\s,]+/).filter(Boolean);
    assert.equal(names.length, 104);
    assert.deepEqual(await printed(`
from pyscript import web
names = ${JSON.stringify(names)}
wrong = []
for name in names:
    cls = getattr(web, name)
    element = cls("1", "2", "3") if name == "grid" else cls()
    expected = "div" if name == "grid" else name.rstrip("_")
    if element._dom_element.localName != expected or not isinstance(element, web.Element):
        wrong.append(name)
print(len(names), wrong)
from pyscript.web import elements
print(web.select_ is web.select, issubclass(web.input_, web.Element), issubclass(web.div, web.ContainerElement), elements.Element is web.Element, elements.div is web.div)
print(web.div.__doc__)
generated = {cls for cls in vars(web).values() if isinstance(cls, type) and hasattr(cls, "_pyscript_element_class")}
mismatched = [cls.__name__ for cls in generated if cls.__name__ != "grid" and cls()._dom_element.localName != cls.__name__.rstrip("_")]
print(len(generated), mismatched)`), [
      "104 []",
      "True True True True True",
      "The <div> element: https://html.spec.whatwg.org/multipage/grouping-content.html#the-div-element",
      "115 []",
    ]);
  });

  test("constructors take children, classes=, style=, id= and properties", async () => {
    const page = await openPage(pyPage(`<script type="py">
from pyscript.web import page, div, p, span, a, input_
row = div(p("row 1 ", span("one"), " & <b>bold</b>"), "tail", 42, classes=["cls", "row"], style={"color": "red"}, id="r1")
link = a("docs", href="https://pyscript.net/", target="_blank", title="PyScript")
box = input_(type="checkbox", checked=True, name="agree", data_role="consent", aria_label="Agree", **{"data-x": 1})
page.body.append(row, link, box)
</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.equal(await page.html("#r1"), "<p>row 1 <span>one</span> &amp; <b>bold</b></p>tail42");
    assert.deepEqual(await page.page.evaluate(() => {
      const row = document.getElementById("r1");
      const link = document.querySelector("a");
      const box = document.querySelector("input");
      return [row.className, row.style.color, link.href, link.target, link.title, box.type, box.checked, box.name,
        box.getAttribute("data-role"), box.getAttribute("aria-label"), box.dataset.x];
    }), ["cls row", "red", "https://pyscript.net/", "_blank", "PyScript", "checkbox", true, "agree", "consent", "Agree", "1"]);
    await page.close();
  });

  test("void elements take no children", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import br, img, input_
for make in (lambda: br("x"), lambda: img(children=[br()]), lambda: input_("text")):
    try:
        make()
    except TypeError as error:
        print(error)`), [
      "br() is a void element: it cannot have children",
      "img() is a void element: it cannot have children",
      "input_() is a void element: it cannot have children",
    ]);
  });
});

describe("typed properties", () => {
  test("every property type round-trips through the DOM", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import input_, meter, td, a, label, button, div, textarea, page
box = input_()
box.disabled = True
box.readonly = True
box.maxLength = 5
box.value = "typed"
box.placeholder = 7
print(box.disabled, box._dom_element.getAttribute("disabled"), box.readOnly, box._dom_element.getAttribute("readonly"))
print(box.maxLength, box._dom_element.getAttribute("maxlength"), box.value, box.placeholder)
box.disabled = False
print(box.disabled, box._dom_element.hasAttribute("disabled"))
gauge = meter(value=0.25, min="0", max=2)
print(gauge.value, gauge._dom_element.getAttribute("value"), gauge.max)
cell = td(colspan=3)
print(cell.colSpan, cell._dom_element.getAttribute("colspan"))
link = a(href="page.html")
print(link.href.endswith("/page.html"), link._dom_element.getAttribute("href"))
tag = label(for_="field", html="<b>Name</b>", text="plain")
print(tag.htmlFor, tag._dom_element.getAttribute("for"), tag.innerHTML)
target = div(id="pop", popover="auto")
page.body.append(target)
opener = button(popoverTargetElement=target)
page.body.append(opener)
print(type(opener.popoverTargetElement).__name__, opener.popoverTargetElement.id, opener.popoverTargetElement == target)
opener.popoverTargetElement = None
print(opener.popoverTargetElement)
area = textarea(rows=4, cols="20", wrap="hard")
print(area.rows, area.cols, area.wrap, area._dom_element.getAttribute("rows"))
print(type(box.form).__name__, box.classList.length, box.tagName, box.id == "")
emptied = div("text")
emptied.textContent = None
print(repr(emptied.textContent), emptied._dom_element.childNodes.length)`), [
      "True  True ",
      "5 5 typed 7",
      "False False",
      "0.25 0.25 2",
      "3 3",
      "True page.html",
      "field field plain",
      "div pop True",
      "None",
      "4 20 hard 4",
      "NoneType 0 INPUT True",
      "'' 0",
    ]);
  });

  test("wrong names, types, ranges and read-only properties raise clear errors", async () => {
    const logs = await printed(`
from pyscript.web import input_, div, td, meter, button
def attempt(make):
    try:
        make()
        print("no error")
    except Exception as error:
        print(type(error).__name__ + ": " + str(error))
attempt(lambda: div(colour="red"))
attempt(lambda: setattr(div(), "colour", "red"))
attempt(lambda: div().update(colour="red"))
attempt(lambda: input_(maxLength="many"))
attempt(lambda: input_(maxLength=2**40))
attempt(lambda: td(colSpan=-1))
attempt(lambda: meter(value=float("nan")))
attempt(lambda: input_(value=[1]))
attempt(lambda: setattr(input_(), "form", None))
attempt(lambda: setattr(div(), "tagName", "p"))
attempt(lambda: button(popoverTargetElement="not an element"))
attempt(lambda: div().nothing_here)
attempt(lambda: div(on_chicken=print))`);
    assert.deepEqual(logs, [
      "ValueError: 'colour' is not a property of div (HTMLDivElement): only the properties the HTML standard defines for it, data-*/aria-* attributes and role can be set",
      "AttributeError: 'colour' is not a property of div (HTMLDivElement): only the properties the HTML standard defines for it, data-*/aria-* attributes and role can be set",
      "ValueError: 'colour' is not a property of div (HTMLDivElement): only the properties the HTML standard defines for it, data-*/aria-* attributes and role can be set",
      "TypeError: input_.maxLength must be an int, not 'str'",
      "ValueError: input_.maxLength must be between 0 and 2147483647, not 1099511627776",
      "ValueError: td.colSpan must be between 0 and 4294967295, not -1",
      "ValueError: meter.value must be a finite number, not NaN",
      "TypeError: input_.value must be a str, not 'list'",
      "AttributeError: input_.form is read-only",
      "AttributeError: div.tagName is read-only",
      "TypeError: button.popoverTargetElement must be an element (Element), not 'str'",
      "AttributeError: 'div' element has no property or DOM member 'nothing_here'",
      "ValueError: 'on_chicken': 'chicken' is not a DOM event the HTML standard defines (e.g. on_click, on_input, on_change)",
    ]);
  });

  test("DOM methods and other members pass through; data-* and aria-* read back", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import input_, page
box = input_(data_state="on", aria_label="Name", role="textbox")
page.body.append(box)
box.focus()
print(box.data_state, box.aria_label, box.role, box.data_missing)
print(box._dom_element == page.body._dom_element.querySelector("input"), box.matches("input"))
from pyscript import document
document.body.appendChild(input_(id="via-js"))
print(page["#via-js"].tagName)`), ["on Name textbox None", "True True", "INPUT"]);
  });
});

describe("Element members", () => {
  test("append takes elements, nodes, collections, lists and text (escaped)", async () => {
    const page = await openPage(pyPage(`<div id="host"></div><p class="moved">1</p><p class="moved">2</p><script type="py">
from pyscript.web import page, span, b
from pyscript import document
host = page["#host"]
host.append(span("a"), document.createElement("hr"), [b("x"), [b("y")]], "<i>not markup</i>", 3, page.find(".moved"))
try:
    host.append(object())
except TypeError as error:
    print(error)
</script>`));
    assert.deepEqual(page.logs(), ["append() cannot add a 'object': give elements, DOM nodes, collections, lists, strings or numbers"]);
    assert.equal(await page.html("#host"), '<span>a</span><hr><b>x</b><b>y</b>&lt;i&gt;not markup&lt;/i&gt;3<p class="moved">1</p><p class="moved">2</p>');
    await page.close();
  });

  test("children, parent, find and indexing give the class of each tag", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import page
root = page["#root"]
print([type(child).__name__ for child in root.children], type(root.parent).__name__)
print([type(found).__name__ for found in root.find("input, li, x-custom")])
print(type(root[0]).__name__, len(root[1:]), root["deep"].id, root["#deep"].id, root["missing"])
print(page.html.parent, type(page.find("svg")[0]).__name__)`, { body: `<section id="root"><ul><li>1</li></ul><input id="deep"><x-custom></x-custom></section><svg></svg>` }),
    ["['ul', 'input_', 'Element'] body", "['li', 'input_', 'Element']", "ul 2 deep deep None", "None Element"]);
  });

  test("classes: add, remove, contains, replace, toggle and set behaviour, live", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div
box = div(classes="a b")
box.classes.add("c", "d e")
box.classes.remove("a", "absent")
print(sorted(box.classes), len(box.classes), "c" in box.classes, box.classes.contains("a"))
box.classes.replace("b", "beta")
print(box.classes.toggle("x"), box.classes.toggle("x"), box._dom_element.className)
box._dom_element.classList.add("from-js")
print("from-js" in box.classes, box.classes == {"beta", "c", "d", "e", "from-js"}, box.classes)
box.classes.discard("c")
box.classes.clear()
print(list(box.classes), box.classes == set())`), [
      "['b', 'c', 'd', 'e'] 4 True False",
      "True False beta c d e",
      "True True Classes({'beta', 'c', 'd', 'e', 'from-js'})",
      "[] True",
    ]);
  });

  test("classes= and update_all(classes=) set each name once, beside the classes there are", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div, page
fresh = div(classes=["a", "b", "a"])
print(repr(fresh._dom_element.getAttribute("class")), fresh._dom_element.classList.length)
print(div(classes=[])._dom_element.hasAttribute("class"), div(classes="")._dom_element.hasAttribute("class"))
old = div()
old._dom_element.className = "x  y"
old.update(classes="y z z")
print(repr(old._dom_element.className), sorted(old.classes))
page.body.append(div(div(classes="item"), div(classes="item hot"), div(), id="cls-list"))
found = page.find("#cls-list > div")
found.update_all(classes=["hot", "new", "hot"])
print([e._dom_element.className for e in found])
try:
    div(classes=["ok", 3])
except TypeError as error:
    print("TypeError", error)`), [
      "'a b' 2",
      "False False",
      "'x y z' ['x', 'y', 'z']",
      "['item hot new', 'item hot new', 'hot new']",
      "TypeError a class name must be a str, not 'int'",
    ]);
  });

  test("style is a dict over the real inline style", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div
box = div(style={"color": "red", "margin-top": "2px"})
box.style["background-color"] = "blue"
box.style["width"] = "10px"
print(box.style["color"], box.style.get("margin-top"), box.style.get("height"), box.style.get("height", "none"), "width" in box.style)
del box.style["width"]
print(box._dom_element.getAttribute("style"), len(box.style))
box._dom_element.style.color = "green"
print(box.style["color"])
try:
    box.style["height"]
except KeyError as error:
    print("KeyError", error)`), [
      "red 2px None none True",
      "color: red; margin-top: 2px; background-color: blue; 3",
      "green",
      "KeyError 'height'",
    ]);
  });

  test("text children arrive intact: ASCII, non-ASCII, long, and after the wasm memory grows", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div, p
box = div("row 1 ", "café ✓ 😀", "x" * 100, p("é" * 70), 42, 2.5)
box.append("tail", 7)
print(box._dom_element.textContent == "row 1 café ✓ 😀" + "x" * 100 + "é" * 70 + "422.5tail7")
grown = bytearray(96 * 1024 * 1024)
box.append("after growth ", "naïve")
print(box._dom_element.textContent.endswith("after growth naïve"), len(grown))`), [
      "True",
      "True 100663296",
    ]);
  });

  test("an element without an inline style (another namespace) raises TypeError, naming it", async () => {
    assert.deepEqual(await printed(`
from pyscript import document
from pyscript.web import Element
thing = Element(dom_element=document.createElementNS("urn:example", "thing"))
for attempt in (lambda: thing.style.get("color"), lambda: thing.style.set("color", "red"), lambda: thing.update(style={"color": "red"})):
    try:
        attempt()
    except TypeError as error:
        print("TypeError", error)
print("still running")`), [
      "TypeError <thing> has no inline style",
      "TypeError <thing> has no inline style",
      "TypeError <thing> has no inline style",
      "still running",
    ]);
  });

  test("clone, update, show_me, _dom_element, equality and subclassing", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div, p, page
original = div(p("text"), id="orig", classes="card")
page.body.append(original)
copy = original.clone()
named = original.clone("copy-1")
print(copy.id == "", copy._dom_element.hasAttribute("id"), named.id, copy.innerHTML, type(copy).__name__)
original.update(classes=["wide"], style={"color": "red"}, title="updated")
print(original.className, original.style["color"], original.title)
original.show_me()
print(page.find("#orig")[0] == original, page.find("#orig")[0] is original, original == copy)
class Card(div):
    def __init__(self, heading, **kwargs):
        super().__init__(p(heading), classes="card", **kwargs)
        self._clicks = 0
    def describe(self):
        return f"{self.classes} {self.innerHTML} {self._clicks}"
card = Card("hello", id="c1")
print(card.describe(), isinstance(card, div), card.id, type(card.clone()).__name__)`), [
      "True False copy-1 <p>text</p> div",
      "card wide red updated",
      "True False False",
      "Classes({'card'}) <p>hello</p> 0 True c1 Card",
    ]);
  });
});

describe("collections and page", () => {
  test("ElementCollection: iteration, len, indexing, slicing, find, broadcast attributes, update_all", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import page, div, input_
page.body.append(div(div("a", classes="item"), div("b", classes="item"), div("c", classes="item"), id="list"))
items = page.find(".item")
print(len(items), [item.innerHTML for item in items], items[0].innerHTML, items[-1].innerHTML, len(items[1:]), bool(page.find(".none")))
print(items.innerHTML, [sorted(c) for c in items.classes], items == page.find("#list .item"))
items.innerHTML = "x"
items.classes = "fresh"
items.style = {"color": "blue"}
print(items.innerHTML, [sorted(c) for c in items.classes], [s["color"] for s in items.style])
items.update_all(classes="hot", style={"margin": "1px"}, title="t")
print(page.find(".hot.fresh").innerHTML, items[0].title, items[2].style["margin"])
print(len(page.find("#list").find(".fresh")), items.elements[1].innerHTML)
fields = page.find("#list").children
page.body.append(input_(classes="field"), input_(classes="field"))
page.find(".field").value = "same"
print(page.find(".field").value)`), [
      "3 ['a', 'b', 'c'] a c 2 False",
      "['a', 'b', 'c'] [['item'], ['item'], ['item']] True",
      "['x', 'x', 'x'] [['fresh'], ['fresh'], ['fresh']] ['blue', 'blue', 'blue']",
      "['x', 'x', 'x'] t 1px",
      "3 x",
      "['same', 'same']",
    ]);
  });

  test("page: html, head, body, title, find, append; page[id] is the element, page[selector] the collection", async () => {
    const page = await openPage(pyPage(`<div id="1st">digit id</div><p class="para">p</p><p id="é">accented</p><script type="py">
from pyscript.web import page, p, ElementCollection
page.title = "New title"
print(page.title, page.html.tagName, page.head.tagName, page.body.tagName)
page.append(p("appended", id="added"))
# A plain id, with or without "#": the element, or None (PyScript 0.7).
print(type(page["#added"]).__name__, page["#added"].innerHTML, page["added"] == page["#added"], page["nothing-like-this"], page["#nothing"])
print(page["#1st"].innerHTML, page["1st"].id, page["é"].innerHTML, page["p"])
# Any other CSS selector: the collection of its matches (the spec's shorthand for find).
print(type(page[".para"]).__name__, len(page[".para"]), page["p.para"].innerHTML, len(page["body > p"]), len(page[".nothing"]))
page["#added"].update(classes="done")
page["added"].title = "titled"
print(page.find("#added")[0].className, page["#added"].title)
try:
    page[3]
except TypeError as error:
    print(error)
</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), [
      "New title HTML HEAD BODY",
      "p appended True None None",
      "digit id 1st accented None",
      "ElementCollection 1 ['p'] 3 0",
      "done titled",
      "page[...] takes a CSS selector or an id, not 'int'",
    ]);
    assert.equal(await page.page.title(), "New title");
    await page.close();
  });
});

describe("options", () => {
  test("the spec's select example, verbatim", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import select_, option, page
my_select = select_(option("apple", value=1), option("pear"))
page.body.append(my_select)
print(len(my_select.options), my_select.options[0].value, my_select.options[1].value)
selected_option = my_select.options.selected
print(selected_option.innerHTML)
my_select.options.remove(0)  # Remove the first option (in position 0).
print([o.innerHTML for o in my_select.options])
my_select.clear()
print(len(my_select.options))
my_select.options.add(html="Orange")
print(my_select.innerHTML)`), ["2 1 pear", "apple", "['pear']", "0", "<option>Orange</option>"]);
  });

  test("options from tuples and markup; add before; selected; datalist and optgroup", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import select, datalist, optgroup, option
fruit = select(("Apple", "a"), ("Pear", "Pear"), "<option value='m'>Mango</option>")
print([(o.text, o.value) for o in fruit.options])
# As PyScript 0.7: a string child is markup, for a select as for any element.
print(select("some text").innerHTML, len(select("some text").options))
fruit.options.add(value="k", text="Kiwi", before=1, selected=True)
fruit.options.add("z", None, "Zucchini", 0)
print([o.value for o in fruit.options], fruit.options.selected.value)
fruit._dom_element.selectedIndex = -1
print(fruit.options.selected)
fruit.options.remove(99)
try:
    fruit.options[99]
except IndexError as error:
    print("IndexError", error)
suggestions = datalist(("red", "red"), ("green", "green"))
suggestions.options.add(value="blue")
print([o.value for o in suggestions.options], suggestions.options.selected)
group = optgroup(("One", 1), label="numbers")
group.options.add(value=2, text="Two", selected=True)
print([o.text for o in group.options], group.options.selected.text)
group.clear()
print(len(group.options))`), [
      "[('Apple', 'a'), ('Pear', 'Pear'), ('Mango', 'm')]",
      "some text 0",
      "['z', 'a', 'k', 'Pear', 'm'] k",
      "None",
      "IndexError option index 99 out of range (5 options)",
      "['red', 'green', 'blue'] None",
      "['One', 'Two'] Two",
      "0",
    ]);
  });

  test("the spec's children slicing example, verbatim", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div, p
my_element = div(*[p(f"item {i}") for i in range(12)])
for child in my_element.children[10:]:
    print(child.html)`), ["item 10", "item 11"]);
  });
});

describe("events and grid", () => {
  test("on_<event> adds listeners, in the constructor or by assignment", async () => {
    const page = await openPage(pyPage(`<script type="py">
from pyscript.web import button, input_, page
seen = []
go = button("go", id="go", on_click=lambda event: seen.append(event.type))
go.on_click = lambda: seen.append("bare")
go.on_click.add_listener(lambda event: seen.append(event.target.id))
field = input_(id="field")
field.on_input = lambda event: seen.append("input:" + event.target.value)
page.body.append(go, field)
go._dom_element.click()
field.value = "hi"
from pyscript import window
field._dom_element.dispatchEvent(window.Event.new("input"))
print(seen, go.get_event("on_click") is go.on_click)
</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), ["['click', 'bare', 'go', 'input:hi'] True"]);
    await page.close();
  });

  test("grid is a div with a CSS grid layout", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import grid, div, page
layout = grid("1fr 2fr", [div("a"), div("b")], gap="4px", id="g")
page.body.append(layout)
print(layout.tagName, layout.style["display"], layout.style["grid-template-columns"], layout.style["gap"], len(layout.children))`),
    ["DIV grid 1fr 2fr 4px 2"]);
  });
});

describe("collection classes and style: read from the first, write to all", () => {
  test("classes: mutators write to every element, queries answer for the first, by position each element's", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import page
cards = page[".card"]
print(len(cards.classes), "first" in cards.classes, "second" in cards.classes, cards.classes.contains("card"))
cards.classes.add("z", "w v")
cards.classes.remove("w")
print([sorted(names) for names in cards.classes], cards.classes == [{"card", "first", "z", "v"}, {"card", "second", "z", "v"}])
cards.classes.replace("z", "zed")
cards.classes.discard("v")
print(cards.classes.toggle("on"), cards.classes.toggle("on"), cards.classes[0] == {"card", "first", "zed"}, sorted(cards.classes[-1]), len(cards.classes[1:]))
cards[1].classes.add("only-second")
print("only-second" in cards.classes, "only-second" in cards.classes[1], cards.classes)
cards.classes = "fresh start"
print([c.className for c in page[".fresh"]])
page[".fresh"].classes.clear()
print([c.className for c in cards])
try:
    cards.classes[5]
except IndexError as error:
    print("IndexError", error)`, { body: `<p class="card first">1</p><p class="card second">2</p>` }), [
      "2 True False True",
      "[['card', 'first', 'v', 'z'], ['card', 'second', 'v', 'z']] True",
      "True False True ['card', 'second', 'zed'] 1",
      "False True ElementCollection.classes([Classes({'card', 'first', 'zed'}), Classes({'card', 'second', 'zed', 'only-second'})])",
      "['fresh start', 'fresh start']",
      "['', '']",
      "IndexError collection classes index 5 out of range (2 elements)",
    ]);
  });

  test("style: style[k] = v, del and update write to every element; style[k] and get read the first", async () => {
    const page = await openPage(pyPage(`<p class="s" style="color: red">1</p><p class="s" style="color: blue">2</p><script type="py">
from pyscript.web import page
rows = page[".s"]
print(rows.style["color"], rows.style.get("color"), rows.style.get("width"), rows.style.get("width", "auto"), "color" in rows.style, "width" in rows.style)
rows.style["width"] = "10px"
rows.style.update({"margin-top": "2px", "order": 3})
print([s["width"] for s in rows.style], rows.style[1]["color"], rows.style[-1] == {"color": "blue", "width": "10px", "margin-top": "2px", "order": "3"})
del rows.style["color"]
print(rows.style == [{"width": "10px", "margin-top": "2px", "order": 3}] * 2, len(rows.style))
try:
    rows.style["color"]
except KeyError as error:
    print("KeyError", error)
try:
    del rows.style["color"]
except KeyError as error:
    print("KeyError on del", error)
rows.style = {"height": "5px"}
rows[0].style["height"] = "7px"
print(rows.style["height"], rows.style[1]["height"])
</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), [
      "red red None auto True False",
      "['10px', '10px'] blue True",
      "True 2",
      "KeyError 'color'",
      "KeyError on del 'color'",
      "7px 5px",
    ]);
    assert.deepEqual(await page.page.evaluate(() => [...document.querySelectorAll(".s")].map((p) => p.getAttribute("style"))), [
      "width: 10px; margin-top: 2px; order: 3; height: 7px;",
      "width: 10px; margin-top: 2px; order: 3; height: 5px;",
    ]);
    await page.close();
  });

  test("an empty collection: queries answer sensibly, writes do nothing", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import page
none = page[".nothing"]
print(len(none.classes), "a" in none.classes, none.classes.contains("a"), none.classes.toggle("a"), list(none.classes), none.classes == [])
none.classes.add("a")
none.style["color"] = "red"
none.style.update({"color": "red"})
print(none.style.get("color"), none.style.get("color", "unset"), "color" in none.style, len(none.style), none.style == [])
for attempt in (lambda: none.style["color"], lambda: none.style.update("color: red"), lambda: none.classes[0]):
    try:
        attempt()
    except Exception as error:
        print(type(error).__name__, error)`), [
      "0 False False False [] True",
      "None unset False 0 True",
      "KeyError 'color'",
      "TypeError style must be a dict of CSS properties, not 'str'",
      "IndexError collection classes index 0 out of range (0 elements)",
    ]);
  });

  test("the spec's collection attributes: classes, innerHTML, style and value read per element and set on all", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import page, div
my_element = div(*[div(f"item {i}", classes="item") for i in range(12)], id="items")
page.append(my_element)
for child in my_element.children[10:]:
    print(child.html)
items = page.find(".item")
print(len(list(items.classes)), items.innerHTML[:2], len(items.style))
items.classes.add("seen")
items.style["color"] = "green"
items.innerHTML = "same"
print(page.find(".seen").innerHTML == ["same"] * 12, [s["color"] for s in items.style] == ["green"] * 12)`), [
      "item 10",
      "item 11",
      "12 ['item 0', 'item 1'] 12",
      "True True",
    ]);
  });
});

describe('page["#id"] is the element (PyScript 0.7)', () => {
  test("attributes, classes, style, append, children, parent, find, _dom_element and on_<event>", async () => {
    const page = await openPage(pyPage(`<section id="outer"><div id="box" class="start"><span>one</span></div></section><script type="py">
from pyscript.web import page, span
box = page["#box"]
box.title = "titled"
box.classes.add("k")
box.style["color"] = "red"
print(box.id, box.title, "k" in box.classes, box.classes.contains("start"), box.style["color"], box.style.get("width"))
box.append(span("two"), "three")
print(len(box.children), type(box.children[1]).__name__, box.parent.id, len(box.find("span")), box._dom_element.id)
clicks = []
box.on_click = lambda event: clicks.append(event.type)
box._dom_element.click()
page["box"].classes.toggle("start")
page["#box"].classes = "replaced"
page["#box"].style = {"width": "4px"}
print(clicks, box.classes == {"replaced"}, page["#box"].style["width"], page["#box"].update(classes="more") is None)
</script>`));
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual(page.logs(), [
      "box titled True True red None",
      "2 span outer 2 box",
      "['click'] True 4px True",
    ]);
    assert.deepEqual(await page.page.evaluate(() => {
      const box = document.getElementById("box");
      return [box.className, box.getAttribute("style"), box.title, box.innerHTML];
    }), ["replaced more", "color: red; width: 4px;", "titled", "<span>one</span><span>two</span>three"]);
    await page.close();
  });

  test("a collection of several elements does not pretend to be one", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import page
for attempt in (lambda: page.find("p").append("x"), lambda: page.find(".none").parent, lambda: setattr(page["p, b"], "title", "t")):
    try:
        attempt()
    except AttributeError as error:
        print(error)`, { body: "<p>1</p><p>2</p>" }), [
      "ElementCollection has no attribute 'append' (only a one-element collection forwards to its element; this one has 2)",
      "ElementCollection has no attribute 'parent' (only a one-element collection forwards to its element; this one has 0)",
      "cannot set 'title' on an ElementCollection of 2 elements: use update_all() or iterate",
    ]);
  });
});

describe("arguments", () => {
  test("update, update_all, clone, Options.add and ElementCollection take their documented signatures, with CPython's messages", async () => {
    assert.deepEqual(await printed(`
from pyscript.web import div, select, ElementCollection, page
def attempt(label, action):
    try:
        print(label, action())
    except Exception as error:
        print(label, type(error).__name__ + ": " + str(error))
box = div()
attempt("update by position", lambda: (box.update("a b", {"color": "red"}, title="t"), box.className, box.style["color"], box.title))
attempt("update(None, None)", lambda: box.update(None, None))
attempt("update 3", lambda: box.update("a", None, 3))
attempt("update twice", lambda: box.update("a", classes="b"))
attempt("update_all twice", lambda: page.find("p").update_all(None, style={}, classes="x"))
attempt("clone(clone_id=)", lambda: box.clone(clone_id="copy").id)
attempt("clone(5)", lambda: box.clone(5))
attempt("clone 2", lambda: box.clone("a", "b"))
attempt("clone(id=)", lambda: box.clone(id="x"))
menu = select()
attempt("add by position", lambda: (menu.options.add("v", None, "Text").value, menu.options[0].text))
attempt("add 5", lambda: menu.options.add(1, 2, 3, 4, 5))
attempt("add twice", lambda: menu.options.add(1, value=2))
attempt("ElementCollection(elements=)", lambda: len(ElementCollection(elements=[box])))
attempt("ElementCollection 2", lambda: ElementCollection([], []))`), [
      "update by position (None, 'a b', 'red', 't')",
      "update(None, None) None",
      "update 3 TypeError: update expected at most 2 arguments, got 3",
      "update twice TypeError: update() got multiple values for argument 'classes'",
      "update_all twice TypeError: update_all() got multiple values for argument 'classes'",
      "clone(clone_id=) copy",
      "clone(5) TypeError: clone() argument 'clone_id' must be a str or None",
      "clone 2 TypeError: clone expected at most 1 argument, got 2",
      "clone(id=) TypeError: clone() got an unexpected keyword argument 'id'",
      "add by position ('v', 'Text')",
      "add 5 TypeError: add expected at most 4 arguments, got 5",
      "add twice TypeError: add() got multiple values for argument 'value'",
      "ElementCollection(elements=) 1",
      "ElementCollection 2 TypeError: ElementCollection expected at most 1 argument, got 2",
    ]);
  });
});
