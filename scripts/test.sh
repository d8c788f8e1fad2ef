#!/usr/bin/env bash
# Runs every test, after all set-up a fresh machine needs (through scripts/build.sh):
#   1. formatting and lints (cargo fmt, cargo clippy -D warnings)
#   2. native tests (cargo test): the code generator, the generated tables, pure logic
#   3. a second build with nothing changed (after the build, clippy and cargo test, which share
#      the target directory): cargo compiles nothing and no file of dist/ is rewritten
#   4. the end-to-end tests: real pages in headless Chromium (node --test), including the
#      runtime's wasm API driven directly (tests/e2e/interpreter-api.test.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh

echo "== formatting and lints"
cargo fmt --all --check
cargo clippy --release --target wasm32-unknown-unknown --workspace --all-targets -- -D warnings

echo "== native tests: the code generator (incl. freshness of elements/), the tables, pure logic"
cargo test -p pyscript-codegen -p pyscript-elements
cargo test -p pyscript-runtime -p pyscript-bridge --lib

echo "== a second build with nothing changed: cargo compiles nothing, no file of dist/ is rewritten"
list_dist() { find dist -type f -printf '%p %s %T@\n' | sort; }
before=$(list_dist)
start=$(date +%s%N)
rebuild=$(scripts/build.sh 2>&1) || { echo "$rebuild"; exit 1; }
took=$((($(date +%s%N) - start) / 1000000))
after=$(list_dist)
# cargo's own report (the JSON messages' `fresh` flags, summed up by scripts/build.sh) and its
# status lines; a source edited while this ran (a shared working tree) also ends up here.
if ! grep -qx "build: cargo compiled nothing" <<<"$rebuild" || grep -E "^ *Compiling " <<<"$rebuild"; then
  echo "$rebuild"
  echo "rebuild: cargo compiled something though nothing changed (CARGO_LOG=cargo::core::compiler::fingerprint=info says why)" >&2
  exit 1
fi
if [ "$before" != "$after" ]; then
  echo "$rebuild"
  diff <(echo "$before") <(echo "$after") || true
  echo "rebuild: files of dist/ were rewritten though nothing changed (the diff above: path, size, time)" >&2
  exit 1
fi
echo "rebuild: nothing compiled, no file of dist/ rewritten, in $((took / 1000)).$(printf %03d $((took % 1000))) s"

echo "== end-to-end tests on real pages in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
