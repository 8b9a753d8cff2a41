#!/usr/bin/python3
"""numpy float32 matmul on the shapes of GemmBench, 1 and 2 threads; prints JSON lines.

Run as:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/gemm_peer.py
(Debian: apt-get install python3-numpy python3-threadpoolctl libopenblas0-pthread).
Benchmarks only; never used by tests or CI. With --json (bench/run-all.sh) it also prints the
uniform peer lines of peerjson.py, for the GemmBench.sgemm points the harness asks for.
"""
import contextlib
import ctypes
import json
import statistics
import sys
import time

import numpy as np

import peerjson

PEER = peerjson.from_argv()   # --json: uniform output for bench/run-all.sh (see peerjson.py)

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:  # fall back to one process per thread count via OPENBLAS_NUM_THREADS
    threadpool_info = None
    threadpool_limits = None

# name -> (transA, transB, m, n, k), the same as GemmBench
SHAPES = {f"sq{s}": (False, False, s, s, s) for s in (64, 128, 256, 512, 1024, 2048)}
SHAPES.update({
    "mlp_nn": (False, False, 128, 256, 784),
    "mlp_tn": (True, False, 784, 256, 128),
    "mlp_nt": (False, True, 128, 784, 256),
})


def operands(ta, tb, m, n, k, rng):
    a = (rng.random((k, m) if ta else (m, k), dtype=np.float32) - 0.5)
    b = (rng.random((n, k) if tb else (k, n), dtype=np.float32) - 0.5)
    return (a.T if ta else a), (b.T if tb else b)   # .T is a view: BLAS gets the transpose flag


def measure(a, b, out, samples=5, sample_seconds=0.5):
    """Median over samples of the mean time per call, each sample ~sample_seconds long."""
    return statistics.median(sample_times(a, b, out, samples, sample_seconds))


def sample_times(a, b, out, samples=5, sample_seconds=0.5):
    """Mean time per call of each sample, seconds."""
    for _ in range(3):
        np.matmul(a, b, out=out)
    t0 = time.perf_counter()
    np.matmul(a, b, out=out)
    one = max(time.perf_counter() - t0, 1e-7)
    reps = max(1, int(sample_seconds / one))
    times = []
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=out)
        times.append((time.perf_counter() - t0) / reps)
    return times


def run(threads):
    rng = np.random.default_rng(1)
    for name, (ta, tb, m, n, k) in SHAPES.items():
        if not PEER.wanted("GemmBench.sgemm", shape=name, threads=threads):
            continue
        a, b = operands(ta, tb, m, n, k, rng)
        out = np.empty((m, n), dtype=np.float32)
        if threadpool_limits is not None:
            with threadpool_limits(limits=threads, user_api="blas"):
                times = sample_times(a, b, out, sample_seconds=0.5 * PEER.scale)
        else:
            times = sample_times(a, b, out, sample_seconds=0.5 * PEER.scale)
        sec = statistics.median(times)
        print(json.dumps({"shape": name, "threads": threads, "us": sec * 1e6,
                          "gflops": 2.0 * m * n * k / sec / 1e9}), flush=True)
        PEER.emit("GemmBench.sgemm", {"shape": name, "threads": threads}, times)


def describe_blas():
    """Which BLAS numpy runs: show_config, threadpoolctl's view, and OpenBLAS's own config string."""
    print("# numpy", np.__version__, file=sys.stderr)
    with contextlib.redirect_stdout(sys.stderr):
        np.show_config()
    if threadpool_info is None:
        return
    for info in threadpool_info():
        print("# threadpool:", json.dumps(info), file=sys.stderr)
        if info.get("internal_api") == "openblas":
            lib = ctypes.CDLL(info["filepath"])
            lib.openblas_get_config.restype = ctypes.c_char_p
            lib.openblas_get_corename.restype = ctypes.c_char_p
            print("# openblas config:", lib.openblas_get_config().decode(),
                  "| core:", lib.openblas_get_corename().decode(), file=sys.stderr)
            PEER.config(f"numpy {np.__version__}, {lib.openblas_get_config().decode()}, "
                        f"core {lib.openblas_get_corename().decode()}")


def main():
    describe_blas()
    threads = [int(t) for t in sys.argv[1:]] or [1, 2]
    for t in threads:
        run(t)


if __name__ == "__main__":
    main()
