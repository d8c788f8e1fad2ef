// Python workers: `<script worker>` forms, the main thread's `window`/`document` from a
// worker, `pyscript.web` and `display` on the main page, named workers and `__export__`,
// `sync` both ways, `sync.sleep`/`time.sleep`, `PyWorker`, pages that are not cross-origin
// isolated, and terminating a busy worker.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

test("an inline worker script runs in a worker: RUNNING_IN_WORKER, print, the main document, display, ready/done events", async () => {
  const page = await openPage(
    pyPage(`<div id="out"></div><div id="shown"></div>
<script>
  window.events = [];
  for (const name of ["py:ready", "py:done"]) addEventListener(name, (event) => events.push([name, event.target.id, event.detail.worker]));
</script>
<script type="py" worker id="w">
from pyscript import RUNNING_IN_WORKER, document, display, window
import js
print("in worker:", RUNNING_IN_WORKER, "own global has document:", hasattr(js, "document"))
document.getElementById("out").textContent = "written from a worker"
display("displayed", "twice", target="shown")
display("to the default target")
print("title:", window.document.title, "location ok:", window.location.href.endswith(".html"))
</script>
<script type="py">
from pyscript import RUNNING_IN_WORKER
print("main:", RUNNING_IN_WORKER)
</script>`, { head: "<title>worker page</title>" }),
  );
  const logs = page.logs();
  assert.deepEqual(await page.errors(), []);
  assert.ok(logs.includes("main: False"));
  assert.ok(logs.includes("in worker: True own global has document: False"), logs.join("\n"));
  assert.ok(logs.includes("title: worker page location ok: True"), logs.join("\n"));
  assert.equal(await page.text("#out"), "written from a worker");
  assert.deepEqual(await page.page.evaluate(() => [...document.querySelectorAll("#shown > div")].map((d) => d.textContent)), ["displayed", "twice"]);
  assert.equal(await page.text("#w-target"), "to the default target");
  const events = await page.page.evaluate(() => events.filter(([, id]) => id === "w"));
  assert.deepEqual(events, [["py:ready", "w", true], ["py:done", "w", true]]);
  await page.close();
});
