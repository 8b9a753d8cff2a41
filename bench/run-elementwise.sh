#!/usr/bin/env bash
# Elementwise and reduction benchmarks: Vector API vs scalar twins (JMH, one run) and the numpy
# peer on the same machine, with GB/s for both. JAVA_HOME is respected, e.g.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-elementwise.sh
# Extra arguments go to JMH (e.g. a narrower benchmark regex: 'ElementwiseBench.add').
# SKIP_BUILD=1 reuses bench/target; SKIP_PEER=1 skips numpy. JVM_ARGS adds JVM flags.
# Ours runs with -XX:+UseTransparentHugePages, as numpy madvises huge pages for arrays >= 4 MB;
# JVM_ARGS=-XX:-UseTransparentHugePages shows the JVM's default (16M add ~1.4x slower, bench/README).
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="java"
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi
PY=/usr/bin/python3

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q -pl bench -am package -DskipTests
fi

echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -version 2>&1 | head -2
echo "== date: $(date -u +%Y-%m-%dT%H:%MZ)"

STAMP=$(date -u +%Y%m%dT%H%M%S)
CSV="bench/target/elementwise-$STAMP.csv"
PATTERN='org.adjoint.bench.(ElementwiseBench|ReductionBench)'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  PATTERN="$1"
  shift
fi
"$JAVA" -cp "bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main "$PATTERN" \
  -f 1 -wi 3 -i 5 -w 1s -r 1s \
  -jvmArgsAppend "--add-modules=jdk.incubator.vector -Xmx2g -XX:+UseTransparentHugePages ${JVM_ARGS:-}" \
  -rf csv -rff "$CSV" "$@"

echo "== JMH results as GB/s ($CSV)"
"$PY" - "$CSV" <<'PYEOF'
import csv, sys
bytes_per = {"add": 12, "sigmoid": 8, "relu": 8, "sum": 4}
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'benchmark':<24}{'impl':>8}{'n':>10}{'us/op':>12}{'+-':>9}{'GB/s':>8}")
for r in rows:
    name = r["Benchmark"].rsplit(".", 1)[1]
    n = int(r.get("Param: n") or 128 * 1000)
    us = float(r["Score"])
    nbytes = 8 * 128 * 1000 if name.startswith("softmax") else bytes_per[name] * n
    print(f"{name:<24}{r['Param: impl']:>8}{n:>10}{us:>12.1f}{float(r['Score Error (99.9%)']):>9.1f}{nbytes / us / 1e3:>8.2f}")
PYEOF

if [ "${SKIP_PEER:-0}" != 1 ]; then
  echo "== numpy peer"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" bench/peer/elementwise_peer.py
fi
