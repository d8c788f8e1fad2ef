// Config `packages` and `py_import`: pure-Python wheels from a local package index and from
// wheel URLs (fixtures in tests/pages/packages/, built by its build.py).

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const INDEX = "/tests/pages/packages/index";

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
