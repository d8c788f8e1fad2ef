// `<script type="py-editor">` and `mpy-editor` (js/editor.js): the code in a CodeMirror editor,
// runs in a worker per environment, output below the editor, setup editors, errors, stop, and
// the script's `code` property.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

/** Opens `body` and waits until its `count` editors are shown. */
async function editors(body, count) {
  const page = await openPage(pyPage(body), {
    waitFor: `document.querySelectorAll(".py-editor-box, .mpy-editor-box").length >= ${count}`,
  });
  assert.deepEqual(page.pageErrors, []);
  return page;
}

/** Clicks the run button of editor `index` and waits until that run ended. */
async function run(page, index = 0) {
  await page.page.evaluate((index) => {
    document.querySelectorAll(".py-editor-run-button, .mpy-editor-run-button")[index].click();
  }, index);
  await page.page.waitForFunction((index) => {
    const button = document.querySelectorAll(".py-editor-run-button, .mpy-editor-run-button")[index];
    return !button.classList.contains("running");
  }, index);
}

const output = (page, index = 0) =>
  page.page.evaluate((index) => document.querySelectorAll(".py-editor-output, .mpy-editor-output")[index].textContent, index);

describe("py-editor", () => {
  test("shows the code in an editor; the run button runs it and its output appears below", async () => {
    const page = await editors(`<script type="py-editor">
import sys
print("hello from", sys.implementation.name)
print(6 * 7)
</script>`, 1);
    const shown = await page.page.evaluate(() => {
      const script = document.querySelector("script[type^=py-editor]");
      const box = document.querySelector("py-editor .py-editor-box");
      const editorText = box.querySelector(".py-editor-input > div").shadowRoot.querySelector(".cm-content").textContent;
      return { type: script.type, editorText, button: box.querySelector("button").className };
    });
    assert.equal(shown.type, "py-editor-active");
    assert.match(shown.editorText, /print\(6 \* 7\)/);
    assert.equal(shown.button, "absolute py-editor-run-button");
    await page.page.waitForFunction(() => !document.querySelector(".py-editor-run-button").classList.contains("running"));
    await page.page.locator(".py-editor-run-button").click();
    await page.page.waitForFunction(() => document.querySelector(".py-editor-output").textContent.includes("42"));
    assert.equal(await output(page), "hello from rustpython\n42\n");
    await page.close();
  });

  test("Shift+Enter runs; display() writes into the output; a second run replaces the output", async () => {
    const page = await editors(`<script type="py-editor">
from pyscript import display
display("shown by display")
</script>`, 1);
    await page.page.locator(".cm-content").click();
    await page.page.keyboard.press("Shift+Enter");
    await page.page.waitForFunction(() => document.querySelector(".py-editor-output").textContent.includes("shown by display"));
    await run(page);
    assert.equal(await output(page), "shown by display");
    await page.close();
  });

  test("editors with the same env share one interpreter; a setup editor runs first and is not shown", async () => {
    const page = await editors(`
<script type="py-editor" env="shared" setup>
base = 40
print("setup ran")
</script>
<script type="py-editor" env="shared">
a = base + 1
print(a)
</script>
<script type="py-editor" env="shared">
print(a + 1)
</script>
<script type="py-editor">
print("base" in globals())
</script>`, 3);
    assert.equal(await page.page.locator(".py-editor-box").count(), 3);
    await run(page, 0);
    assert.equal(await output(page, 0), "41\n");
    await run(page, 1);
    assert.equal(await output(page, 1), "42\n");
    await run(page, 2);
    assert.equal(await output(page, 2), "False\n");
    assert.ok(page.console.some((message) => message.text === "setup ran"));
    await page.close();
  });

  test("an error shows its traceback in the output, and the environment runs on", async () => {
    const page = await editors(`<script type="py-editor" env="e">
def broken():
    return 1 / 0
broken()
</script><script type="py-editor" env="e">
print("still running")
</script>`, 2);
    await run(page, 0);
    const text = await output(page, 0);
    assert.match(text, /Traceback \(most recent call last\)/);
    assert.match(text, /line 2, in broken/);
    assert.match(text, /ZeroDivisionError: division by zero/);
    const color = await page.page.evaluate(() => document.querySelector(".py-editor-output span").style.color);
    assert.equal(color, "red");
    await run(page, 1);
    assert.equal(await output(page, 1), "still running\n");
    await page.close();
  });

  test("the button of a running editor stops it: a `while True:` loop ends, and the next run starts afresh", async () => {
    const page = await editors(`<script type="py-editor" env="loop">
import time
counter = globals().get("counter", 0) + 1
print("run", counter)
while True:
    time.sleep(0.01)
</script>`, 1);
    page.page.on("dialog", (dialog) => dialog.accept());
    const button = page.page.locator(".py-editor-run-button");
    await button.click();
    await page.page.waitForFunction(() => document.querySelector(".py-editor-output").textContent.includes("run 1"));
    assert.equal(await button.getAttribute("class"), "absolute py-editor-run-button running");
    await button.click();
    await page.page.waitForFunction(() => !document.querySelector(".py-editor-run-button").classList.contains("running"));
    // A new worker: `counter` is gone.
    await button.click();
    await page.page.waitForFunction(() => document.querySelector(".py-editor-output").textContent.includes("run 1"));
    await button.click();
    await page.page.waitForFunction(() => !document.querySelector(".py-editor-run-button").classList.contains("running"));
    await page.close();
  });

  test("the script's `code` reads and sets the editor's source; mpy-editor; a config per env", async () => {
    const page = await editors(`<script type="mpy-editor" config='{"greeting": "hi"}'>
print("old")
</script>`, 1);
    const before = await page.page.evaluate(() => document.querySelector("script[type^=mpy-editor]").code);
    assert.equal(before, 'print("old")');
    await page.page.evaluate(() => {
      document.querySelector("script[type^=mpy-editor]").code = "from pyscript import config\nprint(config['type'], config['greeting'])";
    });
    const shownText = await page.page.evaluate(() => document.querySelector(".mpy-editor-input > div").shadowRoot.querySelector(".cm-content").textContent);
    assert.match(shownText, /config\['greeting'\]/);
    await run(page);
    assert.equal(await output(page), "mpy hi\n");
    await page.close();
  });

  test("two configs for one env are refused unless env-override", async () => {
    const page = await editors(`
<script type="py-editor" env="c" config='{}'>print(1)</script>
<script type="py-editor" env="c" config='{}'>print(2)</script>`, 1);
    await page.page.waitForFunction(() => document.querySelector(".py-error"));
    assert.match((await page.errors()).join(" "), /duplicated config for env: py-c/);
    await page.close();
  });

  test("terminal: the output goes to a terminal under the editor, which keeps what earlier runs wrote, and input() reads from it", async () => {
    const page = await editors(`<script type="py-editor" terminal>
name = input("name? ")
print("hello", name)
</script>`, 1);
    const rows = () => page.page.evaluate(() => document.querySelector(".py-editor-output .xterm-rows")?.textContent ?? "");
    const clicked = page.page.evaluate(() => document.querySelector(".py-editor-run-button").click());
    await page.page.waitForFunction(() => document.querySelector(".py-editor-output .xterm-rows")?.textContent.includes("name? "));
    await clicked;
    await page.page.locator(".py-editor-output .xterm-helper-textarea").focus();
    await page.page.keyboard.type("Ada");
    await page.page.keyboard.press("Enter");
    await page.page.waitForFunction(() => !document.querySelector(".py-editor-run-button").classList.contains("running"));
    assert.match(await rows(), /name\? Ada.*hello Ada/);
    await page.page.evaluate(() => document.querySelector(".py-editor-run-button").click());
    await page.page.waitForFunction(() => (document.querySelector(".py-editor-output .xterm-rows").textContent.match(/name\? /g) ?? []).length === 2);
    assert.match(await rows(), /hello Ada.*name\? /, "the first run's output is still there");
    await page.close();
  });

  test("onbeforerun runs first in the env; script.handleEvent sees each run with its code and cancels it with false; data-run/data-stop icons", async () => {
    const page = await editors(`<script type="py-editor" env="hooks" onbeforerun="prefix = 'before:'" data-run="<b>RUN</b>" data-stop="<b>STOP</b>">
print(prefix, 6 * 7)
</script>`, 1);
    assert.equal(await page.page.evaluate(() => document.querySelector(".py-editor-run-button").innerHTML), "<b>RUN</b>");
    await run(page);
    assert.equal(await output(page), "before: 42\n");

    await page.page.evaluate(() => {
      const script = document.querySelector("script[type^=py-editor]");
      window.seen = [];
      script.handleEvent = (event) => {
        window.seen.push([event.type, event.code.trim()]);
        if (window.seen.length === 1) return false; // the first run is cancelled
        if (window.seen.length === 2) script.code = "import time\nprint('changed'); time.sleep(0.3)";
        return true;
      };
      document.querySelector(".py-editor-output").textContent = "";
    });
    await run(page);
    assert.equal(await output(page), "", "cancelled: nothing ran");
    // The override's new code is what runs; the stop icon shows while it does.
    const clicked = page.page.evaluate(() => document.querySelector(".py-editor-run-button").click());
    await page.page.waitForFunction(() => document.querySelector(".py-editor-run-button").innerHTML === "<b>STOP</b>");
    await clicked;
    await page.page.waitForFunction(() => document.querySelector(".py-editor-run-button").innerHTML === "<b>RUN</b>");
    assert.equal(await output(page), "changed\n");
    // Shift+Enter clicks the button: the override sees a click too.
    await page.page.locator(".py-editor-input > div").evaluate((host) => host.shadowRoot.querySelector(".cm-content").focus());
    await page.page.keyboard.press("Shift+Enter");
    await page.page.waitForFunction(() => window.seen.length === 3 && !document.querySelector(".py-editor-run-button").classList.contains("running"));
    assert.deepEqual(await page.page.evaluate(() => window.seen), [
      ["click", "print(prefix, 6 * 7)"],
      ["click", "print(prefix, 6 * 7)"],
      ["click", "import time\nprint('changed'); time.sleep(0.3)"],
    ]);
    await page.close();
  });
});
