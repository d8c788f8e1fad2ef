// The runtime's wasm API as core.js uses it (`PythonInterpreter`: new, setConfig, run), driven
// directly from a page that loads only the wasm: interpreters, config, runs, the error contract
// with core.js, and the bridge seen from the JS side.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, useBrowser } from "./harness.mjs";

useBrowser();

const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body></body></html>`;

/**
 * Evaluates `body` (the text of an async JS function of `PythonInterpreter` and a `run`
 * helper that throws the Python message) in a page holding a fresh runtime instance.
 */
async function withRuntime(body) {
  const page = await openPage(BARE_PAGE, { waitFor: "true" });
  try {
    const result = await page.page.evaluate(async (source) => {
      const { instantiateRuntime } = await import("/dist/wasm-instance.js");
      const { PythonInterpreter } = await instantiateRuntime();
      const run = (interpreter, code) => interpreter.run(code, "<test>", "");
      return await new Function("PythonInterpreter", "run", `return (async () => {${source}})()`)(PythonInterpreter, run);
    }, body);
    assert.deepEqual(page.pageErrors, [], "no error escaped to the page");
    return result;
  } finally {
    await page.close();
  }
}

test("Python reads and writes JS globals", async () => {
  const value = await withRuntime(`
    run(new PythonInterpreter("py"), "import js\\njs.fromPython = [1, 2.5, 'three', None, True]");
    return { length: fromPython.length, items: fromPython.map((item) => item === undefined ? "undefined" : item) };
  `);
  assert.deepEqual(value, { length: 5, items: [1, 2.5, "three", "undefined", true] });
});

test("scripts of one interpreter share globals, interpreters do not", async () => {
  const seen = await withRuntime(`
    const py = new PythonInterpreter("py");
    const mpy = new PythonInterpreter("mpy");
    run(py, "shared = 'py value'");
    run(mpy, "import js\\njs.seenByMpy = 'shared' in globals()");
    run(py, "import js\\njs.seenByPy = shared");
    return [seenByMpy, seenByPy];
  `);
  assert.deepEqual(seen, [false, "py value"]);
});

test("a Python exception is thrown as a PythonError carrying the traceback", async () => {
  const error = await withRuntime(`
    try {
      new PythonInterpreter("py").run("def f():\\n    raise ValueError('bad value')\\nf()", "demo.py", "");
    } catch (error) {
      return { name: error.name, message: error.message, pythonType: error.pythonType };
    }
  `);
  assert.equal(error.name, "PythonError");
  assert.equal(error.pythonType, "ValueError");
  assert.match(error.message, /^Traceback \(most recent call last\):/);
  assert.match(error.message, /File "demo\.py", line 3, in <module>/);
  assert.match(error.message, /ValueError: bad value$/);
});

test("the interpreter keeps working after an exception", async () => {
  const outcome = await withRuntime(`
    const interpreter = new PythonInterpreter("py");
    let threw = false;
    try { run(interpreter, "1/0"); } catch { threw = true; }
    run(interpreter, "import js\\njs.afterError = 'fine'");
    return [threw, afterError];
  `);
  assert.deepEqual(outcome, [true, "fine"]);
});

test("config is parsed from JSON and TOML and gets its type", async () => {
  const outcome = await withRuntime(`
    const interpreter = new PythonInterpreter("mpy");
    const json = interpreter.setConfig('name = "demo"\\n[table]\\nwhen = 1979-05-27', "toml");
    run(interpreter, "from pyscript import config\\nimport js\\njs.configName = config['name'] + ' ' + config['type']");
    const failures = [];
    for (const [text, format] of [["[1, 2]", "json"], ["{}", "yaml"]]) {
      try { interpreter.setConfig(text, format); } catch (error) { failures.push(error.message); }
    }
    return { json, configName, failures };
  `);
  assert.equal(outcome.json, '{"name": "demo", "table": {"when": "1979-05-27"}, "type": "mpy"}');
  assert.equal(outcome.configName, "demo mpy");
  assert.equal(outcome.failures.length, 2);
  assert.match(outcome.failures[0], /TypeError: a config must be a table\/object, not list/);
  assert.match(outcome.failures[1], /unknown config format 'yaml'/);
});

test("current_target() answers the id given to run", async () => {
  const target = await withRuntime(`
    new PythonInterpreter("py").run("from pyscript import current_target\\nimport js\\njs.target = current_target()", "<test>", "py-7");
    return target;
  `);
  assert.equal(target, "py-7");
});

test("an unknown script type is a TypeError", async () => {
  const outcome = await withRuntime(`
    try { new PythonInterpreter("python"); } catch (error) { return [error instanceof TypeError, error.message]; }
  `);
  assert.equal(outcome[0], true);
  assert.match(outcome[1], /python/);
});

test("JS exceptions become catchable JsException objects", async () => {
  const caught = await withRuntime(`
    run(new PythonInterpreter("py"), [
      "import js",
      "from pyscript.ffi import JsException",
      "try:",
      "    js.eval('throw new TypeError(\\"from JS\\")')",
      "except JsException as e:",
      "    js.caught = str(e) + ' / ' + e.js_error.name",
    ].join("\\n"));
    return caught;
  `);
  assert.equal(caught, "TypeError: from JS / TypeError");
});
