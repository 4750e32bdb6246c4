#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): builds the app with the sandbox (the default
# features) beside the lesson build Trunk has just made without it, into
# $TRUNK_STAGING_DIR/sandbox/, and names its files in the page's loader.
#
# The lesson page then downloads the app without the console, its tools, the forms, share
# links and the client code; `#/sandbox` loads this build instead. A separate target
# directory keeps both builds' caches warm. Release builds get wasm-opt -Oz, as Trunk
# gives its own (index.html, data-wasm-opt).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then
  profile=release
  out=release
else
  profile=dev
  out=debug
fi
target="$REPO/target/sandbox"
cargo build --profile "$profile" --target wasm32-unknown-unknown --bin kafka-playground \
  --target-dir "$target" --quiet
mkdir -p "$staging/sandbox"
wasm-bindgen --target web --no-typescript --out-dir "$staging/sandbox" --out-name app \
  "$target/wasm32-unknown-unknown/$out/kafka-playground.wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue \
    "$staging/sandbox/app_bg.wasm" -o "$staging/sandbox/app_bg.wasm"
fi
# Names that change with the content, as Trunk's own (filehash), so a cache never serves
# an old sandbox beside a new page.
hash="$(cat "$staging/sandbox/app.js" "$staging/sandbox/app_bg.wasm" | sha256sum | cut -c1-16)"
js="kafka-playground-sandbox-$hash.js"
wasm="kafka-playground-sandbox-${hash}_bg.wasm"
mv "$staging/sandbox/app.js" "$staging/sandbox/$js"
mv "$staging/sandbox/app_bg.wasm" "$staging/sandbox/$wasm"
html="$staging/index.html"
grep -q '__SANDBOX_JS__' "$html" || { echo "build-sandbox-wasm: no __SANDBOX_JS__ in $html" >&2; exit 1; }
sed -i -e "s|__SANDBOX_JS__|sandbox/$js|g" -e "s|__SANDBOX_WASM__|sandbox/$wasm|g" "$html"
echo "build-sandbox-wasm: sandbox/$wasm ($(du -k "$staging/sandbox/$wasm" | cut -f1) KB)"
