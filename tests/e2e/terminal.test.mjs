// The `terminal` attribute (main: output only; worker: interactive `input()`) and `donkey`.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

// The text of an xterm.js terminal, its non-empty lines joined by "|".
const TERMINAL_TEXT = `<script>
window.terminalText = (terminal) => {
  const buffer = terminal.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i).translateToString(true);
    if (line) lines.push(line);
  }
  return lines.join("|");
};
</script>`;

async function waitForText(page, expression, expected, timeout = 20000) {
  await page.page.waitForFunction(
    ([expression, expected]) => {
      try {
        return eval(expression).includes(expected);
      } catch {
        return false;
      }
    },
    [expression, expected],
    { timeout, polling: 20 },
  );
  return page.page.evaluate(expression);
}

test("a main terminal shows print output and refuses input(); a second main terminal is an error", async () => {
  const page = await openPage(
    pyPage(`${TERMINAL_TEXT}
<script type="py" terminal id="main">
print("hello terminal")
print("__terminal__ has write:", hasattr(__terminal__, "write"))
try:
    input("name? ")
except RuntimeError as error:
    print("input() raised:", "worker" in str(error))
</script>
<script type="py" terminal id="second">print("never")</script>`),
  );
  const text = await page.page.evaluate(() => terminalText(document.getElementById("main").terminal));
  assert.equal(text, "hello terminal|__terminal__ has write: True|input() raised: True");
  assert.equal(await page.page.evaluate(() => document.querySelectorAll("py-terminal .xterm").length), 1);
  const errors = await page.errors();
  assert.equal(errors.length, 1);
  assert.match(errors[0], /at most 1 main terminal/);
  await page.close();
});

test("a worker terminal prints and reads input() typed by the user", async () => {
  const page = await openPage(
    pyPage(`${TERMINAL_TEXT}
<script type="py" worker terminal id="shell">
print("worker ready")
name = input("name? ")
print(f"hello {name}!")
</script>`),
    { waitFor: "document.getElementById('shell')?.terminal && terminalText(document.getElementById('shell').terminal).includes('name? ')" },
  );
  await page.page.locator("py-terminal .xterm-helper-textarea").focus();
  await page.page.keyboard.type("Ada");
  await page.page.keyboard.press("Enter");
  const text = await waitForText(page, "terminalText(document.getElementById('shell').terminal)", "hello Ada!");
  assert.equal(text, "worker ready|name? Ada|hello Ada!");
  await page.page.waitForFunction(() => window.__pyAllDone === true);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("donkey: execute, evaluate, process, persistent and fresh namespaces, errors in red, clear, reset, kill, restart of a busy worker", async () => {
  const page = await openPage(
    pyPage(`${TERMINAL_TEXT}<div id="donkey-box"></div><div id="fresh-box"></div>
<script type="module">
import { donkey } from "/dist/core.js";
const results = (window.results = {});
const ass = donkey({ persistent: true, terminal: "#donkey-box" });
const { execute, evaluate, process, clear, reset, kill } = await ass;
results.members = [typeof execute, typeof evaluate, typeof process, typeof clear, typeof reset, typeof kill, "then" in (await ass)];
await execute(\`
    x = 20
    def double(n):
        return n * 2
\`);
results.evaluated = await evaluate("double(x) + 2");
results.failed = await evaluate("1 / 0");
await process("print('processed', x)");
const box = document.getElementById("donkey-box");
results.text = terminalText(box.terminal);
const buffer = box.terminal.buffer.active;
for (let i = 0; i < buffer.length; i++) {
  const line = buffer.getLine(i);
  if (line.translateToString(true).startsWith("ZeroDivisionError")) results.errorColour = [line.getCell(0).getFgColor(), Boolean(line.getCell(0).isBold())];
}
results.busy = await Promise.all([execute("while True: pass"), new Promise((resolve) => setTimeout(resolve, 300)).then(() => evaluate("'restarted' if 'x' not in globals() else 'same'"))]);
await execute("print('before clear')");
await clear();
results.cleared = terminalText(box.terminal);
await reset();
const fresh = donkey({ persistent: false, terminal: "#fresh-box" });
await fresh.execute("y = 1");
results.fresh = await fresh.evaluate("'y' in dir()");
results.freshValue = await fresh.evaluate("6 * 7");
await fresh.kill();
results.killed = document.querySelectorAll("#fresh-box .xterm").length;
results.done = true;
</script>`),
    { waitFor: "window.results?.done === true" },
  );
  const results = await page.page.evaluate(() => window.results);
  assert.deepEqual(results.members, ["function", "function", "function", "function", "function", "function", false]);
  assert.equal(results.evaluated, 42);
  assert.equal(results.failed, undefined);
  assert.equal(results.text, "ZeroDivisionError: division by zero|>>> print('processed', x)|processed 20");
  assert.deepEqual(results.errorColour, [1, true], "the error is red and bold");
  assert.ok(!results.cleared.includes("before clear"), results.cleared);
  assert.deepEqual(results.busy, [undefined, "restarted"]);
  assert.equal(results.fresh, false);
  assert.equal(results.freshValue, 42);
  assert.equal(results.killed, 0);
  await page.close();
});
