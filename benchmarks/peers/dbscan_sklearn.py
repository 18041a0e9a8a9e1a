#!/usr/bin/python3
"""Peer of DbscanBenchmarks: scikit-learn DBSCAN(metric="cosine", algorithm="brute", min_samples=5, n_jobs=-1) on
the same 20k x 512 rows with the eps the C# benchmark suggested, and a comparison with the C# labels."""
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.metrics import adjusted_rand_score

import bench_data

ROWS = 20_000


def main():
    x = bench_data.rows(ROWS)
    eps = float(open(bench_data.path(f"dbscan-eps-{ROWS}.txt")).read())
    times = []
    for _ in range(3):
        start = time.perf_counter()
        labels = DBSCAN(eps=eps, min_samples=5, metric="cosine", algorithm="brute", n_jobs=-1).fit(x).labels_
        times.append(time.perf_counter() - start)
    clusters = len(set(labels)) - (1 if -1 in labels else 0)
    print(f"scikit-learn {sklearn.__version__}: DBSCAN cosine brute, {ROWS:,} x 512, eps {eps:.4f}, min_samples 5")
    print(f"  best of 3: {min(times):.2f} s; {clusters} clusters, {int((labels == -1).sum())} noise points")
    ours = np.fromfile(bench_data.path(f"dbscan-labels-{ROWS}-ours.i32"), dtype=np.int32)
    print(f"  C# labels identical: {np.array_equal(ours, labels)}; differing rows: {int((ours != labels).sum())}; "
          f"adjusted Rand index {adjusted_rand_score(labels, ours):.6f}")


if __name__ == "__main__":
    main()
