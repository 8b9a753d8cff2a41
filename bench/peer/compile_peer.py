"""PyTorch peer for CompiledStepBench: one Adam training step of the same models, same sizes.

Run with Debian's python3 (python3-torch), OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for this
command only:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/compile_peer.py [threads] [models...]
One thread by default, for intra-op work (torch.set_num_threads) and for OpenBLAS
(OPENBLAS_NUM_THREADS, set before torch loads unless given): the targets compare single-threaded
steps. With --json (bench/run-all.sh) it also prints the uniform lines of peerjson.py as
CompiledStepBench.trainStep {model} (compared with the optimize=on and off points).

Models (as bench/src/main/java/org/adjoint/bench/StepModels.java):
  mlp-B   784-256-256-10 ReLU MLP, softmax cross-entropy on integer labels, Adam 1e-3, batch B
  toy     2-8-1 tanh network, BCE with logits, Adam 0.01, 64 XOR-like points
  lstm    LSTM input 64, hidden 128, 50 steps, batch 32, loss mean(h_T^2), Adam 1e-3;
          two forms: torch.nn.LSTM (cuDNN-style fused weights, ATen's CPU kernel) and the cell
          unrolled by hand like ours ([x h] W + b, split in four gates); "best" is the faster.
Prints, per model, the median and the best of 7 samples (microseconds per step).
"""
import os
import statistics
import sys
import time

import peerjson

PEER = peerjson.from_argv()   # --json: uniform output for bench/run-all.sh (removes the flag)
_threads = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1].isdigit() else "1"
os.environ.setdefault("OPENBLAS_NUM_THREADS", _threads)

import torch  # noqa: E402  (after the thread setting)


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
    """Samples of mean microseconds per step, after `warmup` seconds of steps."""
    seconds *= PEER.scale
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < warmup * PEER.scale:
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


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.isdigit()]
    threads = int(_threads)
    torch.set_num_threads(threads)
    torch.ones(4, 4) @ torch.ones(4, 4)   # load the BLAS
    print("torch", torch.__version__, "| intra-op threads", torch.get_num_threads(), "| OPENBLAS_NUM_THREADS",
          os.environ.get("OPENBLAS_NUM_THREADS"))
    PEER.config(f"torch {torch.__version__}, intra-op threads {threads}, OPENBLAS_NUM_THREADS "
                f"{os.environ.get('OPENBLAS_NUM_THREADS')}")
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            print("blas:", pool.get("internal_api"), pool.get("version"), "core", pool.get("architecture"),
                  "threads", pool.get("num_threads"))
    except ImportError:
        pass
    cases = [("mlp-32", "mlp-32", lambda: mlp(32)), ("mlp-128", "mlp-128", lambda: mlp(128)),
             ("mlp-512", "mlp-512", lambda: mlp(512)), ("toy", "toy", toy),
             ("lstm (nn.LSTM)", "lstm", lstm_module), ("lstm (unrolled)", "lstm", lstm_unrolled)]
    best_lstm = None
    for name, model, make in cases:
        if args and not any(name.startswith(w) for w in args):
            continue
        if not PEER.wanted("CompiledStepBench.trainStep", model=model):
            continue
        per = measure(make())
        print(f"{name:16s} median {statistics.median(per):10.1f} us/step   best {min(per):10.1f} us/step")
        if model == "lstm":
            # both forms measured; the faster one (by median) is PyTorch's figure
            if best_lstm is None or statistics.median(per) < statistics.median(best_lstm):
                best_lstm = per
            continue
        PEER.emit("CompiledStepBench.trainStep", {"model": model}, [t / 1e6 for t in per])
    if best_lstm is not None:
        PEER.emit("CompiledStepBench.trainStep", {"model": "lstm"}, [t / 1e6 for t in best_lstm])
