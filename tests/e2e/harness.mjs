// Shared set-up of the end-to-end tests: one headless Chromium and one static server per
// test file, and `openPage()`, which serves a page (inline HTML or a file under tests/),
// waits until its Python scripts are done and records the console.

import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { after, before } from "node:test";
import { startServer } from "../server.mjs";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // pyscript.media: a fake camera and microphone, granted without a prompt.
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];

let browser;
let server;
let inlineCount = 0;

/** Registers the browser and server for the calling test file. */
export function useBrowser() {
  before(async () => {
    server = await startServer();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** A whole HTML document that loads pyscript-rs and holds `body`. */
export function pyPage(body, { head = "" } = {}) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,">
<link rel="stylesheet" href="/dist/core.css">
<script type="module" src="/dist/core.js"></script>
${head}</head><body>
${body}
</body></html>`;
}

/**
 * Opens a page in a fresh browser context. `html` is a document served from
 * `/tests/pages/inline-N.html` (so relative URLs resolve inside tests/pages/), or pass
 * `{ path }` to open a file of the repository. Resolves once `py:all-done` fired (or
 * `waitFor`, a JS predicate, holds) with `{ page, console, pageErrors, text(selector),
 * html(selector), errors() }`; `console` lists `{ type, text }` in order. `beforeLoad(page)`
 * runs before navigation (to add routes); `contextOptions` are Playwright's for the context
 * (a `timezoneId`, say). Visits of one profile: `context` (from `newContext`, kept open by
 * `close()`) and `name`, the same URL each time (`/tests/pages/<name>.html`).
 */
export async function openPage(html, { path, name, context: shared, waitFor = "window.__pyAllDone === true", timeout = 30000, beforeLoad, contextOptions } = {}) {
  const context = shared ?? (await browser.newContext(contextOptions));
  const page = await context.newPage();
  const consoleMessages = [];
  const pageErrors = [];
  page.on("console", (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    addEventListener("py:all-done", () => {
      window.__pyAllDone = true;
    });
  });
  let url;
  if (path) {
    url = `${server.origin}/${path}`;
  } else {
    url = `${server.origin}/tests/pages/${name ?? `inline-${++inlineCount}`}.html`;
    await page.route(url, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        headers: { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" },
        body: html,
      }),
    );
  }
  await beforeLoad?.(page);
  await page.goto(url);
  await page.waitForFunction(waitFor, null, { timeout, polling: 20 });
  return {
    page,
    console: consoleMessages,
    pageErrors,
    origin: server.origin,
    text: (selector) => page.locator(selector).first().textContent(),
    html: (selector) => page.evaluate((s) => document.querySelector(s)?.innerHTML ?? null, selector),
    errors: () => page.evaluate(() => [...document.querySelectorAll(".py-error")].map((box) => box.textContent)),
    logs: () => consoleMessages.filter((message) => message.type === "log").map((message) => message.text),
    close: () => (shared ? page.close() : context.close()),
  };
}

/** A browser context (a profile: its caches and storage) for several `openPage` visits. */
export function newContext(options) {
  return browser.newContext(options);
}

/** Python that defines `attempt(label, action)`: calls `action()` and prints what it raised. */
export const ATTEMPT = `
def attempt(label, action):
    try:
        action()
        print(label, "no error")
    except Exception as error:
        print(label, type(error).__name__, error)
`;

/** Runs `code` in a `<script type="py">` after `body` and returns what it printed, failing
 * the test on any Python error shown on the page. */
export async function printed(code, { body = "" } = {}) {
  const page = await openPage(pyPage(`${body}<script type="py">\n${code}\n</script>`));
  const errors = await page.errors();
  const logs = page.logs();
  await page.close();
  assert.deepEqual(errors, [], "no Python error");
  return logs;
}

/**
 * Runs `code` in one script (after `body`, with `prelude` run first), then a second script
 * in the same interpreter, and returns what the first printed. Fails the test on any error
 * on the page (a Python error box, "the interpreter stopped", a page error) or when the second
 * script does not see the global the first one set: proof that Python input did not stop or
 * replace the interpreter.
 */
export async function survives(code, { body = "", prelude = "" } = {}) {
  const page = await openPage(
    pyPage(`${body}<script type="py">
same_interpreter = "yes"
${prelude}
${code}
</script>
<script type="py">print("alive, same interpreter:", same_interpreter)</script>`),
  );
  const errors = await page.errors();
  const logs = page.logs();
  const pageErrors = page.pageErrors;
  await page.close();
  assert.deepEqual(errors, [], "no Python error box and no stopped interpreter");
  assert.deepEqual(pageErrors, [], "no error escaped to the page");
  assert.equal(logs.at(-1), "alive, same interpreter: yes");
  return logs.slice(0, -1);
}
