"""`pyscript.fs`: a folder of the user's computer, mounted into the in-memory file system.

`await mount(path)` copies the folder the user picks (File System Access API, Chromium) to
`path`, where `open()`, `os` and `pathlib` use it as any other directory. `await sync(path)`
writes back what changed since the mount or the last sync: new and changed files (found by
their modification time, which every change moves), and removed files and directories.
`await unmount(path)` syncs, then frees `path`. Handles are remembered per path and `id`, so a
later visit remounts without a picker while the browser keeps the permission.

The browser half is `dist/file-system-access.js`.
"""

import os
import shutil

import _pyscript
from _pyscript import to_py

_ROOTS = ("", "desktop", "documents", "downloads", "music", "pictures", "videos")
_MODES = ("readwrite", "read")

mounted = {}
"""The mounted paths, each with its `Mount` (the folder's handle, `mode` and `id`)."""

_mounting = set()
_browser = None


async def _browser_half():
    global _browser
    if _browser is None:
        _browser = await _pyscript.import_dist_module("file-system-access.js")
    return _browser


def _mount_point(path):
    if not isinstance(path, str) or not path:
        raise TypeError(f"the mount path must be a non-empty str, not {path!r}")
    absolute = os.path.normpath(os.path.join(os.getcwd(), path))
    if absolute == "/":
        raise ValueError("cannot mount over '/'")
    return absolute


def _mounted(path, action):
    absolute = _mount_point(path)
    if absolute not in mounted:
        raise KeyError(f"{path!r} is not mounted: use fs.mount({path!r}) first (cannot {action})")
    return mounted[absolute]


def _snapshot(root):
    """`(files, directories)` under `root`: each file's `(size, st_mtime)` by relative path."""
    files, directories = {}, set()
    for directory, subdirectories, names in os.walk(root):
        relative = os.path.relpath(directory, root)
        prefix = "" if relative == "." else relative + "/"
        directories.update(prefix + name for name in subdirectories)
        for name in names:
            status = os.stat(os.path.join(directory, name))
            files[prefix + name] = (status.st_size, status.st_mtime)
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
        browser = await _browser_half()
        files, directories = _snapshot(self.path)
        synced_files, synced_directories = self._synced
        # Removed first (a directory before what it held), so a name may change kind.
        for relative in sorted(synced_directories - directories):
            await browser.remove(self.handle, relative)
        for relative in sorted(set(synced_files) - set(files)):
            if relative not in directories:
                await browser.remove(self.handle, relative)
        for relative in sorted(directories - synced_directories):
            await browser.makeDirectory(self.handle, relative)
        for relative, stamp in files.items():
            if synced_files.get(relative) != stamp:
                with open(os.path.join(self.path, relative), "rb") as file:
                    await browser.writeFile(self.handle, relative, file.read())
        self._synced = (files, directories)


async def mount(path, mode="readwrite", root="", id="pyscript"):
    """Mounts a folder of the user's computer at `path`. Without a click or key press just
    before, a small dialog asks first (its button lets the browser show the picker).
    `mode` is `"readwrite"` or `"read"` (then any change under `path` raises `OSError`
    EROFS); `root` hints where the picker starts; `id` names the folder, so one path can
    mount different folders."""
    absolute = _mount_point(path)
    if mode not in _MODES:
        raise ValueError(f"mode must be 'readwrite' or 'read', not {mode!r}")
    if root not in _ROOTS:
        raise ValueError(f"root must be one of {', '.join(map(repr, _ROOTS[1:]))} (or ''), not {root!r}")
    if not isinstance(id, str) or not id:
        raise ValueError(f"id must be a non-empty str, not {id!r}")
    current = mounted.get(absolute)
    if current is not None:
        if current.id != id:
            raise ValueError(
                f"{path!r} is already mounted with id {current.id!r}: unmount it first, or mount at another path"
            )
        return
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
        result = await browser.directoryHandle(f"{absolute}@{id}", absolute, _pyscript.to_js(options))
        if result.missing:
            raise NotImplementedError(f"pyscript.fs needs {result.missing}, which this browser lacks: use a Chromium-based browser")
        if result.refused:
            raise PermissionError(f"no local folder was mounted at {path!r}: {result.refused}")
        entries = to_py(await browser.readTree(result.handle))
        os.makedirs(absolute, exist_ok=True)
        folder = Mount(absolute, result.handle, mode, id)
        folder._load(entries)
        if mode == "read":
            _pyscript.set_read_only(absolute, True)
        mounted[absolute] = folder
    finally:
        _mounting.discard(absolute)


async def sync(path):
    """Writes what changed under the mounted `path` to the user's folder."""
    await _mounted(path, "sync")._sync()


async def unmount(path):
    """Syncs the mounted `path`, then empties it and frees it for another mount."""
    folder = _mounted(path, "unmount")
    await folder._sync()
    _pyscript.set_read_only(folder.path, False)
    for name in os.listdir(folder.path):
        target = os.path.join(folder.path, name)
        if os.path.isdir(target):
            shutil.rmtree(target)
        else:
            os.remove(target)
    del mounted[folder.path]


async def revoke(path, id="pyscript"):
    """Forgets the folder remembered for `path` and `id` (the next mount asks again) and
    unmounts it if mounted. Returns whether one was remembered."""
    absolute = _mount_point(path)
    browser = await _browser_half()
    existed = await browser.forget(f"{absolute}@{id}")
    folder = mounted.get(absolute)
    if folder is not None and folder.id == id:
        await unmount(absolute)
    return existed


__all__ = ["mount", "mounted", "revoke", "sync", "unmount"]
