#!/usr/bin/env bash
# Release build of the app into dist/ with Trunk, offline (no tool downloads).
#
#   scripts/build.sh                                   # asset URLs from Trunk.toml
#   scripts/build.sh --public-url /kafka-playground/   # for serving under a sub-path
#
# Any other arguments are passed to `trunk build` as well. Tools must already
# be installed (scripts/setup.sh).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

for tool in trunk wasm-bindgen wasm-opt; do
  if ! command -v "$tool" >/dev/null; then
    echo "build: $tool not found; run scripts/setup.sh first" >&2
    exit 1
  fi
done

echo "build: trunk build --release --offline $*"
trunk build --release --offline "$@"
echo "build: dist/ ready ($(du -sh dist | cut -f1))"
