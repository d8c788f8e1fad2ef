"""Config `packages` and `py_import`: pure-Python wheels installed into the in-memory file system.

A requirement is a wheel URL (relative to the config file, or absolute) or a name with an
optional version specifier (`name`, `name==1.2`, `name>=1,<2`, `name[extra]`). Names are looked
up in the package indexes of the config's `index_urls` (PyPI's by default) through the simple
repository API (PEP 691 JSON, or PEP 503 HTML); the newest pure-Python wheel (`*-none-any.whl`)
that satisfies the specifier wins. A wheel's own `Requires-Dist` dependencies are installed the
same way (those under an `extra` or a non-matching environment marker are skipped).

Every wheel is checked against the hash its index publishes (`#sha256=` in a PEP 503 link,
`hashes` in PEP 691 JSON) before anything is installed. A requirement may pin hashes of its own,
as pip's (`name==1.0 --hash=sha256:...`); once one does, every package installed with it,
dependencies included, must be pinned that way (pip's hash-checking mode).
"""

import hashlib
import io
import json
import os
import re
import sys
import zipfile

import _pyscript
import _pyscript_package_bytecode as _package_bytecode
import _pyscript_package_cache as _package_cache
import js

SITE_PACKAGES = "/lib/python3/site-packages"
DEFAULT_INDEX = "https://pypi.org/simple"

_installed = {}  # normalized name -> version


def normalize(name):
    """The PEP 503 form of a project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


# Versions and specifiers: the common subset of PEP 440.

_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$", re.I)


def version_key(text):
    """A sort key for a PEP 440 version (pre-releases before the release), or None."""
    match = _VERSION.match(text.strip())
    if not match:
        return None
    release = tuple(int(part) for part in match.group(1).split("."))
    release += (0,) * (6 - len(release))
    pre = (("a", "b", "rc").index(match.group(2).lower()), int(match.group(3))) if match.group(2) else (3, 0)
    post = int(match.group(4)) if match.group(4) else -1
    dev = int(match.group(5)) if match.group(5) else 1 << 30
    return release, pre, post, dev


def is_prerelease(text):
    match = _VERSION.match(text.strip())
    return bool(match and (match.group(2) or match.group(5)))


def satisfies(version, specifier):
    """Whether `version` meets every clause of `specifier` ("", ">=1.0,<2", "==1.2.*")."""
    key = version_key(version)
    if key is None:
        return False
    for clause in filter(None, (part.strip() for part in specifier.split(","))):
        match = re.match(r"^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$", clause)
        if not match:
            raise ValueError(f"invalid version specifier: {clause!r}")
        operator, wanted = match.groups()
        if operator in ("==", "!=") and wanted.endswith(".*"):
            prefix = wanted[:-2].split(".")
            equal = version.split(".")[: len(prefix)] == prefix
            if equal != (operator == "=="):
                return False
            continue
        if operator == "===":
            if version != wanted:
                return False
            continue
        other = version_key(wanted)
        if other is None:
            raise ValueError(f"invalid version in specifier: {clause!r}")
        if operator == "~=":
            parts = wanted.split(".")
            upper = version_key(".".join(parts[:-2] + [str(int(parts[-2]) + 1)]))
            if not (key >= other and key < upper):
                return False
        elif not {
            "==": key == other,
            "!=": key != other,
            "<=": key <= other,
            ">=": key >= other,
            "<": key < other,
            ">": key > other,
        }[operator]:
            return False
    return True


# Requirements and markers.

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*\(?([^;()]*)\)?\s*(?:;(.*))?$")


def parse_requirement(text):
    """`(name, specifier, marker)` of a requirement string, or ValueError."""
    match = _REQUIREMENT.match(text)
    if not match:
        raise ValueError(f"invalid requirement: {text!r}")
    name, _extras, specifier, marker = match.groups()
    return name, specifier.strip().replace(" ", ""), (marker or "").strip()


def marker_applies(marker):
    """Whether an environment marker holds here (a browser running Python 3.14, no extras)."""
    if not marker:
        return True
    if "extra" in marker:
        return False
    environment = {
        "python_version": "%d.%d" % sys.version_info[:2],
        "python_full_version": "%d.%d.%d" % sys.version_info[:3],
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "os_name": "posix",
        "implementation_name": sys.implementation.name,
        "platform_python_implementation": "RustPython",
        "platform_machine": "wasm32",
    }

    def clause(match):
        left, operator, right = match.groups()
        values = [environment.get(side, side.strip("'\"")) for side in (left, right)]
        if left in ("python_version", "python_full_version") or right in ("python_version", "python_full_version"):
            return str(satisfies(values[0], operator + values[1]))
        return str({"==": values[0] == values[1], "!=": values[0] != values[1]}.get(operator, False))

    expression = re.sub(
        r"""([\w.]+|'[^']*'|"[^"]*")\s*(==|!=|>=|<=|>|<)\s*([\w.]+|'[^']*'|"[^"]*")""", clause, marker
    )
    # Only True/False joined by and/or and parentheses are left: safe to evaluate.
    if not re.fullmatch(r"[\s()]*(True|False)([\s()]*(and|or)[\s()]*(True|False))*[\s()]*", expression):
        return False
    return eval(expression, {"__builtins__": {}})


# Finding and installing wheels.


class PackageError(ImportError):
    """A package that cannot be installed; the message names it and says why."""


# Hashes: the index's, and those a requirement pins.

_PINNED_HASH = re.compile(r"\s--hash[=\s](\w+):([0-9A-Fa-f]+)")
_URL_HASH = re.compile(r"^(\w+)=([0-9A-Fa-f]+)$")


def split_hashes(requirement):
    """`(requirement, hashes)`: a requirement without its `--hash=algorithm:digest` options, and
    those as `{algorithm: {digest, ...}}` (a wheel must match one digest of each)."""
    hashes = {}
    for algorithm, digest in _PINNED_HASH.findall(" " + requirement):
        hashes.setdefault(algorithm.lower(), set()).add(digest.lower())
    return _PINNED_HASH.sub("", " " + requirement).strip(), hashes


def _url_hashes(url):
    """`(url, hashes)`: a PEP 503 link without its `#algorithm=digest` fragment, and that hash."""
    url, _, fragment = url.partition("#")
    match = _URL_HASH.match(fragment)
    return url, ({match.group(1).lower(): {match.group(2).lower()}} if match else {})


#: The hashes a wheel is checked with (pip's for `--hash`); an index's others are ignored.
HASH_ALGORITHMS = ("sha256", "sha384", "sha512")


def check_hashes(name, filename, data, hashes, source):
    """Raises PackageError unless `data` matches, for each algorithm of `hashes` among
    HASH_ALGORITHMS, one of its digests; `source` says whose hashes they are."""
    for algorithm in (algorithm for algorithm in HASH_ALGORITHMS if algorithm in hashes):
        actual = hashlib.new(algorithm, data).hexdigest()
        if actual not in hashes[algorithm]:
            expected = " or ".join(sorted(hashes[algorithm]))
            raise PackageError(
                f"cannot install '{name}': {filename} does not match the hash {source} gives: "
                f"expected {algorithm}:{expected}, got {algorithm}:{actual}"
            )


def wheel_parts(filename):
    """`(name, version, tags)` of a wheel file name, or None."""
    if not filename.endswith(".whl"):
        return None
    parts = filename[:-4].split("-")
    if len(parts) not in (5, 6):
        return None
    return parts[0], parts[1], "-".join(parts[-3:])


def is_pure(tags):
    python, abi, platform = tags.split("-")
    return abi == "none" and platform == "any" and any(tag.startswith("py") for tag in python.split("."))


async def _get(url, accept=None):
    options = {"headers": {"Accept": accept}} if accept else {}
    try:
        return await js.fetch(url, _pyscript.to_js(options))
    except _pyscript.JsException as error:
        raise PackageError(f"cannot fetch {url}: {error}") from None


async def index_files(index_url, name):
    """`[(filename, url, hashes)]` of the files an index lists for `name` (`hashes` as
    `split_hashes` gives them), or None if it has none."""
    url = f"{index_url.rstrip('/')}/{normalize(name)}/"
    response = await _get(url, "application/vnd.pypi.simple.v1+json, text/html;q=0.1")
    if response.status == 404:
        return None
    if not response.ok:
        raise PackageError(f"the package index answered {response.status} {response.statusText} for {url}")
    text = await response.text()
    base = response.url
    if "json" in str(response.headers.get("content-type") or ""):
        files = json.loads(text).get("files", [])
        return [
            (
                entry["filename"],
                _url_hashes(js.URL.new(entry["url"], base).href)[0],
                {algorithm.lower(): {str(digest).lower()} for algorithm, digest in (entry.get("hashes") or {}).items()},
            )
            for entry in files
        ]
    links = re.findall(r"""<a\s[^>]*href=["']([^"']+)["'][^>]*>\s*([^<\s]+)\s*</a>""", text, re.I)
    return [(filename, *_url_hashes(js.URL.new(href, base).href)) for href, filename in links]


async def find_wheel(name, specifier, index_urls):
    """`(version, url, hashes)` of the newest pure-Python wheel of `name` that meets
    `specifier`, with the hashes its index gives."""
    native = []
    for index_url in index_urls:
        files = await index_files(index_url, name)
        if files is None:
            continue
        candidates = []
        for filename, url, hashes in files:
            parts = wheel_parts(filename)
            if parts is None or normalize(parts[0]) != normalize(name):
                continue
            version = parts[1]
            if not satisfies(version, specifier) or (is_prerelease(version) and not specifier):
                continue
            if is_pure(parts[2]):
                candidates.append((version_key(version), version, url, hashes))
            else:
                native.append(filename)
        if candidates:
            return max(candidates, key=lambda candidate: candidate[0])[1:]
    if native:
        raise PackageError(
            f"cannot install '{name}': it has no pure-Python wheel (it needs native code: {native[0]}), "
            "and pyscript-rs runs pure-Python packages only"
        )
    wanted = f"{name}{specifier}" if specifier else name
    raise PackageError(f"cannot install '{wanted}': no pure-Python wheel found in {', '.join(index_urls)}")


async def install(requirements, index_urls=None, base_url=None, cache="names"):
    """Installs each requirement (and its dependencies) into the site-packages folder. Every
    wheel is fetched and every dependency resolved first: when one fails, nothing is
    installed. `cache` is the config's `packages_cache` as `_pyscript_package_cache.policy`
    gives it: whether the resolution is kept for the next visit and read back from the last."""
    index_urls = list(index_urls or [DEFAULT_INDEX])
    base_url = base_url or js.document.baseURI
    requirements = [str(requirement) for requirement in requirements]
    # Requirements whose environment marker does not hold here are not part of the install:
    # a lock file lists a package once per marker (pip skips them before comparing pins).
    requirements = [r for r in requirements if _is_url(split_hashes(r)[0]) or marker_applies(parse_requirement(split_hashes(r)[0])[2])]
    pins = _pins_of(requirements)
    key = await _resolution_key(requirements, index_urls, base_url, cache)
    plan = await _recalled_plan(key, pins) if key else None
    if plan is None:
        plan = await _resolved_plan(requirements, index_urls, base_url, pins)
    _enable_site_packages()
    for name, (version, url, data) in plan.wheels.items():
        names = _extract(url, data)
        _installed[name] = version
        if cache != "never":
            await _package_bytecode.restore(hashlib.sha256(data).hexdigest(), names, SITE_PACKAGES)
    if plan.wheels:
        import importlib

        importlib.invalidate_caches()
        if cache != "never":
            _package_bytecode.keep_later()
    if key and plan.keep:
        await _package_cache.remember(key, [(name, *wheel) for name, wheel in plan.wheels.items()])


class _Plan:
    """What one install fetches: `wheels`, normalized name -> (version, url, wheel bytes), in
    resolution order, and what it was resolved with."""

    def __init__(self, index_urls=(), base_url=None, pins=None):
        self.wheels = {}
        self.index_urls = index_urls
        self.base_url = base_url
        # With a hash pinned anywhere, every package needs its own: normalized name -> hashes.
        self.pins = pins or {}
        # Whether to keep it for the next visit: not when it leant on packages installed
        # earlier in this page (it lacks them), nor when it came whole from the cache.
        self.keep = True


def _pins_of(requirements):
    """The pins of pip's hash-checking mode: with a `--hash` given anywhere, each package's
    own (see `_add_pin`); else none."""
    requirements = [split_hashes(requirement) for requirement in requirements]
    pins = {}
    if any(hashes for _, hashes in requirements):
        for requirement, hashes in requirements:
            _add_pin(pins, requirement, hashes)
    return pins


async def _resolved_plan(requirements, index_urls, base_url, pins):
    """Resolves requirements with the indexes: every wheel fetched and checked."""
    plan = _Plan(index_urls, base_url, pins)
    for requirement, hashes in (split_hashes(requirement) for requirement in requirements):
        await _resolve(requirement, plan, hashes)
    return plan


#: Whether this interpreter forgot what was kept (`packages_cache = "never"`), which it does once.
_forgotten = False


async def _resolution_key(requirements, index_urls, base_url, cache):
    """The key a resolution of these requirements is kept under, or None when the policy
    keeps none for them (it forgets all kept under `"never"`)."""
    global _forgotten
    if cache == "never":
        if not _forgotten:
            _forgotten = True
            await _package_cache.forget()
        return None
    urls = any(_is_url(split_hashes(requirement)[0]) for requirement in requirements)
    if urls and cache != "all":
        return None
    # The index URLs as fetch resolves them; with wheel URLs, the base they are relative to.
    document = getattr(js.globalThis, "document", None)
    fetch_base = document.baseURI if document is not None else js.location.href
    indexes = [js.URL.new(url, fetch_base).href for url in index_urls]
    return _package_cache.resolution_key(requirements, indexes + ([base_url] if urls else []))


async def _recalled_plan(key, pins):
    """The plan kept under `key` on an earlier visit, its wheels from the cache (or fetched
    from their URLs where the cache lost them, no index asked), or None: none kept, one that
    conflicts with a package installed in this page, or one whose wheels no longer match
    what was kept or, in hash-checking mode, the page's pins."""
    recalled = await _package_cache.recall(key)
    if recalled is None:
        return None
    plan = _Plan()
    plan.keep = False
    for name, version, url, sha256, data in recalled:
        if name in _installed:
            if _installed[name] != version:
                return None
            continue
        if data is None:
            plan.keep = True  # kept again once installed, with the wheel fetched now
            try:
                response = await _get(url)
                data = (await response.arrayBuffer()).to_bytes() if response.ok else b""
            except PackageError:
                data = b""
        try:
            if hashlib.sha256(data).hexdigest() != sha256:
                raise PackageError(f"{url} is not the wheel kept")
            if pins:
                check_hashes(name, url, data, pins.get(name, (None, {"sha256": set()}))[1], "the page's --hash")
        except PackageError:
            await _package_cache.forget(key)
            return None
        plan.wheels[name] = (version, url, data)
    if len(plan.wheels) < len(recalled):
        plan.keep = False  # it leant on packages installed earlier in this page
    return plan


def _is_url(requirement):
    return requirement.split(";")[0].strip().lower().endswith(".whl") or "://" in requirement


def _name_of(requirement):
    """The project a requirement (a name with a specifier, or a wheel URL) names."""
    if _is_url(requirement):
        parts = wheel_parts(requirement.strip().rsplit("/", 1)[-1].split("?")[0].split("#")[0])
        return parts[0] if parts else requirement
    return parse_requirement(requirement)[0]


def _add_pin(pins, requirement, hashes):
    """Adds a requirement to `pins`: a package listed twice keeps the hashes of both listings,
    as pip does, unless both pin it differently."""
    unknown = sorted(set(hashes) - set(HASH_ALGORITHMS))
    if unknown:
        raise PackageError(f"cannot install '{requirement}': --hash takes {', '.join(HASH_ALGORITHMS)}, not {', '.join(unknown)}")
    name = normalize(_name_of(requirement))
    listed, known = pins.get(name, (requirement, {}))
    if listed != requirement and hashes and known:
        raise PackageError(f"cannot install '{requirement}': '{listed}' is listed with its own --hash")
    merged = {algorithm: set(digests) for algorithm, digests in known.items()}
    for algorithm, digests in hashes.items():
        merged.setdefault(algorithm, set()).update(digests)
    pins[name] = (requirement if hashes else listed, merged)


def _pinned(requirement, pins, needed_by):
    """In hash-checking mode (`pins`), the pinned requirement and its hashes for
    `requirement`; refuses a package nobody pinned, one pinned without an exact version, and a
    dependency whose specifier the pinned version does not meet."""
    name = _name_of(requirement)
    pin = pins.get(normalize(name))
    why = f" (needed by {needed_by})" if needed_by else ""
    if pin is None or not pin[1]:
        raise PackageError(
            f"cannot install '{name}'{why}: with a --hash given, every package must be listed "
            "with its exact version and its own --hash (pip's hash-checking mode)"
        )
    pinned, hashes = pin
    if _is_url(pinned):
        return pinned, hashes
    exact = re.fullmatch(r"===?([^=*,]+)", parse_requirement(pinned)[1])
    if not exact:
        raise PackageError(f"cannot install '{pinned}': a package pinned with --hash needs an exact version (==)")
    if not _is_url(requirement) and not satisfies(exact.group(1), parse_requirement(requirement)[1]):
        raise PackageError(f"cannot install '{requirement}'{why}: '{pinned}' is pinned")
    return pinned, hashes


async def _resolve(requirement, plan, hashes, needed_by=None):
    """Adds `requirement` and its dependencies to `plan`, fetching and checking their wheels;
    `hashes` are those pinned for it, `plan.pins` all those pinned (hash-checking mode)."""
    if not _is_url(requirement) and not marker_applies(parse_requirement(requirement)[2]):
        return
    planned = plan.wheels
    if plan.pins and normalize(_name_of(requirement)) not in {**_installed, **planned}:
        requirement, hashes = _pinned(requirement, plan.pins, needed_by)
    if _is_url(requirement):
        # A wheel URL's own `#sha256=` counts as its index's hash would.
        url, index_hashes = _url_hashes(js.URL.new(requirement.strip(), plan.base_url).href)
        parts = wheel_parts(url.rsplit("/", 1)[-1].split("?")[0].split("#")[0])
        if parts is None:
            raise PackageError(f"cannot install {requirement}: not a wheel file name")
        if not is_pure(parts[2]):
            raise PackageError(f"cannot install {requirement}: it needs native code ({parts[2]})")
        name, version = parts[0], parts[1]
        if normalize(name) in _installed:
            plan.keep = False
            return
        if normalize(name) in planned:
            return
    else:
        name, specifier, _marker = parse_requirement(requirement)
        chosen = _installed.get(normalize(name)) or planned.get(normalize(name), (None,))[0]
        if chosen is not None:
            if not satisfies(chosen, specifier):
                raise PackageError(f"cannot install '{name}{specifier}': {name} {chosen} is installed already")
            if normalize(name) in _installed:
                plan.keep = False
            return
        version, url, index_hashes = await find_wheel(name, specifier, plan.index_urls)
    response = await _get(url)
    if not response.ok:
        raise PackageError(f"cannot fetch the wheel {url}: {response.status} {response.statusText}")
    data = (await response.arrayBuffer()).to_bytes()
    filename = url.rsplit("/", 1)[-1].split("?")[0]
    check_hashes(name, filename, data, index_hashes, "the index")
    check_hashes(name, filename, data, hashes, "the page's --hash")
    planned[normalize(name)] = (version, url, data)
    for dependency in _requirements_of(url, data):
        await _resolve(dependency, plan, {}, name)


def _requirements_of(url, data):
    """The `Requires-Dist` entries of a wheel's metadata."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            metadata = next((n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")), None)
            if metadata is None:
                return []
            lines = wheel.read(metadata).decode("utf-8", "replace").splitlines()
    except zipfile.BadZipFile as error:
        raise PackageError(f"{url} is not a valid wheel: {error}") from None
    return [line.split(":", 1)[1].strip() for line in lines if line.startswith("Requires-Dist:")]


def _extract(url, data):
    """Unpacks a wheel into site-packages; gives the names of its files."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            wheel.extractall(SITE_PACKAGES)
            return wheel.namelist()
    except zipfile.BadZipFile as error:
        raise PackageError(f"{url} is not a valid wheel: {error}") from None


def _enable_site_packages():
    os.makedirs(SITE_PACKAGES, exist_ok=True)
    if SITE_PACKAGES not in sys.path:
        sys.path.append(SITE_PACKAGES)


async def py_import(*names):
    """Installs each name as config `packages` would, imports it and returns the modules,
    in order, as a tuple. A failure raises `ImportError`."""
    import importlib

    config = _pyscript.config
    await install(names, config.get("index_urls"), None, _package_cache.policy(config))
    return tuple(importlib.import_module(_name_of(split_hashes(str(name))[0]).replace("-", "_")) for name in names)
