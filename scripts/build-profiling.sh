#!/usr/bin/env bash
# Builds target/profiling-dist/: dist/ (scripts/build.sh) with a wasm that keeps its name
# section, so that Chromium's profiler names each Rust function (bench/profile.mjs).
# The code is the shipped release build's, byte for byte: only the 3.4 MB of names differ.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
scripts/dist-variant.sh target/profiling-dist target/wasm32-unknown-unknown/release/pyscript_runtime.wasm --keep-names
