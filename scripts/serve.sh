#!/usr/bin/env bash
# Builds dist/ (doing all set-up a fresh machine needs) and serves the repository on
# 127.0.0.1 with the headers PyScript pages expect; open the printed URL for the examples.
#   scripts/serve.sh [port]      (default 8000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec node tests/server.mjs --port "${1:-8000}" --open examples/
