#!/usr/bin/env bash
# One Adam training step, ours (JMH: ToyStepBench, MlpStepBench) and PyTorch's, in the same run.
# Usage: bench/run-train-step.sh   (JAVA_HOME selects the JDK; needs python3-torch for the peer)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn -B -ntp -q -pl bench -am package -DskipTests
"$JAVA" -cp "bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main \
    'ToyStepBench|MlpStepBench' -f 1 -wi 4 -i 6 -w 2 -r 2 -jvm "$JAVA"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/train_step_peer.py
else
    echo "peer skipped: /usr/bin/python3 has no torch (apt-get install python3-torch)"
fi
