# Brython has no working asyncio (its asyncio module is a stub) and no
# top-level await: the same two phases with browser.aio, driven by aio.run().
# aio.sleep(0) is a setTimeout(0); aio.gather (from Brython's _aio) starts each
# coroutine with aio.run and polls with sleep(0) until all are done, returning
# a dict {"task<k>": result} (entries whose result is falsy are dropped).
from browser import aio

TASKS = int(_param("tasks"))
PROMISES = int(_param("promises"))
CHUNK = 1000

done = [0]


async def task(i):
    await aio.sleep(0)
    done[0] += 1
    return i


async def main():
    try:
        # phase 1: TASKS coroutines, each yielding once to the event loop,
        # gathered in chunks of CHUNK like the pyscript version (which must
        # chunk for MicroPython's *args limit)
        t0 = _now()
        parts = await aio.gather(*[
            aio.gather(*[task(i) for i in range(lo, min(lo + CHUNK, TASKS))])
            for lo in range(0, TASKS, CHUNK)
        ])
        gather_sum = sum(sum(part.values()) for part in parts.values())
        t1 = _now()

        # phase 2: PROMISES JS promises awaited one after the other
        promise_sum = 0
        promise_bad = 0
        for i in range(PROMISES):
            v = await window.Promise.resolve(i)
            if v != i:
                promise_bad += 1
            promise_sum += v
        t2 = _now()

        report({
            "inside_ms": t2 - t0,
            "gather_ms": t1 - t0,
            "promises_ms": t2 - t1,
            "tasks_done": done[0],
            "gather_sum": gather_sum,
            "promises": PROMISES,
            "promise_sum": promise_sum,
            "promise_mismatches": promise_bad,
        })
    except Exception as e:  # report instead of dying silently
        report({"error": "%s: %s" % (type(e).__name__, e)})


aio.run(main())
