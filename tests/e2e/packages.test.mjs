// Config `packages` and `py_import`: pure-Python wheels from a local package index and from
// wheel URLs (fixtures in tests/pages/packages/, built by its build.py).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { test } from "node:test";
import { newContext, openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const INDEX = "/tests/pages/packages/index";
const sha256 = (wheel) => createHash("sha256").update(fs.readFileSync(new URL(`../pages/packages/wheels/${wheel}`, import.meta.url))).digest("hex");
const APP = "pyrs_app-0.1.0-py3-none-any.whl";
const BASE1 = "pyrs_base-1.0.0-py3-none-any.whl";

test("config packages: a name from the index, with its dependency at the version the specifier allows", async () => {
  const logs = await printed(
    `
import pyrs_app, pyrs_base
print(pyrs_app.greet("page"), pyrs_app.BASE_VERSION, pyrs_base.VERSION)
`,
    { body: `<py-config>${JSON.stringify({ packages: ["pyrs_app"], index_urls: [INDEX] })}</py-config>` },
  );
  assert.deepEqual(logs, ["HELLO PAGE! 1.0.0 1.0.0"]);
});

test("config packages: a wheel URL relative to the config", async () => {
  const logs = await printed(`import pyrs_base\nprint(pyrs_base.VERSION)`, {
    body: `<py-config>${JSON.stringify({ packages: ["packages/wheels/pyrs_base-2.0.0-py3-none-any.whl"] })}</py-config>`,
  });
  assert.deepEqual(logs, ["2.0.0"]);
});

test("py_import installs and imports: the newest stable release; a dependency conflict is an ImportError and installs nothing", async () => {
  const logs = await printed(
    `
from pyscript import py_import
(base,) = await py_import("pyrs_base")
print(base.VERSION, base.shout("hi"))
(again,) = await py_import("pyrs_base>=2")
print(again is base)
try:
    await py_import("pyrs_app")
except ImportError as error:
    print("ImportError:", error)
import importlib.util
print("pyrs_app left out:", importlib.util.find_spec("pyrs_app") is None)
`,
    { body: `<py-config>${JSON.stringify({ index_urls: [INDEX] })}</py-config>` },
  );
  assert.deepEqual(logs, [
    "2.0.0 HI!!",
    "True",
    "ImportError: cannot install 'pyrs_base<2': pyrs_base 2.0.0 is installed already",
    "pyrs_app left out: True",
  ]);
});

test("a package that needs native code, or is not in the index, raises ImportError naming it", async () => {
  const logs = await printed(
    `
from pyscript import py_import
for name in ["pyrs_native", "pyrs_nothing"]:
    try:
        await py_import(name)
    except ImportError as error:
        print("ImportError:", error)
`,
    { body: `<py-config>${JSON.stringify({ index_urls: [INDEX] })}</py-config>` },
  );
  assert.deepEqual(logs, [
    "ImportError: cannot install 'pyrs_native': it has no pure-Python wheel (it needs native code: pyrs_native-1.0.0-cp314-cp314-manylinux_2_17_x86_64.whl), and pyscript-rs runs pure-Python packages only",
    `ImportError: cannot install 'pyrs_nothing': no pure-Python wheel found in ${INDEX}`,
  ]);
});

test("a config package that cannot be installed is an error on the page, and the scripts do not run", async () => {
  const page = await openPage(
    pyPage(`<py-config>${JSON.stringify({ packages: ["pyrs_native"], index_urls: [INDEX] })}</py-config>
<script type="py">print("must not run")</script>`),
  );
  const errors = await page.errors();
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^PackageError: cannot install 'pyrs_native': it has no pure-Python wheel/);
  assert.deepEqual(page.logs(), []);
  await page.close();
});

test("a wheel that does not match its index's hash (PEP 503 link, PEP 691 JSON) is refused, naming both hashes, and nothing is installed", async () => {
  const tampered = "pyrs_tampered-1.0.0-py3-none-any.whl";
  const listed = /#sha256=([0-9a-f]+)/.exec(fs.readFileSync(new URL("../pages/packages/index/pyrs-tampered/index.html", import.meta.url), "utf8"))[1];
  const page = await openPage(
    pyPage(`<py-config>${JSON.stringify({ index_urls: [INDEX] })}</py-config>
<script type="py">
import importlib.util
from pyscript import py_import
for name, index in [("pyrs_tampered", None), ("pyrs_base==2.0.0", "/json-index")]:
    try:
        if index:
            from _pyscript_packages import install
            await install([name], [index])
        else:
            await py_import(name)
    except ImportError as error:
        print("ImportError:", error)
print("installed:", importlib.util.find_spec("pyrs_tampered") is not None, importlib.util.find_spec("pyrs_base") is not None)
</script>`),
    {
      // A PEP 691 index whose JSON gives pyrs_base 2.0.0 a hash of other bytes.
      beforeLoad: (page) =>
        page.route("**/json-index/pyrs-base/", (route) =>
          route.fulfill({
            contentType: "application/vnd.pypi.simple.v1+json",
            body: JSON.stringify({
              meta: { "api-version": "1.0" },
              name: "pyrs-base",
              files: [{ filename: "pyrs_base-2.0.0-py3-none-any.whl", url: "/tests/pages/packages/wheels/pyrs_base-2.0.0-py3-none-any.whl", hashes: { sha256: "0".repeat(64) } }],
            }),
          }),
        ),
    },
  );
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), [
    `ImportError: cannot install 'pyrs_tampered': ${tampered} does not match the hash the index gives: expected sha256:${listed}, got sha256:${sha256(tampered)}`,
    `ImportError: cannot install 'pyrs_base': pyrs_base-2.0.0-py3-none-any.whl does not match the hash the index gives: expected sha256:${"0".repeat(64)}, got sha256:${sha256("pyrs_base-2.0.0-py3-none-any.whl")}`,
    "installed: False False",
  ]);
  await page.close();
});

test("packages pinned with --hash: installed when they match; a wrong hash, an unpinned dependency or a range is refused", async () => {
  const pinned = [`pyrs_app==0.1.0 --hash=sha256:${sha256(APP)}`, `pyrs_base==1.0.0 --hash=sha256:${sha256(BASE1)}`];
  const logs = await printed(`import pyrs_app\nprint(pyrs_app.greet("pinned"), pyrs_app.BASE_VERSION)`, {
    body: `<py-config>${JSON.stringify({ packages: pinned, index_urls: [INDEX] })}</py-config>`,
  });
  assert.deepEqual(logs, ["HELLO PINNED! 1.0.0"]);

  const refusals = await printed(
    `
import importlib.util
from pyscript import py_import
for names in [
    ["pyrs_base==1.0.0 --hash=sha256:${"1".repeat(64)}"],
    ["pyrs_app==0.1.0 --hash=sha256:${sha256(APP)}"],
    ["pyrs_base>=1 --hash=sha256:${sha256(BASE1)}"],
]:
    try:
        await py_import(*names)
    except ImportError as error:
        print("ImportError:", error)
print("installed:", importlib.util.find_spec("pyrs_app") is not None, importlib.util.find_spec("pyrs_base") is not None)
`,
    { body: `<py-config>${JSON.stringify({ index_urls: [INDEX] })}</py-config>` },
  );
  assert.deepEqual(refusals, [
    `ImportError: cannot install 'pyrs_base': ${BASE1} does not match the hash the page's --hash gives: expected sha256:${"1".repeat(64)}, got sha256:${sha256(BASE1)}`,
    "ImportError: cannot install 'pyrs_base' (needed by pyrs_app): with a --hash given, every package must be listed with its exact version and its own --hash (pip's hash-checking mode)",
    "ImportError: cannot install 'pyrs_base>=1': a package pinned with --hash needs an exact version (==)",
    "installed: False False",
  ]);
});

/** A visit of the page `name` in `context` with `config` and a script of `code`; gives what it
 * printed, its console warnings and the package URLs it requested (index pages, wheels). */
async function packageVisit(context, name, config, code) {
  const requested = [];
  const page = await openPage(pyPage(`<py-config>${JSON.stringify(config)}</py-config><script type="py">\n${code}\n</script>`), {
    context,
    name,
    beforeLoad: (page) => page.on("request", (request) => /\/packages\/(index|wheels)\//.test(request.url()) && requested.push(new URL(request.url()).pathname)),
  });
  assert.deepEqual(await page.errors(), []);
  const logs = page.logs();
  const warnings = page.console.filter((message) => message.type === "warning").map((message) => message.text);
  await page.close();
  return { logs, requested, warnings };
}

test("a second visit installs the same packages with no request to the index or for a wheel; a changed list, a kept wheel that no longer matches, or packages_cache = \"never\" resolves again", async () => {
  const context = await newContext();
  const config = { packages: ["pyrs_app"], index_urls: [INDEX] };
  const code = "import pyrs_app, pyrs_base\nprint(pyrs_app.greet('again'), pyrs_base.VERSION)";
  const first = await packageVisit(context, "kept-packages", config, code);
  assert.deepEqual(first.logs, ["HELLO AGAIN! 1.0.0"]);
  assert.deepEqual(first.requested.sort(), [`${INDEX}/pyrs-app/`, `${INDEX}/pyrs-base/`, `/tests/pages/packages/wheels/${APP}`, `/tests/pages/packages/wheels/${BASE1}`].sort());

  const second = await packageVisit(context, "kept-packages", config, code);
  assert.deepEqual(second, { logs: ["HELLO AGAIN! 1.0.0"], requested: [], warnings: [] });
  // Another page of the site with the same list is the same install; py_import is kept too.
  const imported = "from pyscript import py_import\n(b,) = await py_import('pyrs_base<2')\nprint(b.VERSION)";
  const other = await packageVisit(context, "kept-packages-2", { index_urls: [INDEX] }, imported);
  assert.deepEqual(other.logs, ["1.0.0"]);
  assert.deepEqual(other.requested.sort(), [`${INDEX}/pyrs-base/`, `/tests/pages/packages/wheels/${BASE1}`].sort());
  assert.deepEqual(await packageVisit(context, "kept-packages-2", { index_urls: [INDEX] }, imported), { logs: ["1.0.0"], requested: [], warnings: [] });

  const changed = await packageVisit(context, "kept-packages", { ...config, packages: ["pyrs_app", "pyrs_base==1.0.0"] }, code);
  assert.deepEqual(changed.logs, ["HELLO AGAIN! 1.0.0"]);
  assert.deepEqual(changed.requested.filter((url) => url.includes("/index/")).sort(), [`${INDEX}/pyrs-app/`, `${INDEX}/pyrs-base/`]);

  const reordered = await packageVisit(context, "kept-packages-3", { ...config, packages: ["pyrs_base==1.0.0", "pyrs_app"] }, code);
  assert.deepEqual(reordered.requested, [], "the same list in another order is the same install");

  // A kept wheel whose bytes changed is not installed: the visit resolves with the index.
  const swapped = await packageVisit(
    context,
    "kept-packages",
    config,
    `import js, json, hashlib
cache = await js.caches.open("pyscript-rs-packages")
for request in await cache.keys():
    if "/wheel/" in request.url:
        await cache.put(request.url, js.Response.new(b"not a wheel"))
print("swapped")`,
  );
  assert.deepEqual(swapped.logs, ["swapped"]);
  const after_swap = await packageVisit(context, "kept-packages", config, code);
  assert.deepEqual(after_swap.logs, ["HELLO AGAIN! 1.0.0"]);
  assert.ok(after_swap.requested.includes(`${INDEX}/pyrs-app/`), "resolved with the index again");

  const never = await packageVisit(context, "kept-packages", { ...config, packages_cache: "never" }, code);
  assert.deepEqual(never.logs, ["HELLO AGAIN! 1.0.0"]);
  assert.equal(never.requested.length, 4, "never: resolved and fetched again");
  const after_never = await packageVisit(context, "kept-packages", config, code);
  assert.equal(after_never.requested.length, 4, "never forgot what was kept");
  await context.close();
});

test("kept entries that are broken, or rewritten past the page's --hash pins, are not used: the visit resolves with the index", async () => {
  const context = await newContext();
  const pinned = { packages: [`pyrs_app==0.1.0 --hash=sha256:${sha256(APP)}`, `pyrs_base==1.0.0 --hash=sha256:${sha256(BASE1)}`], index_urls: [INDEX] };
  const code = "import pyrs_app, pyrs_base\nprint(pyrs_app.greet('kept'), pyrs_base.VERSION)";
  const visit = (config, extra = "") => packageVisit(context, "kept-broken", config, `${code}\n${extra}`);
  const kept = `import js, json
cache = await js.caches.open("pyscript-rs-packages")
async def each(part):
    return [request.url for request in await cache.keys() if f"/{part}/" in request.url]`;
  assert.equal((await visit(pinned)).requested.length, 4);
  // A resolution rewritten to name another wheel (one that is in the cache, with its sha256).
  const rewrite = `${kept}
import hashlib
other = (await (await js.fetch("/tests/pages/packages/wheels/pyrs_base-2.0.0-py3-none-any.whl")).arrayBuffer()).to_bytes()
digest = hashlib.sha256(other).hexdigest()
await cache.put(f"https://pyscript-rs.invalid/wheel/{digest}", js.Response.new(other))
for url in await each("resolution"):
    entries = json.loads(await (await cache.match(url)).text())
    entries = [[name, version, link, digest if name == "pyrs-base" else sha] for name, version, link, sha in entries]
    await cache.put(url, js.Response.new(json.dumps(entries)))
print("rewritten")`;
  assert.deepEqual((await visit(pinned, rewrite)).logs, ["HELLO KEPT! 1.0.0", "rewritten"]);
  const after = await visit(pinned);
  assert.deepEqual(after.logs, ["HELLO KEPT! 1.0.0"], "the pinned wheel, not the one the rewritten entry names");
  assert.ok(after.requested.includes(`${INDEX}/pyrs-base/`), "resolved with the index");
  // A resolution that is not one, and bytecode that is not an archive.
  const config = { packages: ["pyrs_app"], index_urls: [INDEX] };
  await visit(config);
  const waitKept = await openPage(pyPage(`<py-config>${JSON.stringify(config)}</py-config><script type="py">\n${code}\n</script>`), { context, name: "kept-broken", waitFor: "performance.getEntriesByName('pyscript-rs:bytecode-kept').length > 0" });
  await waitKept.close();
  const breakAll = `${kept}
for url in await each("resolution"):
    await cache.put(url, js.Response.new('[["pyrs-app", 1, null, "x"]]'))
for url in await each("bytecode"):
    await cache.put(url, js.Response.new("not an archive", {"headers": {"x-sha256": "0" * 64}}))
print("broken")`;
  assert.deepEqual((await visit(config, breakAll)).logs, ["HELLO KEPT! 1.0.0", "broken"]);
  const repaired = await visit(config);
  assert.deepEqual(repaired.logs, ["HELLO KEPT! 1.0.0"]);
  assert.ok(repaired.requested.includes(`${INDEX}/pyrs-app/`), "resolved with the index");
  assert.deepEqual(repaired.warnings, []);
  await context.close();
});

test("a worker's config packages are kept across visits too", async () => {
  const context = await newContext();
  const visit = async () => {
    const requested = [];
    const page = await openPage(
      pyPage(`<script type="py" worker config='${JSON.stringify({ packages: ["pyrs_app"], index_urls: [INDEX] })}'>
import pyrs_app
from pyscript import document
document.body.dataset.greeting = pyrs_app.greet("worker")
</script>`),
      {
        context,
        name: "kept-in-worker",
        waitFor: "document.body.dataset.greeting !== undefined",
        beforeLoad: (page) => page.on("request", (request) => /\/packages\/(index|wheels)\//.test(request.url()) && requested.push(request.url())),
      },
    );
    const greeting = await page.page.evaluate(() => document.body.dataset.greeting);
    await page.close();
    return { greeting, requests: requested.length };
  };
  assert.deepEqual(await visit(), { greeting: "HELLO WORKER!", requests: 4 });
  assert.deepEqual(await visit(), { greeting: "HELLO WORKER!", requests: 0 });
  await context.close();
});

test("the bytecode of imported package modules is kept once the page is idle, and the next visit's imports find it; packages_cache = \"never\" keeps none", async () => {
  const context = await newContext();
  const code = `import importlib.util, os
pycs = [importlib.util.cache_from_source(f"/lib/python3/site-packages/{name}/__init__.py") for name in ("pyrs_app", "pyrs_base")]
print("before import", [os.path.exists(pyc) for pyc in pycs])
import pyrs_app
print(pyrs_app.greet("compiled"), pyrs_app.__spec__.cached == pycs[0])`;
  const page = (config, waitFor, more = "") => openPage(pyPage(`<py-config>${JSON.stringify(config)}</py-config><script type="py">\n${code}\n${more}</script>`), { context, name: "kept-bytecode", waitFor });
  const kept = "performance.getEntriesByName('pyscript-rs:bytecode-kept').length > 0";
  const config = { packages: ["pyrs_app"], index_urls: [INDEX] };
  // What an earlier build kept for the wheel goes once this build keeps its own.
  const stale = `https://pyscript-rs.invalid/bytecode/0000000000000000/${sha256(APP)}`;
  const plant = `import js\nawait (await js.caches.open("pyscript-rs-packages")).put("${stale}", js.Response.new("old"))`;
  const first = await page(config, kept, plant);
  assert.deepEqual(first.logs(), ["before import [False, False]", "HELLO COMPILED! True"]);
  const left = await first.page.evaluate(async (stale) => (await (await caches.open("pyscript-rs-packages")).keys()).map((request) => request.url).filter((url) => url.includes("/bytecode/")), stale);
  assert.equal(left.length, 2, "one entry per wheel");
  assert.ok(!left.includes(stale), "the earlier build's entry is gone");
  await first.close();
  const second = await page(config, kept);
  assert.deepEqual(second.logs(), ["before import [True, True]", "HELLO COMPILED! True"]);
  await second.close();
  const never = await page({ ...config, packages_cache: "never" }, "window.__pyAllDone === true");
  assert.deepEqual(never.logs(), ["before import [False, False]", "HELLO COMPILED! True"]);
  await never.close();
  await context.close();
});

test("packages given by wheel URL are resolved on every visit unless packages_cache = \"all\"", async () => {
  const context = await newContext();
  const code = "import pyrs_base\nprint(pyrs_base.VERSION)";
  const wheel = `packages/wheels/pyrs_base-2.0.0-py3-none-any.whl`;
  for (const visit of [1, 2]) {
    const { logs, requested } = await packageVisit(context, "kept-wheel-url", { packages: [wheel] }, code);
    assert.deepEqual({ logs, requested }, { logs: ["2.0.0"], requested: [`/tests/pages/${wheel}`] }, `visit ${visit}`);
  }
  const all = { packages: [wheel], packages_cache: "all" };
  assert.deepEqual((await packageVisit(context, "kept-wheel-url", all, code)).requested, [`/tests/pages/${wheel}`]);
  assert.deepEqual(await packageVisit(context, "kept-wheel-url", all, code), { logs: ["2.0.0"], requested: [], warnings: [] });
  const odd = await packageVisit(context, "kept-wheel-url", { packages: [wheel], packages_cache: "sometimes" }, code);
  assert.deepEqual(odd.logs, ["2.0.0"]);
  assert.deepEqual(odd.warnings, ["pyscript-rs: config 'packages_cache' is one of 'never', 'passthrough', 'all', not 'sometimes': it is ignored"]);
  await context.close();
});

/** A page whose config names a lock file served with `lock` as its text; its script imports
 * pyrs_app. */
async function lockedPage(lock, config = {}) {
  return openPage(
    pyPage(`<py-config>${JSON.stringify({ packages_lock: "locks/requirements.txt", index_urls: [INDEX], ...config })}</py-config>
<script type="py">import pyrs_app\nprint(pyrs_app.greet("locked"), pyrs_app.BASE_VERSION)</script>`),
    { beforeLoad: (page) => page.route("**/tests/pages/locks/requirements.txt", (route) => (lock === null ? route.fulfill({ status: 404 }) : route.fulfill({ body: lock }))) },
  );
}

test("config packages_lock: a pip-compile lock file installs exactly what it pins; a line it does not pin, an option, a missing dependency or file is an error on the page", async () => {
  const compiled = `#
# This file is autogenerated by pip-compile with Python 3.12
#    pip-compile --generate-hashes requirements.in
#
pyrs-app==0.1.0 \\
    --hash=sha256:${sha256(APP)}
    # via -r requirements.in
pyrs-base==1.0.0 ; python_version >= "3.10" \\
    --hash=sha256:${"0".repeat(64)} \\
    --hash=sha256:${sha256(BASE1)}
    # via pyrs-app
pyrs-base==0.9.0 ; python_version < "3.10" \\
    --hash=sha256:${"1".repeat(64)}
`;
  const locked = await lockedPage(compiled);
  assert.deepEqual(await locked.errors(), []);
  assert.deepEqual(locked.logs(), ["HELLO LOCKED! 1.0.0"]);
  await locked.close();

  const refusals = [
    [compiled.replace(/pyrs-base==1.0.0 .*\\\n.*\n.*\n/, ""), "PackageError: cannot install 'pyrs_base' (needed by pyrs-app): with a --hash given, every package must be listed with its exact version and its own --hash (pip's hash-checking mode)"],
    [`${compiled}extra>=1.0\n`, "ValueError: config 'packages_lock' locks/requirements.txt, line 14: 'extra>=1.0' is not pinned: a lock file gives each package as name==version with --hash"],
    [`${compiled}direct @ https://example.org/direct-1.0-py3-none-any.whl --hash=sha256:${"2".repeat(64)}\n`, "ValueError: config 'packages_lock' locks/requirements.txt, line 14: 'direct' is given by URL, which a lock file here cannot name: list its wheel in the config's packages"],
    [`--index-url https://example.org/simple\n${compiled}`, "ValueError: config 'packages_lock' locks/requirements.txt, line 1: --index-url is not supported in a lock file (it names packages, each with == and --hash; indexes go in the config's index_urls)"],
    [null, /^OSError: config 'packages_lock': cannot fetch http:\/\/[^ ]+\/tests\/pages\/locks\/requirements.txt: 404/],
  ];
  for (const [lock, error] of refusals) {
    const page = await lockedPage(lock);
    const errors = await page.errors();
    assert.equal(errors.length, 1, String(error));
    if (error instanceof RegExp) assert.match(errors[0], error);
    else assert.equal(errors[0].split("\n").at(-1) || errors[0], error);
    assert.deepEqual(page.logs(), [], "the scripts do not run");
    await page.close();
  }
});
