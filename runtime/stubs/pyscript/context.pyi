# Type stubs for `pyscript.context` (written by hand): where the code runs; `pyscript`
# re-exports these names.
from typing import Any, Final

from . import PyWorker as PyWorker
from . import _Sync
from . import current_target as current_target
from . import js_import as js_import
from . import js_modules as js_modules

config: dict[str, Any]
document: Any
window: Any
sync: _Sync
RUNNING_IN_WORKER: Final[bool]
