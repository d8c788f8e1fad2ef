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
