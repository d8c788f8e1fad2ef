"""Main-thread control of Python workers: `PyWorker`, `workers` and `create_named_worker`
(the JS side is `js/worker-host.js`, reached through `core.js`)."""

import _pyscript
from pyscript.ffi import to_js

_host = _pyscript.host("main")

# PyScript's interpreter names and ours: every worker runs RustPython.
_TYPES = {"pyodide": "py", "micropython": "mpy", "py": "py", "mpy": "mpy"}


def PyWorker(src, *, type=None, config=None, **options):
    """Starts a worker running the Python file at `src` and returns it at once: assign
    functions to `.sync` for the worker to call, `postMessage()`, `terminate()`."""
    if not isinstance(src, str):
        raise TypeError(f"PyWorker() needs the URL of a Python file (str), not '{src.__class__.__name__}'")
    if type is None:
        type = _pyscript.config.get("type", "py")
    if type not in _TYPES:
        raise ValueError(f"unknown worker type {type!r}: expected 'pyodide', 'micropython', 'py' or 'mpy'")
    if config is not None and not isinstance(config, (dict, str)):
        raise TypeError(f"PyWorker(config=...) takes a dict, JSON or TOML text or a URL, not '{config.__class__.__name__}'")
    settings = {"type": _TYPES[type]}
    if config is not None:
        settings["config"] = config
    return _host.PyWorker(src, to_js(settings))


class _Workers:
    """`await workers["name"]` (or `workers.name`): the functions the named worker lists in
    `__export__`, once it is ready. It waits for a name no worker has yet."""

    def __getitem__(self, name):
        if not isinstance(name, str):
            raise TypeError(f"worker names are str, not '{name.__class__.__name__}'")
        return _host.namedWorker(name)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __iter__(self):
        raise TypeError("workers cannot be listed: await workers[name] for a worker you know")

    def __len__(self):
        raise TypeError("workers cannot be counted: await workers[name] for a worker you know")

    def __repr__(self):
        return "<pyscript.workers: await workers[name]>"


workers = _Workers()


async def create_named_worker(src, name, config=None, type="py"):
    """Adds `<script type=<type> worker name=<name> src=<src>>` to the page and returns
    `await workers[name]`."""
    import json

    if type not in ("py", "mpy"):
        raise ValueError(f"unknown worker type {type!r}: expected 'py' or 'mpy'")
    document = _pyscript.window.document
    script = document.createElement("script")
    script.type = type
    script.src = src
    script.setAttribute("worker", "")
    script.setAttribute("name", name)
    if config is not None:
        script.setAttribute("config", config if isinstance(config, str) else json.dumps(config))
    document.body.append(script)
    return await workers[name]
