"""PyTorch peer for ToyStepBench and MlpStepBench: one Adam training step, same networks and batches.

Run with Debian's python3 (python3-torch, python3-threadpoolctl), in PyTorch's best configuration
on this machine: intra-op threads 1 (torch.set_num_threads), OpenBLAS with 2 threads (set here
before torch loads unless OPENBLAS_NUM_THREADS is given), and OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE
unset for this command only:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/train_step_peer.py
Prints the median microseconds per step and which BLAS (and OpenBLAS core) ran. With --json
(bench/run-all.sh) it also prints the uniform peer lines of peerjson.py: the MLP as
MlpStepBench.trainStep {batch} (compared with every api/threads point of that batch), the toy as
ToyStepBench.trainStep. Benchmarks only.
"""
import os
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

import torch  # noqa: E402  (after the thread setting)

import peerjson  # noqa: E402

try:
    from threadpoolctl import threadpool_info
except ImportError:
    threadpool_info = None

PEER = peerjson.from_argv()   # --json: uniform output for bench/run-all.sh (see peerjson.py)


def toy(batch=64):
    g = torch.Generator().manual_seed(3)
    x = torch.rand(batch, 2, generator=g) * 2 - 1
    y = (x[:, 0] * x[:, 1] < 0).float().unsqueeze(1)
    net = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    return x, y, net, torch.nn.BCEWithLogitsLoss(), 1e-2


def mlp(batch):
    g = torch.Generator().manual_seed(4)
    x = torch.rand(batch, 784, generator=g)
    y = torch.randint(0, 10, (batch,), generator=g)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                              torch.nn.ReLU(), torch.nn.Linear(256, 10))
    return x, y, net, torch.nn.CrossEntropyLoss(), 1e-3


def sample_times(make, seconds=3.0, samples=7):
    """Mean microseconds per step of each of `samples` samples, after 200 warm-up steps."""
    x, y, net, loss_fn, lr = make()
    opt = torch.optim.Adam(net.parameters(), lr=lr)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    for _ in range(200):
        step()
    per = []
    for _ in range(samples):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds / samples:
            step()
            n += 1
        per.append((time.perf_counter() - t0) / n * 1e6)
    return per


def summary(per):
    return f"{statistics.median(per):9.1f} us/step (range {min(per):.1f}-{max(per):.1f})"


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.ones(4, 4) @ torch.ones(4, 4)   # load the BLAS before asking threadpoolctl
    print("torch", torch.__version__, "| intra-op threads", torch.get_num_threads())
    blas = []
    if threadpool_info is not None:
        for lib in threadpool_info():
            line = f"{lib.get('internal_api')} {lib.get('version')} threads {lib.get('num_threads')} " \
                   f"core {lib.get('architecture')}"
            blas.append(line)
            print("  ", line, lib.get("filepath"))
    PEER.config(f"torch {torch.__version__}, intra-op threads 1; " + "; ".join(blas))
    if PEER.wanted("ToyStepBench.trainStep"):
        per = sample_times(toy, 3.0 * PEER.scale)
        print("toy 2-8-1 batch 64:", summary(per))
        PEER.emit("ToyStepBench.trainStep", {}, [us / 1e6 for us in per])
    for batch in (32, 128, 512):
        if PEER.wanted("MlpStepBench.trainStep", batch=batch):
            per = sample_times(lambda: mlp(batch), 3.0 * PEER.scale)
            print(f"mlp 784-256-256-10 batch {batch}:", summary(per))
            PEER.emit("MlpStepBench.trainStep", {"batch": batch}, [us / 1e6 for us in per])
