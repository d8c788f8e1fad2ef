"""`_posixsubprocess` for a web page, which cannot start processes.

`subprocess` imports `fork_exec` from here; `asyncio` imports `subprocess`. Starting a process
raises `OSError` naming the reason.
"""


def fork_exec(*args, **kwargs):
    raise OSError(38, "a web page cannot start processes (subprocess is not available in the browser)")


def _complete_errno():
    # `subprocess` reads `errno.ECHILD` right after importing this module, and the `errno`
    # of wasm32 builds lacks it.
    import errno

    if not hasattr(errno, "ECHILD"):
        errno.ECHILD = 10
        errno.errorcode.setdefault(10, "ECHILD")


_complete_errno()
