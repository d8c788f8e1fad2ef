"""`_signal` for a web page: no process signals ever arrive.

`signal` builds its enums from this module, and `asyncio` imports `signal`. Handlers can be
installed and read back (so code that saves and restores them works); they are never called.
"""

SIG_DFL = 0
SIG_IGN = 1
SIGINT = 2
SIGILL = 4
SIGABRT = 6
SIGFPE = 8
SIGKILL = 9
SIGSEGV = 11
SIGTERM = 15
NSIG = 65


def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt


_handlers = {SIGINT: default_int_handler}


def _check(signalnum):
    if not isinstance(signalnum, int):
        raise TypeError(f"signal number must be an int, not {type(signalnum).__name__}")
    if not 1 <= signalnum < NSIG:
        raise ValueError("signal number out of range")


def signal(signalnum, handler):
    _check(signalnum)
    if signalnum in (SIGKILL,):
        raise OSError(22, "Invalid argument")
    if handler not in (SIG_DFL, SIG_IGN) and not callable(handler):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    previous = _handlers.get(signalnum, SIG_DFL)
    _handlers[signalnum] = handler
    return previous


def getsignal(signalnum):
    _check(signalnum)
    return _handlers.get(signalnum, SIG_DFL)


def raise_signal(signalnum):
    _check(signalnum)
    handler = _handlers.get(signalnum, SIG_DFL)
    if callable(handler):
        handler(signalnum, None)


def strsignal(signalnum):
    _check(signalnum)
    return {SIGINT: "Interrupt", SIGTERM: "Terminated", SIGKILL: "Killed"}.get(signalnum)


def valid_signals():
    return set(range(1, NSIG))


def set_wakeup_fd(fd, *, warn_on_full_buffer=True):
    return -1
