#!/usr/bin/env bash
# The plan compiler's figures: node counts and exact peak bytes (PlanFigures), training-step
# time with optimizations on and off (JMH: CompiledStepBench), compile time on and off (JMH:
# PlanCompileBench), and PyTorch on the same steps (bench/peer/compile_peer.py), in one run.
# The nn.rnn LSTM/GRU step with optimizations off: RnnStepBench with
#   -jvmArgsAppend '--add-modules=jdk.incubator.vector -Xmx2g -Dadjoint.optimize=false'
# NOTE: -jvmArgsAppend replaces the annotation's flags: without --add-modules the kernels fall
# back to the scalar twins silently.
# Usage: bench/run-compile.sh [JMH args...]   (JAVA_HOME selects the JDK; needs python3-torch for the peer)
#   SKIP_BUILD=1 SKIP_PEER=1 bench/run-compile.sh -p model=lstm
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CP="bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*"
if [ -z "${SKIP_BUILD:-}" ]; then
    mvn -B -ntp -q -pl bench -am package -DskipTests
fi
"$JAVA" -version 2>&1 | head -1
"$JAVA" --add-modules jdk.incubator.vector -cp "$CP" org.adjoint.bench.PlanFigures 2>/dev/null
"$JAVA" -cp "$CP" org.openjdk.jmh.Main CompiledStepBench -f 1 -wi 4 -i 5 -w 2 -r 2 -jvm "$JAVA" "$@"
"$JAVA" -cp "$CP" org.openjdk.jmh.Main PlanCompileBench -jvm "$JAVA"
if [ -z "${SKIP_PEER:-}" ]; then
    if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/compile_peer.py 1
    else
        echo "peer skipped: /usr/bin/python3 has no torch (apt-get install python3-torch)"
    fi
fi
