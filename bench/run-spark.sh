#!/usr/bin/env bash
# Data-parallel training on Spark against single-machine fit: time per step and examples/s of the
# 784-256-256-10 MLP (Adam, F32) at global batch 512 and 2048, with `single` (Trainer.fit),
# `local[1]` and `local[2]` (SparkTrainer, synchronous, one partition per core) and `local[2]` with
# parameter averaging over 8 local steps, each in its own JVM; the Spark rows split the step into
# computation, the driver's update and communication, and give the time of an empty Spark job.
# Usage: bench/run-spark.sh [BATCH...]        (default: 512 2048; JAVA_HOME selects the JDK)
#   REPEAT=N runs every configuration N times, each in a fresh JVM (default 1).
#   BENCH_LOCK=/tmp/adjoint-cpu.lock: shared lock for the build, exclusive for each measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BATCHES=("${@:-512 2048}")
# shellcheck disable=SC2206
BATCHES=(${BATCHES[*]})

locked() {   # locked shared|exclusive command...
  local mode=$1
  shift
  if [ -n "${BENCH_LOCK:-}" ]; then
    if [ "$mode" = shared ]; then flock -s "$BENCH_LOCK" "$@"; else flock -x "$BENCH_LOCK" "$@"; fi
  else
    "$@"
  fi
}

CP_FILE=bench/target/spark-classpath.txt
locked shared mvn -B -ntp -q -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=compile
CP="bench/target/classes:$(cat "$CP_FILE")"
# The same flags as the spark tests (root pom: adjoint.spark.jvm) and the Vector API module.
FLAGS=$(sed -n 's:.*<adjoint.spark.jvm>\(.*\)</adjoint.spark.jvm>.*:\1:p' pom.xml)

lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Flags' | sed 's/\(Flags: *\).*\(avx512f\).*/\1... \2 .../' || true
for run in $(seq "${REPEAT:-1}"); do
for batch in "${BATCHES[@]}"; do
  for cfg in single 'local[1]' 'local[2]' 'local[2]:8'; do
    mode=${cfg%%:*}
    averaging=()
    if [[ $cfg == *:* ]]; then averaging=("${cfg#*:}"); fi
    # shellcheck disable=SC2086
    SPARK_LOCAL_IP=127.0.0.1 locked exclusive "$JAVA" --add-modules=jdk.incubator.vector $FLAGS -Xmx4g \
        ${BENCH_JVM_ARGS:-} -cp "$CP" org.adjoint.bench.spark.SparkStepSplit "$mode" "$batch" "${averaging[@]}" \
        2>"bench/target/spark-bench-${cfg//[^a-z0-9]/}-$batch.log" \
        | { if [ "$run" = 1 ] && [ "$cfg" = single ] && [ "$batch" = "${BATCHES[0]}" ]; then cat; else grep -v '^#'; fi; }
  done
done
done
