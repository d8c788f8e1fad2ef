"""`open()` in the browser. RustPython's native `io` has no file type without an operating
system, so `open()` uses `_pyio`, the standard library's pure-Python `io`, over the `posix`
module's in-memory file system. Text is UTF-8 unless told otherwise, as on Pyodide."""


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    import _pyio

    if encoding is None and "b" not in mode:
        encoding = "utf-8"
    return _pyio.open(file, mode, buffering, encoding, errors, newline, closefd, opener)
