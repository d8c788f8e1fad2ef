"""`open()` in the browser. RustPython's native `io` has no file type without an operating
system, so `open()` uses `_pyio`, the standard library's pure-Python `io`, over the `posix`
module's in-memory file system. Text is UTF-8 unless told otherwise, as on Pyodide."""


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
    import _pyio

    if encoding is None and "b" not in mode:
        encoding = "utf-8"
    return _pyio.open(file, mode, buffering, encoding, errors, newline, closefd, opener)


def open_code(path):
    """`io.open_code()`, which `importlib` reads module sources with."""
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, "rb")
