// The npm package and the offline archive, as a user gets them: `npm pack` of the repository
// (with the built dist/), installed offline into a temporary folder, and pages there that load
// node_modules/pyscript-rs/dist/core.js, from the same origin and from a CDN-like one; then
// scripts/release-archive.sh unpacked beside a page. Needs no network: the package has no
// dependencies (dist/ bundles what it needs).

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { newContext, useBrowser } from "./harness.mjs";
import { ROOT, startServer } from "../server.mjs";

const run = promisify(execFile);
const MAX_BUFFER = 64 * 1024 * 1024;

useBrowser();

let tmp; // the temporary folder: the tarball, app/ (the install), release/, site/
let server; // serves tmp/
let packed; // `npm pack --json`'s report of the package
let installed; // tmp/app/node_modules/pyscript-rs

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "pyscript-rs-package-"));
  server = await startServer({ root: tmp });
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: ROOT, maxBuffer: MAX_BUFFER });
  [packed] = JSON.parse(stdout);
  const app = path.join(tmp, "app");
  await fs.mkdir(app);
  await fs.writeFile(path.join(app, "package.json"), JSON.stringify({ name: "package-test-app", private: true }));
  // --offline: any dependency to fetch would fail the install. A cache of its own keeps the
  // user's npm cache free of test tarballs.
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--cache", path.join(tmp, "npm-cache"), path.join(tmp, packed.filename)], { cwd: app, maxBuffer: MAX_BUFFER });
  installed = path.join(app, "node_modules", "pyscript-rs");
});

after(async () => {
  await server?.close();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

/** The files under `directory`, as paths relative to it with "/" separators. */
async function filesUnder(directory) {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** A page that loads pyscript-rs from `base` (ending in "/") and shows what Python computed,
 * with a standard library module fetched from dist/stdlib/ on import. */
function helloPage(base, { worker = false } = {}) {
  const workerScript = worker
    ? `<div id="worker-out"></div>
<script type="py" worker target="worker-out">
from pyscript import display
display("Hello from a worker")
</script>`
    : "";
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}core.css">
<script type="module" src="${base}core.js"></script>
</head><body>
<div id="out"></div>
<script type="py" target="out">
import statistics, sys
from pyscript import display
display(f"Hello from {sys.implementation.name}: mean {statistics.mean([1, 2, 4, 5])}")
</script>
${workerScript}
</body></html>`;
}

/** Opens `url` in a fresh context, waits for `py:all-done` and returns what the page shows,
 * the URLs it requested and every failure (HTTP status >= 400, failed request, page error). */
async function visit(url, { beforeLoad } = {}) {
  const context = await newContext();
  try {
    const page = await context.newPage();
    const requested = [];
    const failures = [];
    page.on("response", (response) => {
      requested.push(response.url());
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on("requestfailed", (request) => failures.push(`${request.failure()?.errorText} ${request.url()}`));
    page.on("pageerror", (error) => failures.push(error.message));
    await page.addInitScript(() => addEventListener("py:all-done", () => (window.__pyAllDone = true)));
    await beforeLoad?.(page);
    await page.goto(url);
    await page.waitForFunction("window.__pyAllDone === true", null, { timeout: 30000, polling: 20 });
    const shown = await page.evaluate(() => ({
      out: document.querySelector("#out").textContent,
      workerOut: document.querySelector("#worker-out")?.textContent ?? null,
      errors: [...document.querySelectorAll(".py-error")].map((box) => box.textContent),
      // A sheet from another origin hides its rules; a loaded one has a sheet all the same.
      cssLoaded: document.querySelector("link[rel=stylesheet]").sheet !== null,
    }));
    return { ...shown, requested, failures };
  } finally {
    await context.close();
  }
}

/** Asserts the page ran its script on pyscript-rs loaded from `distUrl`. */
function assertRan(result, distUrl) {
  assert.deepEqual(result.failures, [], "no failed request and no page error");
  assert.deepEqual(result.errors, [], "no Python error");
  assert.equal(result.out, "Hello from rustpython: mean 3");
  assert.ok(result.cssLoaded && result.requested.includes(`${distUrl}core.css`), "core.css came from the package");
  assert.ok(result.requested.includes(`${distUrl}core.js`), "core.js came from the package");
  assert.ok(result.requested.some((url) => url.startsWith(`${distUrl}pyscript_runtime_bg-`) && url.endsWith(".wasm")), "the wasm came from the package");
  assert.ok(result.requested.some((url) => url.startsWith(`${distUrl}stdlib/`)), "a standard library file came from the package");
}

test("npm pack: dist/ without its precompressed copies, and the package's own files", async () => {
  const files = packed.files.map((file) => file.path).sort();
  assert.deepEqual(files.filter((file) => !file.startsWith("dist/")), ["CHANGELOG.md", "LICENSE", "README.md", "package.json"]);
  assert.deepEqual(files.filter((file) => /\.(br|gz)$/.test(file)), [], "no .br/.gz copies");
  // Every other file of dist/ is in the package (a rebuild of dist/ meanwhile fails this: rerun).
  const dist = (await filesUnder(path.join(ROOT, "dist"))).filter((file) => !/\.(br|gz)$/.test(file)).map((file) => `dist/${file}`);
  assert.deepEqual(files.filter((file) => file.startsWith("dist/")), dist);
  const wasm = (await fs.readFile(path.join(installed, "dist", "wasm-file.js"), "utf8")).match(/"(pyscript_runtime_bg-[0-9a-f]+)\.wasm"/)[1];
  for (const file of ["dist/core.js", "dist/core.css", "dist/storage.js", "dist/worker.js", `dist/${wasm}.wasm`, `dist/${wasm}.snapshot`]) {
    assert.ok(files.includes(file), `${file} is in the package`);
  }
  console.log(`npm pack: ${packed.filename}, ${(packed.size / 1e6).toFixed(1)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${packed.entryCount} files`);
});

test("the installed package: no dependencies, and its exports resolve into dist/", async () => {
  const app = path.dirname(path.dirname(installed));
  assert.deepEqual((await fs.readdir(path.join(app, "node_modules"))).filter((name) => !name.startsWith(".")), ["pyscript-rs"]);
  const manifest = JSON.parse(await fs.readFile(path.join(installed, "package.json"), "utf8"));
  assert.equal(manifest.dependencies, undefined, "no runtime dependencies");
  const specifiers = ["pyscript-rs", "pyscript-rs/core.js", "pyscript-rs/core.css", "pyscript-rs/css", "pyscript-rs/storage.js", "pyscript-rs/storage", "pyscript-rs/dist/worker.js", "pyscript-rs/package.json"];
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", `console.log(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => import.meta.resolve(s))))`], { cwd: app });
  const resolved = JSON.parse(stdout).map((url) => path.relative(installed, new URL(url).pathname));
  assert.deepEqual(resolved, ["dist/core.js", "dist/core.js", "dist/core.css", "dist/core.css", "dist/storage.js", "dist/storage.js", "dist/worker.js", "package.json"]);
});

test("a page loads dist/core.js from node_modules/pyscript-rs/dist/ and runs Python", async () => {
  await fs.writeFile(path.join(tmp, "app", "index.html"), helloPage("node_modules/pyscript-rs/dist/"));
  const distUrl = `${server.origin}/app/node_modules/pyscript-rs/dist/`;
  const result = await visit(`${server.origin}/app/index.html`);
  assertRan(result, distUrl);
  const elsewhere = result.requested.filter((url) => url !== `${server.origin}/app/index.html` && !url.startsWith(distUrl));
  assert.deepEqual(elsewhere, [], "every other request went to the package's dist/");
});

test("a page loads the package from a CDN that mirrors npm (another origin)", async () => {
  // What jsDelivr or unpkg would serve: the package's files by path, with CORS and CORP headers
  // (the page is cross-origin isolated, so it needs them). Served from the install, no network.
  // A worker script too: a browser refuses `new Worker` on another origin's URL, so
  // js/module-worker.js starts dist/worker.js from a same-origin blob that imports it.
  const cdn = `https://cdn.example.test/npm/pyscript-rs@${packed.version}/`;
  const types = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".wasm": "application/wasm" };
  await fs.writeFile(path.join(tmp, "app", "cdn.html"), helloPage(`${cdn}dist/`, { worker: true }));
  const result = await visit(`${server.origin}/app/cdn.html`, {
    beforeLoad: (page) =>
      page.route(`${cdn}**`, async (route) => {
        const file = path.join(installed, decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(cdn).pathname.length)));
        const body = await fs.readFile(file).catch(() => null);
        if (!file.startsWith(installed) || body === null) return route.fulfill({ status: 404, body: "not found" });
        await route.fulfill({
          status: 200,
          headers: {
            "Content-Type": types[path.extname(file)] ?? "application/octet-stream",
            "Access-Control-Allow-Origin": "*",
            "Cross-Origin-Resource-Policy": "cross-origin",
          },
          body,
        });
      }),
  });
  assertRan(result, `${cdn}dist/`);
  assert.equal(result.workerOut, "Hello from a worker");
  assert.ok(result.requested.includes(`${cdn}dist/worker.js`), "the worker's module came from the CDN");
});

test("scripts/release-archive.sh: dist/ unpacked beside a page runs it", async () => {
  const { stdout } = await run(path.join(ROOT, "scripts", "release-archive.sh"), [path.join(tmp, "release")], { cwd: ROOT, maxBuffer: MAX_BUFFER });
  const archive = stdout.trim().split("\n").at(-1);
  assert.match(path.basename(archive), /^pyscript-rs-\d+\.\d+\.\d+.*-offline\.(zip|tar\.gz)$/);
  const site = path.join(tmp, "site");
  await fs.mkdir(site);
  if (archive.endsWith(".zip")) await run("unzip", ["-q", archive, "-d", site]);
  else await run("tar", ["-xzf", archive, "-C", site]);
  const files = await filesUnder(site);
  assert.ok(files.every((file) => file.startsWith("dist/")), "only dist/ at the top");
  assert.deepEqual(files.filter((file) => /\.(br|gz)$/.test(file)), [], "no .br/.gz copies");
  assert.ok(files.includes("dist/LICENSE"));
  console.log(`release archive: ${path.basename(archive)}, ${((await fs.stat(archive)).size / 1e6).toFixed(1)} MB, ${files.length} files`);
  await fs.writeFile(path.join(site, "index.html"), helloPage("dist/"));
  assertRan(await visit(`${server.origin}/site/index.html`), `${server.origin}/site/dist/`);
});
