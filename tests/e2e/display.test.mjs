// display() and HTML: every MIME type of the spec, the _repr_*_ protocol, target= and append=.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

/** Runs `code` in a script whose output goes to <div id="out">, returns its innerHTML. */
async function displayed(code, { extra = "" } = {}) {
  const page = await openPage(pyPage(`<div id="out"></div>${extra}<script type="py" target="out">\n${code}\n</script>`));
  const html = await page.html("#out");
  const errors = await page.errors();
  await page.close();
  assert.deepEqual(errors, [], "no Python error");
  return html;
}

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("values and MIME types", () => {
  test("a str is escaped text, never markup", async () => {
    assert.equal(await displayed(`from pyscript import display\ndisplay("<em>em</em> & 'q' \\"d\\"")`),
      "<div>&lt;em&gt;em&lt;/em&gt; &amp; 'q' \"d\"</div>");
  });

  test("an injection attempt shows as text and runs nothing", async () => {
    const page = await openPage(pyPage(`<div id="out"></div><script type="py" target="out">
from pyscript import display
display("<img src=x onerror=\\"window.pwned = true\\">")
display("<script>window.pwned = true</" + "script>")
</script>`));
    await page.page.waitForTimeout(200);
    assert.equal(await page.page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.page.locator("#out img").count(), 0);
    assert.deepEqual(await page.page.locator("#out div").allTextContents(),
      ['<img src=x onerror="window.pwned = true">', "<script>window.pwned = true</script>"]);
    await page.close();
  });

  test("other values show their repr(); None shows None", async () => {
    assert.equal(await displayed(`from pyscript import display\ndisplay(42, 0.1 + 0.2, [1, "a"], {"k": None}, None)`),
      "<div>42</div><div>0.30000000000000004</div><div>[1, 'a']</div><div>{'k': None}</div><div>None</div>");
  });

  test("HTML() and _repr_html_ insert markup", async () => {
    assert.equal(await displayed(`from pyscript import display, HTML
class Card:
    def _repr_html_(self):
        return "<b>card</b>"
display(HTML("<em>em</em>"), Card())`), "<div><em>em</em></div><div><b>card</b></div>");
  });

  test("image/svg+xml is inserted as markup", async () => {
    assert.equal(await displayed(`from pyscript import display
class Shape:
    def _repr_svg_(self):
        return '<svg width="4" height="4"><rect width="4" height="4"></rect></svg>'
display(Shape())`), '<div><svg width="4" height="4"><rect width="4" height="4"></rect></svg></div>');
  });

  test("image/png and image/jpeg become <img> data URLs, from bytes or base64 text, with metadata", async () => {
    const html = await displayed(`from pyscript import display
import binascii
class Png:
    def _repr_png_(self):
        return binascii.a2b_base64("${PNG}")
class Jpeg:
    def _repr_jpeg_(self):
        return ("/9j/AAAA", {"width": 10, "alt": 'a "quoted" alt'})
display(Png(), Jpeg())`);
    assert.equal(html, `<div><img src="data:image/png;base64,${PNG}"></div>` +
      `<div><img src="data:image/jpeg;base64,/9j/AAAA" width="10" alt="a &quot;quoted&quot; alt"></div>`);
  });

  test("application/json: a str is inserted as returned, other values are json.dumps-ed", async () => {
    assert.equal(await displayed(`from pyscript import display
class Text:
    def _repr_json_(self):
        return '{"a": 1}'
class Data:
    def _repr_json_(self):
        return {"b": [1, 2]}
display(Text(), Data())`), '<div>{"a": 1}</div><div>{"b": [1, 2]}</div>');
  });

  test("application/javascript becomes a <script> that runs", async () => {
    const page = await openPage(pyPage(`<div id="out"></div><script type="py" target="out">
from pyscript import display
class Code:
    def _repr_javascript_(self):
        return "window.ranFromPython = 6 * 7"
display(Code())
</script>`));
    assert.equal(await page.page.evaluate(() => window.ranFromPython), 42);
    assert.equal(await page.html("#out"), "<div><script>window.ranFromPython = 6 * 7</script></div>");
    await page.close();
  });

  test("scripts inside displayed HTML run", async () => {
    const page = await openPage(pyPage(`<div id="out"></div><script type="py" target="out">
from pyscript import display, HTML
display(HTML("<p>p</p><script>window.fromFragment = 'yes'</" + "script>"))
</script>`));
    assert.equal(await page.page.evaluate(() => window.fromFragment), "yes");
    await page.close();
  });

  test("_repr_mimebundle_: first known type in dict order wins, metadata merged", async () => {
    assert.equal(await displayed(`from pyscript import display
class Bundle:
    def _repr_mimebundle_(self):
        return ({"text/markdown": "# no renderer", "image/png": ("${PNG}", {"height": 3}), "text/plain": "plain"},
                {"image/png": {"width": 2}})
class Plain:
    def _repr_mimebundle_(self):
        return {"text/plain": "<plain>"}
class Empty:
    def _repr_mimebundle_(self):
        return None
    def __repr__(self):
        return "fell back to repr"
display(Bundle(), Plain(), Empty())`),
      `<div><img src="data:image/png;base64,${PNG}" width="2" height="3"></div><div>&lt;plain&gt;</div><div>fell back to repr</div>`);
  });

  test("a figure with savefig() is shown as PNG", async () => {
    assert.equal(await displayed(`from pyscript import display
import binascii
class Figure:
    def savefig(self, stream, format):
        assert format == "png"
        stream.write(binascii.a2b_base64("${PNG}"))
display(Figure())`), `<div><img src="data:image/png;base64,${PNG}"></div>`);
  });

  test("_repr_ methods are tried in the spec's order, skipping those that return None", async () => {
    assert.equal(await displayed(`from pyscript import display
class Many:
    def _repr_png_(self):
        return None
    def _repr_html_(self):
        return "<i>html wins over json</i>"
    def _repr_json_(self):
        return "{}"
display(Many())`), "<div><i>html wins over json</i></div>");
  });
});

describe("target= and append=", () => {
  test("target= takes an id with or without #", async () => {
    const page = await openPage(pyPage(`<p id="other"></p><script type="py">from pyscript import display\ndisplay("a", target="other")\ndisplay("b", target="#other")</script>`));
    assert.equal(await page.html("#other"), "<div>a</div><div>b</div>");
    await page.close();
  });

  test("a missing target raises ValueError naming it", async () => {
    const page = await openPage(pyPage(`<script type="py">
from pyscript import display
for target in ("nowhere", "", "##x"):
    try:
        display("x", target=target)
    except ValueError as error:
        print(error)
</script>`));
    assert.deepEqual(page.logs(), [
      "Cannot find element with id='nowhere' in the page.",
      "Cannot find element with id='' in the page.",
      "Cannot find element with id='#x' in the page.",
    ]);
    await page.close();
  });

  test("append=True adds one <div> per value; append=False replaces, each value the one before (PyScript 0.7)", async () => {
    assert.equal(await displayed(`from pyscript import display
display("old")
display("a", "b")
from pyscript import HTML
display("x", HTML("<b>y</b>"), append=False)`), "<b>y</b>");
    assert.equal(await displayed(`from pyscript import display
display("old")
display("x", 3, "", append=False)`), "3");
    assert.equal(await displayed(`from pyscript import display\ndisplay("keep")\ndisplay("a", "b")`), "<div>keep</div><div>a</div><div>b</div>");
  });

  test("append=False with nothing to show still empties the target", async () => {
    assert.equal(await displayed(`from pyscript import display\ndisplay("old")\ndisplay("", append=False)`), "");
  });

  test("empty and whitespace-only values are skipped", async () => {
    assert.equal(await displayed(`from pyscript import display\ndisplay("", "\\n", "  ", "kept")`), "<div>kept</div>");
  });

  test("display() returns None", async () => {
    const page = await openPage(pyPage(`<script type="py">from pyscript import display; print(display("x"))</script>`));
    assert.deepEqual(page.logs(), ["None"]);
    await page.close();
  });
});
