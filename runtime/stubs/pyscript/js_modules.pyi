# Type stubs for `pyscript.js_modules` (written by hand): the JS modules the config's
# `js_modules` names, each a JS module namespace (`Any`).
from typing import Any

def __getattr__(name: str) -> Any: ...
