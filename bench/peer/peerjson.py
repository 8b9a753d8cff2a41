"""Uniform machine-readable output of the peer scripts, for bench/run-all.sh.

A peer script keeps its human-readable output and, when run with --json, also prints one JSON
line per measured case:

    {"bench": "GemmBench.sgemm", "params": {"shape": "sq64", "threads": "1"}, "samples_us": [...]}

"bench" is the JMH benchmark (Class.method) the case is compared with, "params" the JMH @Param
values it corresponds to (a subset of the point's: a case without "impl" matches impl=panama and
impl=scalar; the manifest bench/peers.txt says which of our points are compared), "samples_us"
the peer's timed samples in microseconds per call. {"config": "..."} lines describe the peer
(versions, BLAS core) and go into the report.

Environment set by the harness (all optional, so the scripts run the same by hand):
  ADJOINT_PEER_CASES  newline-separated JMH points measured in this round, e.g.
                      "GemmBench.sgemm shape=sq64 threads=1"; cases not listed are skipped
  ADJOINT_PEER_SCALE  factor for the scripts' sample durations (quick preset: < 1)

Usage in a peer script:
    import peerjson
    out = peerjson.from_argv()              # removes --json from sys.argv
    if out.wanted("GemmBench.sgemm", shape="sq64", threads=1): ...
    out.emit("GemmBench.sgemm", {"shape": "sq64", "threads": 1}, samples_in_seconds)
"""
import json
import os
import re
import sys


class Out:
    def __init__(self, enabled, cases, scale):
        self.enabled = enabled
        self.cases = cases      # None: everything wanted; else a list of (bench, {param: value})
        self.scale = scale

    def wanted(self, bench, **params):
        """Whether the harness asked for this case (always true when run by hand)."""
        if not self.enabled or self.cases is None:
            return True
        want = {k: str(v) for k, v in params.items()}
        return any(b == bench and all(p.get(k) == v for k, v in want.items()) for b, p in self.cases)

    def emit(self, bench, params, samples_seconds):
        """Prints one case's samples (in seconds) as a JSON line, in --json mode only."""
        if self.enabled:
            print(json.dumps({"bench": bench, "params": {k: str(v) for k, v in params.items()},
                              "samples_us": [s * 1e6 for s in samples_seconds]}), flush=True)

    def config(self, text):
        """Prints one line describing the peer, in --json mode only."""
        if self.enabled:
            print(json.dumps({"config": str(text)}), flush=True)


def parse_cases(text):
    cases = []
    for line in text.splitlines():
        parts = line.split()
        if parts:
            cases.append((parts[0], dict(p.split("=", 1) for p in parts[1:] if "=" in p)))
    return cases


def from_argv(argv=None):
    """Reads --json from argv (removing it) and the harness's environment."""
    argv = sys.argv if argv is None else argv
    enabled = "--json" in argv
    while "--json" in argv:
        argv.remove("--json")
    text = os.environ.get("ADJOINT_PEER_CASES")
    cases = parse_cases(text) if enabled and text is not None else None
    scale = float(os.environ.get("ADJOINT_PEER_SCALE", "1")) if enabled else 1.0
    return Out(enabled, cases, scale)


GEMM_SHAPE = re.compile(r"([nt][nt])([1-9][0-9]{0,4})x([1-9][0-9]{0,4})x([1-9][0-9]{0,4})")


def gemm_shape(name):
    """(transA, transB, m, n, k) of a GEMM shape written <nn|nt|tn|tt><m>x<n>x<k> (GemmShape), else None."""
    g = GEMM_SHAPE.fullmatch(name)
    if g is None:
        return None
    return g[1][0] == "t", g[1][1] == "t", int(g[2]), int(g[3]), int(g[4])
