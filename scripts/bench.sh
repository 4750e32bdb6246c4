#!/usr/bin/env bash
# Measures Kafka Playground against its budgets and prints a report, also
# written to bench-results/latest.txt. Exits nonzero if a budget is exceeded.
#
#   1. download size of the release build (dist/): wasm, JS, CSS, HTML, raw and
#      gzipped (gzip -9, each file on its own, as a server would send it).
#      The home page is static (src/shell.rs) and loads HTML and CSS only; a lesson
#      page also loads the app's JS and wasm and its lesson file (the largest counted).
#      budgets: home page first download <= 250 KB gzipped (1 KB = 1000 bytes);
#               lesson page first download (everything) <= 350 KB gzipped
#   2. first render in headless Chromium from a local server, median of 7 runs
#      in fresh browser contexts (after one discarded warm-up run), against a Leptos 0.8 CSR hello world built
#      the same way (bench/hello-leptos); budget: home page / hello < 2x. The first
#      render of a lesson page (the app's own h1) is measured and reported beside it.
#   3. the engine's own throughput: cargo run --profile native -p kafka-sim -- bench;
#      3b. the same workload in wasm (bench/engine-wasm, built as the app ships: the
#      release profile, wasm-opt -Oz) in headless Chromium; budget: at least 0.7 of the
#      native rate, both measured in this one run
#   4. redraw: a step of the lesson player's bench scene (#/lesson/bench), of lesson 2.1,
#      and a command of a 1,000-partition sandbox (typed, Undo, Redo), each timed until
#      every effect has run and style and layout are recomputed; budget (issue 13):
#      median at most 10 ms, p90 within one 60 Hz frame (16.7 ms)
#
# Usage: scripts/bench.sh [--no-build]
#   --no-build   measure the existing dist/ and bench/hello-leptos/dist/
# Environment: FIRST_RENDER_SELECTOR (default "main h1"), FIRST_RENDER_RUNS (7).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

SIZE_BUDGET_BYTES=250000
LESSON_SIZE_BUDGET_BYTES=350000
LESSON_HASH='#/lesson/1.1/step/1'
LESSON_SELECTOR='#lesson-title' 
FIRST_RENDER_MAX_RATIO=2
SELECTOR="${FIRST_RENDER_SELECTOR:-main h1}"
RUNS="${FIRST_RENDER_RUNS:-7}"
HELLO="$REPO/bench/hello-leptos"

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $arg" >&2; exit 2 ;;
  esac
done

failures=()

section() {
  echo
  echo "== $*"
}

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }

# Gzipped bytes of the files in folder $1 with these extensions ($2...).
# frame_budget LABEL FAILURE SCRIPT [args]: one redraw measurement (e2e/bench/SCRIPT)
# against issue 13's budget: median at most 10 ms and p90 within one 60 Hz frame
# (16.7 ms); appended to `failures` when over.
frame_budget() {
  local label="$1" failure="$2" script="$3" json median p90
  shift 3
  json="$(node "$REPO/e2e/bench/$script" --dist "$REPO/dist" --json "$@")"
  median="$(echo "$json" | sed -E 's/^\{"median_ms":([0-9.]+).*/\1/')"
  p90="$(echo "$json" | sed -E 's/^\{"median_ms":[0-9.]+,"p90_ms":([0-9.]+).*/\1/')"
  echo "  $json"
  if awk -v m="$median" -v p="$p90" 'BEGIN { exit !(m <= 10 && p <= 16.7) }'; then
    echo "  $label: median ${median} ms <= 10 ms, p90 ${p90} ms <= 16.7 ms (one 60 Hz frame): OK"
  else
    echo "  $label: median ${median} ms, p90 ${p90} ms (budget: median <= 10 ms, p90 <= 16.7 ms): OVER BUDGET"
    failures+=("$failure median ${median} ms, p90 ${p90} ms")
  fi
}

gz_of() {
  local dir="$1" total=0 f
  shift
  for ext in "$@"; do
    while IFS= read -r -d '' f; do
      total=$((total + $(gzip -9 -c "$f" | wc -c)))
    done < <(find "$dir" -maxdepth 1 -type f -name "*.$ext" -print0)
  done
  echo "$total"
}

# Prints a size table of the files in folder $1 by kind; sets SIZE_GZ_TOTAL.
size_table() {
  local dir="$1" kind files raw gz f total_raw=0 total_gz=0
  printf '  %-6s %6s %12s %12s\n' kind files raw gzipped
  for kind in wasm js css html other; do
    files=0 raw=0 gz=0
    while IFS= read -r -d '' f; do
      case "$kind:${f##*.}" in
        wasm:wasm|js:js|js:mjs|css:css|html:html) ;;
        other:wasm|other:js|other:mjs|other:css|other:html) continue ;;
        other:*) ;;
        *) continue ;;
      esac
      files=$((files + 1))
      raw=$((raw + $(wc -c < "$f")))
      gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
    done < <(find "$dir" -type f -not -path '*/.stage/*' -print0 | sort -z)
    if [ "$kind" != other ] || [ "$files" -gt 0 ]; then
      printf '  %-6s %6d %12s %12s\n' "$kind" "$files" "$(kb "$raw")" "$(kb "$gz")"
    fi
    total_raw=$((total_raw + raw))
    total_gz=$((total_gz + gz))
  done
  printf '  %-6s %6s %12s %12s\n' total '' "$(kb "$total_raw")" "$(kb "$total_gz")"
  SIZE_GZ_TOTAL=$total_gz
}

# Median first-render milliseconds of the app in folder $1 (stdout: the number);
# $3 and $4 optionally give the URL hash and the selector.
first_render() {
  local dist="$1" label="$2" hash="${3:-}" selector="${4:-$SELECTOR}" json
  json="$(cd "$REPO/e2e" && node bench/first-render.mjs --dist "$dist" --base / \
    --selector "$selector" --hash "$hash" --runs "$RUNS" --warmup 1 --label "$label" --json)"
  node -e '
    const r = JSON.parse(process.argv[1]);
    console.error(`  ${r.label.padEnd(16)} median ${r.median_ms} ms  (runs: ${r.runs.join(", ")})`);
    console.log(r.median_ms);
  ' "$json"
}

main() {
  set -euo pipefail # again: the caller turned errexit off to keep tee's copy
  echo "Kafka Playground benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')," \
    "$(rustc --version | cut -d' ' -f1-2), $(trunk --version), wasm-opt $(wasm-opt --version | awk '{print $3}')," \
    "$(/usr/bin/chromium --version 2>/dev/null | awk '{print $1, $2}'), $(nproc) cores"

  if [ "$build" -eq 1 ]; then
    section "building (release)"
    "$REPO/scripts/setup.sh" | sed "s/^/  /"
    "$REPO/scripts/build.sh" --public-url / > /tmp/kp-bench-build.log 2>&1 \
      || { cat /tmp/kp-bench-build.log; echo "bench: app build failed" >&2; return 1; }
    echo "  app: dist/ built"
    # Empty CARGO_ENCODED_RUSTFLAGS: the hello world stays a plain Leptos app, untouched by
    # the rustflags in the repository's .cargo/config.toml (cargo finds it from any subfolder).
    (cd "$HELLO" && CARGO_ENCODED_RUSTFLAGS="" trunk build --release --offline --public-url / \
      > /tmp/kp-bench-hello.log 2>&1) \
      || { cat /tmp/kp-bench-hello.log; echo "bench: hello-leptos build failed" >&2; return 1; }
    echo "  hello-leptos: bench/hello-leptos/dist/ built"
  fi

  # --- 1. download size ----------------------------------------------------
  section "1. download size: Kafka Playground (dist/)"
  size_table "$REPO/dist"
  local app_gz lesson_gz largest=0 f g
  app_gz="$(gz_of "$REPO/dist" html css)"
  # A lesson page: the app (HTML, CSS, JS, wasm) and one lesson file, the largest.
  for f in "$REPO"/dist/lessons/*.json; do
    g=$(gzip -9 -c "$f" | wc -c)
    [ "$g" -gt "$largest" ] && largest=$g
  done
  lesson_gz=$(( $(gz_of "$REPO/dist" html css js wasm) + largest ))
  # The sandbox's page loads its own build (dist/sandbox/) instead of the lesson build.
  local sandbox_gz
  sandbox_gz=$(( $(gz_of "$REPO/dist" html css) + $(gz_of "$REPO/dist/sandbox" js wasm) ))
  section "   for comparison: Leptos hello world (bench/hello-leptos/dist/)"
  size_table "$HELLO/dist"
  local hello_gz=$SIZE_GZ_TOTAL
  echo
  if [ "$app_gz" -le "$SIZE_BUDGET_BYTES" ]; then
    echo "  home page (HTML, CSS): $(kb "$app_gz") gzipped <= budget $(kb "$SIZE_BUDGET_BYTES"): OK"
  else
    echo "  home page (HTML, CSS): $(kb "$app_gz") gzipped > budget $(kb "$SIZE_BUDGET_BYTES"): OVER BUDGET"
    failures+=("home page download $(kb "$app_gz") gzipped > $(kb "$SIZE_BUDGET_BYTES")")
  fi
  if [ "$lesson_gz" -le "$LESSON_SIZE_BUDGET_BYTES" ]; then
    echo "  lesson page (everything): $(kb "$lesson_gz") gzipped <= budget $(kb "$LESSON_SIZE_BUDGET_BYTES"): OK" \
      "($(awk -v a="$lesson_gz" -v h="$hello_gz" 'BEGIN { printf "%.1fx", a / h }') the hello world)"
  else
    echo "  lesson page (everything): $(kb "$lesson_gz") gzipped > budget $(kb "$LESSON_SIZE_BUDGET_BYTES"): OVER BUDGET"
    failures+=("lesson page download $(kb "$lesson_gz") gzipped > $(kb "$LESSON_SIZE_BUDGET_BYTES")")
  fi

  echo "  sandbox page (#/sandbox: HTML, CSS and dist/sandbox/): $(kb "$sandbox_gz") gzipped (reported, no budget)"

  # --- 2. first render -----------------------------------------------------
  section "2. first render (\"$SELECTOR\" present), headless Chromium, local server, median of $RUNS fresh contexts after 1 warm-up"
  local hello_ms app_ms ratio
  hello_ms="$(first_render "$HELLO/dist" hello-leptos)"
  app_ms="$(first_render "$REPO/dist" kafka-playground)"
  ratio="$(awk -v a="$app_ms" -v h="$hello_ms" 'BEGIN { printf "%.2f", a / h }')"
  echo
  if awk -v r="$ratio" -v m="$FIRST_RENDER_MAX_RATIO" 'BEGIN { exit !(r < m) }'; then
    echo "  first render: ${app_ms} ms = ${ratio}x the hello world (${hello_ms} ms) < ${FIRST_RENDER_MAX_RATIO}x: OK"
  else
    echo "  first render: ${app_ms} ms = ${ratio}x the hello world (${hello_ms} ms) >= ${FIRST_RENDER_MAX_RATIO}x: OVER BUDGET"
    failures+=("first render ${ratio}x the hello world >= ${FIRST_RENDER_MAX_RATIO}x")
  fi
  local lesson_ms
  lesson_ms="$(first_render "$REPO/dist" lesson-1.1 "$LESSON_HASH" "$LESSON_SELECTOR")"
  echo "  first render of a lesson page ($LESSON_HASH, \"$LESSON_SELECTOR\"): ${lesson_ms} ms =" \
    "$(awk -v a="$lesson_ms" -v h="$hello_ms" 'BEGIN { printf "%.2f", a / h }')x the hello world (reported, no budget)"

  # --- 3. engine throughput ------------------------------------------------
  section "3. engine: cargo run --profile native -p kafka-sim -- bench"
  local engine_out rate
  engine_out="$(cargo run --profile native --quiet -p kafka-sim -- bench)"
  echo "$engine_out" | sed 's/^/  /'
  rate="$(echo "$engine_out" | awk '/^engine:/ { print $2 }')"
  if [ -n "$rate" ] && [ "$rate" -ge 10000000 ]; then
    echo "  engine: $rate records/s >= 10000000: OK"
  else
    echo "  engine: ${rate:-?} records/s < 10000000: UNDER BUDGET"
    failures+=("engine ${rate:-?} records/s < 10 M/s")
  fi

  # --- 3b. the engine in wasm, in Chromium ---------------------------------
  section "3b. engine in wasm (bench/engine-wasm: the app's release profile, wasm-opt -Oz), headless Chromium"
  local wasm_json wasm_ns native_ns wasm_ratio pkg="$REPO/bench/engine-wasm/pkg"
  (cd "$REPO/bench/engine-wasm" && cargo build --release --target wasm32-unknown-unknown --quiet \
    && wasm-bindgen --target web --out-dir pkg target/wasm32-unknown-unknown/release/engine_wasm.wasm \
    && wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-reference-types --enable-multivalue pkg/engine_wasm_bg.wasm -o pkg/engine_wasm_bg.wasm) \
    > /tmp/kp-bench-engine-wasm.log 2>&1 \
    || { cat /tmp/kp-bench-engine-wasm.log; echo "bench: engine-wasm build failed" >&2; return 1; }
  wasm_json="$(node "$REPO/e2e/bench/engine-wasm.mjs" --pkg "$pkg" --json)"
  echo "  $wasm_json"
  wasm_ns="$(echo "$wasm_json" | sed -E 's/.*"ns_per_record":([0-9.]+).*/\1/')"
  native_ns="$(echo "$engine_out" | awk '/^engine:/ { gsub(/\(/, "", $4); print $4 }')"
  wasm_ratio="$(awk -v w="$wasm_ns" -v n="$native_ns" 'BEGIN { printf "%.2f", n / w }')"
  if awk -v r="$wasm_ratio" 'BEGIN { exit !(r >= 0.7) }'; then
    echo "  wasm: ${wasm_ns} ns/record against native ${native_ns}: ${wasm_ratio}x the native rate >= 0.7: OK"
  else
    echo "  wasm: ${wasm_ns} ns/record against native ${native_ns}: ${wasm_ratio}x the native rate < 0.7: UNDER BUDGET"
    failures+=("engine in wasm ${wasm_ratio}x the native rate < 0.7")
  fi

  # --- 4. frame time -------------------------------------------------------
  section "4. redraw of one lesson step (#/lesson/bench: 3 topics x 5 partitions, up to 300 records)"
  frame_budget "frame" "step redraw" frame-time.mjs
  # The replication lesson (issue 12): brokers, replicas, the producer's sends.
  section "4b. redraw of one step of lesson 2.1 (brokers, replicas, the producer's sends)"
  frame_budget "frame (lesson 2.1)" "lesson 2.1 step redraw" frame-time.mjs --lesson 2.1
  # The sandbox at scale (issue 13): a command typed, Undo and Redo.
  section "4c. redraw of one sandbox command (#/sandbox: 1,000 partitions x 3 replicas)"
  frame_budget "frame (sandbox)" "sandbox command redraw" sandbox-frame.mjs

  section "summary"
  if [ "${#failures[@]}" -eq 0 ]; then
    echo "  all budgets met"
  else
    printf '  OVER BUDGET: %s\n' "${failures[@]}"
    return 1
  fi
}

mkdir -p "$REPO/bench-results"
set +e
main 2>&1 | tee "$REPO/bench-results/latest.txt"
status=${PIPESTATUS[0]}
set -e
echo "(written to bench-results/latest.txt)"
exit "$status"
