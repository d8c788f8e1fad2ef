#!/usr/bin/env bash
# Writes patched-crates/<crate>-<version>/ for each crate with patches in patches/: the crate
# as crates.io publishes it (checked against the sha256 in the patches' headers), with its
# patches applied in order: patches/<crate>-<version>.patch first (when there is one), then
# patches/<crate>-<version>-<concern>.patch, one concern each, in name order.
# Cargo.toml's [patch.crates-io] points at those folders, so every cargo command in the
# workspace needs this to have run once (scripts/setup.sh runs it).
# Idempotent: a folder stamped with the hash of its patches is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

# <crate>-<version> of each patch file, once: the name up to its x.y.z version.
crates=$(for patch in patches/*.patch; do
  basename "$patch" .patch | sed -E 's/^(.+-[0-9]+\.[0-9]+\.[0-9]+)(-[A-Za-z0-9_-]+)?$/\1/'
done | sort -u)

for crate in $crates; do
  name=${crate%-*}
  dest=patched-crates/$crate
  patches=()
  [ -f "patches/$crate.patch" ] && patches+=("patches/$crate.patch")
  for patch in patches/"$crate"-*.patch; do
    [ -f "$patch" ] && patches+=("$patch")
  done
  stamp=".patched-$(cat "${patches[@]}" | sha256sum | cut -c1-16)"
  [ -f "$dest/$stamp" ] && continue

  sha256=""
  for patch in "${patches[@]}"; do
    own=$(sed -n 's/^# sha256: \([0-9a-f]\{64\}\)$/\1/p' "$patch")
    [ -n "$own" ] || { echo "patch-crates: $patch has no '# sha256:' line" >&2; exit 1; }
    [ -z "$sha256" ] || [ "$own" = "$sha256" ] \
      || { echo "patch-crates: $patch names another sha256 of $crate than ${patches[0]}" >&2; exit 1; }
    sha256=$own
  done
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
  for patch in "${patches[@]}"; do
    (cd "$work/$crate" && git apply -p1 "$OLDPWD/$patch") \
      || { echo "patch-crates: $patch does not apply" >&2; exit 1; }
  done
  touch "$work/$crate/$stamp"
  mkdir -p patched-crates
  rm -rf "$dest"
  mv "$work/$crate" "$dest"
  rm -rf "$work"
  trap - EXIT
  echo "patch-crates: $dest (${patches[*]})"
done
