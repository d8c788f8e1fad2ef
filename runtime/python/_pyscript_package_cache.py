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

import _pyscript
import js

CACHE_NAME = "pyscript-rs-packages"

#: Keys are URLs (Cache Storage keeps HTTP(S) requests only) under a host that cannot exist.
KEYS = "https://pyscript-rs.invalid"

#: Part of every resolution's key: a new format makes earlier entries unused.
_FORMAT = 1

POLICIES = ("never", "passthrough", "all")


def policy(config):
    """The config's `packages_cache` as `"names"` (unset), `"all"` or `"never"`; another value
    is said on the console and taken as unset."""
    value = config.get("packages_cache")
    if value is None:
        return "names"
    if value not in POLICIES:
        js.console.warn(f"pyscript-rs: config 'packages_cache' is one of {', '.join(map(repr, POLICIES))}, not {value!r}: it is ignored")
        return "names"
    return "never" if value == "passthrough" else value


def resolution_key(requirements, index_urls):
    """The key of an install of `requirements` (as given, hashes included) from `index_urls`
    (absolute): the same list in another order is the same install."""
    text = json.dumps([_FORMAT, sorted(requirements), index_urls])
    return f"{KEYS}/resolution/{hashlib.sha256(text.encode()).hexdigest()}"


def _wheel_key(sha256):
    return f"{KEYS}/wheel/{sha256}"


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
        entries = json.loads(await response.text())
        recalled = []
        for name, version, url, sha256 in entries:
            wheel = await cache.match(_wheel_key(sha256))
            data = (await wheel.arrayBuffer()).to_bytes() if wheel is not None else None
            recalled.append((name, version, url, sha256, data))
        return recalled
    except (_pyscript.JsException, ValueError, TypeError):
        return None  # unreadable: the install resolves with the index, as without one


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
    except _pyscript.JsException as error:
        js.console.warn(f"pyscript-rs: the installed packages were not kept for the next visit: {error}")


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
