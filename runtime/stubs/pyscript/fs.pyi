# Type stubs for `pyscript.fs` (written by hand).
from typing import Any, Literal

class Mount:
    path: str
    handle: Any
    mode: Literal["readwrite", "read"]
    id: str

mounted: dict[str, Mount]

async def mount(
    path: str,
    mode: Literal["readwrite", "read"] = "readwrite",
    root: Literal["", "desktop", "documents", "downloads", "music", "pictures", "videos"] = "",
    id: str = "pyscript",
) -> None: ...
async def sync(path: str) -> None: ...
async def unmount(path: str) -> None: ...
async def revoke(path: str, id: str = "pyscript") -> bool: ...
