"""Debian's python3-torch calls the system BLAS, which is the slow reference BLAS unless OpenBLAS is selected.
With libopenblas0-pthread installed, a process can re-run itself with OpenBLAS first on the library path (only that
process; the system's choice is left alone). Used by train.py and benchmarks/peers/embed_torch.py."""
from __future__ import annotations

import os
import sys

DIR = "/usr/lib/x86_64-linux-gnu/openblas-pthread"
_MARKER = "SLY_DEMO_MODEL_BLAS"


def active() -> bool:
    """True in a process that reexec() started."""
    return os.environ.get(_MARKER) == "openblas"


def available() -> bool:
    return os.path.isdir(DIR)


def reexec(threads: int) -> None:
    """Replaces this process by itself on OpenBLAS with `threads` threads; returns only if that is already so."""
    if active():
        return
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads),
               LD_LIBRARY_PATH=DIR + (":" + os.environ["LD_LIBRARY_PATH"] if os.environ.get("LD_LIBRARY_PATH") else ""))
    env[_MARKER] = "openblas"
    os.execve(sys.executable, [sys.executable] + sys.argv, env)
