"""`pyscript.js_modules`: the JS modules the config's `js_modules.main` names (in a worker,
also `js_modules.worker`), loaded before the first script ran: `from pyscript.js_modules import
name`, or, as PyScript 0.7 allows, `from pyscript.js_modules.name import member`."""

import sys

import _pyscript

# Each module is also importable by its dotted name (`import pyscript.js_modules.name`): the
# import system finds it here once it has imported this module, the parent.
for _name, _module in getattr(_pyscript, "js_modules", {}).items():
    sys.modules[f"{__name__}.{_name}"] = _module


def __getattr__(name):
    modules = getattr(_pyscript, "js_modules", {})
    if name in modules:
        return modules[name]
    failures = getattr(_pyscript, "js_module_failures", {})
    if name in failures:
        raise ImportError(f"the JS module '{name}' of js_modules did not load: {failures[name]}")
    if name.startswith("__"):
        raise AttributeError(name)
    side = "worker" if _pyscript.RUNNING_IN_WORKER else "main"
    raise ImportError(f"no JS module named '{name}': add it to the config's js_modules.{side} as {{url = \"{name}\"}}")


def __dir__():
    return sorted(getattr(_pyscript, "js_modules", {}))
