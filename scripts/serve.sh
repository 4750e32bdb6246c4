#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh), then serves a release build of
# the app with Trunk on http://127.0.0.1:${PORT:-8080}/, rebuilding on change.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

"$REPO/scripts/setup.sh"

port="${PORT:-8080}"
echo "serve: Kafka Playground at http://127.0.0.1:${port}/ (Ctrl-C stops)"
exec trunk serve --release --offline --port "$port" --address 127.0.0.1 "$@"
