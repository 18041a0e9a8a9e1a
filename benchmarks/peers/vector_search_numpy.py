#!/usr/bin/python3
"""Peer of VectorSearchBenchmarks: numpy brute-force exact top-100 (matvec/matmul + argpartition + sort of the k)
on the same 100k and 1M x 512 rows and queries, plus a plain read of the matrix (X.sum()) for reference."""
import numpy as np

import bench_data

K = 100


def top_k_one(x, q):
    scores = x @ q
    idx = np.argpartition(scores, -K)[-K:]
    return idx[np.argsort(-scores[idx], kind="stable")]


def top_k_batch(x, qs):
    scores = x @ qs.T  # n x q, one sgemm
    idx = np.argpartition(scores, -K, axis=0)[-K:]
    top = np.take_along_axis(scores, idx, axis=0)
    order = np.argsort(-top, axis=0, kind="stable")
    return np.take_along_axis(idx, order, axis=0)


def main():
    queries = bench_data.queries()
    print(f"numpy {np.__version__}")
    print(f"{'rows':>9} | {'case':<44} | {'min ms':>8} | {'median ms':>9}")
    for n in (100_000, 1_000_000):
        x = bench_data.rows(n)
        repeats = 20 if n <= 100_000 else 10
        cases = [
            ("plain read of the matrix (X.sum())", lambda: x.sum()),
            ("exact top-100, 1 query (matvec + argpartition)", lambda: top_k_one(x, queries[0])),
            ("exact top-100, 8 queries (matmul + argpartition)", lambda: top_k_batch(x, queries)),
        ]
        for name, action in cases:
            best, median = bench_data.timings(action, repeats)
            print(f"{n:>9,} | {name:<44} | {best * 1e3:>8.2f} | {median * 1e3:>9.2f}")
        del x


if __name__ == "__main__":
    main()
