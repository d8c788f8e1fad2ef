// JS modules from Python: js_import and the config's js_modules.

import assert from "node:assert/strict";
import { test } from "node:test";
import { printed, useBrowser } from "./harness.mjs";

useBrowser();

test("js_import loads modules (relative to the page) and returns their namespaces in order", async () => {
  const logs = await printed(`
from pyscript import js_import
greeter, adder = await js_import("files/greeter.mjs", "/tests/pages/files/adder.mjs")
print(greeter.name, greeter.greet("Python"), adder.default(2, 3))
print(await js_import())
try:
    await js_import("files/missing.mjs")
except ImportError as error:
    print("ImportError:", str(error).startswith("cannot import the JS module files/missing.mjs: TypeError"))
`);
  assert.deepEqual(logs, ["greeter Hello, Python! 5", "()", "ImportError: True"]);
});

test("js_modules in the config: importable by name and by dotted name, CSS as a stylesheet, clear ImportErrors", async () => {
  const logs = await printed(
    `
from pyscript.js_modules import greeter
print(greeter.greet("config"))
import pyscript.js_modules as js_modules
print(js_modules.greeter.name)
# As PyScript 0.7: each module is importable by its dotted name too.
from pyscript.js_modules.greeter import greet, name
import pyscript.js_modules.greeter
print(greet("dotted"), name, pyscript.js_modules.greeter is greeter)
try:
    from pyscript.js_modules import nope
except ImportError as error:
    print("ImportError:", error)
try:
    from pyscript.js_modules import broken
except ImportError as error:
    print("ImportError:", "did not load" in str(error), "missing.mjs" in str(error))
from pyscript import document
print(document.defaultView.getComputedStyle(document.querySelector(".marked")).outlineStyle)
`,
    { body: `<py-config src="files/modules.toml"></py-config><p class="marked">marked</p>` },
  );
  assert.deepEqual(logs, [
    "Hello, config!",
    "greeter",
    "Hello, dotted! greeter True",
    `ImportError: no JS module named 'nope': add it to the config's js_modules.main as {url = "nope"}`,
    "ImportError: True True",
    "dotted",
  ]);
});
