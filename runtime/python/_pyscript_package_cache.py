"""What a browser remembers of the packages it installed (config `packages_cache`, as PyScript's).

Once an install of config `packages` (or of `py_import`) succeeds, its resolution, each wheel's
name, version, URL and sha256, is kept under a key made of the requirements and the indexes, and
each wheel under its sha256, in the browser's Cache Storage. The same install on a later visit
reads them back: no request to the index, and none for a wheel still in the cache. Like
PyScript's, the resolution is kept until the requirements change: a new release of an unpinned
package is picked up by changing the list, or by one visit with `packages_cache = "never"`.

`packages_cache`: unset keeps resolutions of names only (a wheel given by URL or path may change
under the same name, so a list with one is resolved every time, as in PyScript); `"all"` keeps
those too; `"never"` (and PyScript's `"passthrough"`) keeps nothing and forgets what was kept.
Where there is no Cache Storage (an insecure origin, a sandboxed frame), nothing is kept.
"""

import hashlib
import json
import re
import sys

import _pyscript
import js

CACHE_NAME = "pyscript-rs-packages"

#: Keys are URLs (Cache Storage keeps HTTP(S) requests only) under a host that cannot exist:
#: `KEYS/RESOLUTION/<hash of the install>`, `KEYS/WHEEL/<sha256>`, and the bytecode kept for a
#: wheel, `KEYS/BYTECODE/<build's tag>/<sha256>` (`_pyscript_package_bytecode`).
KEYS = "https://pyscript-rs.invalid"
RESOLUTION, WHEEL, BYTECODE = "resolution", "wheel", "bytecode"

_SHA256 = re.compile(r"[0-9a-f]{64}")

#: Part of every resolution's key: a new format makes earlier entries unused.
_FORMAT = 1

POLICIES = ("never", "passthrough", "all")


_warned = set()  # the values of packages_cache said to be wrong, once each


def policy(config):
    """The config's `packages_cache` as `"names"` (unset), `"all"` or `"never"`; another value
    is said on the console (once) and taken as unset."""
    value = config.get("packages_cache")
    if value is None:
        return "names"
    if value not in POLICIES:
        if repr(value) not in _warned:
            _warned.add(repr(value))
            js.console.warn(f"pyscript-rs: config 'packages_cache' is one of {', '.join(map(repr, POLICIES))}, not {value!r}: it is ignored")
        return "names"
    return "never" if value == "passthrough" else value


def resolution_key(requirements, index_urls):
    """The key of an install of `requirements` (as given, hashes included) from `index_urls`
    (absolute) by this runtime (markers and the choice of wheels depend on its version): the
    same list in another order is the same install."""
    runtime = [sys.version, sys.implementation.name, list(sys.implementation.version)]
    text = json.dumps([_FORMAT, runtime, sorted(requirements), index_urls])
    return f"{KEYS}/{RESOLUTION}/{hashlib.sha256(text.encode()).hexdigest()}"


def _wheel_key(sha256):
    return f"{KEYS}/{WHEEL}/{sha256}"


def sha256_of_key(url):
    """The wheel's sha256 a wheel or bytecode key ends with, or None (a resolution's key)."""
    if not url.startswith((f"{KEYS}/{WHEEL}/", f"{KEYS}/{BYTECODE}/")):
        return None
    last = url.rsplit("/", 1)[-1]
    return last if _SHA256.fullmatch(last) else None


async def open_cache():
    """The cache, or None where the browser has no Cache Storage or refuses it."""
    caches = getattr(js.globalThis, "caches", None)
    if caches is None:
        return None
    try:
        return await caches.open(CACHE_NAME)
    except _pyscript.JsException:
        return None


async def recall(key):
    """`[(name, version, url, sha256, data)]` of the resolution kept under `key`, in the order
    to install them, `data` being the wheel's bytes or None when the cache lost it; or None."""
    cache = await open_cache()
    if cache is None:
        return None
    try:
        response = await cache.match(key)
        if response is None:
            return None
        entries = _entries(await response.text())
        if entries is None:
            return None
        recalled = []
        for name, version, url, sha256 in entries:
            wheel = await cache.match(_wheel_key(sha256))
            data = (await wheel.arrayBuffer()).to_bytes() if wheel is not None else None
            recalled.append((name, version, url, sha256, data))
        return recalled
    except _pyscript.JsException:
        return None  # unreadable: the install resolves with the index, as without one


def _entries(text):
    """The `[name, version, url, sha256]` entries of a kept resolution, or None when it is not
    one (a broken or foreign entry)."""
    try:
        entries = json.loads(text)
    except ValueError:
        return None
    if not isinstance(entries, list):
        return None
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 4 and all(isinstance(part, str) for part in entry) and _SHA256.fullmatch(entry[3])):
            return None
    return entries


async def remember(key, planned):
    """Keeps a resolution, `[(name, version, url, data)]` in install order, and its wheels.
    A browser that refuses (its storage is full, say) is said on the console: the packages are
    installed all the same, and the next visit resolves them again."""
    cache = await open_cache()
    if cache is None:
        return
    entries = []
    try:
        for name, version, url, data in planned:
            sha256 = hashlib.sha256(data).hexdigest()
            entries.append([name, version, url, sha256])
            await cache.put(_wheel_key(sha256), js.Response.new(data))
        await cache.put(key, js.Response.new(json.dumps(entries)))
        await _drop_unused(cache)
    except _pyscript.JsException as error:
        js.console.warn(f"pyscript-rs: the installed packages were not kept for the next visit: {error}")


async def _drop_unused(cache):
    """Drops the wheels, and their bytecode, that no kept resolution names any more (those of
    a list a page changed): without it the cache would only grow."""
    requests = list(await cache.keys())
    used = set()
    for request in requests:
        if request.url.startswith(f"{KEYS}/{RESOLUTION}/"):
            response = await cache.match(request)
            entries = _entries(await response.text()) if response is not None else None
            used.update(entry[3] for entry in entries or [])
    for request in requests:
        kept_for = sha256_of_key(request.url)
        if kept_for is not None and kept_for not in used:
            await cache.delete(request)


async def forget(key=None):
    """Drops the resolution under `key`, or everything kept (`packages_cache = "never"`)."""
    if key is None:
        caches = getattr(js.globalThis, "caches", None)
        if caches is not None:
            try:
                await caches.delete(CACHE_NAME)
            except _pyscript.JsException:
                pass
        return
    cache = await open_cache()
    if cache is not None:
        try:
            await cache.delete(key)
        except _pyscript.JsException:
            pass
