#!/usr/bin/env bash
# Runs every test, after all set-up a fresh machine needs (through scripts/build.sh):
#   1. formatting and lints (cargo fmt, cargo clippy -D warnings)
#   2. native tests (cargo test): the code generator, the generated tables, pure logic
#   3. the end-to-end tests: real pages in headless Chromium (node --test), including the
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

echo "== end-to-end tests on real pages in headless Chromium"
node --test --test-concurrency=1 tests/e2e/
