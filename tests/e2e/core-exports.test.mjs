// What `core.js` exports, as PyScript's does: `hooks` (main and worker), `config`,
// `whenDefined`, `TYPES`, `PyWorker`, `MPWorker`.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

test("core.js exports PyScript's names; main and worker hooks run around scripts", async () => {
  const page = await openPage(
    pyPage(
      `<script type="py" id="main-script">
print("main sees", before_value)
after_value = "set by the script"
</script>
<script type="py" worker id="worker-script">
import js
print("worker sees", before_value, js.fromWorkerHook)
</script>`,
      {
        head: `<py-config>{"answer": 42}</py-config>
<script type="module">
  import * as core from "/dist/core.js";
  const { hooks, TYPES, PyWorker, MPWorker, whenDefined, config } = core;
  window.seen = [];
  console.log("exports", ["PyWorker", "MPWorker", "hooks", "config", "whenDefined", "TYPES"].every((name) => name in core));
  console.log("types", JSON.stringify([...TYPES]));
  hooks.main.onReady.add((wrap, element) => seen.push(["onReady", wrap.type, element.id, typeof wrap.run]));
  hooks.main.onBeforeRunAsync.add(async (wrap, element) => seen.push(["onBeforeRunAsync", element.id]));
  hooks.main.onAfterRunAsync.add(async (wrap, element) => seen.push(["onAfterRunAsync", element.id, wrap.run("after_value")]));
  hooks.main.codeBeforeRunAsync.add("before_value = 'from codeBeforeRun'");
  hooks.main.codeAfterRunAsync.add("print('codeAfterRun sees', after_value)");
  hooks.main.onWorker.add((wrap, xworker) => seen.push(["onWorker", typeof xworker.sync]));
  hooks.worker.onReady.add((wrap, xworker) => { globalThis.fromWorkerHook = "set in the worker by onReady " + wrap.type; });
  hooks.worker.codeBeforeRunAsync.add("before_value = 'worker codeBeforeRun'");
  whenDefined("py").then(({ config: defined }) => console.log("whenDefined", defined.answer, config.py.answer));
  console.log("PyWorker", typeof PyWorker, typeof MPWorker);
  const worker = await MPWorker("workers/greeter.py");
  worker.sync.greet = (name, data) => \`hello \${name} \${data.n} \${JSON.stringify(data.items)}\`;
  worker.sync.report = (text) => console.log("JS MPWorker:", text);
</script>`,
      },
    ),
  );
  assert.deepEqual(await page.errors(), []);
  const logs = page.logs();
  for (const line of [
    "exports true",
    'types [["py","pyodide"],["mpy","micropython"]]',
    "PyWorker function function",
    "whenDefined 42 42",
    "main sees from codeBeforeRun",
    "codeAfterRun sees set by the script",
    "worker sees worker codeBeforeRun set in the worker by onReady py",
  ]) {
    assert.ok(logs.includes(line), `${line}\n---\n${logs.join("\n")}`);
  }
  await page.page.waitForFunction(() => window.seen.filter(([name]) => name === "onWorker").length === 2);
  const seen = await page.page.evaluate(() => window.seen);
  assert.deepEqual(
    seen.filter(([name]) => name !== "onWorker"),
    [
      ["onReady", "py", "main-script", "function"],
      ["onBeforeRunAsync", "main-script"],
      ["onAfterRunAsync", "main-script", undefined],
    ],
  );
  assert.deepEqual(seen.filter(([name]) => name === "onWorker"), [["onWorker", "object"], ["onWorker", "object"]]);
  const deadline = Date.now() + 20000;
  while (!page.logs().some((line) => line.startsWith("JS MPWorker:")) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(page.logs().includes("JS MPWorker: mpy worker True: hello worker 2 [1,2]"), page.logs().join("\n"));
  await page.close();
});

test('a worker script with async="false" runs the synchronous hooks around its code, in order, as main does', async () => {
  const page = await openPage(
    pyPage(
      `<script type="mpy" async="false" worker>
from pyscript import document
print("code in the worker")
document.documentElement.classList.add("worker")
</script>
<script type="mpy" async="false">
print("code on main")
</script>`,
      {
        head: `<script type="module">
  import { hooks } from "/dist/core.js";
  for (const side of ["main", "worker"]) {
    hooks[side].onReady.add(new Function("console.log('" + side + " onReady')"));
    hooks[side].onBeforeRun.add(new Function("console.log('" + side + " onBeforeRun')"));
    hooks[side].codeBeforeRun.add('print("' + side + ' codeBeforeRun")');
    hooks[side].codeAfterRun.add('print("' + side + ' codeAfterRun")');
    hooks[side].onAfterRun.add(new Function("console.log('" + side + " onAfterRun')"));
    // Not for synchronous runs.
    hooks[side].onBeforeRunAsync.add(new Function("console.log('" + side + " onBeforeRunAsync')"));
  }
</script>`,
      },
    ),
    { waitFor: "document.documentElement.classList.contains('worker') && window.__pyAllDone === true" },
  );
  assert.deepEqual(await page.errors(), []);
  const order = (side) => page.logs().filter((line) => line.startsWith(side) || line === `code ${side === "main" ? "on main" : "in the worker"}`);
  for (const side of ["main", "worker"]) {
    assert.deepEqual(order(side), [
      `${side} onReady`,
      `${side} onBeforeRun`,
      `${side} codeBeforeRun`,
      `code ${side === "main" ? "on main" : "in the worker"}`,
      `${side} codeAfterRun`,
      `${side} onAfterRun`,
    ]);
  }
  await page.close();
});
