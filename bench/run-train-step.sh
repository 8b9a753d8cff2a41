#!/usr/bin/env bash
# One Adam training step through the nn API and through a hand-built graph (JMH: ToyStepBench,
# MlpStepBench), and PyTorch's (bench/peer/train_step_peer.py) in the same run.
# Usage: flock -x /tmp/adjoint-cpu.lock bench/run-train-step.sh [extra JMH args, e.g. -p batch=128]
#   JAVA_HOME selects the JDK; the peer needs python3-torch (Debian) and is skipped without it.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$JAVA" -version 2>&1 | head -1
lscpu | grep -E 'Model name|^CPU\(s\)'
mvn -B -ntp -q -pl bench -am package -DskipTests
CP="bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
"$JAVA" --add-modules=jdk.incubator.vector -cp "$CP" org.adjoint.bench.BenchInfo 2>/dev/null || true
"$JAVA" -cp "$CP" org.openjdk.jmh.Main 'ToyStepBench|MlpStepBench' -f 1 -wi 3 -i 5 -w 2 -r 2 -jvm "$JAVA" "$@"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/peer/train_step_peer.py
else
    echo "peer skipped: /usr/bin/python3 has no torch (apt-get install python3-torch)"
fi
