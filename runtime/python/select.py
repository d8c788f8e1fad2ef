"""`select` for a web page, which has no file descriptors to wait on.

`selectors`, `subprocess` and `asyncio` import this module; the event loop of pyscript-rs
(`_pyscript_loop`) is scheduled by the browser and never selects. Waiting on nothing
returns at once; waiting on a descriptor is an error that says why.
"""

error = OSError


def select(rlist, wlist, xlist, timeout=None):
    """Returns three empty lists when given no descriptors; a page has none to wait on."""
    if timeout is not None and timeout < 0:
        raise ValueError("timeout must be non-negative")
    if list(rlist) or list(wlist) or list(xlist):
        raise OSError(38, "select() is not available in a web page: there are no file descriptors to wait on")
    return [], [], []
