// Standard-library modules a page author expects to just work in the browser.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();


test("every clock of time works, none of them stops the interpreter", async () => {
  assert.deepEqual(await printed(`
import time
now = time.time()
print(abs(time.time_ns() / 1e9 - now) < 1, time.localtime().tm_year >= 2024, len(time.strftime("%Y-%m-%d")))
for clock in (time.monotonic, time.perf_counter, time.process_time, time.thread_time):
    first = clock()
    second = clock()
    assert second >= first >= 0, clock
for clock in (time.monotonic_ns, time.perf_counter_ns, time.process_time_ns, time.thread_time_ns):
    assert isinstance(clock(), int), clock
start = time.perf_counter()
time.sleep(0.05)
print("slept", time.perf_counter() - start >= 0.05)
for bad in (-1, float("nan")):
    try:
        time.sleep(bad)
    except ValueError as error:
        print("ValueError", error)`),
  ["True True 10", "slept True", "ValueError sleep length must be non-negative", "ValueError Invalid value NaN (not a number)"]);
});

test("datetime.now(), date.today() and arithmetic", async () => {
  assert.deepEqual(await printed(`
from datetime import date, datetime, timedelta, timezone
import time
now = datetime.now()
print(abs(now.timestamp() - time.time()) < 2, date.today() == now.date(), datetime.now(timezone.utc).tzinfo)
print(datetime(2024, 2, 28) + timedelta(days=1), datetime.fromisoformat("2024-05-06T07:08:09").isoformat())`),
  ["True True UTC", "2024-02-29 00:00:00 2024-05-06T07:08:09"]);
});

test("json, re, math, collections, itertools and functools", async () => {
  assert.deepEqual(await printed(`
import json, re, math, collections, itertools, functools
print(json.dumps({"a": [1, 2]}), re.findall(r"\\d+", "a1b22"), math.isqrt(99), collections.Counter("aab").most_common(1))
print(list(itertools.pairwise([1, 2, 3])), functools.reduce(lambda a, b: a * b, range(1, 6)))`),
  ['{"a": [1, 2]} [\'1\', \'22\'] 9 [(\'a\', 2)]', "[(1, 2), (2, 3)] 120"]);
});

/** Opens `html`, recording the standard library files (dist/stdlib/) the page requests. */
async function openRecording(html, options = {}) {
  const requested = [];
  const synchronous = []; // fetched by an import no scan foresaw (a blocking request)
  const page = await openPage(html, {
    ...options,
    beforeLoad: async (browserPage) => {
      browserPage.on("request", (request) => {
        const match = request.url().match(/\/dist\/stdlib\/stdlib-([a-z_0-9]+)-[0-9a-f]{16}\.bin$/);
        if (match) requested.push(match[1]);
        if (match && request.resourceType() === "xhr") synchronous.push(match[1]);
      });
      await options.beforeLoad?.(browserPage);
    },
  });
  return { page, requested, synchronous };
}

test("the imports a script names are fetched before it runs: json, re, datetime, dataclasses, typing, asyncio in one request", async () => {
  const { page, requested } = await openRecording(
    pyPage(`<script type="py">
import json, re, datetime, dataclasses, typing, asyncio
print(json.dumps({"a": [1]}), re.findall(r"\\d", "a1b2"), datetime.date(2026, 12, 2).isoformat())
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), [`{"a": [1]} ['1', '2'] 2026-12-02`]);
  assert.deepEqual(requested, ["common"]);
  await page.close();
});

test("a module no scan foresaw (an import by name at run time) is fetched when imported", async () => {
  const { page, requested } = await openRecording(
    pyPage(`<script type="py">
import importlib
name = "xml.dom." + "minidom"
minidom = importlib.import_module(name)
print(minidom.parseString("<a><b/></a>").documentElement.firstChild.tagName)
print(b"\\x82".decode("cp437"))
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), ["b", "é"]);
  // (`common` may follow, fetched once the page is idle.)
  for (const group of ["xml", "encodings"]) assert.ok(requested.includes(group), `${group} in ${requested}`);
  await page.close();
});

test("a standard library file that cannot be fetched is an ImportError naming it; the interpreter goes on", async () => {
  const { page } = await openRecording(
    pyPage(`<script type="py">
import importlib
try:
    importlib.import_module("wave")
except ImportError as error:
    print("ImportError:", error)
print("still running")
</script>`),
    { beforeLoad: (browserPage) => browserPage.route(/\/dist\/stdlib\/stdlib-wave-/, (route) => route.fulfill({ status: 404, body: "" })) },
  );
  const [first, second] = page.logs();
  assert.match(first, /^ImportError: cannot load wave: fetching stdlib-wave-[0-9a-f]{16}\.bin failed: .*HTTP 404/);
  assert.equal(second, "still running");
  await page.close();
});

test("once the page is idle the common part of the standard library is fetched, so later imports need no request", async () => {
  const { page, requested } = await openRecording(pyPage(`<button id="go">go</button><script type="py">
from pyscript import when, window
@when("click", "#go")
def go():
    import importlib
    print(importlib.import_module("json").dumps([1]))
    window.done = True
</script>`));
  // The runtime has the file once it no longer lists it to prefetch.
  await page.page.waitForFunction(async () => (await import("/dist/pyscript_runtime.js")).stdlibPrefetchFiles().length === 0);
  // The request event may reach this process a moment after the page has the file.
  for (const deadline = Date.now() + 10000; !requested.includes("common") && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual(requested, ["common"]);
  await page.page.click("#go");
  await page.page.waitForFunction("window.done === true");
  assert.deepEqual(page.logs(), ["[1]"]);
  assert.deepEqual(requested, ["common"], "no second request");
  await page.close();
});

test("a page that imports only pyscript fetches no standard library file before its script runs", async () => {
  const { page } = await openRecording(
    pyPage(`<script type="py">
from pyscript import display, when, web, storage, window
entries = window.performance.getEntriesByType("resource")
print([entry.name for entry in entries if "/stdlib/" in entry.name])
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), ["[]"]);
  await page.close();
});

test("a page with a TOML config, files and top-level await makes no blocking request for its standard library", async () => {
  const { page, requested, synchronous } = await openRecording(
    pyPage(`<py-config>
[files]
"files/data.txt" = "data.txt"
</py-config>
<script type="py">
import asyncio
await asyncio.sleep(0)
print(open("data.txt").read().strip()[:5])
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.equal(page.logs().length, 1);
  assert.ok(requested.includes("common"), `${requested}`);
  assert.deepEqual(synchronous, []);
  await page.close();
});

test("30 assorted standard library modules import and work, fetched before the script runs; what this build leaves out fails clearly", async () => {
  const { page, synchronous } = await openRecording(
    pyPage(`<script type="py">
import abc, array, base64, bisect, calendar, collections, contextlib, copy, csv, dataclasses
import datetime, decimal, difflib, enum, fractions, hashlib, heapq, html, io, itertools
import pickle, pprint, random, shlex, statistics, string, textwrap, unicodedata, uuid, zlib
import urllib.parse, xml.etree.ElementTree as ET

@dataclasses.dataclass
class Point:
    x: int
    y: int

class Colour(enum.Enum):
    RED = 1

rows = list(csv.reader(io.StringIO("a,b\\n1,2")))
print(array.array("i", [1, 2]).tolist(), base64.b64encode(b"hi").decode(), bisect.bisect([1, 3], 2))
print(calendar.isleap(2024), collections.Counter("aab")["a"], copy.deepcopy([[1]]), rows)
print(Point(1, 2), datetime.date(2026, 12, 2) + datetime.timedelta(days=30), decimal.Decimal("0.1") + decimal.Decimal("0.2"))
print(list(difflib.ndiff(["a"], ["b"]))[0], Colour.RED.name, fractions.Fraction(1, 3) * 3, hashlib.sha256(b"").hexdigest()[:8])
print(heapq.nsmallest(2, [5, 1, 3]), html.escape("<a>"), list(itertools.accumulate([1, 2, 3])))
print(pickle.loads(pickle.dumps({"p": Point(3, 4), "when": datetime.datetime(2026, 1, 2, 3, 4)})))
print(pprint.pformat({"k": 1}), random.Random(1).randint(1, 100), shlex.split("a 'b c'"), statistics.mean([1, 2, 3]))
print(string.ascii_lowercase[:3], textwrap.shorten("hello big world", 12), unicodedata.name("\\u00e9"), "\\N{SNOWMAN}")
print(uuid.UUID(int=1).hex[-4:], zlib.decompress(zlib.compress(b"zz")), urllib.parse.urlparse("https://x.org/p?q=1").query)
print(ET.fromstring("<a><b k='v'/></a>").find("b").get("k"), isinstance([], abc.ABC), contextlib.suppress(KeyError).__class__.__name__)
for name in ("bz2", "lzma"):
    try:
        __import__(name)
    except ImportError as error:
        print(name, "->", type(error).__name__)
try:
    "x".encode("shift_jis")
except LookupError as error:
    print("shift_jis ->", error)
</script>`),
  );
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), [
    "[1, 2] aGk= 1",
    "True 2 [[1]] [['a', 'b'], ['1', '2']]",
    "Point(x=1, y=2) 2027-01-01 0.3",
    "- a RED 1 e3b0c442",
    "[1, 3] &lt;a&gt; [1, 3, 6]",
    "{'p': Point(x=3, y=4), 'when': datetime.datetime(2026, 1, 2, 3, 4)}",
    "{'k': 1} 18 ['a', 'b c'] 2",
    "abc hello [...] LATIN SMALL LETTER E WITH ACUTE ☃",
    "0001 b'zz' q=1",
    "v False suppress",
    "bz2 -> ModuleNotFoundError",
    "lzma -> ModuleNotFoundError",
    "shift_jis -> unknown encoding: shift_jis",
  ]);
  // The 30 were foreseen; only the imports by name and the codec lookup made blocking requests.
  assert.deepEqual(synchronous.sort(), ["bz2", "compression", "encodings", "lzma"]);
  await page.close();
});

test("compile() to an AST works before anything imported ast (start-up does not import _ast)", async () => {
  assert.deepEqual(await printed(`
import sys
print("_ast" in sys.modules)
tree = compile("x = 1", "<s>", "exec", 1024)  # ast.PyCF_ONLY_AST
print(type(tree).__name__, tree.body[0].targets[0].id)
import ast
print(ast.dump(ast.parse("y")))`), [
    "False",
    "Module x",
    "Module(body=[Expr(value=Name(id='y', ctx=Load()))])",
  ]);
});

test("the test server sends the precompressed brotli copies of the wasm and of standard library files", async () => {
  const encodings = {};
  const page = await openPage(
    pyPage(`<script type="py">
import json
print(json.dumps([1]))
</script>`),
    {
      beforeLoad: (browserPage) =>
        browserPage.on("response", (response) => {
          const match = response.url().match(/\/dist\/(?:stdlib\/stdlib-(common)-[0-9a-f]{16}\.bin|pyscript_runtime_bg-[0-9a-f]{16}\.(wasm))$/);
          if (match) encodings[match[1] ?? match[2]] = response.headers()["content-encoding"];
        }),
    },
  );
  assert.deepEqual(await page.errors(), []);
  assert.deepEqual(page.logs(), ["[1]"]);
  assert.deepEqual(encodings, { wasm: "br", common: "br" });
  await page.close();
});
