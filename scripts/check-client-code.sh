#!/usr/bin/env bash
# The sandbox's "Code for a real cluster" panel, checked with the real client libraries:
# for each crosscheck/client-code/scenarios/*.txt, `kafka-sim code` writes the program
# in each language, and
#   Java    compiles with javac against kafka-clients $(cat KAFKA_VERSION) (Maven Central),
#           and its producer runs on a real three-broker Kafka (ClientCodeRun.java): each
#           record must land on the partition the engine says (`kafka-sim code java-sends`),
#   Python  runs with confluent-kafka (PyPI, in a venv) on its real Producer and
#           Consumer, offline: librdkafka checks every config name and value
#           (crosscheck/client-code/check_python.py),
#   Go      is gofmt-clean and passes go vet against segmentio/kafka-go v0.4.50 (the Go
#           module proxy; crosscheck/client-code/go.mod pins it),
#   C#      has no compiler here: kafka_sim::client_code::csharp holds a snapshot.
#
# Tools: Java 17+, Maven, python3 with venv, Go (scripts/setup.sh installs what is missing).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO"

say() { echo "client-code: $*"; }
version="$(tr -d '[:space:]' < KAFKA_VERSION)"
work="$REPO/target/client-code"
here="$REPO/crosscheck/client-code"
rm -rf "$work/out"
mkdir -p "$work/out"

cargo build -q -p kafka-sim --bin kafka-sim
bin="$REPO/target/debug/kafka-sim"

if [ ! -s crosscheck/target/classpath.txt ]; then
  (cd crosscheck && mvn -q -B -Dkafka.version="$version" \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) > "$work/maven.log" 2>&1 \
    || { cat "$work/maven.log" >&2; exit 1; }
fi
classpath="$(cat crosscheck/target/classpath.txt)"

venv="$work/venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import confluent_kafka" 2> /dev/null; then
  say "installing confluent-kafka in $venv (PyPI)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "confluent-kafka==2.16.1"
fi

status=0
fail() { echo "client-code: $1: FAILED"; sed 's/^/    /' "$2"; status=1; }
count=0
java_dirs=()
for scenario in "$here"/scenarios/*.txt; do
  name="$(basename "$scenario" .txt)"
  out="$work/out/$name"
  mkdir -p "$out/java" "$out/go"
  "$bin" code java "$scenario" > "$out/java/PlaygroundClient.java"
  "$bin" code python "$scenario" > "$out/playground_client.py"
  "$bin" code go "$scenario" > "$out/go/main.go"
  "$bin" code csharp "$scenario" > "$out/Program.cs"

  if javac -Xlint:all -Werror -d "$out/java" -cp "$classpath" "$out/java/PlaygroundClient.java" \
      > "$out/javac.log" 2>&1; then
    count=$((count + 1))
    java_dirs+=("$out/java")
    "$bin" code java-sends "$scenario" > "$out/java/expected.txt"
    # The topics the scenario creates, for the real cluster.
    sed -n 's/^create-topic "\{0,1\}\([^" ]*\)"\{0,1\} partitions=\([0-9]*\).*/\1 \2/p' "$scenario" \
      > "$out/java/topics.txt"
  else
    fail "$name java" "$out/javac.log"
  fi

  if "$venv/bin/python" "$here/check_python.py" "$out/playground_client.py" > "$out/python.log" 2>&1; then
    count=$((count + 1))
  else
    fail "$name python" "$out/python.log"
  fi

  cp "$here/go.mod" "$here/go.sum" "$out/go/"
  if (cd "$out/go" && test -z "$(gofmt -l .)" && GOFLAGS=-mod=mod go vet . ) > "$out/go.log" 2>&1 \
      && [ -z "$(cd "$out/go" && gofmt -l .)" ]; then
    count=$((count + 1))
  else
    (cd "$out/go" && gofmt -d . >> "$out/go.log" 2>&1 || true)
    fail "$name go" "$out/go.log"
  fi
done
# The Java producers on a real cluster: each record where the engine says.
if [ ${#java_dirs[@]} -gt 0 ]; then
  (cd crosscheck && mvn -q -B -o -Dkafka.version="$version" compile) > "$work/maven-compile.log" 2>&1 \
    || (cd crosscheck && mvn -q -B -Dkafka.version="$version" compile) > "$work/maven-compile.log" 2>&1 \
    || { cat "$work/maven-compile.log" >&2; exit 1; }
  if java -XX:+UseSerialGC -Xmx512m -cp "$REPO/crosscheck/target/classes:$classpath" \
      dev.kafkaplayground.crosscheck.ClientCodeRun "${java_dirs[@]}" > "$work/run.log" 2>&1; then
    for d in "${java_dirs[@]}"; do
      name="$(basename "$(dirname "$d")")"
      sed 's/ offset=[0-9]*$//' "$d/sent.txt" > "$d/sent-partitions.txt"
      ok=true
      if [ "$(wc -l < "$d/expected.txt")" -ne "$(wc -l < "$d/sent-partitions.txt")" ]; then
        ok=false
      else
        while IFS= read -r want && IFS= read -r got <&3; do
          # `*`: the key does not decide the partition.
          if [ "$got" != "$want" ] && { [ "${want##*partition=}" != "*" ] \
              || [ "${got% partition=*}" != "${want% partition=*}" ]; }; then
            ok=false
          fi
        done < "$d/expected.txt" 3< "$d/sent-partitions.txt"
      fi
      if $ok; then
        echo "client-code: $name java on Kafka $version: every record where the engine says"
        count=$((count + 1))
      else
        echo "client-code: $name java on Kafka $version: FAILED"
        echo "    engine:"; sed 's/^/      /' "$d/expected.txt"
        echo "    kafka:"; sed 's/^/      /' "$d/sent.txt"
        status=1
      fi
    done
  else
    fail "java on Kafka $version" "$work/run.log"
  fi
fi
say "$count checks passed with the real libraries ($(ls "$here"/scenarios/*.txt | wc -l) scenarios; programs in $work/out)"
exit "$status"
