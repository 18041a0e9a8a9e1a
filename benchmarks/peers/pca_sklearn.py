#!/usr/bin/python3
"""Peer of PcaBenchmarks: scikit-learn PCA(n_components=2) on the same 100k x 512 rows, with the default solver
(randomized at this size) and the exact one (full SVD)."""
import sklearn
from sklearn.decomposition import PCA

import bench_data


def main():
    x = bench_data.rows(100_000)
    print(f"scikit-learn {sklearn.__version__}: PCA to 2-D, 100,000 x 512, best of 3")
    for solver in ("auto", "full"):
        best, _ = bench_data.timings(lambda: PCA(n_components=2, svd_solver=solver, random_state=0).fit_transform(x), 3)
        ratio = PCA(n_components=2, svd_solver=solver, random_state=0).fit(x).explained_variance_ratio_
        print(f"  svd_solver={solver:<5} {best:.3f} s; explained variance ratio {ratio[0]:.4f}, {ratio[1]:.4f}")


if __name__ == "__main__":
    main()
