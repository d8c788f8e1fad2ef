"""Runs page set-up that a standard module needs, when that module is first imported.

`asyncio` gets the browser-driven event loop (`_pyscript_loop`) as soon as it is imported,
so `asyncio.get_running_loop()`, `create_task()` and friends work in any script, while
pages that never import it do not pay for it at start-up.
"""

import sys


class _AfterImport:
    """A meta path finder that lets the other finders find `asyncio` and wraps its loader."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "asyncio":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                spec.loader = _InstallLoopAfter(spec.loader)
                return spec
        return None


class _InstallLoopAfter:
    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        import _pyscript_loop

        # When `_pyscript_loop` itself is being imported (it imports asyncio first), the
        # module is not complete yet: its caller installs the loop.
        install = getattr(_pyscript_loop, "install", None)
        if install is not None:
            install()

    def __getattr__(self, name):
        return getattr(self._loader, name)


def install():
    sys.meta_path.insert(0, _AfterImport())
