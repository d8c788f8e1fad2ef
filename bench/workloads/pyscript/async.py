import asyncio
import js

TASKS = int(_param("tasks"))
PROMISES = int(_param("promises"))

done = [0]


async def task(i):
    await asyncio.sleep(0)
    done[0] += 1
    return i


# phase 1: TASKS tasks, each yielding once to the event loop, gathered.
# MicroPython passes *args on its pystack (about 2,000 arguments at most, then
# "RuntimeError: pystack exhausted"), so one gather(*10000 coroutines) cannot
# run there: all systems gather in chunks of CHUNK, with one outer gather of
# the inner gathers. All TASKS tasks are still pending at the same time.
CHUNK = 1000
t0 = _now()
parts = await asyncio.gather(*[
    asyncio.gather(*[task(i) for i in range(lo, min(lo + CHUNK, TASKS))])
    for lo in range(0, TASKS, CHUNK)
])
results = [r for part in parts for r in part]
t1 = _now()

# phase 2: PROMISES JS promises awaited one after the other
promise_sum = 0
promise_bad = 0
for i in range(PROMISES):
    v = await js.Promise.resolve(i)
    if v != i:
        promise_bad += 1
    promise_sum += v
t2 = _now()

report({
    "inside_ms": t2 - t0,
    "gather_ms": t1 - t0,
    "promises_ms": t2 - t1,
    "tasks_done": done[0],
    "gather_len": len(results),
    "gather_sum": sum(results),
    "gather_in_order": list(results) == list(range(TASKS)),
    "promises": PROMISES,
    "promise_sum": promise_sum,
    "promise_mismatches": promise_bad,
})
