"""`storage` and `Storage`: a dict kept in the browser's IndexedDB.

`store = await storage(name)` loads every entry of the store `name`; each change made through
the dict is queued and committed in the background (all the changes of one turn of the event
loop together), and `await store.sync()` returns once everything so far is committed. Values
are encoded as PyScript encodes them (see `runtime/src/storage_codec.rs`), so the JS twin
`storage.js` and PyScript itself read the same data.
"""

import _pyscript
from _pyscript import JsException, storage_decode as _decode, storage_encode as _encode

_MISSING = object()


def _check_key(key):
    if not isinstance(key, str):
        raise TypeError(f"storage keys must be str, not {type(key).__name__}")


class Storage(dict):
    """A dict whose changes persist. Every change goes through `__setitem__`,
    `__delitem__` or `clear`, so a subclass passed as `storage_class` sees them all."""

    def __init__(self, store):
        keys, texts = _pyscript.to_py(store.entries())
        super().__init__(zip(keys, map(_decode, texts)))
        self._store = store

    def __setitem__(self, key, value):
        _check_key(key)
        self._store.set(key, _encode(value))
        # As PyScript 0.7: the dict keeps the object given (a tuple stays a tuple) until the
        # store is opened again, which reads what storage returns (a list).
        super().__setitem__(key, value)

    def __delitem__(self, key):
        super().__delitem__(key)
        self._store.delete(key)

    def clear(self):
        self._store.clear()
        super().clear()

    def update(self, *args, **kwargs):
        items = dict(*args, **kwargs)
        # All or nothing: a value storage cannot hold stores none of them. (Each value is
        # encoded twice: the writes go through __setitem__, which a subclass may override.)
        for key, value in items.items():
            _check_key(key)
            _encode(value)
        for key, value in items.items():
            self[key] = value

    def __ior__(self, other):
        self.update(other)
        return self

    def pop(self, key, default=_MISSING):
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default is _MISSING:
            raise KeyError(key)
        return default

    def popitem(self):
        if not self:
            raise KeyError("popitem(): dictionary is empty")
        key = next(reversed(self.keys()))
        value = self[key]
        del self[key]
        return key, value

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    async def sync(self):
        """Returns once every change made so far is committed to IndexedDB. Raises `OSError`
        when a change could not be saved."""
        try:
            await self._store.sync()
        except JsException as error:
            raise OSError(str(error)) from None


async def storage(name="", storage_class=Storage):
    """Opens the store `name` (IndexedDB database `IDBMap/@pyscript/<name>`, PyScript's
    layout) and returns `storage_class(store)`, loaded with every entry."""
    if not name:
        raise ValueError("Storage name must be a non-empty string")
    # The browser imports a module once; later imports resolve at once.
    databases = await _pyscript.import_dist_module("storage-db.js")
    store = await databases.openStore(str(name))
    return storage_class(store)


__all__ = ["Storage", "storage"]
