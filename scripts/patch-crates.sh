#!/usr/bin/env bash
# Writes patched-crates/<crate>-<version>/ for each patches/<crate>-<version>.patch: the
# crate as crates.io publishes it (checked against the sha256 in the patch's header), with
# the patch applied. Cargo.toml's [patch.crates-io] points at those folders, so every cargo
# command in the workspace needs this to have run once (scripts/setup.sh runs it).
# Idempotent: a folder stamped with its patch's hash is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

for patch in patches/*.patch; do
  crate=$(basename "$patch" .patch)
  name=${crate%-*}
  dest=patched-crates/$crate
  stamp=".patched-$(sha256sum "$patch" | cut -c1-16)"
  [ -f "$dest/$stamp" ] && continue

  sha256=$(sed -n 's/^# sha256: \([0-9a-f]\{64\}\)$/\1/p' "$patch")
  [ -n "$sha256" ] || { echo "patch-crates: $patch has no '# sha256:' line" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # Cargo's download cache when it has the file, else crates.io.
  cached=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"$crate.crate" 2>/dev/null | head -n1 || true)
  if [ -n "$cached" ]; then
    cp "$cached" "$work/crate.tar.gz"
  else
    curl -fsSL --retry 3 "https://static.crates.io/crates/$name/$crate.crate" -o "$work/crate.tar.gz"
  fi
  echo "$sha256  $work/crate.tar.gz" | sha256sum --check --quiet
  tar -xzf "$work/crate.tar.gz" -C "$work"
  # Applied outside this repository: inside it, git apply would read paths from its root.
  (cd "$work/$crate" && git apply -p1 "$OLDPWD/$patch")
  touch "$work/$crate/$stamp"
  mkdir -p patched-crates
  rm -rf "$dest"
  mv "$work/$crate" "$dest"
  rm -rf "$work"
  trap - EXIT
  echo "patch-crates: $dest"
done
