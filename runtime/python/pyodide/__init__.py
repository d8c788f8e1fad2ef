"""The parts of Pyodide's own package that PyScript pages written for Pyodide import, so
they run unchanged on pyscript-rs: `pyodide.ffi` and `pyodide.ffi.wrappers`."""
