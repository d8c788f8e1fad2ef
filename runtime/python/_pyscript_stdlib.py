"""Imports the standard library modules that are not frozen into the wasm, from the group
files beside it (`runtime/src/stdlib_groups.rs`). core.js fetches the files a script's
imports need before it runs; a module no scan foresaw is fetched when imported.

The finder sits before the file-system finder, as the frozen one does: a page's own
`json.py` does not replace the standard library's.
"""

import sys

import _pyscript
from _frozen_importlib import ModuleSpec, _call_with_frames_removed


class StdlibFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        package = _pyscript.stdlib_find(fullname)
        if package is None:
            return None
        return ModuleSpec(fullname, cls, origin="frozen", is_package=package)

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        code = _pyscript.stdlib_code(module.__spec__.name)
        # As the frozen importer does: a traceback starts at the module's own code.
        _call_with_frames_removed(exec, code, module.__dict__)

    # The loader protocol `runpy`, `pkgutil` and `inspect` use.
    @classmethod
    def get_code(cls, fullname):
        return _pyscript.stdlib_code(fullname)

    @classmethod
    def is_package(cls, fullname):
        package = _pyscript.stdlib_find(fullname)
        if package is None:
            raise ImportError(f"{fullname} is not a standard library module", name=fullname)
        return package

    @classmethod
    def get_source(cls, fullname):
        return None  # bytecode only, as for frozen modules


def install():
    finders = [getattr(finder, "__name__", "") for finder in sys.meta_path]
    position = finders.index("PathFinder") if "PathFinder" in finders else len(finders)
    sys.meta_path.insert(position, StdlibFinder)
