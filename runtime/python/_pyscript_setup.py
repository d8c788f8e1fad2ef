"""What the config asks to have in place before an interpreter's first script runs: its
`files` in the file system, then its `packages` and those of its `packages_lock` installed (see
`_pyscript_config_files`, `_pyscript_packages` and `_pyscript_lock_file`, imported only when a
config uses them)."""

import js


async def prepare(config, base_url):
    files = config.get("files")
    if files:
        import _pyscript_config_files

        _progress("Loading files")
        await _pyscript_config_files.load(files, base_url)
        _progress("Loaded files")
    packages = config.get("packages") or []
    lock = config.get("packages_lock")
    if packages or lock:
        import _pyscript_package_cache
        import _pyscript_packages

        if not isinstance(packages, list):
            raise ValueError(f"config 'packages' must be a list of requirements, not {type(packages).__name__}")
        _progress("Loading packages")
        if lock:
            import _pyscript_lock_file

            packages = packages + await _pyscript_lock_file.load(lock, base_url)
        cache = _pyscript_package_cache.policy(config)
        await _pyscript_packages.install(packages, config.get("index_urls"), base_url, cache)
        _progress("Loaded packages")


def _progress(text):
    """PyScript's `py:progress` event on `window`, which the loading badge shows too."""
    js.dispatchEvent(js.CustomEvent.new("py:progress", detail=text))
