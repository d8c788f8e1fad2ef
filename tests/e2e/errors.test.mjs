// Python errors are shown on the page and in the console; the page keeps working, even
// after the wasm instance itself has failed.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

describe("tracebacks", () => {
  test("an uncaught exception shows a readable traceback with file and line, on the page and in the console", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
def inner():
    raise ValueError("something went wrong")

inner()
</script>
<script type="py">print("the next script still runs")</script>`),
    );
    const [error] = await page.errors();
    assert.match(error, /^Traceback \(most recent call last\):\n/);
    assert.match(error, /File "<py script 1>", line 5, in <module>\n    inner\(\)\n/);
    assert.match(error, /File "<py script 1>", line 3, in inner\n    raise ValueError\("something went wrong"\)\n/);
    assert.match(error, /ValueError: something went wrong$/);
    assert.ok(page.console.some((message) => message.type === "error" && message.text === error));
    assert.deepEqual(page.logs(), ["the next script still runs"]);
    const box = await page.page.evaluate(() => {
      const element = document.querySelector(".py-error");
      return { parent: element.parentElement.localName, whiteSpace: getComputedStyle(element).whiteSpace };
    });
    assert.deepEqual(box, { parent: "body", whiteSpace: "pre-wrap" });
    await page.close();
  });

  test("a src file's traceback names the file", async () => {
    const page = await openPage(pyPage(`<script type="py" src="files/fails.py"></script>`));
    const [error] = await page.errors();
    assert.match(error, /File "files\/fails\.py", line 5, in <module>\n    explode\(\)\n/);
    assert.match(error, /File "files\/fails\.py", line 2, in explode/);
    assert.match(error, /RuntimeError: raised in a src file$/);
    await page.close();
  });

  test("a syntax error names the line", async () => {
    const page = await openPage(pyPage(`<script type="py">
x = 1
def broken(:
    pass
</script>`));
    const [error] = await page.errors();
    assert.match(error, /File "<py script 1>", line 3/);
    assert.match(error, /SyntaxError/);
    await page.close();
  });

  test("error text is shown as text, not markup", async () => {
    const page = await openPage(pyPage(`<script type="py">raise Exception("<img src=x onerror='window.pwned=1'>")</script>`));
    await page.page.waitForTimeout(100);
    assert.equal(await page.page.evaluate(() => window.pwned), undefined);
    assert.match((await page.errors())[0], /Exception: <img src=x onerror='window.pwned=1'>/);
    await page.close();
  });
});

describe("a failing wasm instance", () => {
  test("a native stack overflow is reported and later scripts run in a fresh interpreter", async () => {
    const page = await openPage(
      pyPage(`
<script type="py">survivor = "from before"</script>
<script type="py">
nested = []
for _ in range(200000):
    nested = [nested]
repr(nested)
</script>
<script type="py">
print("after the failure:", globals().get("survivor", "a fresh interpreter"))
</script>`),
    );
    const errors = await page.errors();
    assert.equal(errors.length, 1);
    assert.match(errors[0], /(RecursionError|the Python interpreter stopped while running <py script 2>)/);
    assert.equal(page.pageErrors.length, 0);
    assert.equal(page.logs().length, 1);
    assert.match(page.logs()[0], /^after the failure: /);
    await page.close();
  });

  test("a trap outside a script (in an event handler or a loop turn) is shown, and later scripts get a fresh interpreter", async () => {
    const page = await openPage(pyPage(`<script type="py">survivor = "from before"</script>`));
    // What the runtime's panic hook announces just before the instance aborts.
    await page.page.evaluate(() => {
      dispatchEvent(new CustomEvent("pyscript-rs:panic", { detail: "pyscript-rs internal error (the interpreter stopped): simulated" }));
      const script = document.createElement("script");
      script.type = "py";
      script.textContent = 'import js\njs.document.body.dataset.later = globals().get("survivor", "a fresh interpreter")';
      document.body.append(script);
    });
    const later = await page.page.waitForFunction(() => document.body.dataset.later);
    assert.equal(await later.jsonValue(), "a fresh interpreter");
    assert.deepEqual(await page.errors(), [
      "pyscript-rs: the Python interpreter stopped: pyscript-rs internal error (the interpreter stopped): simulated\nLater scripts run in a fresh interpreter.",
    ]);
    await page.close();
  });
});

describe("sys.stderr", () => {
  test("what main-thread code writes to sys.stderr shows on the page, the lines of one run in one box, as PyScript shows it", async () => {
    const page = await openPage(
      pyPage(`<script type="mpy">
import sys
print("This is an error", file=sys.stderr)
</script>
<script type="py">
import sys
sys.stderr.write("two lines\\nin one run")
print("not an error")
</script>
<script type="py">
from pyscript import window
import sys
def later(*args):
    print("from a callback", file=sys.stderr)
window.setTimeout(later, 0)
</script>
<script type="py" worker>
import sys
print("a worker's stderr stays in the console", file=sys.stderr)
</script>`),
      { waitFor: "document.querySelectorAll('.py-error').length === 3" },
    );
    assert.deepEqual(await page.errors(), ["This is an error", "two lines\nin one run", "from a callback"]);
    // Each line reaches the console once.
    assert.equal(page.console.filter((message) => message.text === "This is an error").length, 1);
    assert.ok(page.logs().includes("not an error"));
    await page.close();
  });

  test("a page without stderr output has no error box", async () => {
    const page = await openPage(pyPage(`<script type="mpy">print("all fine")</script>`));
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
});
