// A page's own warm start (js/page-snapshot.js): with `snapshot = "page"`, a visit keeps the
// standard library modules the page imported in a snapshot of its own, and the next visit
// of the same page in the same browser profile starts with them imported.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newContext, openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const CONFIG = `<py-config>snapshot = "page"</py-config>`;

/** A script that reports which of `modules` were imported before its own imports ran, then
 * imports and uses them. */
function script(modules) {
  return `<script type="py">
import sys
already = [name for name in ${JSON.stringify(modules)} if name in sys.modules]
import json, random, js
${modules.map((name) => `import ${name}`).join("\n")}
from pyscript import window
marks = [mark.name for mark in js.performance.getEntriesByType("mark")]
window.document.body.dataset.report = json.dumps({
    "page_restored": "pyscript-rs:page-snapshot-restored" in marks,
    "already": already,
    "hash": hash("a"),
    "random": random.random(),
    "new_generator": random.Random().random(),
})
</script>`;
}

/** The modules of this page's snapshot, once kept (the worker that takes it has stored it in
 * Cache Storage and said so), holding at least `wanted`. */
function keptModules(page, wanted) {
  return page.page
    .waitForFunction(
      (wanted) => {
        const [kept] = performance.getEntriesByName("pyscript-rs:page-snapshot-kept");
        const modules = kept?.detail.modules;
        return modules && wanted.every((name) => modules.includes(name)) && modules;
      },
      wanted,
      { polling: 100, timeout: 30000 },
    )
    .then((handle) => handle.jsonValue());
}

async function visit(context, name, body) {
  const page = await openPage(pyPage(body), { context, name, waitFor: "document.body.dataset.report !== undefined" });
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.pageErrors, []);
  const report = JSON.parse(await page.page.evaluate(() => document.body.dataset.report));
  if (process.env.DEBUG_VISITS) console.log(name, report, page.console);
  return { page, report };
}

describe('snapshot = "page": a page\'s own warm start', () => {
  let context;
  before(async () => {
    context = await newContext();
  });
  after(() => context?.close());

  test("the next visit starts with the modules the page imported, reseeded", async () => {
    const modules = ["asyncio", "dataclasses", "fractions"];
    const body = CONFIG + script(modules) + `<script type="py">
import asyncio
async def later():
    await asyncio.sleep(0.01)
    return "slept"
window.document.body.dataset.slept = await asyncio.create_task(later())
</script>`;
    const first = await visit(context, "warm", body);
    assert.equal(first.report.page_restored, false);
    assert.deepEqual(first.report.already, []);
    const kept = await keptModules(first.page, modules);
    assert.ok(kept.includes("asyncio.tasks") && kept.includes("json"), kept.join(" "));
    await first.page.close();

    const second = await visit(context, "warm", body);
    const third = await visit(context, "warm", body);
    for (const { page, report } of [second, third]) {
      assert.equal(report.page_restored, true);
      assert.deepEqual(report.already, modules);
      // The event loop, made at the snapshot's `import asyncio`, runs on this page.
      await page.page.waitForFunction(() => document.body.dataset.slept === "slept");
      await page.close();
    }
    // The build's hash secret; a generator of each visit's own.
    assert.equal(second.report.hash, first.report.hash);
    assert.notEqual(second.report.random, third.report.random);
    assert.notEqual(second.report.new_generator, third.report.new_generator);
  });

  test("a visit that imports more makes the snapshot hold those too", async () => {
    const first = await visit(context, "growing", CONFIG + script(["decimal"]));
    await keptModules(first.page, ["decimal"]);
    await first.page.close();
    const second = await visit(context, "growing", CONFIG + script(["decimal", "statistics"]));
    assert.deepEqual(second.report.already, ["decimal"]);
    await keptModules(second.page, ["decimal", "statistics"]);
    await second.page.close();
    const third = await visit(context, "growing", CONFIG + script(["decimal", "statistics"]));
    assert.deepEqual(third.report.already, ["decimal", "statistics"]);
    await third.page.close();
  });

  test("a broken entry is dropped: the visit starts from the build's snapshot, and a new entry is kept", async () => {
    const first = await visit(context, "broken", CONFIG + script(["fractions"]));
    await keptModules(first.page, ["fractions"]);
    // The entry's bytes cut short, as a disk or a bug could leave them.
    await first.page.page.evaluate(async () => {
      const cache = await caches.open("pyscript-rs-page-snapshots");
      const [key] = (await cache.keys()).filter((request) => request.url.includes(encodeURIComponent(location.pathname)));
      const response = await cache.match(key);
      const bytes = new Uint8Array(await response.arrayBuffer());
      await cache.put(key, new Response(bytes.slice(0, bytes.length >> 1), { headers: response.headers }));
    });
    await first.page.close();
    const second = await visit(context, "broken", CONFIG + script(["fractions"]));
    assert.equal(second.report.page_restored, false);
    assert.deepEqual(second.report.already, []);
    const marks = await second.page.page.evaluate(() => performance.getEntriesByType("mark").map((mark) => mark.name));
    assert.ok(marks.includes("pyscript-rs:snapshot-restored"), marks.join(" "));
    assert.ok(second.page.console.some((message) => message.type === "warning" && /this page's own, from Cache Storage\): it is broken/.test(message.text)));
    await keptModules(second.page, ["fractions"]);
    await second.page.close();
    const third = await visit(context, "broken", CONFIG + script(["fractions"]));
    assert.equal(third.report.page_restored, true);
    await third.page.close();
  });

  test("a page that does not ask keeps nothing", async () => {
    // Nothing of the common standard library file, which the page fetches once idle.
    const plain = `<script type="py">
import json
from pyscript import window
window.document.body.dataset.report = json.dumps({})
</script>`;
    const common = await visit(context, "default", plain);
    // Once the page was idle: the common standard library file was fetched then.
    await common.page.page.waitForFunction(() =>
      performance.getEntriesByType("resource").some((entry) => /stdlib-common-/.test(entry.name) && entry.responseEnd > 0),
    );
    const entries = await common.page.page.evaluate(async () => (await (await caches.open("pyscript-rs-page-snapshots")).keys()).map((r) => r.url));
    assert.ok(!entries.some((url) => url.includes("default.html")), entries.join(" "));
    await common.page.close();
  });
});
