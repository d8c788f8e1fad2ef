// A seeded random driver (tests/pages/fuzz/driver.py) makes FUZZ_CALLS calls over
// `pyscript.web` and `pyscript.ffi`/`window` with random arguments of every type. Every
// failure must be an ordinary Python exception: a trap of the wasm instance would stop the
// driver before its summary and show an error on the page.
//
// CI runs the fixed seed below; a longer run is one command away:
//   FUZZ_SEED=7 FUZZ_CALLS=1000000 node --test tests/e2e/fuzz.test.mjs

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

const seed = Number(process.env.FUZZ_SEED ?? 20261202);
const calls = Number(process.env.FUZZ_CALLS ?? 100000);

test(`${calls} random calls over pyscript.web and pyscript.ffi (seed ${seed}) raise only Python exceptions`, async () => {
  const page = await openPage(
    pyPage(`<script type="py">
FUZZ_SEED = ${seed}
FUZZ_CALLS = ${calls}
FUZZ_TRACE = ${process.env.FUZZ_TRACE ? "True" : "False"}
</script>
<script type="py" src="fuzz/driver.py"></script>
<script type="py">print("alive after the fuzz run:", FUZZ_SEED)</script>`),
    // About 20 s for 100,000 calls on 2 cores; a longer run gets proportionally longer.
    { timeout: Math.max(120000, calls * 2) },
  );
  const errors = await page.errors();
  if (process.env.FUZZ_TRACE) console.log(page.console.slice(-8).map((message) => message.text).join("\n"));
  const summaryLine = page.logs().find((line) => line.startsWith("FUZZ "));
  const lastLine = page.logs().at(-1);
  await page.close();
  assert.deepEqual(errors, [], "no error on the page: the driver finished and the interpreter never stopped");
  assert.ok(summaryLine, "the driver printed its summary");
  const summary = JSON.parse(summaryLine.slice("FUZZ ".length));
  assert.equal(summary.calls, calls);
  assert.equal(lastLine, `alive after the fuzz run: ${seed}`);
  const outcomes = Object.entries(summary.outcomes);
  const succeeded = outcomes.filter(([key]) => key.endsWith(":ok")).reduce((sum, [, count]) => sum + count, 0);
  // A driver whose every call fails would test nothing but its own mistakes.
  assert.ok(succeeded > calls / 3, `at least a third of the calls succeed (${succeeded})`);
  console.log(`fuzz: seed ${seed}, ${summary.calls} calls in ${summary.seconds} s, ${succeeded} succeeded; slowest ${JSON.stringify(summary.slowest)}; outcomes ${JSON.stringify(summary.outcomes)}`);
});
