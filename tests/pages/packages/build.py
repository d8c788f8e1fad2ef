"""Builds the test fixtures for config `packages` and `py_import` (run it with CPython after a
change; the outputs are committed): tiny pure-Python wheels in wheels/, one with native tags,
and a PEP 503 simple index in index/<project>/index.html that lists them with their sha256
(`#sha256=` links). pyrs_tampered's wheel was changed after the index took its hash: the
wheel an attacker swapped on a mirror.

    python3 tests/pages/packages/build.py
"""

import hashlib
import pathlib
import zipfile

HERE = pathlib.Path(__file__).parent

WHEELS = [
    # (project, version, tags, module source, Requires-Dist lines)
    ("pyrs_base", "1.0.0", "py3-none-any", "VERSION = '1.0.0'\n\ndef shout(text):\n    return text.upper() + '!'\n", []),
    ("pyrs_base", "2.0.0", "py3-none-any", "VERSION = '2.0.0'\n\ndef shout(text):\n    return text.upper() + '!!'\n", []),
    ("pyrs_base", "3.0.0rc1", "py3-none-any", "VERSION = '3.0.0rc1'\n", []),
    (
        "pyrs_app",
        "0.1.0",
        "py3-none-any",
        "from pyrs_base import VERSION as BASE_VERSION, shout\n\ndef greet(name):\n    return shout('hello ' + name)\n",
        ["pyrs_base<2", 'pyrs_missing; extra == "dev"', 'pyrs_missing; python_version < "3"'],
    ),
    ("pyrs_native", "1.0.0", "cp314-cp314-manylinux_2_17_x86_64", "raise ImportError('native')\n", []),
    ("pyrs_tampered", "1.0.0", "py3-none-any", "SAFE = True\n", []),
]

#: What the tampered wheel holds instead of what the index's hash is of.
TAMPERED = {"pyrs_tampered": "SAFE = False\n"}


def write_wheel(path, project, version, tags, source, requires):
    dist_info = f"{project}-{version}.dist-info"
    metadata = [f"Metadata-Version: 2.1", f"Name: {project}", f"Version: {version}"]
    metadata += [f"Requires-Dist: {line}" for line in requires]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        wheel.writestr(f"{project}/__init__.py", source)
        wheel.writestr(f"{dist_info}/METADATA", "\n".join(metadata) + "\n")
        wheel.writestr(f"{dist_info}/WHEEL", f"Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: {tags}\n")
        wheel.writestr(f"{dist_info}/RECORD", "")


def build():
    (HERE / "wheels").mkdir(exist_ok=True)
    listings = {}
    for project, version, tags, source, requires in WHEELS:
        filename = f"{project}-{version}-{tags}.whl"
        path = HERE / "wheels" / filename
        write_wheel(path, project, version, tags, source, requires)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if project in TAMPERED:
            write_wheel(path, project, version, tags, TAMPERED[project], requires)
        listings.setdefault(project.replace("_", "-"), []).append((filename, digest))
    for project, files in listings.items():
        folder = HERE / "index" / project
        folder.mkdir(parents=True, exist_ok=True)
        links = "\n".join(f'<a href="../../wheels/{name}#sha256={digest}">{name}</a><br>' for name, digest in files)
        (folder / "index.html").write_text(f"<!doctype html>\n<html><body>\n{links}\n</body></html>\n")


if __name__ == "__main__":
    build()
