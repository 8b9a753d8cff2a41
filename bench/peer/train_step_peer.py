"""PyTorch peer for ToyStepBench and MlpStepBench: one Adam training step, same networks.

Run with Debian's python3 (python3-torch), OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for this
command only:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/train_step_peer.py
Prints the median microseconds per step for 1 and 2 threads. With --json (bench/run-all.sh) it
also prints the uniform peer lines of peerjson.py: the MLP as MlpStepBench.trainStep {threads},
the toy as ToyStepBench.trainStep at 1 thread only (a 2-8-1 step is far below any size where a
second thread pays, in either framework; ToyStepBench has no thread parameter).
"""
import statistics
import time

import torch

import peerjson

PEER = peerjson.from_argv()   # --json: uniform output for bench/run-all.sh (see peerjson.py)


def toy():
    x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    y = torch.tensor([[0.], [1.], [1.], [0.]])
    net = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    return x, y, net, loss_fn, 1e-2


def mlp():
    g = torch.Generator().manual_seed(4)
    x = torch.rand(128, 784, generator=g)
    y = torch.randint(0, 10, (128,), generator=g)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                              torch.nn.ReLU(), torch.nn.Linear(256, 10))
    loss_fn = torch.nn.CrossEntropyLoss()
    return x, y, net, loss_fn, 1e-3


def measure(make, seconds=2.0, samples=7):
    return statistics.median(sample_times(make, seconds, samples))


def sample_times(make, seconds=2.0, samples=7):
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


if __name__ == "__main__":
    print("torch", torch.__version__, "| config:", torch.__config__.parallel_info().splitlines()[0:3])
    PEER.config(f"torch {torch.__version__}; " + "; ".join(torch.__config__.parallel_info().splitlines()[0:3]))
    for threads in (1, 2):
        torch.set_num_threads(threads)
        if not PEER.enabled:
            print(f"threads={threads} toy 2-8-1 batch 4: {measure(toy):9.1f} us/step")
            print(f"threads={threads} mlp 784-256-256-10 batch 128: {measure(mlp):9.1f} us/step")
            continue
        if threads == 1 and PEER.wanted("ToyStepBench.trainStep"):
            per = sample_times(toy, 2.0 * PEER.scale)
            print(f"threads={threads} toy 2-8-1 batch 4: {statistics.median(per):9.1f} us/step")
            PEER.emit("ToyStepBench.trainStep", {}, [us / 1e6 for us in per])
        if PEER.wanted("MlpStepBench.trainStep", threads=threads):
            per = sample_times(mlp, 2.0 * PEER.scale)
            print(f"threads={threads} mlp 784-256-256-10 batch 128: {statistics.median(per):9.1f} us/step")
            PEER.emit("MlpStepBench.trainStep", {"threads": threads}, [us / 1e6 for us in per])
