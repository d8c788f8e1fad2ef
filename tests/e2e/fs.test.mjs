// pyscript.fs: mount, sync, unmount and revoke against a real File System Access handle.
// The "picked" folder is a directory of the origin private file system (real files in the
// browser profile): the page's showDirectoryPicker is replaced, before load, by one that
// returns it, because a headless browser has no person to pick. Everything else is the
// browser's own: permissions, IndexedDB for the remembered handles, writes to disk.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ATTEMPT, openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

/** Replaces the picker with one that returns the OPFS folder named after the `id`. */
function injectPicker(page) {
  return page.addInitScript(() => {
    window.pickerCalls = [];
    window.showDirectoryPicker = async (options) => {
      window.pickerCalls.push(options);
      const root = await navigator.storage.getDirectory();
      return root.getDirectoryHandle(`picked-${options.id}`, { create: true });
    };
  });
}

/** Writes `files` (`{ "dir/name": text }`) into the OPFS folder `folder`. */
function seed(page, folder, files) {
  return page.evaluate(
    async ([folder, files]) => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
      for (const [path, text] of Object.entries(files)) {
        const names = path.split("/");
        const name = names.pop();
        let directory = root;
        for (const part of names) directory = await directory.getDirectoryHandle(part, { create: true });
        const writable = await (await directory.getFileHandle(name, { create: true })).createWritable();
        await writable.write(text);
        await writable.close();
      }
    },
    [folder, files],
  );
}

/** What the OPFS folder `folder` holds: `{ path: text }`, directories as "<dir>". */
function onDisk(page, folder) {
  return page.evaluate(async (folder) => {
    const found = {};
    const walk = async (directory, prefix) => {
      for await (const [name, child] of directory.entries()) {
        if (child.kind === "directory") {
          found[`${prefix}${name}`] = "<dir>";
          await walk(child, `${prefix}${name}/`);
        } else {
          found[`${prefix}${name}`] = await (await child.getFile()).text();
        }
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(folder), "");
    return Object.fromEntries(Object.entries(found).sort());
  }, folder);
}

/** Clicks `selector` and waits until `window.step` is `step`. */
async function clickAndWait(page, selector, step) {
  await page.page.click(selector);
  await page.page.waitForFunction((step) => window.step === step, step, { timeout: 30000, polling: 20 });
}

test("mount after a click: open(), os and pathlib read and write; sync writes the changes; a later visit remounts without asking", async () => {
  const page = await openPage(
    pyPage(`<button id="mount">mount</button>
<script type="py">
import os, pathlib, shutil
from pyscript import fs, when, window

@when("click", "#mount")
async def mount_and_change(event):
    await fs.mount("/local")
    print(sorted(os.listdir("/local")), open("/local/a.txt").read(), pathlib.Path("/local/sub/b.txt").read_text())
    with open("/local/new.txt", "w") as file:
        file.write("new from Python")
    pathlib.Path("/local/a.txt").write_text("changed")
    os.remove("/local/sub/b.txt")
    os.mkdir("/local/made")
    os.makedirs("/local/deep/er")
    pathlib.Path("/local/deep/er/c.txt").write_text("deep")
    os.remove("/local/x.txt")
    os.mkdir("/local/x.txt")
    os.replace("/local/r1.txt", "/local/r2.txt")
    shutil.rmtree("/local/olddir")
    try:
        os.rename("/local", "/moved")
    except OSError as error:
        print("moving the mount:", error)
    await fs.sync("/local")
    print("synced", fs.mounted["/local"].mode, len(window.pickerCalls))
    window.step = "synced"
</script>`),
    { beforeLoad: injectPicker },
  );
  await seed(page.page, "picked-pyscript", {
    "a.txt": "original",
    "sub/b.txt": "bee",
    "keep.txt": "kept",
    "x.txt": "a file that becomes a directory",
    "r1.txt": "one",
    "r2.txt": "two",
    "olddir/inner.txt": "removed with its directory",
  });
  const keptSince = () =>
    page.page.evaluate(async () => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle("picked-pyscript");
      return (await (await root.getFileHandle("keep.txt")).getFile()).lastModified;
    });
  const keptBefore = await keptSince();
  await clickAndWait(page, "#mount", "synced");
  assert.deepEqual(page.logs(), [
    "['a.txt', 'keep.txt', 'olddir', 'r1.txt', 'r2.txt', 'sub', 'x.txt'] original bee",
    "moving the mount: [Errno 16] Device or resource busy: '/local'",
    "synced readwrite 1",
  ]);
  assert.deepEqual(await onDisk(page.page, "picked-pyscript"), {
    "a.txt": "changed",
    deep: "<dir>",
    "deep/er": "<dir>",
    "deep/er/c.txt": "deep",
    "keep.txt": "kept",
    made: "<dir>",
    "new.txt": "new from Python",
    "r2.txt": "one",
    sub: "<dir>",
    "x.txt": "<dir>",
  });
  assert.equal(await keptSince(), keptBefore, "an unchanged file is not written again");

  // A later visit: the handle remembered in IndexedDB is still granted, so no dialog, no picker.
  const later = page.page;
  await later.route(`${page.origin}/tests/pages/later.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: pyPage(`<script type="py">
import os
from pyscript import fs, window
await fs.mount("/local")
print(sorted(os.listdir("/local")), open("/local/r2.txt").read(), len(window.pickerCalls))
print(window.document.querySelectorAll("dialog").length)
</script>`),
    }),
  );
  page.console.length = 0;
  await later.goto(`${page.origin}/tests/pages/later.html`);
  await later.waitForFunction("window.__pyAllDone === true", null, { timeout: 30000, polling: 20 });
  assert.deepEqual(page.logs(), ["['a.txt', 'deep', 'keep.txt', 'made', 'new.txt', 'r2.txt', 'sub', 'x.txt'] one 0", "0"]);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("without a user activation, a dialog asks first: its button mounts, Cancel raises PermissionError", async () => {
  // Playwright's clicks and evaluate calls (its waitForFunction polls included) count as user
  // gestures for a moment after they return. So the page waits at a gate (a request the test
  // answers) until the test has gone quiet, ends any activation itself (opening a window
  // consumes it), then mounts; the test meanwhile waits on console messages only.
  const gates = new Map(); // name -> { opened, open }, made by whichever side comes first
  const gate = (name) => {
    if (!gates.has(name)) {
      let open;
      const opened = new Promise((resolve) => (open = resolve));
      gates.set(name, { opened, open });
    }
    return gates.get(name);
  };
  const page = await openPage(
    pyPage(`<script type="py">
import os
from pyscript import fetch, fs, window

async def gate(name):
    await fetch(f"/_gate/{name}")
    window.open("about:blank").close()

await gate("first")
await fs.mount("/asked")
print("mounted", os.listdir("/asked"), len(window.pickerCalls))
await gate("second")
try:
    await fs.mount("/cancelled", id="second")
except PermissionError as error:
    print("PermissionError:", error)
print("same interpreter goes on", "/cancelled" in fs.mounted, len(window.pickerCalls))
</script>`),
    {
      waitFor: "true",
      beforeLoad: async (page) => {
        await injectPicker(page);
        await page.route("**/_gate/*", async (route) => {
          await gate(route.request().url().split("/").at(-1)).opened;
          await route.fulfill({ body: "open" });
        });
        await page.addInitScript(() => {
          new MutationObserver(() => {
            for (const dialog of document.querySelectorAll("dialog.pyscript-fs:not([data-seen])")) {
              dialog.dataset.seen = "";
              console.log(`dialog: ${dialog.textContent}`);
            }
          }).observe(document, { childList: true, subtree: true });
        });
      },
    },
  );
  const logged = (prefix) => page.page.waitForEvent("console", { predicate: (message) => message.text().startsWith(prefix), timeout: 30000 });
  const open = (name) => gate(name).open();

  let dialog = logged("dialog:");
  open("first");
  assert.match((await dialog).text(), /asks for a folder of your computer, to use at \/asked/);
  const mounted = logged("mounted");
  await page.page.click("dialog.pyscript-fs button[value=allow]");
  await mounted;

  dialog = logged("dialog:");
  open("second");
  assert.match((await dialog).text(), /to use at \/cancelled/);
  const end = logged("same interpreter");
  await page.page.click("dialog.pyscript-fs button[value=cancel]");
  await end;
  assert.deepEqual(page.logs().filter((line) => !line.startsWith("dialog:")), [
    "mounted [] 1",
    "PermissionError: no local folder was mounted at '/cancelled': the user cancelled",
    "same interpreter goes on False 1",
  ]);
  await page.close();
});

test("errors: another id on a mounted path, unknown paths, bad arguments, read-only mounts, a missing API", async () => {
  const page = await openPage(
    pyPage(`<button id="go">go</button>
<script type="py">
import os
from pyscript import fs, when, window
${ATTEMPT}
async def attempt_async(label, coroutine):
    try:
        await coroutine
        print(label, "no error")
    except Exception as error:
        print(label, type(error).__name__, error)

@when("click", "#go")
async def go(event):
    await fs.mount("/data")
    await attempt_async("other id", fs.mount("/data", id="other"))
    await attempt_async("same id again", fs.mount("/data"))
    await attempt_async("sync unknown", fs.sync("/nowhere"))
    await attempt_async("unmount unknown", fs.unmount("/nowhere"))
    await attempt_async("bad mode", fs.mount("/m", mode="write"))
    await attempt_async("bad root", fs.mount("/m", root="attic"))
    os.makedirs("/busy/x")
    await attempt_async("non-empty", fs.mount("/busy"))
    await fs.mount("/ro", mode="read", id="reader")
    print("read-only reads", open("/ro/r.txt").read())
    attempt("read-only write", lambda: open("/ro/r.txt", "w"))
    attempt("read-only remove", lambda: os.remove("/ro/r.txt"))
    await fs.unmount("/ro")
    print("unmounted", os.listdir("/ro"), sorted(fs.mounted))
    print("revoked", await fs.revoke("/data"), await fs.revoke("/data"), sorted(fs.mounted))
    del window.showDirectoryPicker
    await attempt_async("no API", fs.mount("/m"))
    window.step = "done"
</script>`),
    { beforeLoad: injectPicker },
  );
  await seed(page.page, "picked-reader", { "r.txt": "read me" });
  await clickAndWait(page, "#go", "done");
  assert.deepEqual(page.logs(), [
    "other id ValueError '/data' is already mounted with id 'pyscript': unmount it first, or mount at another path",
    "same id again no error",
    "sync unknown KeyError \"'/nowhere' is not mounted: use fs.mount('/nowhere') first (cannot sync)\"",
    "unmount unknown KeyError \"'/nowhere' is not mounted: use fs.mount('/nowhere') first (cannot unmount)\"",
    "bad mode ValueError mode must be 'readwrite' or 'read', not 'write'",
    "bad root ValueError root must be one of 'desktop', 'documents', 'downloads', 'music', 'pictures', 'videos' (or ''), not 'attic'",
    "non-empty OSError [Errno 39] cannot mount over a file or a non-empty directory: '/busy'",
    "read-only reads read me",
    "read-only write OSError [Errno 30] Read-only file system: '/ro/r.txt'",
    "read-only remove OSError [Errno 30] Read-only file system: '/ro/r.txt'",
    "unmounted [] ['/data']",
    "revoked True False []",
    "no API NotImplementedError pyscript.fs needs the File System Access API (window.showDirectoryPicker), which this browser lacks: use a Chromium-based browser",
  ]);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
