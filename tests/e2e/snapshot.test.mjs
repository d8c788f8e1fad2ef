// The build-time snapshot (runtime/src/snapshot.rs, js/snapshot.js): pages start from it,
// get their own randomness and time zone, may opt out, and refuse another build's.

import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const { WASM_FILE } = await import(new URL("../../dist/wasm-file.js", import.meta.url).href);
const SNAPSHOT_FILE = WASM_FILE.replace(/\.wasm$/, ".snapshot");

const REPORT = `
import json, os, random, sys, time
import js
from pyscript import RUNNING_IN_WORKER, config, window
marks = [mark.name for mark in js.performance.getEntriesByType("mark")]
window.document.body.dataset.report = json.dumps({
    "restored": "pyscript-rs:snapshot-restored" in marks,
    "hash": hash("a"),
    "random": random.random(),
    "urandom": os.urandom(8).hex(),
    "type": config["type"],
    "in_worker": RUNNING_IN_WORKER,
    "window_is_page": window.location.href == js.location.href,
    "gmtoff": time.localtime().tm_gmtoff,
    "hash_randomization": sys.flags.hash_randomization,
})
`;

async function report(body, options) {
  const page = await openPage(pyPage(body), { waitFor: "document.body.dataset.report !== undefined", ...options });
  assert.deepEqual(await page.errors(), []);
  const reported = await page.page.evaluate(() => document.body.dataset.report);
  const warnings = page.console.filter((message) => message.type === "warning").map((message) => message.text);
  await page.close();
  return { ...JSON.parse(reported), warnings };
}

const script = (type = "py", config = "") => `<script type="${type}"${config}>${REPORT}</script>`;

describe("the start-up snapshot", () => {
  test("a page starts from it, bound to the page: its window, its script type, not a worker", async () => {
    const py = await report(script());
    assert.equal(py.restored, true);
    assert.deepEqual([py.type, py.in_worker, py.window_is_page], ["py", false, true]);
    // The snapshot's interpreter takes the type of the first script that asks for one.
    const mpy = await report(script("mpy"));
    assert.equal(mpy.restored, true);
    assert.equal(mpy.type, "mpy");
  });

  test("a worker starts from it too, and knows it is a worker", async () => {
    const worker = await report(`<script type="py" worker>${REPORT}</script>`);
    assert.equal(worker.restored, true);
    assert.deepEqual([worker.type, worker.in_worker], ["py", true]);
  });

  test("two pages share the build's hash secret but not their randomness", async () => {
    const first = await report(script());
    const second = await report(script());
    assert.equal(first.hash, second.hash);
    assert.notEqual(first.random, second.random);
    assert.notEqual(first.urandom, second.urandom);
    assert.equal(first.hash_randomization, 1);
  });

  test("the page's time zone, not the build machine's", async () => {
    const tokyo = await report(script(), { contextOptions: { timezoneId: "Asia/Tokyo" } });
    assert.equal(tokyo.restored, true);
    assert.equal(tokyo.gmtoff, 9 * 3600);
  });

  test("snapshot = false (TOML or JSON): a fresh start, with a hash secret of its own each load", async () => {
    const toml = ` config="snapshot = false"`;
    const loads = [await report(script("py", toml)), await report(script("py", toml))];
    assert.deepEqual(loads.map((load) => load.restored), [false, false]);
    assert.notEqual(loads[0].hash, loads[1].hash);
    const json = await report(`<py-config type="json">{"snapshot": false}</py-config>${script()}`);
    assert.equal(json.restored, false);
  });

  test("a config without the key (TOML or JSON) starts from it, with no warning", async () => {
    for (const config of [`<py-config>name = "x"\n[js_modules.main]\n"./a.js" = "a"</py-config>`, `<py-config type="json">{"name": "x"}</py-config>`]) {
      const loaded = await report(`${config}${script()}`);
      assert.equal(loaded.restored, true, config);
      assert.deepEqual(loaded.warnings.filter((text) => text.includes("snapshot")), [], config);
    }
  });

  test("a snapshot written for another build is refused, and the page starts without it", async () => {
    const bytes = fs.readFileSync(new URL(`../../dist/${SNAPSHOT_FILE}`, import.meta.url));
    // The same snapshot, claiming another build's wasm (the name's hash digits changed).
    const foreign = Buffer.from(bytes);
    const at = foreign.indexOf(Buffer.from(WASM_FILE));
    foreign.write(WASM_FILE.replace(/-[0-9a-f]{4}/, "-0000"), at);
    const loaded = await report(script(), {
      beforeLoad: (page) =>
        page.route(`**/dist/${SNAPSHOT_FILE}`, (route) =>
          route.fulfill({ status: 200, contentType: "application/octet-stream", body: foreign }),
        ),
    });
    assert.equal(loaded.restored, false);
    assert.equal(loaded.type, "py");
    assert.match(loaded.warnings.join("\n"), /starting without the start-up snapshot .*: it was written for pyscript_runtime_bg-0000/);
  });
});
