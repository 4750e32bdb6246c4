#!/usr/bin/env bash
# Installs what building and testing Kafka Playground needs, and skips what is
# already there. Safe to run any number of times; each step prints one line.
#
#   rust target wasm32-unknown-unknown, rustfmt, clippy   (rustup)
#   trunk ~0.21                                           (cargo install --locked, ~7 min)
#   wasm-bindgen-cli = the wasm-bindgen version in Cargo.lock (cargo install, ~2 min)
#   e2e/node_modules: playwright-core, binaryen (wasm-opt) (npm ci)
#   Debian's chromium at /usr/bin/chromium                (apt-get)
#   Java 17+ and Maven, for the cross-check against Apache Kafka (apt-get), and the
#   Kafka jars of KAFKA_VERSION from Maven Central (first cross-check run)
#   Go and python3's venv, for the client-code check (apt-get); kafka-go and
#   confluent-kafka themselves come from the Go proxy and PyPI when it runs
#
# It exports nothing: scripts/env.sh puts the tools on PATH.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

say() { echo "setup: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# --- Rust target and components -------------------------------------------
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "wasm32 target ... already there"
else
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if rustup component list --installed | grep -q "^${component}"; then
    say "$component ... already there"
  else
    say "installing rust component $component"
    rustup component add "$component"
  fi
done

# --- Trunk ------------------------------------------------------------------
# trunk 0.22 needs a newer rustc than this machine's; 0.21.x works.
trunk_version="$(trunk --version 2>/dev/null || true)"
if [[ "$trunk_version" == "trunk 0.21."* ]]; then
  say "$trunk_version ... already there"
else
  say "installing trunk 0.21 (takes ~7 min)"
  cargo install trunk --version '~0.21' --locked --quiet
fi

# --- wasm-bindgen CLI, same version as the wasm-bindgen crate in Cargo.lock -
if [ ! -f Cargo.lock ]; then
  say "no Cargo.lock yet: generating it"
  cargo generate-lockfile --quiet
fi
wb_want="$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
if [ -z "$wb_want" ]; then
  echo "setup: could not find the wasm-bindgen package in Cargo.lock" >&2
  exit 1
fi
wb_have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$wb_have" = "$wb_want" ]; then
  say "wasm-bindgen-cli $wb_want ... already there"
else
  say "installing wasm-bindgen-cli $wb_want${wb_have:+ (found $wb_have)} (takes ~2 min)"
  # Not --locked: one of its locked dependencies is not served by the registry.
  cargo install wasm-bindgen-cli --version "=$wb_want" --force --quiet
fi

# --- Node.js packages for e2e tests and wasm-opt ----------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing nodejs and npm (apt)"
  apt_install nodejs npm
fi
stamp="e2e/node_modules/.kp-package-lock.sha256"
lock_sum="$(sha256sum e2e/package-lock.json | awk '{print $1}')"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] \
   && [ -x e2e/node_modules/.bin/wasm-opt ] && [ -d e2e/node_modules/playwright-core ] && [ -d e2e/node_modules/axe-core ]; then
  say "e2e npm packages ($(wasm-opt --version | awk '{print "wasm-opt", $3}')) ... already there"
else
  say "installing e2e npm packages (npm ci)"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" > "$stamp"
fi

# --- Chromium ---------------------------------------------------------------
# The npm Playwright browser download cannot work here; Debian's chromium does.
if [ -x /usr/bin/chromium ]; then
  say "chromium ... already there"
else
  say "installing Debian chromium (apt, takes 1-2 min)"
  apt_install chromium
fi

# --- Java and Maven (the cross-check runs a real Apache Kafka broker) ---------
# Kafka 4.x brokers need Java 17 or newer.
java_major="$(java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}' || true)"
if [ -n "$java_major" ] && [ "$java_major" -ge 17 ] 2>/dev/null; then
  say "java $java_major ... already there"
else
  say "installing openjdk-17-jdk-headless (apt)"
  apt_install openjdk-17-jdk-headless
fi
if command -v mvn >/dev/null; then
  say "$(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g' | awk '{print "maven", $3}') ... already there"
else
  say "installing maven (apt)"
  apt_install maven
fi

# --- Go and Python (scripts/check-client-code.sh builds the generated programs) ---
if command -v go >/dev/null && command -v gofmt >/dev/null; then
  say "$(go version | awk '{print "go", $3}') ... already there"
else
  say "installing golang-go (apt)"
  apt_install golang-go
fi
if python3 -c "import ensurepip, venv" 2>/dev/null; then
  say "python3 venv ... already there"
else
  say "installing python3-venv (apt)"
  apt_install python3 python3-venv
fi

say "done"
