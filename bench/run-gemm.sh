#!/usr/bin/env bash
# GEMM: ours (JMH GemmBench) and numpy/OpenBLAS (bench/peer/gemm_peer.py) on the same shapes in
# the same run; prints GFLOP/s of both per shape. Respects JAVA_HOME (JDK 17 or newer).
#   bench/run-gemm.sh                                                   # every shape, F32, 1 and 2 threads
#   SHAPES=sq256,sq1024,mlp_nn THREADS=1 bench/run-gemm.sh              # a subset
#   DTYPE=f64 SHAPES=sq256,sq1024 bench/run-gemm.sh                     # DGEMM
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-gemm.sh
#   JVM_ARGS="-Dadjoint.vectorBits=256" bench/run-gemm.sh               # force a width (or a tile, ...)
# Every shape at 1 and 2 threads takes ~6 minutes: split long sessions by SHAPES (and hold the
# machine lock around each run: flock -x /tmp/adjoint-cpu.lock bench/run-gemm.sh).
# SKIP_BUILD=1 reuses bench/target; SKIP_PEER=1 skips numpy. Extra arguments go to JMH.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT="${GEMM_OUT:-bench/target/gemm}"
ALL=sq64,sq128,sq256,sq512,sq1024,sq2048,mlp_nn,mlp_tn,mlp_nt,lstm_nn64,lstm_tn64,lstm_nt64,lstm_nn128,lstm_tn128,lstm_nt128,batch64,tiny_nn1,tiny_nn2,tiny_nn3,tiny_tn,tiny_nt
SHAPES="${SHAPES:-$ALL}"
THREADS="${THREADS:-1,2}"
DTYPE="${DTYPE:-f32}"
case "$DTYPE" in f32) BENCH=GemmBench.sgemm ;; f64) BENCH=DgemmBench.dgemm ;; *) echo "DTYPE must be f32 or f64, got $DTYPE" >&2; exit 1 ;; esac
mkdir -p "$OUT"
rm -f "$OUT/ours.json"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -ntp -q -pl bench -am package -DskipTests
fi
CP="bench/target/classes:bench/target/lib/*"
echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
     "(family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs), model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2 | xargs))," \
     "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" --add-modules=jdk.incubator.vector ${JVM_ARGS:-} -cp "$CP" org.adjoint.bench.Describe 2>/dev/null

# ours: short runs; the forked JVM gets the Vector API module and JVM_ARGS
"$JAVA" -cp "$CP" org.openjdk.jmh.Main "$BENCH" \
    -f 1 -wi 3 -i 5 -w 1s -r 1s -jvmArgsAppend "--add-modules=jdk.incubator.vector ${JVM_ARGS:-}" \
    -p shape="$SHAPES" -p threads="$THREADS" \
    -rf json -rff "$OUT/ours.json" "$@" > "$OUT/jmh.log" 2>&1 \
    || { tail -5 "$OUT/jmh.log"; exit 1; }
grep -E '^(Benchmark|GemmBench|DgemmBench)' "$OUT/jmh.log"

if [ "${SKIP_PEER:-0}" != 1 ]; then
  # peer: numpy + OpenBLAS, with any OpenBLAS tuning variables unset for this command only
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/gemm_peer.py \
      --dtype "$DTYPE" --shapes "$SHAPES" ${THREADS//,/ } > "$OUT/peer.jsonl" 2> "$OUT/peer-config.txt"
  grep -E '^# numpy|openblas config' "$OUT/peer-config.txt" || true
fi

if [ "${SKIP_PEER:-0}" != 1 ]; then
  /usr/bin/python3 bench/peer/gemm_table.py "$OUT/ours.json" "$OUT/peer.jsonl"
else
  /usr/bin/python3 bench/peer/gemm_table.py "$OUT/ours.json"
fi
