"""Compiled bytecode of installed packages, kept across visits beside their wheels.

A package's modules are compiled from source each time a page imports them, and compiling is
most of what importing a package costs (the standard library is compiled at build time). Once
a page imported modules of a package, they are compiled again while the page is idle, a few at
a time, and their bytecode (one `.pyc` per module, PEP 552's unchecked hash-based form: the
wheel, named by its sha256, is the source) is kept in Cache Storage under the wheel's sha256 and
this build's bytecode tag (`_pyscript.bytecode_tag()`, which changes with the compiler or the
marshal format). The next install of that wheel writes it into `__pycache__`, where the import
system finds it, before anything imports the package.

What is kept follows `packages_cache` (`_pyscript_package_cache`): nothing under `"never"`.
"""

import hashlib
import io
import os
import sys
import zipfile

import _pyscript
import _pyscript_package_cache as _package_cache
import js

#: Before the first pass, so that the page's own scripts import what they import first.
_FIRST_PASS_DELAY_MS = 1000

#: How long one idle slice may compile for, at most one module beyond it.
_SLICE_MS = 10

_wheels = {}  # sha256 -> (the folder it went into, the `.py` paths it installed)
_keeping = None  # the task of the pass to come, while one is planned
_again = False  # whether a wheel was installed while a pass ran: the pass then runs again


def _key(sha256):
    return f"{_package_cache.KEYS}/{_package_cache.BYTECODE}/{_pyscript.bytecode_tag()}/{sha256}"


def _cached(sources, folder):
    """`(source, its .pyc's path, that path relative to folder)` for each module of `sources`."""
    import importlib.util

    for source in sources:
        cached = importlib.util.cache_from_source(source)
        yield source, cached, os.path.relpath(cached, folder)


async def restore(sha256, names, folder):
    """Notes the wheel `sha256` installed into `folder` with its archive `names`, and writes the
    bytecode kept for it into `folder`'s `__pycache__` folders, before anything imports it."""
    sources = [os.path.join(folder, name) for name in names if name.endswith(".py")]
    _wheels[sha256] = (folder, sources)
    cache = await _package_cache.open_cache()
    if cache is None:
        return
    try:
        response = await cache.match(_key(sha256))
        if response is None:
            return
        data = (await response.arrayBuffer()).to_bytes()
        if response.headers.get("x-sha256") != hashlib.sha256(data).hexdigest():
            raise ValueError("its archive does not match the sha256 it was kept with")
        # Only the `.pyc` files of this wheel's own modules, whatever else the entry holds.
        wanted = {relative: cached for _, cached, relative in _cached(sources, folder)}
        with zipfile.ZipFile(io.BytesIO(data)) as kept:
            for name in kept.namelist():
                if name in wanted:
                    os.makedirs(os.path.dirname(wanted[name]), exist_ok=True)
                    with open(wanted[name], "wb") as pyc:
                        pyc.write(kept.read(name))
    except Exception:  # a broken entry: dropped, and the imports compile as without one
        await _package_cache.forget(_key(sha256))


def keep_later():
    """Plans a pass that compiles and keeps the bytecode of the installed modules imported
    by then whose bytecode is not kept yet (one pass at a time; a wheel installed while one
    runs gets a pass after it)."""
    global _keeping, _again
    if _keeping is None:
        import asyncio

        _keeping = asyncio.ensure_future(_keep())
    else:
        _again = True


async def _keep():
    global _keeping, _again
    try:
        while True:
            _again = False
            await _idle(_FIRST_PASS_DELAY_MS)
            await _pass()
            if not _again:
                break
        js.performance.mark("pyscript-rs:bytecode-kept")
    except Exception as error:  # a pass that fails costs the next visit time, nothing else
        js.console.warn(f"pyscript-rs: the compiled packages were not kept for the next visit: {type(error).__name__}: {error}")
    finally:
        _keeping = None


async def _pass():
    """Compiles, a slice at a time, the modules of installed wheels imported by now whose
    bytecode is not there yet, and keeps each wheel's bytecode that grew."""
    import py_compile

    imported = {getattr(module, "__file__", None) for module in list(sys.modules.values())}
    slice_start = js.performance.now()
    for sha256, (folder, sources) in list(_wheels.items()):
        compiled = False
        for source, cached, _ in _cached(sources, folder):
            if source not in imported or os.path.exists(cached):
                continue
            try:
                py_compile.compile(source, cfile=cached, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            except (py_compile.PyCompileError, OSError):
                continue
            compiled = True
            if js.performance.now() - slice_start > _SLICE_MS:
                await _idle()
                slice_start = js.performance.now()
        if compiled:
            await _store(sha256, folder, sources)


async def _store(sha256, folder, sources):
    """Keeps every `.pyc` the wheel's modules have now, as one archive, in place of what any
    build kept for the wheel before."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as kept:
        for _, cached, relative in _cached(sources, folder):
            if os.path.exists(cached):
                kept.write(cached, relative)
    data = archive.getvalue()
    cache = await _package_cache.open_cache()
    if cache is None:
        return
    try:
        headers = {"x-sha256": hashlib.sha256(data).hexdigest()}
        await cache.put(_key(sha256), js.Response.new(data, _pyscript.to_js({"headers": headers})))
        # What earlier builds kept for this wheel is of no use to this one or later ones.
        for request in await cache.keys():
            if _package_cache.sha256_of_key(request.url) == sha256 and request.url.startswith(f"{_package_cache.KEYS}/{_package_cache.BYTECODE}/") and request.url != _key(sha256):
                await cache.delete(request)
    except _pyscript.JsException as error:
        js.console.warn(f"pyscript-rs: the compiled packages were not kept for the next visit: {error}")


def _idle(delay_ms=0):
    """A JS promise that settles once `delay_ms` passed and the thread is idle (in a worker,
    which has no idle callback, once its other tasks ran)."""

    def wait(resolve, _reject):
        idle = getattr(js.globalThis, "requestIdleCallback", None)
        # A hidden tab may never be idle: a pass runs within seconds all the same.
        then = (lambda: idle(resolve, _pyscript.to_js({"timeout": 5000}))) if idle is not None else resolve
        js.setTimeout(then, delay_ms)

    return js.Promise.new(wait)
