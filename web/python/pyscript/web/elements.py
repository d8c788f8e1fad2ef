"""`pyscript.web.elements`: the same names as `pyscript.web` (PyScript's documentation derives
every element class from `pyscript.web.elements.Element`)."""

from pyscript.web import *  # noqa: F403
from pyscript.web import __all__  # noqa: F401
