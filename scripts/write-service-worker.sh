#!/usr/bin/env bash
# Trunk's last post_build hook (Trunk.toml), after scripts/build-sandbox-wasm.sh: copies
# 404.html and sw.js into $TRUNK_STAGING_DIR and writes into sw.js the list of files the
# service worker precaches, with a hash of their names and contents.
#
# Why here and not by hand: the list is every file Trunk and the sandbox build wrote (their
# names carry content hashes, so they change with every build), the lesson files and
# index.html (rewritten by the sandbox hook, so this hook runs after it). The hash names
# the cache: a new deploy gets a new cache and a new sw.js, which browsers install as an
# update. sw.js itself is left out (the browser fetches it on its own to look for updates).
#
# Under `trunk serve` (its live-reload script is in the page) the list stays empty: the
# worker then caches nothing, so a rebuild shows on the next reload.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cp 404.html "$staging/404.html"

if grep -q '__TRUNK_ADDRESS__' "$staging/index.html"; then
  build='const BUILD = { version: "dev", files: [] };'
  echo "write-service-worker: trunk serve build, the service worker caches nothing"
else
  files=()
  while IFS= read -r f; do
    # The names go into JavaScript string literals unescaped: refuse anything odd.
    if [[ ! "$f" =~ ^[A-Za-z0-9._/-]+$ ]]; then
      echo "write-service-worker: unexpected file name in dist: $f" >&2
      exit 1
    fi
    files+=("$f")
  done < <(cd "$staging" && find . -type f ! -name sw.js -printf '%P\n' | LC_ALL=C sort)
  grep -qx 'index.html' < <(printf '%s\n' "${files[@]}") \
    || { echo "write-service-worker: no index.html in $staging" >&2; exit 1; }
  # Names and contents of the files, and this worker's own code: any change, a new cache.
  version="$( { (cd "$staging" && sha256sum "${files[@]}"); cat sw.js; } | sha256sum | cut -c1-16)"
  list="$(printf '"%s",' "${files[@]}")"
  build="const BUILD = {\"version\":\"$version\",\"files\":[${list%,}]};"
  kb="$(cd "$staging" && du -ck "${files[@]}" | tail -1 | cut -f1)"
  echo "write-service-worker: sw.js precaches ${#files[@]} files (${kb} KB), cache $version"
fi

# The one line of sw.js that names the build; awk leaves the rest as written.
grep -q '^const BUILD = .*// BUILD' sw.js || { echo "write-service-worker: no BUILD line in sw.js" >&2; exit 1; }
BUILD_LINE="$build" awk '/^const BUILD = .*\/\/ BUILD/ { print ENVIRON["BUILD_LINE"]; next } { print }' \
  sw.js > "$staging/sw.js"
