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
#
# Tools: Java 17+ and Maven (scripts/setup.sh installs them where missing).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

driver_args=()
cli_args=()
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap-server) driver_args+=("$1" "$2"); shift 2 ;;
    --scale) driver_args+=("$1" "$2"); shift 2 ;;
    --verbose) cli_args+=("--verbose"); shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
driver="java -XX:+UseSerialGC -Xmx512m -cp '$classpath' dev.kafkaplayground.crosscheck.Driver --log '$work/driver.log'"

say "replaying ${#scripts[@]} scripts on the engine and on Apache Kafka $version"
start=$(date +%s)
status=0
"$bin/kafka-sim" crosscheck --driver "$driver" --known crosscheck/known-differences.txt \
  "${cli_args[@]}" "${scripts[@]}" -- "${driver_args[@]}" || status=$?
say "took $(( $(date +%s) - start )) s"
exit "$status"
