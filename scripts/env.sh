# shellcheck shell=bash
# Sourced (not executed) by the other scripts in scripts/: sets REPO to the
# repository root and puts the project's tools on PATH:
#   - e2e/node_modules/.bin  (wasm-opt from the npm package binaryen, playwright-core)
#   - ~/.cargo/bin           (trunk, wasm-bindgen, cargo, rustup)
# Idempotent: sourcing it twice does not grow PATH.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_kp_path_prepend() {
  case ":$PATH:" in
    *":$1:"*) ;;
    *) PATH="$1:$PATH" ;;
  esac
}
_kp_path_prepend "${CARGO_HOME:-$HOME/.cargo}/bin"
_kp_path_prepend "$REPO/e2e/node_modules/.bin"
unset -f _kp_path_prepend
export PATH
