#!/usr/bin/env bash
# Heap of MLP training through nn (784-256-256-10, Adam, F32): live heap vs the floor, bytes
# allocated per step, and the smallest -Xmx (in MB) with which 2 epochs of fit still run.
# Usage: flock -x /tmp/adjoint-cpu.lock bench/run-train-heap.sh [batch]   (JAVA_HOME selects the JDK)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BATCH="${1:-128}"
mvn -B -ntp -q -pl bench -am package -DskipTests
CP="bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
"$JAVA" --add-modules=jdk.incubator.vector -cp "$CP" org.adjoint.bench.TrainHeap "$BATCH" 2>&1 | grep -v WARNING
for mb in 64 48 32 24 20 16 14 12 10 8; do
    if "$JAVA" -Xmx${mb}m --add-modules=jdk.incubator.vector -cp "$CP" org.adjoint.bench.TrainHeap "$BATCH" 5 \
            > /dev/null 2>&1; then
        echo "trains with -Xmx${mb}m"
    else
        echo "fails with -Xmx${mb}m (OutOfMemoryError)"
        break
    fi
done
