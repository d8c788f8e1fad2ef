// pyscript.storage, Storage and the JS twin dist/storage.js: every change persists (across a
// reload, between Python and JS), what cannot be stored raises, and how much survives a page
// closed with writes still queued.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

/** Reloads the page (same browser context, so the same IndexedDB) and waits for its scripts. */
async function reload(page) {
  page.console.length = 0;
  await page.page.reload();
  await page.page.waitForFunction("window.__pyAllDone === true", null, { timeout: 60000, polling: 20 });
}

/** A page whose script writes on the first visit and reads on the next ones. */
function twoVisits(name, { write, read, prelude = "" }) {
  const indent = (code) => code.trim().split("\n").map((line) => `    ${line}`).join("\n");
  return pyPage(`<script type="py">
from pyscript import storage, Storage
${prelude}
store = await storage("${name}")
if "visited" not in store:
${indent(write)}
    store["visited"] = True
    await store.sync()
    print("written")
else:
${indent(read)}
</script>`);
}

test("a store is a dict whose every change persists across a reload; it keeps the objects given, a reload reads what storage returns", async () => {
  const page = await openPage(
    twoVisits("dict", {
      write: `
store["int"] = 1
store["tuple"] = (1, [2.5, "x"], {"k": None, "t": (True,)})
store["bytes"] = bytearray(b"\\x00\\xff")
store["view"] = memoryview(b"hi")
store["gone"] = "soon deleted"
del store["gone"]
store.update({"u1": 1}, u2=2)
store |= {"or": "ior"}
print(store.pop("u1"), store.pop("missing", "default"), store.setdefault("sd", [3]), store.setdefault("int", 99))
store["pi"] = "popped"
print(store.popitem())
print(store["tuple"], type(store["view"]).__name__)
other = await storage("dict")
print("second handle sees", sorted(other))`,
      read: `
print(sorted((k, bytes(v) if isinstance(v, memoryview) else v) for k, v in store.items()))
print(type(store["bytes"]).__name__, type(store["view"]).__name__, type(store["int"]).__name__)`,
    }),
  );
  assert.deepEqual(page.logs(), [
    "1 default [3] 1",
    "('pi', 'popped')",
    "(1, [2.5, 'x'], {'k': None, 't': (True,)}) memoryview",
    "second handle sees ['bytes', 'int', 'or', 'sd', 'tuple', 'u2', 'view']",
    "written",
  ]);
  await reload(page);
  assert.deepEqual(page.logs(), [
    "[('bytes', bytearray(b'\\x00\\xff')), ('int', 1), ('or', 'ior'), ('sd', [3]), ('tuple', [1, [2.5, 'x'], {'k': None, 't': [True]}]), ('u2', 2), ('view', b'hi'), ('visited', True)]",
    "bytearray memoryview int",
  ]);
  assert.deepEqual(await page.errors(), []);
  await page.close();
});

test("a subclass passed as storage_class sees every change, whichever method makes it", async () => {
  const logs = await printed(`
from pyscript import storage, Storage
seen = []
class Logged(Storage):
    def __setitem__(self, key, value):
        seen.append(("set", key))
        super().__setitem__(key, value)
    def __delitem__(self, key):
        seen.append(("del", key))
        super().__delitem__(key)
    def clear(self):
        seen.append(("clear",))
        super().clear()
store = await storage("logged", storage_class=Logged)
store["a"] = 1
store.update(b=2)
store |= {"c": 3}
store.setdefault("d", 4)
store.pop("a")
store.popitem()
store.clear()
print(type(store).__name__, seen)
`);
  assert.deepEqual(logs, [
    "Logged [('set', 'a'), ('set', 'b'), ('set', 'c'), ('set', 'd'), ('del', 'a'), ('del', 'd'), ('clear',)]",
  ]);
});

test("what storage cannot hold raises a clear error and stores nothing", async () => {
  const page = await openPage(
    twoVisits("refused", {
      write: `
store["kept"] = 1
for name, action in [
    ("object", lambda: store.__setitem__("x", object())),
    ("nested binary", lambda: store.__setitem__("x", [bytearray(b"1")])),
    ("int dict key", lambda: store.__setitem__("x", {1: 2})),
    ("nan", lambda: store.__setitem__("x", float("nan"))),
    ("big int", lambda: store.__setitem__("x", 2**64)),
    ("int key", lambda: store.__setitem__(1, 1)),
    ("update", lambda: store.update(y=1, x=object())),
]:
    try:
        action()
        print(name, "stored")
    except Exception as error:
        print(name, type(error).__name__, error)
print(sorted(store))
for name in ["", None]:
    try:
        await storage(name)
    except ValueError as error:
        print(repr(name), "ValueError", error)`,
      read: `print(sorted(store))`,
    }),
  );
  assert.deepEqual(page.logs(), [
    "object TypeError Cannot serialize type object for storage.",
    "nested binary TypeError Cannot serialize type bytearray for storage. Binary data is stored only as a whole value, not inside a list, tuple or dict.",
    "int dict key TypeError Cannot serialize a dict key of type int for storage: keys must be str.",
    "nan ValueError float nan cannot be stored: JSON has no NaN or infinity",
    "big int OverflowError int 18446744073709551616 is too large for storage: at most 64 bits (store it as a str)",
    "int key TypeError storage keys must be str, not int",
    "update TypeError Cannot serialize type object for storage.",
    "['kept']",
    "'' ValueError Storage name must be a non-empty string",
    "None ValueError Storage name must be a non-empty string",
    "written",
  ]);
  await reload(page);
  assert.deepEqual(page.logs(), ["['kept', 'visited']"]);
  await page.close();
});

test("Python's data reads in JS through storage.js, and JS's data in Python, binary included", async () => {
  const page = await openPage(
    twoVisits("shared", {
      write: `
store["text"] = "from Python"
store["list"] = [1, 2.5, None, {"k": [True]}]
store["ordered"] = {"z": 1, "a": [2, "z"], "m": {"y": None, "b": "z"}}
store["bytes"] = bytearray(b"\\x01\\x02")
store["view"] = memoryview(b"\\x03")
store["none"] = None`,
      read: `
print(store["ordered"])
for key in ["js_text", "js_object", "js_buffer", "js_typed", "js_null", "text"]:
    value = store[key]
    print(key, type(value).__name__, bytes(value) if isinstance(value, memoryview) else value)`,
    }),
  );
  assert.deepEqual(page.logs(), ["written"]);
  const seen = await page.page.evaluate(async () => {
    const { storage } = await import("/dist/storage.js");
    const store = await storage("shared");
    // What Python wrote is, byte for byte, what the npm flatted package writes.
    const { stringify } = await import("/dist/vendor/flatted.js");
    const raw = await new Promise((resolve, reject) => {
      const request = indexedDB.open("IDBMap/@pyscript/shared");
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const read = request.result.transaction("entries").objectStore("entries").get("ordered");
        read.onsuccess = () => resolve(read.result);
      };
    });
    const result = {
      sameText: raw === stringify(["generic", { z: 1, a: [2, "z"], m: { y: null, b: "z" } }]),
      orderedKeys: Object.keys(store.ordered),
      text: store.text,
      list: store.list,
      bytes: [store.bytes.constructor.name, [...new Uint8Array(store.bytes)]],
      view: [store.view.constructor.name, [...store.view]],
      none: store.none,
    };
    store.js_text = "from JS";
    store.js_object = { a: [1, "b"], dropped: undefined };
    store.js_buffer = new Uint8Array([7, 8]).buffer;
    store.js_typed = new Uint16Array([0x0201]);
    store.js_null = undefined;
    await store.sync();
    return result;
  });
  assert.deepEqual(seen, {
    sameText: true,
    orderedKeys: ["z", "a", "m"],
    text: "from Python",
    list: [1, 2.5, null, { k: [true] }],
    bytes: ["ArrayBuffer", [1, 2]],
    view: ["Uint8Array", [3]],
    none: null,
  });
  await reload(page);
  assert.deepEqual(page.logs(), [
    "{'z': 1, 'a': [2, 'z'], 'm': {'y': None, 'b': 'z'}}",
    "js_text str from JS",
    "js_object dict {'a': [1, 'b']}",
    "js_buffer bytearray bytearray(b'\\x07\\x08')",
    "js_typed memoryview b'\\x01\\x02'",
    "js_null NoneType None",
    "text str from Python",
  ]);
  await page.close();
});

test("storage.js: an object-like proxy; clear and sync shadow keys; bad names and values throw", async () => {
  const page = await openPage(pyPage(""), { waitFor: "document.readyState === 'complete'" });
  const result = await page.page.evaluate(async () => {
    const { storage } = await import("/dist/storage.js");
    const thrown = async (action) => {
      try {
        await action();
        return "no error";
      } catch (error) {
        return `${error.name}: ${error.message}`;
      }
    };
    const store = await storage("proxy");
    store.a = 1;
    store.b = "two";
    store.clear = "shadowed";
    const before = { keys: Object.keys(store), has: "a" in store, missing: "zz" in store, clearIsFunction: typeof store.clear };
    delete store.a;
    const errors = [
      await thrown(() => storage("")),
      await thrown(() => {
        store.f = () => 1;
      }),
      await thrown(() => {
        store.n = [new Uint8Array(1)];
      }),
    ];
    const afterDelete = Object.keys(store);
    await store.sync();
    const again = await storage("proxy");
    const reopened = { keys: Object.keys(again), b: again.b };
    again.clear();
    await again.sync();
    const cleared = Object.keys(await storage("proxy"));
    return { before, errors, afterDelete, reopened, cleared };
  });
  assert.deepEqual(result, {
    before: { keys: ["a", "b", "clear"], has: true, missing: false, clearIsFunction: "function" },
    errors: [
      "SyntaxError: The storage name must be defined",
      "TypeError: Cannot serialize type function for storage.",
      "TypeError: Cannot serialize binary data for storage inside an array or object: store it as a whole value.",
    ],
    afterDelete: ["b", "clear"],
    reopened: { keys: ["b", "clear"], b: "two" },
    cleared: [],
  });
  await page.close();
});

test("10,000 keys of mixed types (1 MB of binary) written, synced and all read back after a reload", async (t) => {
  const check = `
def expected(i):
    kind = i % 5
    if kind == 0: return i
    if kind == 1: return f"value {i}"
    if kind == 2: return [i, i / 4, None, {"i": str(i)}]
    if kind == 3: return bytearray((i + j) % 256 for j in range(500))
    return i % 3 == 0`;
  const page = await openPage(
    twoVisits("durable", {
      prelude: check,
      write: `
import time
started = time.perf_counter()
for i in range(10000):
    store[f"k{i}"] = expected(i)
queued = time.perf_counter()
await store.sync()
print(f"timing: queued in {(queued - started) * 1000:.0f} ms, synced after {(time.perf_counter() - started) * 1000:.0f} ms")
print("binary bytes:", sum(len(v) for v in store.values() if isinstance(v, bytearray)))`,
      read: `
wrong = [i for i in range(10000) if store.get(f"k{i}") != expected(i)]
print("keys:", len(store) - 1, "wrong:", wrong[:5])`,
    }),
    { timeout: 120000 },
  );
  const [timing, ...written] = page.logs();
  t.diagnostic(timing);
  assert.deepEqual(written, ["binary bytes: 1000000", "written"]);
  await reload(page);
  assert.deepEqual(page.logs(), ["keys: 10000 wrong: []"]);
  await page.close();
});

test("closing the page with writes still queued (no sync): how many survive is reported, never part of a turn", async (t) => {
  const writer = await openPage(
    pyPage(`<script type="py">
from pyscript import storage, window
store = await storage("unsynced")
for i in range(10000):
    store[f"k{i}"] = i
window.queued = True
</script>`),
    { waitFor: "window.queued === true", timeout: 60000 },
  );
  const context = writer.page.context();
  await writer.page.close();
  const reader = await context.newPage();
  const lines = [];
  reader.on("console", (message) => lines.push(message.text()));
  await reader.addInitScript(() => addEventListener("py:all-done", () => (window.__pyAllDone = true)));
  await reader.route(`${writer.origin}/tests/pages/reader.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: pyPage(`<script type="py">
from pyscript import storage
store = await storage("unsynced")
print(len(store), all(store[f"k{i}"] == i for i in range(len(store))))
</script>`),
    }),
  );
  await reader.goto(`${writer.origin}/tests/pages/reader.html`);
  await reader.waitForFunction("window.__pyAllDone === true", null, { timeout: 60000, polling: 20 });
  const [count, consistent] = lines.at(-1).split(" ");
  t.diagnostic(`${count} of 10000 unsynced writes survived the page's closing`);
  assert.ok(count === "0" || count === "10000", `all or nothing, not ${count}`);
  assert.equal(consistent, "True");
  await context.close();
});
