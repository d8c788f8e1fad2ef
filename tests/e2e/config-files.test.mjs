// Config `files`: fetched into the in-memory file system before the first script runs.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const FILES = {
  "{FOLDER}": "files",
  "{FOLDER}/hello.py": "",
  "{FOLDER}/config.json": "data/",
  "files/config.toml": "data/settings.toml",
  "files/archive.zip": "unpacked/*",
  "files/archive.tar.gz": "./*",
};

test("every form: placeholders, file names into folders, renames, zip and tar.gz archives", async () => {
  const logs = await printed(
    `
import os, json
print(sorted(os.listdir(".")))
print(sorted(os.listdir("data")), sorted(os.listdir("unpacked")))
print(json.load(open("data/config.json"))["name"])
print(open("hello.py").read().startswith("from pyscript"))
import tarred_module
import sys
sys.path.insert(0, "unpacked")
import zipped
print(tarred_module.WHERE, "/", zipped.WHERE)
`,
    { body: `<py-config>${JSON.stringify({ files: FILES })}</py-config>` },
  );
  assert.deepEqual(logs, [
    "['data', 'hello.py', 'tarred_module.py', 'unpacked']",
    "['config.json', 'settings.toml'] ['notes.txt', 'zipped']",
    "from a JSON file",
    "True",
    "from a tar.gz archive / from a zip archive",
  ]);
});

test("relative URLs resolve against the config file", async () => {
  const logs = await printed(`import os\nprint(sorted(os.listdir(".")))`, {
    body: `<py-config src="files/with-files.toml"></py-config>`,
  });
  assert.deepEqual(logs, ["['greeter.mjs']"]);
});

test("a file that cannot be fetched is a clear error naming its URL, and the scripts do not run", async () => {
  const page = await openPage(
    pyPage(`<py-config>{"files": {"files/missing.txt": "missing.txt"}}</py-config>
<script type="py">print("must not run")</script>`),
  );
  assert.deepEqual(await page.errors(), ["OSError: config 'files': cannot fetch files/missing.txt: 404 Not Found"]);
  assert.deepEqual(page.logs(), []);
  await page.close();
});

test("two sources for one destination are an error", async () => {
  const page = await openPage(
    pyPage(`<py-config>{"files": {"files/hello.py": "x.py", "files/fails.py": "x.py"}}</py-config>
<script type="py">print("must not run")</script>`),
  );
  assert.deepEqual(await page.errors(), ["ValueError: config 'files': two sources for x.py: files/hello.py and files/fails.py"]);
  await page.close();
});

const WATCH_LOADING = `<script>
  window.progress = [];
  window.badges = [];
  addEventListener("py:progress", (event) => progress.push(event.detail));
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.className === "py-loading") badges.push(node.textContent);
  }).observe(document.documentElement, { childList: true, subtree: true });
</script>`;

for (const [plugins, shown] of [[[], true], [["!loading"], false]]) {
  test(`py:progress events while files load; a loading badge for a slow load${shown ? "" : ", unless plugins has !loading"}`, async () => {
    const config = { files: { "/_delay/1500/tests/pages/files/hello.py": "slow.py" }, plugins };
    const page = await openPage(
      pyPage(`<py-config>${JSON.stringify(config)}</py-config><script type="py">import os\nprint(os.path.exists("slow.py"))</script>`, {
        head: WATCH_LOADING,
      }),
    );
    const state = await page.page.evaluate(() => ({ progress, badges, left: document.querySelectorAll(".py-loading").length }));
    assert.deepEqual(state, { progress: ["Loading files", "Loaded files"], badges: shown ? ["Loading files…"] : [], left: 0 });
    assert.deepEqual(page.logs(), ["True"]);
    await page.close();
  });
}
