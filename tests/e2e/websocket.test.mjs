// pyscript.WebSocket against the test server's echo (tests/server.mjs, /_ws_echo), from the
// pages in tests/pages/websocket/.

import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, useBrowser } from "./harness.mjs";

useBrowser();

/** Opens a page of tests/pages/websocket/ (served by the test server itself: Chromium opens
 * WebSockets to 127.0.0.1 only from pages with a local address) and returns what it printed. */
async function run(name) {
  const page = await openPage(null, { path: `tests/pages/websocket/${name}.html`, waitFor: "document.body.dataset.done === 'yes'" });
  const errors = await page.errors();
  const logs = page.logs();
  await page.close();
  assert.deepEqual(errors, []);
  return logs;
}

test("text and binary round trips; handlers as keywords or attributes, sync or async; the constants and fields", async () => {
  const logs = await run("round-trips");
  assert.deepEqual(logs, [
    "0 1 2 3 True",
    "open: True arraybuffer True",
    "['str', 'str', 'memoryview']",
    "protocol: none hello b'\\x00\\x01binary'",
    "closed: 1005 True",
  ]);
});

test("protocols (positional url, str or list), close codes and reasons, errors", async () => {
  const logs = await run("protocols-and-closing");
  assert.deepEqual(logs, [
    "protocol: chat",
    "JsException: InvalidAccessError",
    "closed: 4001 done here",
    "server closed: 4002 server says bye",
    "send before open: InvalidStateError",
    "bad url: SyntaxError",
    "TypeError: True",
  ]);
});
