import sys
import js
from pyscript import create_named_worker
from pyscript.ffi import to_js

CALLS = int(_param("calls"))

# The worker's code, served as a Blob URL: it displays on the main page first, then
# exports a function for the round trips.
WORKER = """
from pyscript import display, window
display("worker-ready", target="worker-out")
_first_display = window.performance.now()

def first_display_ms():
    return _first_display

def fn(i):
    return i + 1

__export__ = ["first_display_ms", "fn"]
"""

kind = "mpy" if sys.implementation.name == "micropython" else "py"
blob = js.Blob.new([WORKER], to_js({"type": "text/x-python"}))
url = js.URL.createObjectURL(blob)
t0 = _now()
worker = await create_named_worker(url, "bench", type=kind)
t1 = _now()
first_display = await worker.first_display_ms()
shown = document.getElementById("worker-out").textContent

total = 0
for i in range(CALLS):
    total += await worker.fn(i)
t2 = _now()

report({
    "inside_ms": t2 - t0,
    "first_display_ms": first_display,
    "worker_ready_ms": t1 - t0,
    "roundtrips_ms": t2 - t1,
    "calls": CALLS,
    "sum": total,
    "shown": shown,
})
