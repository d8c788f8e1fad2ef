#!/usr/bin/env bash
# Builds dist/: the runtime's wasm (release profile), its JS glue, core.js and core.css.
# Fast when nothing changed: cargo compiles nothing, and no file of dist/ is rewritten (a file
# is replaced only when its content changes, so it keeps its time and its compressed copies).
# scripts/test.sh checks both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# sync_file FROM TO: copies FROM to TO (keeping its time) unless TO has the same bytes.
sync_file() { cmp -s "$1" "$2" || cp -p "$1" "$2"; }

# What cargo reports (--message-format=json): the runtime's wasm, its build script's output
# directory (which holds the standard library's group files) and which units it compiled.
cargo build --release --target wasm32-unknown-unknown -p pyscript-runtime --message-format=json-render-diagnostics \
  | node -e 'let out = ""; process.stdin.on("data", (d) => (out += d)).on("end", () => {
      const messages = out.split("\n").filter(Boolean).map((line) => JSON.parse(line));
      const runtime = (m) => /#pyscript-runtime@/.test(m.package_id);
      const dirs = [...new Set(messages.filter((m) => m.reason === "build-script-executed" && runtime(m)).map((m) => m.out_dir))];
      if (dirs.length !== 1) throw new Error(`expected one build-script output of pyscript-runtime, found ${dirs.length}`);
      const wasm = messages.filter((m) => m.reason === "compiler-artifact" && runtime(m))
        .flatMap((m) => m.filenames).filter((file) => file.endsWith(".wasm"));
      if (wasm.length !== 1) throw new Error(`expected one wasm of pyscript-runtime, found ${wasm.length}`);
      const units = messages.filter((m) => m.reason === "compiler-artifact");
      const compiled = units.filter((m) => !m.fresh).map((m) => m.target.kind.includes("custom-build") ? `${m.manifest_path.split("/").at(-2)} (build script)` : m.target.name);
      console.log(`${dirs[0]}/stdlib\n${wasm[0]}`);
      const names = compiled.length <= 12 ? `: ${compiled.join(", ")}` : "";
      console.log(compiled.length ? `${compiled.length} of ${units.length} units${names}` : "nothing");
    })' > "$tmp/cargo.txt"
{ read -r stdlib_dir; read -r wasm; read -r compiled; } < "$tmp/cargo.txt"
# scripts/test.sh reads this line: after a build with nothing changed it must say "nothing".
echo "build: cargo compiled $compiled"
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
# The JS modules, but the five bundled below; -p keeps their times, so scripts/compress.mjs
# leaves unchanged files' copies alone.
for file in js/*.js js/core.css; do
  case $(basename "$file") in
    core.js | worker.js | snapshot-worker.js | terminal.js | codemirror.js) ;;
    *) sync_file "$file" "dist/$(basename "$file")" ;;
  esac
done
# core.js with the modules it imports, in one file: the browser then requests the wasm as soon
# as core.js has arrived, not after two more levels of imports (about 50 ms on localhost, a
# round trip per level on a network). The other modules stay beside it for the dist/ modules
# loaded on demand (storage, file system) and for tests that load one alone. The worker's
# module likewise (js/worker.js: a worker's first request after its own), and the worker that
# takes a page's own snapshot (js/snapshot-worker.js).
node scripts/bundle.mjs core.js worker.js snapshot-worker.js
# The terminal (npm @xterm/xterm and xterm-readline), loaded only by pages that have one, and
# the code editor (npm CodeMirror), loaded only by pages that have a py-editor.
node scripts/bundle.mjs --minify terminal.js codemirror.js
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
sync_file node_modules/flatted/esm/index.js dist/vendor/flatted.js
sync_file node_modules/idb-keyval/dist/index.js dist/vendor/idb-keyval.js
sync_file node_modules/@xterm/xterm/css/xterm.css dist/vendor/xterm.css
# Type stubs for editors: written ones for `pyscript`, generated ones for `pyscript.web`.
mkdir -p dist/stubs/pyscript
for file in runtime/stubs/pyscript/*.pyi elements/stubs/pyscript/*.pyi; do
  sync_file "$file" "dist/stubs/pyscript/$(basename "$file")"
done
# The same stubs as a PEP 561 package (pip install dist/stubs-package/), written aside and
# copied only where a file changed (its wheel is the same for the same stubs).
scripts/build-stubs.sh "$tmp/stubs-package" >/dev/null
(cd "$tmp/stubs-package" && find . -type f) | while read -r file; do
  mkdir -p "$(dirname "dist/stubs-package/$file")"
  sync_file "$tmp/stubs-package/$file" "dist/stubs-package/$file"
done
# Precompressed copies for servers that send them (tests/server.mjs does).
node scripts/compress.mjs dist
echo "build: dist/ is ready ($(du -h dist/pyscript_runtime_bg-*.wasm | cut -f1) of wasm)"
