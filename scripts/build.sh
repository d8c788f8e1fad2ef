#!/usr/bin/env bash
# Builds dist/: the runtime's wasm (release profile), its JS glue, core.js and core.css.
# Fast when nothing changed: cargo and the timestamp checks below skip finished work.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# The build script's output directory holds the standard library's group files.
stdlib_dir=$(cargo build --release --target wasm32-unknown-unknown -p pyscript-runtime --message-format=json-render-diagnostics \
  | node -e 'let out = ""; process.stdin.on("data", (d) => (out += d)).on("end", () => {
      const found = out.split("\n").filter(Boolean).map((line) => JSON.parse(line))
        .filter((m) => m.reason === "build-script-executed" && /#pyscript-runtime@/.test(m.package_id));
      const dirs = [...new Set(found.map((m) => m.out_dir))];
      if (dirs.length !== 1) throw new Error(`expected one build-script output of pyscript-runtime, found ${dirs.length}`);
      console.log(dirs[0] + "/stdlib");
    })')
wasm=target/wasm32-unknown-unknown/release/pyscript_runtime.wasm
mkdir -p dist
if [ ! -f dist/wasm-file.js ] || [ "$wasm" -nt dist/wasm-file.js ]; then
  rm -rf dist/snippets dist/pyscript_runtime_bg*.wasm* dist/pyscript_runtime_bg*.snapshot*
  # The name section (5 MB of function names) only serves debuggers: leave it out.
  wasm-bindgen --target web --no-typescript --remove-name-section --out-dir dist "$wasm"
  # A name that changes with the content, so a server may let browsers cache it for ever.
  hash=$(sha256sum dist/pyscript_runtime_bg.wasm | cut -c1-16)
  mv dist/pyscript_runtime_bg.wasm "dist/pyscript_runtime_bg-$hash.wasm"
  echo "export const WASM_FILE = \"pyscript_runtime_bg-$hash.wasm\";" > dist/wasm-file.js
  # The started interpreter's memory, which pages start from (js/snapshot.js).
  node scripts/snapshot.mjs dist
fi
# -p keeps the times, so scripts/compress.mjs leaves unchanged files' copies alone.
cp -p js/*.js js/core.css dist/
# core.js with the modules it imports, in one file: the browser then requests the wasm as soon
# as core.js has arrived, not after two more levels of imports (about 50 ms on localhost, a
# round trip per level on a network). The other modules stay beside it for the dist/ modules
# loaded on demand (storage, file system) and for tests that load one alone.
node_modules/.bin/esbuild dist/core.js --bundle --format=esm --target=es2022 \
  --outfile=dist/core.js --allow-overwrite --log-level=warning
# The terminal (npm @xterm/xterm and xterm-readline), loaded only by pages that have one.
node_modules/.bin/esbuild js/terminal.js --bundle --minify --format=esm --target=es2022 \
  --outfile=dist/terminal.js --log-level=warning
# The code editor (npm CodeMirror), loaded only by pages that have a py-editor.
node_modules/.bin/esbuild js/codemirror.js --bundle --minify --format=esm --target=es2022 \
  --outfile=dist/codemirror.js --log-level=warning
# The worker's module likewise (js/worker.js: a worker's first request after its own).
node_modules/.bin/esbuild dist/worker.js --bundle --format=esm --target=es2022 \
  --outfile=dist/worker.js --allow-overwrite --log-level=warning
# And the worker that takes a page's own snapshot (js/snapshot-worker.js).
node_modules/.bin/esbuild dist/snapshot-worker.js --bundle --format=esm --target=es2022 \
  --outfile=dist/snapshot-worker.js --allow-overwrite --log-level=warning
# The standard library outside the wasm's core (runtime/build/stdlib_split.rs). Its file
# names carry a hash of their content: copy the new ones, remove those no longer built.
mkdir -p dist/stdlib
for file in dist/stdlib/*.bin; do
  if [ -e "$file" ] && [ ! -e "$stdlib_dir/$(basename "$file")" ]; then rm -f "$file" "$file.br" "$file.gz"; fi
done
for file in "$stdlib_dir"/*.bin; do
  if [ ! -e "dist/stdlib/$(basename "$file")" ]; then cp -p "$file" dist/stdlib/; fi
done
# npm packages the JS modules import, as the single ES module files they publish.
mkdir -p dist/vendor
cp -p node_modules/flatted/esm/index.js dist/vendor/flatted.js
cp -p node_modules/idb-keyval/dist/index.js dist/vendor/idb-keyval.js
cp -p node_modules/@xterm/xterm/css/xterm.css dist/vendor/xterm.css
# Type stubs for editors: written ones for `pyscript`, generated ones for `pyscript.web`.
mkdir -p dist/stubs/pyscript
cp runtime/stubs/pyscript/*.pyi elements/stubs/pyscript/*.pyi dist/stubs/pyscript/
# Precompressed copies for servers that send them (tests/server.mjs does).
node scripts/compress.mjs dist
echo "build: dist/ is ready ($(du -h dist/pyscript_runtime_bg-*.wasm | cut -f1) of wasm)"
