#!/usr/bin/env bash
# Builds the benchmarks, runs GemmBench (JMH) and the numpy peer in the same run, prints
# GFLOP/s of ours and theirs per shape. Respects JAVA_HOME (JDK 17 or newer), e.g.
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-gemm.sh
# Extra arguments go to JMH (e.g. -p shape=sq1024 -p threads=1).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT="${GEMM_OUT:-bench/target/gemm}"
mkdir -p "$OUT"
rm -f "$OUT/ours.json"

mvn -B -ntp -q -pl bench -am package -DskipTests
"$JAVA" -version 2>&1 | head -1

# ours: short runs (other work may share the CPU); forked JVM gets the Vector API module
"$JAVA" -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main GemmBench \
    -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgsAppend "--add-modules=jdk.incubator.vector" \
    -rf json -rff "$OUT/ours.json" "$@" > "$OUT/jmh.log" 2>&1 \
    || { tail -5 "$OUT/jmh.log"; exit 1; }
grep -E '^(Benchmark|GemmBench)' "$OUT/jmh.log"

# peer: numpy + OpenBLAS, with any OpenBLAS tuning variables unset for this command only
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/gemm_peer.py 1 2 \
    > "$OUT/peer.jsonl" 2> "$OUT/peer-config.txt"
grep -E 'threadpool|numpy|openblas config' "$OUT/peer-config.txt" || true

/usr/bin/python3 bench/peer/gemm_table.py "$OUT/ours.json" "$OUT/peer.jsonl"
