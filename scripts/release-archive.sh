#!/usr/bin/env bash
# Writes the offline archive of a built dist/ (PyScript publishes the same as offline.zip):
# unpacked beside a page, it gives dist/core.js and dist/core.css, and the page runs with no
# network. The precompressed copies (*.br, *.gz) stay out, as in the npm package: a static
# server that sends them needs its own set-up anyway (`node scripts/compress.mjs dist`
# writes them again), and they would nearly triple the archive's size.
#
#   scripts/release-archive.sh [out-dir]   (default release/); prints the archive's path
#
# A zip when `zip` is installed, else a .tar.gz. Run scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:-release}" && cd "${1:-release}" && pwd)

if [ ! -f dist/core.js ] || [ ! -f dist/wasm-file.js ]; then
  echo "release-archive: dist/ is not built: run scripts/build.sh first" >&2
  exit 1
fi
wasm=$(sed -n 's/.*"\(pyscript_runtime_bg-[0-9a-f]*\.wasm\)".*/\1/p' dist/wasm-file.js)
if [ ! -f "dist/$wasm" ]; then
  echo "release-archive: dist/wasm-file.js names dist/$wasm, which is missing (a build under way?)" >&2
  exit 1
fi
version=$(node -p 'require("./package.json").version')
name="pyscript-rs-$version-offline"

# A copy of dist/ taken at one moment, with the licence beside the code it covers.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -a dist "$stage/dist"
find "$stage/dist" -type f \( -name '*.br' -o -name '*.gz' \) -delete
cp LICENSE "$stage/dist/LICENSE"

if command -v zip >/dev/null; then
  archive="$out/$name.zip"
  rm -f "$archive"
  (cd "$stage" && zip -q -r -X "$archive" dist)
else
  archive="$out/$name.tar.gz"
  tar -C "$stage" -czf "$archive" dist
fi
echo "release-archive: $(du -h "$archive" | cut -f1) ($(du -sh "$stage/dist" | cut -f1) unpacked)" >&2
echo "$archive"
