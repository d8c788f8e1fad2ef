#!/usr/bin/env bash
# Writes the type stubs of `pyscript` as a PEP 561 stub-only package, for editors and type
# checkers: runtime/stubs/ (written by hand) and elements/stubs/ (`pyscript.web`, generated
# by codegen/) as the package `pyscript-stubs` of the distribution `pyscript-rs-stubs`.
#
#   scripts/build-stubs.sh [out-dir]   (default dist/stubs-package/)
#
# out-dir gets a source folder (pyproject.toml, setuptools: `pip install out-dir`) and a
# wheel built here with Python's zipfile, which installs with no network and no build
# backend: `pip install out-dir/pyscript_rs_stubs-<version>-py3-none-any.whl`.
# The version is package.json's. Needs python3 (3.8 or later) and node.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist/stubs-package}
version=$(node -p 'require("./package.json").version')

rm -rf "$out"
mkdir -p "$out/pyscript-stubs"
cp runtime/stubs/pyscript/*.pyi elements/stubs/pyscript/*.pyi "$out/pyscript-stubs/"

cat > "$out/pyproject.toml" <<TOML
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "pyscript-rs-stubs"
version = "$version"
description = "Type stubs for PyScript's Python API (the pyscript module, pyscript.web) as pyscript-rs implements it"
license = { text = "MIT" }
requires-python = ">=3.9"
classifiers = ["Typing :: Stubs Only"]

[project.urls]
Homepage = "https://github.com/pyscript/pyscript"

[tool.setuptools]
packages = ["pyscript-stubs"]

[tool.setuptools.package-data]
"pyscript-stubs" = ["*.pyi"]
TOML

python3 - "$out" "$version" <<'PY'
import base64, hashlib, pathlib, sys, zipfile

out, version = pathlib.Path(sys.argv[1]), sys.argv[2]
dist_info = f"pyscript_rs_stubs-{version}.dist-info"
metadata = (
    "Metadata-Version: 2.1\n"
    "Name: pyscript-rs-stubs\n"
    f"Version: {version}\n"
    "Summary: Type stubs for PyScript's Python API (the pyscript module, pyscript.web) as pyscript-rs implements it\n"
    "License: MIT\n"
    "Requires-Python: >=3.9\n"
    "Classifier: Typing :: Stubs Only\n"
)
wheel = "Wheel-Version: 1.0\nGenerator: pyscript-rs scripts/build-stubs.sh\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
files = [(f"pyscript-stubs/{p.name}", p.read_bytes()) for p in sorted((out / "pyscript-stubs").glob("*.pyi"))]
files += [(f"{dist_info}/METADATA", metadata.encode()), (f"{dist_info}/WHEEL", wheel.encode())]
record = []
for name, data in files:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    record.append(f"{name},sha256={digest},{len(data)}")
record.append(f"{dist_info}/RECORD,,")
files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
path = out / f"pyscript_rs_stubs-{version}-py3-none-any.whl"
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, data in files:
        # A fixed date: the same stubs give the same wheel.
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, data)
print(f"build-stubs: {path}")
PY
