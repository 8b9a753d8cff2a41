"""PyTorch peer for RnnStepBench: the same LSTM and GRU training steps.

One layer, input 64, hidden 128, 50 steps, batch 32, float32, batch_first; loss = mean squared
error of the [32, 50, 128] output sequence against a fixed target. Two steps per model:
  fwdbwd  zero_grad(set_to_none) + forward + loss + backward
  adam    the same + torch.optim.Adam(lr=1e-3).step()
for intra-op threads 1 and 2 (torch.set_num_threads). OpenBLAS threads come from the environment
(the issue's best configuration: OPENBLAS_NUM_THREADS=2, OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset).

Run:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/peer/rnn_peer.py
Prints the median milliseconds per step of 9 samples (each ~0.5 s after 1 s of warm-up), the
spread, and the BLAS/OpenBLAS configuration actually used.
"""
import os
import statistics
import sys
import time

import torch

INPUT, HIDDEN, TIME, BATCH = 64, 128, 50, 32


def openblas_info():
    try:
        from threadpoolctl import threadpool_info
        infos = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
        if infos:
            i = infos[0]
            return f"openblas {i.get('version')} core {i.get('architecture')} threads {i.get('num_threads')}"
    except Exception as e:  # noqa: BLE001 - informational only
        return f"threadpoolctl unavailable ({e})"
    return "no OpenBLAS loaded by torch (generic BLAS path)"


def make(kind):
    torch.manual_seed(7)
    if kind == "lstm":
        model = torch.nn.LSTM(INPUT, HIDDEN, batch_first=True)
    else:
        model = torch.nn.GRU(INPUT, HIDDEN, batch_first=True)
    g = torch.Generator().manual_seed(11)
    x = torch.rand(BATCH, TIME, INPUT, generator=g) * 2 - 1
    y = torch.rand(BATCH, TIME, HIDDEN, generator=g) - 0.5
    return model, x, y


def measure(kind, step_kind, samples=9, sample_seconds=0.5, warmup_seconds=1.0):
    model, x, y = make(kind)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3) if step_kind == "adam" else None

    def step():
        model.zero_grad(set_to_none=True)
        out, _ = model(x)
        loss = torch.nn.functional.mse_loss(out, y)
        loss.backward()
        if opt is not None:
            opt.step()

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < warmup_seconds:
        step()
    per = []
    for _ in range(samples):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < sample_seconds:
            step()
            n += 1
        per.append((time.perf_counter() - t0) / n * 1e3)
    return statistics.median(per), min(per), max(per)


def main():
    kinds = sys.argv[1:] or ["lstm", "gru"]
    print("torch", torch.__version__, "|", torch.__config__.parallel_info().splitlines()[0])
    print("BLAS:", openblas_info(), "| OPENBLAS_NUM_THREADS =", os.environ.get("OPENBLAS_NUM_THREADS"),
          "| OPENBLAS_CORETYPE =", os.environ.get("OPENBLAS_CORETYPE"), "| OPENBLAS_L2_SIZE =",
          os.environ.get("OPENBLAS_L2_SIZE"))
    print("mkldnn enabled:", torch.backends.mkldnn.is_available())
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for kind in kinds:
            for step_kind in ("fwdbwd", "adam"):
                med, lo, hi = measure(kind, step_kind)
                print(f"peer {kind:4s} {step_kind:6s} threads={threads}: {med:7.2f} ms/step (min {lo:.2f}, max {hi:.2f})")


if __name__ == "__main__":
    main()
