"""`pyscript.Event` (native, from the bridge); this module name stays for `pyscript.web`."""

from _pyscript import Event

__all__ = ["Event"]
