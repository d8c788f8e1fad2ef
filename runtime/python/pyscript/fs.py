"""`pyscript.fs`: a folder of the user's computer, mounted into the in-memory file system.

`await mount(path)` copies the folder the user picks (File System Access API, Chromium) to
`path`, where `open()`, `os` and `pathlib` use it as any other directory. `await sync(path)`
writes back what changed since the mount or the last sync: new and changed files (found by
their inode and change time, which every change moves and `utime` cannot set back), and
removed files and directories. `await unmount(path)` syncs, then frees `path`. Handles are
remembered per path (as given) and `id`, as PyScript remembers them, so a later visit remounts
without a picker while the browser keeps the permission.

The browser half is `dist/file-system-access.js`.
"""

import os
import shutil

import _pyscript
from _pyscript import JsException, RUNNING_IN_WORKER, to_py

_ROOTS = ("", "desktop", "documents", "downloads", "music", "pictures", "videos")
_MODES = ("readwrite", "read")

mounted = {}
"""The mounted paths (as given to `mount`), each with its `Mount`."""

_mounting = set()


def _browser_half():
    """The module `dist/file-system-access.js` (the browser imports it once)."""
    return _pyscript.import_dist_module("file-system-access.js")


def _absolute(path):
    if not isinstance(path, str) or not path:
        raise TypeError(f"the mount path must be a non-empty str, not {path!r}")
    absolute = os.path.normpath(os.path.join(os.getcwd(), path))
    if absolute == "/":
        raise ValueError("cannot mount over '/'")
    return absolute


def _within(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def _mounted(path, action):
    try:
        return mounted[path]
    except (KeyError, TypeError):
        raise KeyError(f"{path!r} is not mounted: use fs.mount({path!r}) first (cannot {action})") from None


def _os_error(action, path, error):
    """A failure of the browser's file system as the `OSError` Python code expects."""
    return OSError(f"{action} {path!r} in the local folder failed: {error}")


def _snapshot(root):
    """`(files, directories)` under `root`: each file's `(st_ino, st_size, st_mtime,
    st_ctime)` by relative path. The change time moves with every change (`utime` included)
    and a replaced file has another inode, so an equal stamp means an unchanged file."""
    files, directories = {}, set()
    for directory, subdirectories, names in os.walk(root):
        relative = os.path.relpath(directory, root)
        prefix = "" if relative == "." else relative + "/"
        directories.update(prefix + name for name in subdirectories)
        for name in names:
            status = os.stat(os.path.join(directory, name))
            files[prefix + name] = (status.st_ino, status.st_size, status.st_mtime, status.st_ctime)
    return files, directories


class Mount:
    """A folder mounted at `path` (an entry of `fs.mounted`)."""

    def __init__(self, path, handle, mode, id):
        self.path = path
        self.handle = handle
        self.mode = mode
        self.id = id
        self._synced = ({}, set())

    def __repr__(self):
        return f"<Mount {self.handle.name!r} at {self.path!r}, mode={self.mode!r}, id={self.id!r}>"

    def _load(self, entries):
        for relative, is_directory, data, modified in entries:
            target = os.path.join(self.path, relative)
            if is_directory:
                os.makedirs(target, exist_ok=True)
                continue
            with open(target, "wb") as file:
                file.write(data)
            # The folder's own times: a later change moves them (see _snapshot).
            os.utime(target, (modified / 1000, modified / 1000))
        self._synced = _snapshot(self.path)

    async def _sync(self):
        if not os.path.isdir(self.path):
            raise OSError(f"the mount point {self.path!r} is gone: nothing was written")
        browser = await _browser_half()
        files, directories = _snapshot(self.path)
        synced_files, synced_directories = self._synced
        # Removed first (a directory with what it held; removing what is gone already is
        # fine), so a name may change from file to directory and back.
        removed = sorted(synced_directories - directories) + sorted(set(synced_files) - set(files))
        try:
            for relative in removed:
                await browser.remove(self.handle, relative)
            for relative in sorted(directories - synced_directories):
                await browser.makeDirectory(self.handle, relative)
            for relative, stamp in files.items():
                if synced_files.get(relative) != stamp:
                    with open(os.path.join(self.path, relative), "rb") as file:
                        await browser.writeFile(self.handle, relative, file.read())
        except JsException as error:
            raise _os_error("syncing", self.path, error) from None
        self._synced = (files, directories)


async def _check_permission(details):
    """PyScript 0.7's permission check of a remembered folder: `details` is what is stored
    per mount (`{handler, options}`); the handler if the browser still grants `options.mode`
    without asking, else `None`."""
    handler = details.handler
    permission = await handler.queryPermission(details.options)
    return handler if permission == "granted" else None


async def mount(path, mode="readwrite", root="", id="pyscript"):
    """Mounts a folder of the user's computer at `path`. Without a click or key press just
    before, a small dialog asks first (its button lets the browser show the picker).
    `mode` is `"readwrite"` or `"read"` (then any change under `path` raises `OSError`
    EROFS); `root` hints where the picker starts; `id` names the folder, so one path can
    mount different folders."""
    absolute = _absolute(path)
    if mode not in _MODES:
        raise ValueError(f"mode must be 'readwrite' or 'read', not {mode!r}")
    if root not in _ROOTS:
        raise ValueError(f"root must be one of {', '.join(map(repr, _ROOTS[1:]))} (or ''), not {root!r}")
    if not isinstance(id, str) or not id:
        raise ValueError(f"id must be a non-empty str, not {id!r}")
    if RUNNING_IN_WORKER:
        raise RuntimeError("pyscript.fs.mount runs on the main thread only in this version")
    for other in mounted.values():
        if other.path == absolute:
            if other.id != id:
                raise ValueError(
                    f"{path!r} is already mounted with id {other.id!r}: unmount it first, or mount at another path"
                )
            return
        if _within(absolute, other.path) or _within(other.path, absolute):
            raise ValueError(f"cannot mount {path!r}: it would nest with the mount at {other.path!r}")
    if absolute in _mounting:
        raise ValueError(f"{path!r} is being mounted already")
    if os.path.lexists(absolute) and (not os.path.isdir(absolute) or os.listdir(absolute)):
        raise OSError(39, "cannot mount over a file or a non-empty directory", absolute)
    _mounting.add(absolute)
    try:
        browser = await _browser_half()
        options = {"id": id, "mode": mode}
        if root:
            options["startIn"] = root
        key = f"{path}@{id}"
        handle, entries = await _pick_and_read(browser, key, path, _pyscript.to_js(options))
        os.makedirs(absolute, exist_ok=True)
        folder = Mount(absolute, handle, mode, id)
        folder._load(entries)
        _pyscript.set_mount_point(absolute, mode)
        mounted[path] = folder
    finally:
        _mounting.discard(absolute)


async def _pick_and_read(browser, key, path, options):
    """The folder's handle and its entries. A remembered folder that is gone (deleted or
    moved) is forgotten, and the user picks again."""
    for attempt in range(2):
        result = await browser.directoryHandle(key, path, options)
        if result.missing:
            raise NotImplementedError(f"pyscript.fs needs {result.missing}, which this browser lacks: use a Chromium-based browser")
        if result.refused:
            raise PermissionError(f"no local folder was mounted at {path!r}: {result.refused}")
        try:
            return result.handle, to_py(await browser.readTree(result.handle))
        except JsException as error:
            if attempt == 0 and "NotFoundError" in str(error) and await browser.forget(key):
                continue
            raise _os_error("reading", path, error) from None


async def sync(path):
    """Writes what changed under the mounted `path` to the user's folder."""
    await _mounted(path, "sync")._sync()


async def unmount(path):
    """Syncs the mounted `path`, then empties it and frees it for another mount."""
    folder = _mounted(path, "unmount")
    await folder._sync()
    _pyscript.set_mount_point(folder.path, None)
    for name in os.listdir(folder.path):
        target = os.path.join(folder.path, name)
        if os.path.isdir(target):
            shutil.rmtree(target)
        else:
            os.remove(target)
    del mounted[path]


async def revoke(path, id="pyscript"):
    """Forgets the folder remembered for `path` and `id` (the next mount asks again) and
    unmounts it if mounted. Returns whether one was remembered."""
    browser = await _browser_half()
    existed = await browser.forget(f"{path}@{id}")
    folder = mounted.get(path)
    if folder is not None and folder.id == id:
        await unmount(path)
    return existed


__all__ = ["mount", "mounted", "revoke", "sync", "unmount"]
