// Top-level await in every script form, script order with awaits, asyncio on the browser's
// event loop, awaitable JS and Python awaitables handed to JS.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openPage, printed, pyPage, useBrowser } from "./harness.mjs";

useBrowser();

describe("top-level await", () => {
  test("works in <script type=py>, <script type=mpy>, <py-script>, <mpy-script>", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import asyncio
await asyncio.sleep(0)
print("script py")
</script>
<script type="mpy">
import asyncio
await asyncio.sleep(0)
print("script mpy")
</script>
<py-script>
import asyncio
await asyncio.sleep(0)
print("py-script")
</py-script>
<mpy-script>
import asyncio
await asyncio.sleep(0)
print("mpy-script")
</mpy-script>`),
    );
    assert.deepEqual(await page.errors(), []);
    assert.deepEqual([...page.logs()].sort(), ["mpy-script", "py-script", "script mpy", "script py"]);
    await page.close();
  });

  test("globals, from-import-star and tracebacks stay as in a module; a src file awaits too", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import asyncio
from math import *
await asyncio.sleep(0)
answer = floor(pi * 10)
</script>
<script type="py">print("set before the first script's await:", floor(pi))</script>
<script type="py">
await asyncio.sleep(0.3)
print("set after it:", answer)
</script>
<script type="py" src="files/awaits.py"></script>`),
    );
    assert.deepEqual(page.logs(), [
      "set before the first script's await: 3",
      "src file before await",
      "src file after await: from a promise",
      "set after it: 31",
    ]);
    const [error] = await page.errors();
    assert.match(error, /File "files\/awaits\.py", line 15, in <module>\n    await explode\(\)\n/);
    assert.match(error, /File "files\/awaits\.py", line 12, in explode\n    raise LookupError/);
    assert.match(error, /LookupError: raised after an await in a src file$/);
    await page.close();
  });

  test("scripts start in document order, then interleave; one that awaits forever does not block the next", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import asyncio
print("1 starts")
await asyncio.sleep(0.3)
print("1 ends")
</script>
<script type="py">
import asyncio
print("2 starts")
await asyncio.Event().wait()
print("2 never ends")
</script>
<script type="py">
print("3 runs without awaiting")
import js
js.document.body.dataset.third = "ran"
</script>`, { head: `<script>window.__doneCount = 0; addEventListener("py:done", () => window.__doneCount++);</script>` }),
      { waitFor: "document.body.dataset.third === 'ran' && window.__doneCount === 2" },
    );
    const logs = page.logs();
    assert.deepEqual(logs.slice(0, 3), ["1 starts", "2 starts", "3 runs without awaiting"]);
    assert.ok(logs.includes("1 ends"));
    assert.ok(!logs.includes("2 never ends"));
    const state = await page.page.evaluate(() => ({ allDone: window.__pyAllDone === true, done: window.__doneCount }));
    assert.equal(state.allDone, false, "py:all-done waits for the script that awaits forever");
    assert.equal(state.done, 2, "py:done fired for the two scripts that ended");
    await page.close();
  });

  test("an exception after an await shows the traceback box with the script's line", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import asyncio

await asyncio.sleep(0.01)
raise ValueError("after the await")
</script>`),
    );
    const [error] = await page.errors();
    assert.match(error, /^Traceback \(most recent call last\):\n  File "<py script 1>", line 5, in <module>\n    raise ValueError\("after the await"\)\nValueError: after the await$/);
    await page.close();
  });

  test('async="false" runs synchronously: a top-level await is a SyntaxError', async () => {
    const page = await openPage(pyPage(`<script type="py" async="false">\nimport asyncio\nawait asyncio.sleep(0)\n</script>`));
    const [error] = await page.errors();
    assert.match(error, /SyntaxError: 'await' outside function/);
    await page.close();
  });
});

describe("asyncio on the page's event loop", () => {
  test("the asyncio toolbox works: tasks, gather of 10,000, wait_for, timeout, Queue, Lock, Event, Semaphore, TaskGroup, cancellation, call_later", async () => {
    const logs = await printed(`
import asyncio
loop = asyncio.get_running_loop()
print("running:", loop.is_running(), asyncio.get_event_loop() is loop)

async def value(i):
    await asyncio.sleep(0)
    return i

results = await asyncio.gather(*(value(i) for i in range(10_000)))
print("gather:", len(results), sum(results))

try:
    await asyncio.wait_for(asyncio.sleep(10), 0.01)
except TimeoutError:
    print("wait_for timed out")
try:
    async with asyncio.timeout(0.01):
        await asyncio.sleep(10)
except TimeoutError:
    print("timeout() timed out")

queue = asyncio.Queue()
async def producer():
    for i in range(3):
        await queue.put(i)
        await asyncio.sleep(0)
task = asyncio.create_task(producer())
print("queue:", [await queue.get() for _ in range(3)])
await task

lock, event, semaphore = asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(2)
async with lock:
    print("lock held:", lock.locked())
asyncio.get_running_loop().call_later(0.01, event.set)
await event.wait()
print("event set")
async with semaphore:
    print("semaphore value:", semaphore._value)

async with asyncio.TaskGroup() as group:
    first = group.create_task(value("a"))
    second = group.create_task(value("b"))
print("task group:", first.result() + second.result())

sleeper = asyncio.create_task(asyncio.sleep(10))
await asyncio.sleep(0)
sleeper.cancel()
try:
    await sleeper
except asyncio.CancelledError:
    print("cancelled:", sleeper.cancelled())

fired = []
loop.call_later(0.02, fired.append, "later")
loop.call_soon(fired.append, "soon")
await asyncio.sleep(0.3)
print("callbacks:", fired)
`);
    assert.deepEqual(logs, [
      "running: True True",
      "gather: 10000 49995000",
      "wait_for timed out",
      "timeout() timed out",
      "queue: [0, 1, 2]",
      "lock held: True",
      "event set",
      "semaphore value: 1",
      "task group: ab",
      "cancelled: True",
      "callbacks: ['soon', 'later']",
    ]);
  });

  test("asyncio.run() and run_until_complete() schedule and return; run_forever() says why not", async () => {
    const logs = await printed(`
import asyncio
async def main():
    return "main ran"
task = asyncio.run(main())
print(await task)
print(await asyncio.get_running_loop().run_until_complete(main()))
try:
    asyncio.get_running_loop().run_forever()
except RuntimeError as error:
    print("RuntimeError:", "always running" in str(error))
`);
    assert.deepEqual(logs, ["main ran", "main ran", "RuntimeError: True"]);
  });

  test("an exception in a task nobody awaits is shown on the page and in the console", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import asyncio
async def fails():
    raise KeyError("lost in a task")
asyncio.create_task(fails())
await asyncio.sleep(0.01)
print("the script goes on")
</script>`),
    );
    const [error] = await page.errors();
    assert.match(error, /^Task exception was never retrieved\nTraceback \(most recent call last\):\n  File "<py script 1>", line 4, in fails\n/);
    assert.match(error, /KeyError: 'lost in a task'$|KeyError: lost in a task$/);
    assert.ok(page.console.some((message) => message.type === "error" && message.text === error));
    assert.deepEqual(page.logs(), ["the script goes on"]);
    await page.close();
  });

  test("requestAnimationFrame keeps firing during a long asyncio.sleep", async () => {
    const logs = await printed(`
import asyncio, js
frames = 0
def frame(_):
    global frames
    frames += 1
    js.requestAnimationFrame(frame)
js.requestAnimationFrame(frame)
await asyncio.sleep(0.5)
print("frames during the sleep:", frames > 5)
`);
    assert.deepEqual(logs, ["frames during the sleep: True"]);
  });

  test("time.sleep on the main thread waits (blocking the page), as documented", async () => {
    const logs = await printed(`
import time
start = time.monotonic()
time.sleep(0.05)
print(time.monotonic() - start >= 0.05)
`);
    assert.deepEqual(logs, ["True"]);
  });

  test("each task runs in its own context across its steps and wakeups; all_tasks() and current_task() see pending tasks only", async () => {
    // The lines are CPython 3.11's output of the same code (asyncio.run(main()) there), with the
    // JS promise's line added. Tasks step in their own context (_asyncio's task registry and
    // context patch: patches/rustpython-stdlib-0.6.0-asyncio-tasks.patch).
    const logs = await printed(`
import asyncio
import contextvars
import gc

import js

var = contextvars.ContextVar("var", default="unset")
log = []


async def worker(name, value):
    seen = [var.get()]
    var.set(value)
    for _ in range(3):
        await asyncio.sleep(0)
        seen.append(var.get())
    return name, seen


async def waits(future):
    var.set("waiter")
    value = await future
    return value, var.get()


async def sleeper():
    await asyncio.sleep(10)


async def main():
    var.set("outer")
    # Each task starts with a copy of the context it was created in; what it sets stays
    # its own, across its steps, while other tasks run in between.
    results = await asyncio.gather(worker("a", "A"), worker("b", "B"), worker("c", "C"))
    print("gather", results, "outer still", var.get())
    # A task made with an explicit context runs in that context.
    ctx = contextvars.copy_context()
    ctx.run(var.set, "in ctx")
    task = asyncio.get_running_loop().create_task(worker("d", "D"), context=ctx)
    print("explicit context", await task, ctx[var], var.get())
    # A task woken by a future it awaits continues in its own context.
    future = asyncio.get_running_loop().create_future()
    waiter = asyncio.create_task(waits(future))
    await asyncio.sleep(0)
    future.set_result(42)
    print("woken", await waiter, var.get())
    # all_tasks and current_task see pending tasks only.
    pending = [asyncio.create_task(sleeper(), name=f"sleeper-{i}") for i in range(3)]
    await asyncio.sleep(0)
    current = asyncio.current_task()
    names = sorted(t.get_name() for t in asyncio.all_tasks() if t is not current)
    print("pending", names, current in asyncio.all_tasks())
    for t in pending:
        t.cancel()
    done = await asyncio.gather(*pending, return_exceptions=True)
    print("cancelled", [type(e).__name__ for e in done], [t.get_name() for t in asyncio.all_tasks() if t is not current])
    # Tasks that finished are gone from all_tasks, and a garbage-collected one does not linger.
    finished = [asyncio.create_task(asyncio.sleep(0)) for _ in range(100)]
    await asyncio.gather(*finished)
    del finished
    gc.collect()
    print("after", len([t for t in asyncio.all_tasks() if t is not current]))
    # A step that raises, and a task cancelled while it waits for a future.
    async def fails():
        await asyncio.sleep(0)
        raise ValueError("boom")
    try:
        await asyncio.create_task(fails())
    except ValueError as e:
        print("raised", e, var.get())
    blocked = asyncio.create_task(waits(asyncio.get_running_loop().create_future()))
    await asyncio.sleep(0)
    blocked.cancel()
    try:
        await blocked
    except asyncio.CancelledError:
        print("cancelled while waiting", blocked.cancelled())
    # current_task inside a task, and the default names' shape.
    async def me():
        return asyncio.current_task().get_name().startswith("Task-")
    print("named", await asyncio.create_task(me()))

    # A task woken by a JS promise it awaits continues in its own context too.
    async def awaits_js():
        var.set("js task")
        value = await js.Promise.resolve(7)
        return value, var.get()
    print("js woken", await asyncio.create_task(awaits_js()), var.get())


await main()
`);
    assert.deepEqual(logs, [
      "gather [('a', ['outer', 'A', 'A', 'A']), ('b', ['outer', 'B', 'B', 'B']), ('c', ['outer', 'C', 'C', 'C'])] outer still outer",
      "explicit context ('d', ['in ctx', 'D', 'D', 'D']) D outer",
      "woken (42, 'waiter') outer",
      "pending ['sleeper-0', 'sleeper-1', 'sleeper-2'] True",
      "cancelled ['CancelledError', 'CancelledError', 'CancelledError'] []",
      "after 0",
      "raised boom outer",
      "cancelled while waiting True",
      "named True",
      "js woken (7, 'js task') outer"
    ]);
  });

  test("import asyncio needs no process, signal or select support of the page", async () => {
    const logs = await printed(`
import asyncio, subprocess, signal, select, selectors
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(select.select([], [], [], 0))
try:
    subprocess.run(["ls"])
except OSError as error:
    print("OSError:", "web page cannot" in str(error))
`);
    assert.deepEqual(logs, ["True", "([], [], [])", "OSError: True"]);
  });
});

describe("each script keeps its own output (a context per script)", () => {
  test("display() after an await, in a task, in a when handler and in an Event listener goes to the script that wrote it", async () => {
    const page = await openPage(
      pyPage(`<button id="go">go</button>
<script type="py" id="first">
import asyncio
from pyscript import display, current_target, when, Event
ticked = Event()

@when("click", "#go")
def clicked(event):
    display("first: click handler")

@when(ticked)
def on_tick(result):
    display(f"first: event {result}")

async def later():
    await asyncio.sleep(0.05)
    display("first: task")

asyncio.create_task(later())
await asyncio.sleep(0.02)
display("first: after await", current_target())
</script>
<script type="py" id="second">
import asyncio
from pyscript import display, document
display("second: at once")
ticked.trigger("fired from the second script")
document.getElementById("go").click()
await asyncio.sleep(0.1)
display("second: after await")
</script>`),
      { waitFor: "window.__pyAllDone === true && document.querySelectorAll('script-py div').length === 7" },
    );
    assert.deepEqual(await page.errors(), []);
    const outputs = await page.page.evaluate(() =>
      [...document.querySelectorAll("script-py")].map((output) => [output.id, [...output.children].map((div) => div.textContent)]),
    );
    assert.deepEqual(outputs, [
      ["py-0", ["first: event fired from the second script", "first: click handler", "first: after await", "py-0", "first: task"]],
      ["py-1", ["second: at once", "second: after await"]],
    ]);
    await page.close();
  });
});

describe("async generators", () => {
  test("an async for left with break closes its generator: the generator's finally runs", async () => {
    assert.deepEqual(
      await printed(`
import asyncio
log = []
async def numbers():
    try:
        for number in range(10):
            yield number
            await asyncio.sleep(0)
    finally:
        log.append("finally ran")
async for number in numbers():
    if number == 2:
        break
await asyncio.sleep(0.01)
print(log, number)`),
      ["['finally ran'] 2"],
    );
  });
});

describe("awaiting across the boundary", () => {
  test("JS promises and thenables are awaitable; a rejection raises JsException with the JS error", async () => {
    const logs = await printed(`
import js
from pyscript.ffi import JsException
print(await js.Promise.resolve(41) + 1)
thenable = js.eval("({ then(resolve) { resolve('thenable'); } })")
print(await thenable)
response = await js.fetch("/tests/pages/files/hello.py")
print("fetch:", response.status)
try:
    await js.Promise.reject(js.TypeError.new("rejected"))
except JsException as error:
    print("JsException:", error, "/", error.js_error.name)
try:
    await js.Object.new()
except TypeError as error:
    print("TypeError:", error)
`);
    assert.deepEqual(logs, ["42", "thenable", "fetch: 200", "JsException: TypeError: rejected / TypeError", "TypeError: 'JsIterable' object can't be awaited"]);
  });

  test("a coroutine or task handed to JS is a Promise; an async callback runs as a task", async () => {
    const page = await openPage(
      pyPage(`<script type="py">
import asyncio, js
async def compute(x):
    await asyncio.sleep(0)
    return x * 2
js.window.fromCoroutine = compute(21)
js.window.fromTask = asyncio.create_task(compute(5))
async def failing():
    raise ValueError("from a coroutine")
js.window.failing = failing()
js.window.asyncCallback = compute
</script>`),
    );
    const outcome = await page.page.evaluate(async () => {
      const failed = await window.failing.then(() => "resolved", (error) => `${error.name}: ${error.message.split("\n").at(-1)}`);
      return [await window.fromCoroutine, await window.fromTask, failed, await window.asyncCallback(4)];
    });
    assert.deepEqual(outcome, [42, 10, "PythonError: ValueError: from a coroutine", 8]);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
});
