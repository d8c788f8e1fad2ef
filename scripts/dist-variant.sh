#!/usr/bin/env bash
# Makes OUT: a copy of dist/ (build it first) that runs another build of the runtime's wasm,
# for profiling and for A/B benchmarks of build settings (bench/README.md).
#   scripts/dist-variant.sh OUT WASM [--keep-names]
# WASM is cargo's output (target/wasm32-unknown-unknown/release/pyscript_runtime.wasm of some
# target dir), after any post-processing. --keep-names keeps its name section, so that
# Chromium's profiler names each Rust function. The wasm keeps dist/'s file name, so that
# core.js, bundled for dist/, finds it; its glue comes from the same wasm-bindgen run, and its
# start-up snapshot from scripts/snapshot.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1
wasm=$2
names=--remove-name-section
if [ "${3:-}" = --keep-names ]; then names=; fi
rm -rf "$out" "$out.tmp"
cp -r dist "$out"
mkdir -p "$out.tmp"
wasm-bindgen --target web --no-typescript $names --out-dir "$out.tmp" "$wasm"
file=$(sed -n 's/.*"\(pyscript_runtime_bg-.*\.wasm\)".*/\1/p' dist/wasm-file.js)
# Precompressed copies of dist/'s files must not be served in place of the new ones.
rm -rf "$out/$file"* "$out/pyscript_runtime.js"* "$out/snippets"
mv "$out.tmp/pyscript_runtime_bg.wasm" "$out/$file"
mv "$out.tmp/pyscript_runtime.js" "$out.tmp/snippets" "$out/"
rm -rf "$out.tmp"
# dist/'s snapshot is the memory of dist/'s wasm: the variant's own, under the same name.
rm -f "$out/${file%.wasm}.snapshot"*
node scripts/snapshot.mjs "$out"
echo "dist-variant: $out/ is ready ($(du -h "$out/$file" | cut -f1) of wasm)"
