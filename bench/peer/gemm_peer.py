#!/usr/bin/python3
"""numpy matmul (OpenBLAS sgemm/dgemm) on the shapes of GemmBench; prints JSON lines.

Run as:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/gemm_peer.py \
             [--dtype f32|f64] [--shapes sq256,mlp_nn,...] [threads ...]
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

# name -> (transA, transB, m, n, k, batch), the same as GemmBench
SHAPES = {f"sq{s}": (False, False, s, s, s, 1) for s in (64, 128, 256, 512, 1024, 2048)}
SHAPES.update({
    "mlp_nn": (False, False, 128, 256, 784, 1),
    "mlp_tn": (True, False, 784, 256, 128, 1),
    "mlp_nt": (False, True, 128, 784, 256, 1),
    "lstm_nn64": (False, False, 32, 512, 64, 1),
    "lstm_tn64": (True, False, 64, 512, 32, 1),
    "lstm_nt64": (False, True, 32, 64, 512, 1),
    "lstm_nn128": (False, False, 32, 512, 128, 1),
    "lstm_tn128": (True, False, 128, 512, 32, 1),
    "lstm_nt128": (False, True, 32, 128, 512, 1),
    "batch64": (False, False, 32, 32, 64, 64),
    "tiny_nn1": (False, False, 64, 32, 64, 1),
    "tiny_nn2": (False, False, 64, 16, 32, 1),
    "tiny_nn3": (False, False, 64, 10, 16, 1),
    "tiny_tn": (True, False, 32, 16, 64, 1),
    "tiny_nt": (False, True, 64, 32, 16, 1),
})


def operands(ta, tb, m, n, k, batch, dtype, rng):
    """op(A), op(B) as BLAS sees them: .T / swapaxes are views, so BLAS gets the transpose flag."""
    lead = (batch,) if batch > 1 else ()
    a = rng.random(lead + ((k, m) if ta else (m, k)), dtype=np.float64).astype(dtype) - 0.5
    b = rng.random(lead + ((n, k) if tb else (k, n)), dtype=np.float64).astype(dtype) - 0.5
    return (np.swapaxes(a, -1, -2) if ta else a), (np.swapaxes(b, -1, -2) if tb else b)


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


def shape(name):
    """(transA, transB, m, n, k, batch) of a named shape or of <nn|nt|tn|tt><m>x<n>x<k>; None if neither."""
    if name in SHAPES:
        return SHAPES[name]
    general = peerjson.gemm_shape(name)
    return None if general is None else general + (1,)


def run(threads, names, dtype):
    rng = np.random.default_rng(1)
    bench = "GemmBench.sgemm" if dtype == np.float32 else "DgemmBench.dgemm"
    for name in names:
        if not PEER.wanted(bench, shape=name, threads=threads):
            continue
        ta, tb, m, n, k, batch = shape(name)
        a, b = operands(ta, tb, m, n, k, batch, dtype, rng)
        out = np.empty(((batch,) if batch > 1 else ()) + (m, n), dtype=dtype)
        if threadpool_limits is not None:
            with threadpool_limits(limits=threads, user_api="blas"):
                times = sample_times(a, b, out, sample_seconds=0.5 * PEER.scale)
        else:
            times = sample_times(a, b, out, sample_seconds=0.5 * PEER.scale)
        sec = statistics.median(times)
        print(json.dumps({"shape": name, "threads": threads, "dtype": "f32" if dtype == np.float32 else "f64",
                          "us": sec * 1e6, "gflops": 2.0 * m * n * k * batch / sec / 1e9}), flush=True)
        PEER.emit(bench, {"shape": name, "threads": threads}, times)


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
    args = sys.argv[1:]
    dtypes = None
    names = list(SHAPES)
    threads = []
    while args:
        arg = args.pop(0)
        if arg == "--dtype":
            dtypes = [{"f32": np.float32, "f64": np.float64}[args.pop(0)]]
        elif arg == "--shapes":
            names = args.pop(0).split(",")
            unknown = [x for x in names if shape(x) is None]
            if unknown:
                sys.exit(f"unknown shapes {unknown}; known: {list(SHAPES)} and <nn|nt|tn|tt><m>x<n>x<k>")
        else:
            threads.append(int(arg))
    describe_blas()
    if dtypes is None:   # the harness (--json) asks for SGEMM and DGEMM cases; by hand: SGEMM
        dtypes = [np.float32, np.float64] if PEER.enabled else [np.float32]
    for dtype in dtypes:
        for t in threads or [1, 2]:
            run(t, names, dtype)


if __name__ == "__main__":
    main()
