"""PyTorch peer for RnnStepBench: the same LSTM and GRU training steps.

One layer, input 64, hidden 128, 50 steps, batch 32, float32, batch_first; loss = mean squared
error of the [32, 50, 128] output sequence against a fixed target. Two steps per model:
  fwdbwd  zero_grad(set_to_none) + forward + loss + backward
  adam    the same + torch.optim.Adam(lr=1e-3).step()
for intra-op threads 1 and 2 (torch.set_num_threads). OpenBLAS threads come from the environment
(the issue's best configuration: OPENBLAS_NUM_THREADS=2, OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset).

By hand:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/peer/rnn_peer.py
Prints the median milliseconds per step of 9 samples (~0.5 s each after 1 s of warm-up), the
spread, and the BLAS configuration actually used. With --json (bench/run-all.sh) it also prints
the uniform lines of peerjson.py: bench RnnStepBench.trainStep, params cell, step, threads.
"""
import os
import statistics
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")   # the best configuration, unless set

import torch  # noqa: E402  (after the thread setting)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peerjson  # noqa: E402

try:
    from threadpoolctl import threadpool_info
except ImportError:  # informational only
    threadpool_info = None

PEER = peerjson.from_argv()
INPUT, HIDDEN, TIME, BATCH = 64, 128, 50, 32


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


def samples(kind, step_kind, count=9, sample_seconds=0.5, warmup_seconds=1.0):
    """Seconds per step, one value per sample."""
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
    while time.perf_counter() - t0 < warmup_seconds * PEER.scale:
        step()
    per = []
    for _ in range(count):
        n = 0
        t0 = time.perf_counter()
        while n == 0 or time.perf_counter() - t0 < sample_seconds * PEER.scale:
            step()
            n += 1
        per.append((time.perf_counter() - t0) / n)
    return per


def main():
    torch.ones(4, 4) @ torch.ones(4, 4)   # load the BLAS before asking threadpoolctl
    blas = []
    if threadpool_info is not None:
        for lib in threadpool_info():
            blas.append(f"{lib.get('internal_api')} {lib.get('version')} threads {lib.get('num_threads')} "
                        f"core {lib.get('architecture')}")
    env = (f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')} "
           f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')} OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE')}")
    print("torch", torch.__version__, "|", "; ".join(blas) or "no OpenBLAS seen by threadpoolctl", "|", env)
    PEER.config(f"torch {torch.__version__}; " + "; ".join(blas) + "; " + env)
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for kind in ("lstm", "gru"):
            for step_kind in ("fwdbwd", "adam"):
                if not PEER.wanted("RnnStepBench.trainStep", cell=kind, step=step_kind, threads=threads):
                    continue
                per = samples(kind, step_kind)
                ms = [s * 1e3 for s in per]
                print(f"peer {kind:4s} {step_kind:6s} threads={threads}: {statistics.median(ms):7.2f} ms/step"
                      f" (min {min(ms):.2f}, max {max(ms):.2f})")
                PEER.emit("RnnStepBench.trainStep", {"cell": kind, "step": step_kind, "threads": threads}, per)


if __name__ == "__main__":
    main()
