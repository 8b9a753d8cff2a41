#!/usr/bin/env python3
"""numpy peer for ElementwiseBench / ReductionBench: same kernels, same sizes, F32.

Usage: elementwise_peer.py [case ...] [n ...]   (cases: add sigmoid relu sum softmax; default all)

Each case runs `reps` timed repetitions of `number` calls; reports the median time per call
and GB/s with the same byte counts as the JMH benchmarks (add 12n, sigmoid/relu 8n, sum 4n,
softmax 8*rows*cols). All ufuncs write into preallocated outputs (out=), as our kernels do.
With --json (bench/run-all.sh) it also prints the uniform peer lines of peerjson.py: add, sigmoid
and relu as ElementwiseBench.<case> {n}, sum as ReductionBench.sum {n}, softmax as
ReductionBench.softmax128x1000, for the points the harness asks for.
"""
import platform
import statistics
import sys
import timeit

import numpy as np

import peerjson

PEER = peerjson.from_argv()   # --json: uniform output for bench/run-all.sh (see peerjson.py)
# JMH benchmark each case is compared with
BENCH = {"add": "ElementwiseBench.add", "sigmoid": "ElementwiseBench.sigmoid", "relu": "ElementwiseBench.relu",
         "sum": "ReductionBench.sum", "softmax": "ReductionBench.softmax128x1000"}


def config():
    print(f"python {platform.python_version()}, numpy {np.__version__}, machine {platform.machine()}")
    try:
        from numpy.core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__
        found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
        print(f"numpy SIMD baseline {' '.join(__cpu_baseline__)}; dispatched on this CPU: {' '.join(found)}")
    except ImportError:
        print("numpy SIMD info unavailable")
    print("single-threaded: elementwise ufuncs and np.sum do not use BLAS threads")
    try:
        from numpy.core.multiarray import _get_madvise_hugepage
        print(f"numpy madvise(MADV_HUGEPAGE) for arrays >= 4 MB: {_get_madvise_hugepage()} "
              f"(ours: -XX:+UseTransparentHugePages in ElementwiseBench/ReductionBench)")
    except ImportError:
        print("numpy huge-page setting unavailable")


def measure(fn, nbytes, min_time=0.2, reps=15):
    times = sample_times(fn, min_time, reps)
    med = statistics.median(times)
    return med * 1e6, nbytes / med / 1e9


def sample_times(fn, min_time=0.2, reps=15):
    """Time per call of each of `reps` repetitions, seconds."""
    fn()  # warm up (page faults, dispatch)
    number = 1
    while timeit.timeit(fn, number=number) < min_time / 5:
        number *= 2
    return [t / number for t in timeit.repeat(fn, number=number, repeat=reps)]


def sigmoid(x, out, tmp):
    # 1 / (1 + exp(-x)) in four in-place passes (numpy has no fused sigmoid; scipy's expit is not assumed)
    np.negative(x, out=tmp)
    np.exp(tmp, out=tmp)
    np.add(tmp, 1, out=tmp)
    np.reciprocal(tmp, out=out)


def softmax(x, out):
    m = x.max(axis=1, keepdims=True)
    np.subtract(x, m, out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)


def main():
    # optional arguments: case names to run (e.g. "add"), and/or sizes as integers (e.g. 16777216)
    names = {a for a in sys.argv[1:] if not a.isdigit()}
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1 << 20, 1 << 24]
    config()
    wanted = lambda name, **p: (not names or name in names) and PEER.wanted(BENCH[name], **p)
    rng = np.random.default_rng(42)
    print(f"{'case':<24}{'n':>10}{'median us':>14}{'GB/s':>9}")
    for n in sizes:
        if not any(wanted(name, n=n) for name in ("add", "sigmoid", "relu", "sum")):
            continue
        a = rng.uniform(-4, 4, n).astype(np.float32)
        b = rng.uniform(-4, 4, n).astype(np.float32)
        c = np.empty_like(a)
        t = np.empty_like(a)
        with np.errstate(over="ignore"):
            cases = [
                ("add", lambda: np.add(a, b, out=c), 12 * n),
                ("sigmoid", lambda: sigmoid(a, c, t), 8 * n),
                ("relu", lambda: np.maximum(a, 0, out=c), 8 * n),
                ("sum", lambda: np.sum(a), 4 * n),
            ]
            for name, fn, nbytes in cases:
                if not wanted(name, n=n):
                    continue
                times = sample_times(fn, 0.2 * PEER.scale)
                us = statistics.median(times) * 1e6
                print(f"{name:<24}{n:>10}{us:>14.1f}{nbytes / us / 1e3:>9.2f}")
                PEER.emit(BENCH[name], {"n": n}, times)
        del a, b, c, t
    if not wanted("softmax"):
        return
    x = rng.normal(0, 3, (128, 1000)).astype(np.float32)
    y = np.empty_like(x)
    times = sample_times(lambda: softmax(x, y), 0.2 * PEER.scale)
    us = statistics.median(times) * 1e6
    print(f"{'softmax128x1000':<24}{x.size:>10}{us:>14.1f}{8 * x.size / us / 1e3:>9.2f}")
    PEER.emit(BENCH["softmax"], {}, times)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
