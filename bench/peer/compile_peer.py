"""PyTorch peer for CompiledStepBench: one Adam training step of the same models, same sizes.

Run with Debian's python3 (python3-torch), OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for this
command only:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/compile_peer.py [threads]

Models (as bench/src/main/java/org/adjoint/bench/StepModels.java):
  mlp-B   784-256-256-10 ReLU MLP, softmax cross-entropy on integer labels, Adam 1e-3, batch B
  toy     2-8-1 tanh network, BCE with logits, Adam 0.01, 64 XOR-like points
  lstm    LSTM input 64, hidden 128, 50 steps, batch 32, loss mean(h_T^2), Adam 1e-3;
          two forms: torch.nn.LSTM (cuDNN-style fused weights, ATen's CPU kernel) and the cell
          unrolled by hand like ours ([x h] W + b, split in four gates); "best" is the faster.
Prints, per model, the median and the best of 7 samples (microseconds per step).
"""
import statistics
import sys
import time

import torch


def mlp(batch):
    g = torch.Generator().manual_seed(4)
    x = torch.rand(batch, 784, generator=g)
    y = torch.randint(0, 10, (batch,), generator=g)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                              torch.nn.ReLU(), torch.nn.Linear(256, 10))
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    return step


def toy():
    g = torch.Generator().manual_seed(3)
    x = torch.rand(64, 2, generator=g) * 2 - 1
    y = ((x[:, 0] * x[:, 1]) < 0).float().unsqueeze(1)
    net = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(net.parameters(), lr=1e-2)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    return step


def lstm_module(steps=50, batch=32, inp=64, hidden=128):
    g = torch.Generator().manual_seed(5)
    xs = torch.rand(steps, batch, inp, generator=g) * 2 - 1
    net = torch.nn.LSTM(inp, hidden)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        out, (h, c) = net(xs)
        loss = (h[-1] ** 2).mean()
        loss.backward()
        opt.step()
    return step


def lstm_unrolled(steps=50, batch=32, inp=64, hidden=128):
    g = torch.Generator().manual_seed(5)
    xs = torch.rand(steps, batch, inp, generator=g) * 2 - 1
    wx = torch.nn.Parameter(torch.randn(inp, 4 * hidden, generator=g) * 0.05)
    wh = torch.nn.Parameter(torch.randn(hidden, 4 * hidden, generator=g) * 0.05)
    b = torch.nn.Parameter(torch.zeros(4 * hidden))
    opt = torch.optim.Adam([wx, wh, b], lr=1e-3)
    h0 = torch.zeros(batch, hidden)
    c0 = torch.zeros(batch, hidden)

    def step():
        opt.zero_grad(set_to_none=True)
        h, c = h0, c0
        for t in range(steps):
            z = xs[t] @ wx + h @ wh + b
            i, f, u, o = z.chunk(4, dim=1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(u)
            h = torch.sigmoid(o) * torch.tanh(c)
        loss = (h ** 2).mean()
        loss.backward()
        opt.step()
    return step


def measure(step, seconds=3.0, samples=7, warmup=1.0):
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < warmup:
        step()
    per = []
    for _ in range(samples):
        n = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds / samples:
            step()
            n += 1
        per.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(per), min(per)


if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    print("torch", torch.__version__, "threads", torch.get_num_threads(), "|",
          torch.__config__.parallel_info().splitlines()[0:2])
    blas = [line for line in torch.__config__.show().splitlines() if "BLAS" in line or "CPU capability" in line]
    print("config:", "; ".join(s.strip() for s in blas))
    cases = [("mlp-32", lambda: mlp(32)), ("mlp-128", lambda: mlp(128)), ("mlp-512", lambda: mlp(512)),
             ("toy", toy), ("lstm (nn.LSTM)", lstm_module), ("lstm (unrolled)", lstm_unrolled)]
    wanted = sys.argv[2:]
    for name, make in cases:
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        med, best = measure(make())
        print(f"{name:16s} median {med:10.1f} us/step   best {best:10.1f} us/step")
