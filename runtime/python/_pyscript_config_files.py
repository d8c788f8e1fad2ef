"""Config `files`: fetched into the in-memory file system before an interpreter's first script.

`{url: destination}`:
- URLs are relative to the config file (the page's, for an inline config).
- A destination of "" or one ending in "/" takes the URL's file name, in that folder.
- `{NAME}` keys define placeholders that other keys and destinations use.
- An archive (`.zip`, `.whl`, `.tar.gz`, `.tgz`) whose destination ends in `/*` is unpacked
  into that folder.
- Two sources for one destination are an error.
"""

import io
import os
import re
import tarfile
import zipfile

import js

_PLACEHOLDER = re.compile(r"^\{[A-Za-z_][A-Za-z0-9_]*\}$")
_ARCHIVES = (".zip", ".whl", ".tar.gz", ".tgz")


def plan(files):
    """The `(url, destination, unpack)` list the `files` table asks for, placeholders
    filled in, or ValueError saying what is wrong with the table."""
    if not isinstance(files, dict):
        raise ValueError(f"config 'files' must be a table of url = destination, not {type(files).__name__}")
    placeholders = {key: str(value) for key, value in files.items() if _PLACEHOLDER.match(key)}

    def fill(text):
        for _ in range(len(placeholders) + 1):
            filled = text
            for name, value in placeholders.items():
                filled = filled.replace(name, value)
            if filled == text:
                return filled
            text = filled
        raise ValueError(f"config 'files': placeholders refer to each other in a loop: {text}")

    steps = []
    seen = {}
    for key, destination in files.items():
        if key in placeholders:
            continue
        url = fill(key)
        destination = fill(str(destination))
        name = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
        unpack = destination.endswith("/*")
        if unpack:
            if not url.lower().split("?", 1)[0].endswith(_ARCHIVES):
                raise ValueError(f"config 'files': {url} -> {destination}: only archives ({', '.join(_ARCHIVES)}) unpack into dir/*")
            destination = destination[:-2] or "."
        elif destination == "" or destination.endswith("/"):
            destination = destination + name
        path = os.path.normpath(destination)
        if path in seen and not unpack:
            raise ValueError(f"config 'files': two sources for {destination}: {seen[path]} and {url}")
        seen[path] = url
        steps.append((url, path, unpack))
    return steps


async def load(files, base_url):
    """Fetches every entry of `files` into the file system (all requests at once)."""
    pending = [(url, path, unpack, js.fetch(js.URL.new(url, base_url).href)) for url, path, unpack in plan(files)]
    for url, path, unpack, request in pending:
        try:
            response = await request
        except Exception as error:
            raise OSError(f"config 'files': cannot fetch {url}: {error}") from None
        if not response.ok:
            raise OSError(f"config 'files': cannot fetch {url}: {response.status} {response.statusText}")
        data = (await response.arrayBuffer()).to_bytes()
        if unpack:
            _unpack(url, data, path)
        else:
            _write(path, data)


def _write(path, data):
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "wb") as file:
        file.write(data)


def _unpack(url, data, folder):
    os.makedirs(folder, exist_ok=True)
    try:
        if url.lower().split("?", 1)[0].endswith((".zip", ".whl")):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.extractall(folder)
        else:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
                archive.extractall(folder, filter="data")
    except (zipfile.BadZipFile, tarfile.TarError) as error:
        raise OSError(f"config 'files': {url} is not a valid archive: {error}") from None
