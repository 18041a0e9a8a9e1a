"""Loads the rows the C# benchmarks write (benchmarks/Sly.Benchmarks/Search/SearchBenchmarkData.cs)."""
import os
import sys

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FOLDER = os.path.join(ROOT, "artifacts", "bench-data")
DIMENSION = 512
ROWS_PATH = os.path.join(FOLDER, "clustered-1000000x512-seed42.f32")
QUERIES_PATH = os.path.join(FOLDER, "queries-8x512-seed42.f32")


def _require(path):
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run a C# search benchmark once to write it, e.g.\n"
                 "  dotnet run -c Release --project benchmarks/Sly.Benchmarks -- --filter '*PcaBenchmarks*'")


def rows(n):
    """The first n rows (float32, n × 512): the n-row set of the C# benchmarks."""
    _require(ROWS_PATH)
    return np.fromfile(ROWS_PATH, dtype=np.float32, count=n * DIMENSION).reshape(n, DIMENSION)


def queries():
    _require(QUERIES_PATH)
    return np.fromfile(QUERIES_PATH, dtype=np.float32).reshape(-1, DIMENSION)


def path(name):
    p = os.path.join(FOLDER, name)
    _require(p)
    return p


def timings(action, repeats):
    """(min, median) seconds of `repeats` runs after one warm-up."""
    import time
    action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[0], samples[len(samples) // 2]
