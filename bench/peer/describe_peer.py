#!/usr/bin/python3
"""Describes the Python peers for the machine section of the run-all report: one JSON object.

Run as bench/run-all.sh does:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peer/describe_peer.py
Reports which OpenBLAS core numpy dispatches to (with the tuning variables unset, OpenBLAS picks
the core from the CPU itself), numpy's SIMD dispatch, and PyTorch's version and CPU capability.
Missing modules are reported as missing, not as an error.
"""
import ctypes
import json
import platform
import re

info = {"peer.python": f"{platform.python_implementation()} {platform.python_version()}"}

try:
    import numpy as np
    info["peer.numpy"] = np.__version__
    try:
        from numpy.core._multiarray_umath import __cpu_dispatch__, __cpu_features__
        found = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
        info["peer.numpy"] += f" (SIMD dispatch on this CPU: {' '.join(found)})"
    except ImportError:
        pass
except ImportError:
    info["peer.numpy"] = "not installed"

try:
    from threadpoolctl import threadpool_info
    blas = []
    for pool in threadpool_info():
        text = f"{pool.get('internal_api')} {pool.get('version')} ({pool.get('threading_layer')}, " \
               f"{pool.get('num_threads')} threads, core {pool.get('architecture')})"
        if pool.get("internal_api") == "openblas":
            lib = ctypes.CDLL(pool["filepath"])
            lib.openblas_get_corename.restype = ctypes.c_char_p
            text += f", openblas_get_corename: {lib.openblas_get_corename().decode()}"
        blas.append(text)
    info["peer.blas"] = "; ".join(blas) if blas else "no BLAS loaded (numpy missing?)"
except ImportError:
    info["peer.blas"] = "unknown (python3-threadpoolctl not installed)"

try:
    import torch
    cfg = torch.__config__.show()
    cap = re.search(r"CPU capability usage: (\S+)", cfg)
    blas = re.search(r"BLAS_INFO=(\w+)", cfg)
    info["peer.torch"] = (f"{torch.__version__} (CPU capability {cap.group(1) if cap else '?'}, "
                          f"BLAS {blas.group(1) if blas else '?'}, torch.get_num_threads() = {torch.get_num_threads()} at start)")
except ImportError:
    info["peer.torch"] = "not installed"

print(json.dumps(info))
