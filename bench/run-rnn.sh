#!/usr/bin/env bash
# LSTM and GRU training steps (input 64, hidden 128, 50 steps, batch 32): ours in JMH
# (RnnStepBench: fwd+bwd and fwd+bwd+Adam, 1 and 2 threads; RnnBuildBench: graph build + plan
# compile) and PyTorch's (bench/peer/rnn_peer.py) in the same run.
# Usage: flock -x /tmp/adjoint-cpu.lock bench/run-rnn.sh [extra JMH args]   (JAVA_HOME selects the JDK)
#        SKIP_BUILD=1 SKIP_PEER=1 bench/run-rnn.sh -p cell=lstm -p threads=1
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ -z "${SKIP_BUILD:-}" ]; then
    mvn -B -ntp -q -pl bench -am package -DskipTests
fi
echo "# $("$JAVA" -version 2>&1 | head -1); $(lscpu | grep 'Model name' | sed 's/  */ /g')"
"$JAVA" --add-modules jdk.incubator.vector -cp "bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
    org.adjoint.bench.RnnStepBench info 2>/dev/null || true
"$JAVA" -cp "bench/target/adjoint-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main \
    'RnnStepBench|RnnBuildBench' -jvm "$JAVA" "$@"
if [ -z "${SKIP_PEER:-}" ]; then
    if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/peer/rnn_peer.py
    else
        echo "peer skipped: /usr/bin/python3 has no torch (apt-get install python3-torch)"
    fi
fi
