#!/usr/bin/env bash
# Runs every JMH benchmark of the project beside its peer (numpy/OpenBLAS, PyTorch), in rounds
# that alternate ours and the peer, and writes bench/results/<time>/report.md with PNG charts.
#   bench/run-all.sh --quick                       # a first look, ~12 min on 2 cores
#   bench/run-all.sh                               # default preset (~30 min on 2 cores)
#   bench/run-all.sh --full --save-baseline main   # figures to quote; keep them as a baseline
#   bench/run-all.sh --quick --compare main        # flag changes beyond the noise
#   bench/run-all.sh --help                        # every option
# JAVA_HOME selects the JDK. SKIP_BUILD=1 reuses bench/target. BENCH_LOCK=FILE holds FILE with a
# shared lock during the build and an exclusive one during the measurement (flock).
# BENCH_JVM_ARGS adds JVM flags to the harness, which JMH passes on to every benchmark fork
# (e.g. BENCH_JVM_ARGS='-Dadjoint.threads=1'); the report's machine section reflects them.
# Peers need (benchmarks only): apt-get install -y python3-torch python3-numpy
#   python3-threadpoolctl libopenblas0-pthread; missing ones are reported as skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

locked() {   # locked shared|exclusive command...
  local mode=$1
  shift
  if [ -n "${BENCH_LOCK:-}" ]; then
    if [ "$mode" = shared ]; then flock -s "$BENCH_LOCK" "$@"; else flock -x "$BENCH_LOCK" "$@"; fi
  else
    "$@"
  fi
}

case " $* " in
  *" --help "* | *" -h "*) ;;
  *)
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
      echo "run-all: building (mvn -B -ntp -q -pl bench -am package -DskipTests)"
      locked shared mvn -B -ntp -q -pl bench -am package -DskipTests
    fi
    ;;
esac
if [ ! -d bench/target/classes ] || [ ! -d bench/target/lib ]; then
  echo "run-all: bench/target is not built; run without SKIP_BUILD=1" >&2
  exit 1
fi

# Spark (provided in bench, not copied to bench/target/lib) for SparkStepBench's forks, which
# inherit the harness's class path; package writes it to bench/target/spark-classpath.txt.
SPARK_CP=""
if [ -f bench/target/spark-classpath.txt ]; then SPARK_CP=":$(cat bench/target/spark-classpath.txt)"; fi
# Spark's local mode binds to loopback (spares its hostname lookup and warning).
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# The harness JVM gets the same Vector API flag as the benchmark forks, so the machine
# description (SPECIES_PREFERRED, kernel provider) is the forks'.
# shellcheck disable=SC2086  # BENCH_JVM_ARGS is a list of flags
locked exclusive "$JAVA" --add-modules=jdk.incubator.vector -Djava.awt.headless=true ${BENCH_JVM_ARGS:-} \
    -cp "bench/target/classes:bench/target/lib/*$SPARK_CP" org.adjoint.bench.report.RunAll "$@"
