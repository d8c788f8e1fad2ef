// Config `packages` and `py_import`: pure-Python wheels from a local package index and from
// wheel URLs (fixtures in tests/pages/packages/, built by its build.py).

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

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
