#!/usr/bin/env bash
# Regenerates the element classes from the W3C spec data, in two steps:
#   1. spec-data/html-elements.json from the pinned webref npm packages (spec-data/build.mjs)
#   2. elements/src/generated.rs and elements/stubs/ from that JSON (codegen/)
# Review the JSON diff: the generated Rust follows from it mechanically.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd spec-data && npm ci --no-audit --no-fund --loglevel=error && node build.mjs)
cargo run -q -p pyscript-codegen
