#!/usr/bin/env bash
# Builds target/profiling-dist/: dist/ (scripts/build.sh) with a wasm that keeps its name
# section, so that Chromium's profiler names each Rust function (bench/profile.mjs).
# The code is the shipped release build's, byte for byte: only the 3.4 MB of names differ.
# The wasm keeps its dist/ file name, so core.js, bundled for dist/, finds it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
out=target/profiling-dist
rm -rf "$out" "$out.tmp"
cp -r dist "$out"
mkdir -p "$out.tmp"
wasm-bindgen --target web --no-typescript --out-dir "$out.tmp" target/wasm32-unknown-unknown/release/pyscript_runtime.wasm
wasm=$(sed -n 's/.*"\(pyscript_runtime_bg-.*\.wasm\)".*/\1/p' dist/wasm-file.js)
# The glue is the same; a precompressed copy of the nameless wasm must not be served instead.
cmp -s "$out.tmp/pyscript_runtime.js" "$out/pyscript_runtime.js"
rm -f "$out/$wasm" "$out/$wasm.br" "$out/$wasm.gz"
mv "$out.tmp/pyscript_runtime_bg.wasm" "$out/$wasm"
rm -rf "$out.tmp"
echo "build-profiling: $out/ is ready ($(du -h "$out/$wasm" | cut -f1) of wasm, with names)"
