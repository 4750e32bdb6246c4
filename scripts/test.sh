#!/usr/bin/env bash
# Everything CI runs, in order, stopping at the first failure:
#   setup, rustfmt, clippy (host, wasm32, and the lesson build without the sandbox), cargo test, the cross-check against a
#   real Apache Kafka broker, the generated client code with the real client libraries,
#   release build for a sub-path, end-to-end tests in
#   headless Chromium.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

# The e2e tests serve dist/ under this sub-path, as a project site would be.
BASE_PATH="/kafka-playground/"

stages=10
stage=0
header() {
  stage=$((stage + 1))
  echo
  echo "==> [$stage/$stages] $*"
}

header "setup (install what is missing)"
"$REPO/scripts/setup.sh"

header "cargo fmt --all -- --check"
cargo fmt --all -- --check

header "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

header "cargo clippy --target wasm32-unknown-unknown (app, engine, lessons) -- -D warnings"
cargo clippy --target wasm32-unknown-unknown \
  -p kafka-playground -p kafka-sim -p kafka-lessons -- -D warnings

header "cargo clippy --target wasm32-unknown-unknown --no-default-features (the lesson build, without the sandbox) -- -D warnings"
cargo clippy --target wasm32-unknown-unknown --no-default-features -p kafka-playground -- -D warnings

header "cargo test --workspace"
cargo test --workspace

header "cross-check: every lesson and golden transcript on Apache Kafka $(cat KAFKA_VERSION) (scripts/crosscheck.sh)"
"$REPO/scripts/crosscheck.sh"

header "client code: the code panel's programs with the real client libraries (scripts/check-client-code.sh)"
"$REPO/scripts/check-client-code.sh"

# Trunk.toml's public_url is "./": one build works from any sub-path, which the e2e
# tests prove by serving it under $BASE_PATH.
header "release build (scripts/build.sh)"
"$REPO/scripts/build.sh"

header "end-to-end tests (e2e: npm test, dist/ served under $BASE_PATH)"
# Last on purpose: the test runner's own summary stays the closing lines of the run.
cd "$REPO/e2e"
DIST_DIR="$REPO/dist" BASE_PATH="$BASE_PATH" npm test
