// JS modules from Python: js_import.

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
