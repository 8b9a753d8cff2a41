"""PyTorch peer for ToyStepBench and MlpStepBench: one Adam training step, same networks and batches.

Run with Debian's python3 (python3-torch, python3-threadpoolctl), in PyTorch's best configuration
on this machine: intra-op threads 1 (torch.set_num_threads), OpenBLAS with 2 threads, and
OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for this command only:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/peer/train_step_peer.py
Prints the median microseconds per step and which BLAS (and OpenBLAS core) ran. Benchmarks only.
"""
import statistics
import time

import torch

try:
    from threadpoolctl import threadpool_info
except ImportError:
    threadpool_info = None


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


def measure(make, seconds=3.0, samples=7):
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
    return statistics.median(per), min(per), max(per)


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.ones(4, 4) @ torch.ones(4, 4)   # load the BLAS before asking threadpoolctl
    print("torch", torch.__version__, "| intra-op threads", torch.get_num_threads())
    if threadpool_info is not None:
        for lib in threadpool_info():
            print("  ", lib.get("internal_api"), lib.get("version"), "threads", lib.get("num_threads"),
                  "core", lib.get("architecture"), lib.get("filepath"))
    med, lo, hi = measure(toy)
    print(f"toy 2-8-1 batch 64: {med:9.1f} us/step (range {lo:.1f}-{hi:.1f})")
    for batch in (32, 128, 512):
        med, lo, hi = measure(lambda: mlp(batch))
        print(f"mlp 784-256-256-10 batch {batch}: {med:9.1f} us/step (range {lo:.1f}-{hi:.1f})")
