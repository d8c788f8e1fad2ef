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


def _key(sha256):
    return f"{_package_cache.KEYS}/bytecode/{_pyscript.bytecode_tag()}/{sha256}"


async def restore(sha256, names, folder):
    """Notes the wheel `sha256` installed into `folder` with its archive `names`, and writes the
    bytecode kept for it into `folder`'s `__pycache__` folders, before anything imports it."""
    _wheels[sha256] = (folder, [os.path.join(folder, name) for name in names if name.endswith(".py")])
    cache = await _package_cache.open_cache()
    if cache is None:
        return
    try:
        response = await cache.match(_key(sha256))
        if response is None:
            return
        data = (await response.arrayBuffer()).to_bytes()
    except _pyscript.JsException:
        return  # the import compiles, as without a cache
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as kept:
            for name in kept.namelist():
                # Only `__pycache__/*.pyc` of this wheel's own modules: an entry is data a
                # script of the same site could have written.
                if name.endswith(".pyc") and "/__pycache__/" in "/" + name and ".." not in name.split("/"):
                    kept.extract(name, folder)
    except zipfile.BadZipFile:
        await cache.delete(_key(sha256))


def keep_later():
    """Plans a pass that compiles and keeps the bytecode of the installed modules imported
    by then whose bytecode is not kept yet (one pass at a time)."""
    global _keeping
    if _keeping is None:
        import asyncio

        _keeping = asyncio.ensure_future(_keep())


async def _keep():
    global _keeping
    try:
        await _idle(_FIRST_PASS_DELAY_MS)
        import importlib.util
        import py_compile

        imported = {getattr(module, "__file__", None) for module in list(sys.modules.values())}
        slice_start = js.performance.now()
        for sha256, (folder, sources) in list(_wheels.items()):
            compiled = []
            for source in sources:
                cached = importlib.util.cache_from_source(source)
                if source not in imported or os.path.exists(cached):
                    continue
                try:
                    py_compile.compile(source, cfile=cached, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
                except (py_compile.PyCompileError, OSError):
                    continue
                compiled.append(cached)
                if js.performance.now() - slice_start > _SLICE_MS:
                    await _idle()
                    slice_start = js.performance.now()
            if compiled:
                await _store(sha256, folder, sources)
        js.performance.mark("pyscript-rs:bytecode-kept")
    except Exception as error:  # a pass that fails costs the next visit time, nothing else
        js.console.warn(f"pyscript-rs: the compiled packages were not kept for the next visit: {type(error).__name__}: {error}")
    finally:
        _keeping = None


async def _store(sha256, folder, sources):
    """Keeps every `.pyc` the wheel's modules have now, as one archive, in place of what any
    build kept for the wheel before."""
    import importlib.util

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as kept:
        for source in sources:
            cached = importlib.util.cache_from_source(source)
            if os.path.exists(cached):
                kept.write(cached, os.path.relpath(cached, folder))
    cache = await _package_cache.open_cache()
    if cache is None:
        return
    try:
        await cache.put(_key(sha256), js.Response.new(archive.getvalue()))
        # What earlier builds kept for this wheel is of no use to this one or later ones.
        for request in await cache.keys():
            if request.url.startswith(f"{_package_cache.KEYS}/bytecode/") and request.url.endswith(f"/{sha256}") and request.url != _key(sha256):
                await cache.delete(request)
    except _pyscript.JsException as error:
        js.console.warn(f"pyscript-rs: the compiled packages were not kept for the next visit: {error}")


def _idle(delay_ms=0):
    """A JS promise that settles once `delay_ms` passed and the thread is idle (in a worker,
    which has no idle callback, once its other tasks ran)."""

    def wait(resolve, _reject):
        idle = getattr(js.globalThis, "requestIdleCallback", None)
        then = (lambda: idle(resolve)) if idle is not None else resolve
        js.setTimeout(then, delay_ms)

    return js.Promise.new(wait)
