#!/usr/bin/env bash
# Replays every lesson and every golden transcript on a real Apache Kafka broker (the
# version in KAFKA_VERSION, from Maven Central) and on the engine, and compares what a
# client sees of each (crosscheck/PROTOCOL.md). Prints, per script, `same`, a difference
# the repository explains (crosscheck/known-differences.txt), or the first observation
# that differs with both values. Exits nonzero on any unexplained difference.
#
#   scripts/crosscheck.sh                                  # everything, on a broker it starts
#   scripts/crosscheck.sh 1.4 crates/kafka-sim/tests/testdata/x.txt   # some lessons or scripts
#   scripts/crosscheck.sh --bootstrap-server HOST:PORT 1.4 # replay lesson 1.4 on your cluster
#   scripts/crosscheck.sh --verbose 1.3                    # every observation, both sides
#   scripts/crosscheck.sh --cli                            # only the console's tools
#
# The whole run also replays crosscheck/cli/*.txt, console lines such as
# `kafka-topics.sh --create ...`, with Kafka's own tools on a real three-broker cluster
# (CliCapture.java) and compares what they print with the engine's console (kafka_sim::cli).
#
# Tools: Java 17+ and Maven (scripts/setup.sh installs them where missing).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

driver_args=()
cli_args=()
targets=()
cli_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap-server) driver_args+=("$1" "$2"); shift 2 ;;
    --scale) driver_args+=("$1" "$2"); shift 2 ;;
    --verbose) cli_args+=("--verbose"); shift ;;
    --cli) cli_only=true; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

version="$(tr -d '[:space:]' < KAFKA_VERSION)"
work="$REPO/target/crosscheck"
mkdir -p "$work"

say() { echo "crosscheck: $*"; }

say "building the Java driver against Apache Kafka $version (Maven, quiet)"
if ! (cd crosscheck && mvn -q -B -Dkafka.version="$version" \
      compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) \
      > "$work/maven.log" 2>&1; then
  cat "$work/maven.log" >&2
  say "the Maven build failed (log above)" >&2
  exit 1
fi

say "building kafka-sim and lesson-script"
cargo build -q -p kafka-sim -p kafka-lessons --bins
bin="$REPO/target/debug"

scripts=()
if [ ${#targets[@]} -eq 0 ]; then
  "$bin/lesson-script" all "$work"
  for f in "$work"/lesson-*.txt crates/kafka-sim/tests/testdata/*.txt; do scripts+=("$f"); done
else
  for t in "${targets[@]}"; do
    if [ -f "$t" ]; then
      scripts+=("$t")
    else
      "$bin/lesson-script" "$t" > "$work/lesson-$t.txt"
      scripts+=("$work/lesson-$t.txt")
    fi
  done
fi

classpath="$REPO/crosscheck/target/classes:$(cat crosscheck/target/classpath.txt)"

# The console's tools: each crosscheck/cli/NAME.txt through Kafka's tools and the engine's.
run_cli() {
  local f name result rc=0
  for f in crosscheck/cli/*.txt; do
    name="$(basename "$f" .txt)"
    if ! java -XX:+UseSerialGC -Xmx512m -cp "$classpath" dev.kafkaplayground.crosscheck.CliCapture \
        < "$f" > "$work/cli-$name.real.txt" 2> "$work/cli-$name.log"; then
      say "cli $name: CliCapture failed (log: $work/cli-$name.log)"
      rc=1
      continue
    fi
    if result="$("$bin/kafka-sim" cli "$f" --against "$work/cli-$name.real.txt")"; then
      echo "cli $name: $result"
    else
      echo "cli $name: $result"
      echo "  (Kafka's transcript: $work/cli-$name.real.txt; once the engine agrees, copy it to crosscheck/cli/$name.expected)"
      rc=1
    fi
  done
  return "$rc"
}

if $cli_only; then
  start=$(date +%s)
  status=0
  run_cli || status=$?
  say "took $(( $(date +%s) - start )) s"
  exit "$status"
fi
driver="java -XX:+UseSerialGC -Xmx512m -cp '$classpath' dev.kafkaplayground.crosscheck.Driver --log '$work/driver.log'"

say "replaying ${#scripts[@]} scripts on the engine and on Apache Kafka $version"
start=$(date +%s)
status=0
"$bin/kafka-sim" crosscheck --driver "$driver" --known crosscheck/known-differences.txt \
  "${cli_args[@]}" "${scripts[@]}" -- "${driver_args[@]}" || status=$?
if [ ${#targets[@]} -eq 0 ] && [ ${#driver_args[@]} -eq 0 ]; then
  say "replaying the console's tools (crosscheck/cli) on Apache Kafka $version's own"
  run_cli || status=1
fi
say "took $(( $(date +%s) - start )) s"
exit "$status"
