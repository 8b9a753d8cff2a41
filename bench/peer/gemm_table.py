#!/usr/bin/python3
"""Merges GemmBench/DgemmBench JMH JSON and gemm_peer.py JSON lines into a Markdown table (GFLOP/s = 2mnk/t)."""
import json
import sys

import peerjson

DIMS = {f"sq{s}": (s, s, s) for s in (64, 128, 256, 512, 1024, 2048)}
DIMS.update({"mlp_nn": (128, 256, 784), "mlp_tn": (784, 256, 128), "mlp_nt": (128, 784, 256),
             "lstm_nn64": (32, 512, 64), "lstm_tn64": (64, 512, 32), "lstm_nt64": (32, 64, 512),
             "lstm_nn128": (32, 512, 128), "lstm_tn128": (128, 512, 32), "lstm_nt128": (32, 128, 512),
             "batch64": (32, 32, 64), "tiny_nn1": (64, 32, 64), "tiny_nn2": (64, 16, 32),
             "tiny_nn3": (64, 10, 16), "tiny_tn": (32, 16, 64), "tiny_nt": (64, 32, 16)})
BATCH = {"batch64": 64}


def dims(shape):
    """(m, n, k) of a named shape or of <nn|nt|tn|tt><m>x<n>x<k> (GemmShape)."""
    if shape in DIMS:
        return DIMS[shape]
    general = peerjson.gemm_shape(shape)
    if general is None:
        raise KeyError(f"unknown GEMM shape {shape!r}")
    return general[2:]


def ours(path):
    result = {}
    for r in json.load(open(path)):
        p = r["params"]
        us = r["primaryMetric"]["score"]
        assert r["primaryMetric"]["scoreUnit"] == "us/op"
        m, n, k = dims(p["shape"])
        flops = 2.0 * m * n * k * BATCH.get(p["shape"], 1)
        dtype = "f64" if r["benchmark"].endswith(".dgemm") else "f32"
        result[(dtype, p["shape"], int(p["threads"]))] = flops / (us * 1e-6) / 1e9
    return result


def peer(path):
    result = {}
    for line in open(path):
        if line.startswith("{"):
            r = json.loads(line)
            result[(r.get("dtype", "f32"), r["shape"], r["threads"])] = r["gflops"]
    return result


def main():
    o = ours(sys.argv[1])
    p = peer(sys.argv[2]) if len(sys.argv) > 2 else {}
    for dtype in ("f32", "f64"):
        rows = [s for s in DIMS if any(key[:2] == (dtype, s) for key in o)]
        if not rows:
            continue
        print(f"{dtype.upper()} (GFLOP/s):")
        print("| shape (m x n x k) | ours 1T | numpy 1T | ratio 1T | ours 2T | numpy 2T | ratio 2T | ours 2T/1T |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for shape in rows:
            m, n, k = dims(shape)
            label = f"{shape} ({BATCH[shape]} x {m}x{n}x{k})" if shape in BATCH else f"{shape} ({m}x{n}x{k})"
            cells = [label]
            for t in (1, 2):
                a, b = o.get((dtype, shape, t)), p.get((dtype, shape, t))
                cells += [f"{a:.1f}" if a else "-", f"{b:.1f}" if b else "-", f"{a / b:.2f}" if a and b else "-"]
            s1, s2 = o.get((dtype, shape, 1)), o.get((dtype, shape, 2))
            cells.append(f"{s2 / s1:.2f}" if s1 and s2 else "-")
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
