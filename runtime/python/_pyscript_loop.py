"""The asyncio event loop of a page, scheduled by the browser.

A page cannot block, so this loop never "runs" in the usual sense: it is marked running from
the start and each time callbacks become ready, or the earliest timer falls due, it asks the
browser for one turn. That turn (`_turn`, `BaseEventLoop._run_once` without its selector) runs every due timer and every
ready callback at once, so one entry from JavaScript runs many handles.

Ready callbacks get their turn in a microtask while the current burst of turns is young
(under `BURST_SECONDS`), so a chain of awaits on JS promises does not wait for a browser
task per step; after that, in a new browser task (a `MessageChannel` message), so rendering
and input are never starved by a task that awaits in a loop. Timers use `setTimeout`.

`install()` is called once `asyncio` is imported (see `_pyscript_import_hooks`); a script
whose code awaits at top level runs as a task of this loop (`start_script`).
"""

import asyncio
import contextvars
import heapq
import sys
import threading
import time
from asyncio import base_events, events

import _pyscript
import js


class _NoSelector:
    """`_run_once` asks a selector for I/O events; a page has none and must not wait."""

    def select(self, timeout=None):
        return []

    def close(self):
        pass


#: How long consecutive turns may run in microtasks before the loop yields to the browser.
BURST_SECONDS = 0.004
#: How many turns run between two readings of the clock in a burst (a turn takes several
#: microseconds, so a burst may run over by a fraction of a millisecond).
BURST_CHECK = 31


class WebLoop(base_events.BaseEventLoop):
    """One per interpreter, always running, driven by browser tasks."""

    def __init__(self):
        super().__init__()
        self._selector = _NoSelector()
        self._turn_requested = False
        self._timer_id = None
        self._timer_when = None
        # The JS side (`_connect`) is made on the first turn asked for, not here: importing
        # asyncio then holds no JS object, so a page's snapshot can include it (snapshot.rs).
        self._port = None
        self._burst_ends = 0.0
        self._unchecked_turns = 0
        # The loop's clock (`time()`), read without a Python frame on the hot path.
        self._now = time.monotonic
        # What `JsProxy.__await__` makes a loop future of (bridge/src/awaitable.rs).
        self._future_type = asyncio.Future
        # `is_running()` reads the thread id: the browser runs this loop from the start.
        self._thread_id = threading.get_ident()
        self.set_exception_handler(_report_exception)

    def _connect(self):
        """Makes what the loop asks the browser for turns with: a `MessageChannel` and the
        JS functions of its turns, converted once (each turn posts to, or sets a timer for,
        the same function)."""
        channel = js.MessageChannel.new()
        channel.port1.onmessage = _pyscript.to_js(self._take_turn)
        self._on_timer = _pyscript.to_js(self._timer_fired)
        self._on_microtask = _pyscript.to_js(self._microtask_turn)
        self._queue_microtask = js.queueMicrotask
        self._port = channel.port2

    # Scheduling: every way a callback enters the loop asks the browser for a turn.

    def call_soon(self, callback, *args, context=None):
        # Every future's callbacks and every task step come through here: the base class's
        # checks (a closed loop, debug mode) do not apply to this loop, only its queueing.
        # (Tried: this method in Rust, setting the handle's fields with `set_attr`: slower,
        # as the frame loop's specialised attribute stores beat that generic path.)
        if self._debug:
            self._check_callback(callback, "call_soon")
            handle = events.Handle(callback, args, self, context)
        else:
            # `Handle.__init__` without its frame (and its `get_debug()` call): this runs
            # for every await.
            handle = _new_handle(events.Handle)
            handle._context = contextvars.copy_context() if context is None else context
            handle._loop = self
            handle._callback = callback
            handle._args = args
            handle._cancelled = False
            handle._repr = None
            handle._source_traceback = None
        self._ready.append(handle)
        if not self._turn_requested:
            if self._port is None:
                self._connect()
            self._turn_requested = True
            if self._in_burst():
                self._queue_microtask(self._on_microtask)
            else:
                self._port.postMessage(None)
        return handle

    def _in_burst(self):
        # The clock is read once every `BURST_CHECK` turns: reading it costs more than a turn.
        if self._unchecked_turns:
            self._unchecked_turns -= 1
            return True
        if self._now() < self._burst_ends:
            self._unchecked_turns = BURST_CHECK
            return True
        return False

    def call_soon_threadsafe(self, callback, *args, context=None):
        return self.call_soon(callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        handle = super().call_at(when, callback, *args, context=context)
        self._request_turn()
        return handle

    def _request_turn(self):
        if self._port is None:
            self._connect()
        if self._ready:
            if not self._turn_requested:
                self._turn_requested = True
                if self._in_burst():
                    self._queue_microtask(self._on_microtask)
                else:
                    self._port.postMessage(None)
            return
        if not self._scheduled:
            return
        when = self._scheduled[0]._when
        if self._timer_when is not None and self._timer_when <= when:
            return
        if self._timer_id is not None:
            js.clearTimeout(self._timer_id)
        self._timer_when = when
        delay_ms = max(0.0, (when - self.time()) * 1000.0)
        self._timer_id = js.setTimeout(self._on_timer, delay_ms)

    def _take_turn(self, *_event):
        self._turn_requested = False
        self._burst_ends = self._now() + BURST_SECONDS
        self._unchecked_turns = 0
        self._turn()

    def _microtask_turn(self):
        self._turn_requested = False
        self._turn()

    def _timer_fired(self, *_):
        self._timer_id = None
        self._timer_when = None
        self._burst_ends = self._now() + BURST_SECONDS
        self._unchecked_turns = 0
        self._turn()

    def _turn(self):
        """`BaseEventLoop._run_once` without what a page has no use for (polling a
        selector, debug timing), in one frame: due timers become ready, then the callbacks
        that were ready when the turn began run; callbacks they schedule wait for the next
        turn, which is asked for at the end."""
        try:
            scheduled = self._scheduled
            if scheduled:
                while scheduled and scheduled[0]._cancelled:
                    self._timer_cancelled_count -= 1
                    heapq.heappop(scheduled)._scheduled = False
                end_time = self.time() + self._clock_resolution
                while scheduled and scheduled[0]._when < end_time:
                    handle = heapq.heappop(scheduled)
                    handle._scheduled = False
                    self._ready.append(handle)
            ready = self._ready
            left = len(ready)
            while left:
                left -= 1
                handle = ready.popleft()
                if handle._cancelled:
                    continue
                # `Handle._run` inlined: one frame less per callback.
                try:
                    handle._context.run(handle._callback, *handle._args)
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException as exception:
                    self._report_callback_error(handle, exception)
        finally:
            # Python output of this turn appears now, not at the next script.
            _flush_stdio()
            if self._ready or self._scheduled:
                self._request_turn()

    def _settle_js(self, future, fulfilled, outcome):
        """Settles `future` (awaited on a JS promise) with the promise's outcome: called by
        bridge/src/awaitable.rs from the promise's reaction, itself a microtask, so the turn
        this wakes runs here at once instead of in one more microtask."""
        if future.done():
            return
        queued = self._turn_requested
        self._turn_requested = True
        try:
            if fulfilled:
                future.set_result(outcome)
            else:
                future.set_exception(outcome)
        finally:
            if not queued:
                self._turn_requested = False
                if self._in_burst():
                    self._turn()
                else:
                    self._request_turn()

    def _report_callback_error(self, handle, exception):
        """What `Handle._run` does with a callback's exception."""
        source = events.format_helpers._format_callback_source(handle._callback, handle._args, debug=self._debug)
        context = {"message": f"Exception in callback {source}", "exception": exception, "handle": handle}
        if handle._source_traceback:
            context["source_traceback"] = handle._source_traceback
        self.call_exception_handler(context)

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    # Blocking entry points: a page cannot block, so these schedule instead.

    def run_forever(self):
        raise RuntimeError(
            "the page's event loop is always running (the browser drives it): "
            "schedule work with asyncio.create_task() or use top-level await"
        )

    def run_until_complete(self, future):
        """Schedules `future` and returns it at once, as Pyodide does: await it instead."""
        return asyncio.ensure_future(future, loop=self)

    def close(self):
        raise RuntimeError("the page's event loop cannot be closed")


def _report_exception(loop, context):
    """Errors nobody will see otherwise (a task whose exception was never retrieved, a
    failing callback): on the page and in the console, as a script's error is."""
    exception = context.get("exception")
    message = context.get("message") or "Unhandled exception in the event loop"
    if exception is None:
        _pyscript.report_error(message)
        return
    _pyscript.report_exception(exception, message)


def _run(main, *, debug=None, loop_factory=None):
    """`asyncio.run()` on a page: the loop is already running, so `main` becomes a task
    (returned, so it can be awaited) instead of blocking the page until it ends."""
    if not asyncio.iscoroutine(main):
        raise ValueError(f"a coroutine was expected, got {main!r}")
    return _loop.create_task(main)


_loop = None
_new_handle = object.__new__
_flush_stdio = _pyscript.flush_stdio


def install():
    """Creates the interpreter's loop and makes it the running one."""
    global _loop
    if _loop is not None:
        return _loop
    _loop = WebLoop()
    events._set_running_loop(_loop)
    # As `run_forever` does for asyncio's own loops (this one never calls it): an async
    # generator left early (`break` out of `async for`) is closed by the loop, so its
    # `finally` runs.
    sys.set_asyncgen_hooks(firstiter=_loop._asyncgen_firstiter_hook, finalizer=_loop._asyncgen_finalizer_hook)
    asyncio.run = _run
    asyncio.runners.run = _run
    return _loop


def start_script(coroutine, name):
    """Runs a script whose code awaits at top level: it starts now, up to its first
    suspension (so scripts start in document order), then continues as a task."""
    loop = install()
    return asyncio.Task(coroutine, loop=loop, name=name, eager_start=True)
