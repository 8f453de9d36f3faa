"""The KMeans sweep every criterion reads: one clustering per k, plus featureless references.

Why one shared sweep: all the criteria (WCSS knee, silhouette, Calinski–Harabasz, gap, BIC)
judge the same partitions, so KMeans runs once per k instead of once per k per criterion.

Why a sample: the sweep is ``k_max`` KMeans fits on the data and as many on each reference
set; on a million rows that would take minutes. Up to :data:`SAMPLE_ROWS` rows drawn at
random keep every cluster that holds a few percent of the data well represented (a 2 %
cluster still gets ~80 rows), and the estimator then fits the chosen k once on all rows.

The references are uniform noise in the box spanned by the data's principal axes
(Tibshirani, Walther & Hastie 2001, reference "b"): the most clusterable featureless
distribution of the same extent, so data that split no better than it show no structure.
They are clustered with exactly the same KMeans settings as the data, so the comparison is
not biased by how hard the optimiser worked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "N_INIT",
    "REFERENCES",
    "ROWS_PER_K",
    "SAMPLE_ROWS",
    "Sweep",
    "reference_box",
    "run_sweep",
    "searchable_k_max",
]

SAMPLE_ROWS = 3000
"""Rows analysed by the sweep at most (a uniform random sample above that)."""

REFERENCES = 8
"""Uniform reference sets clustered for the gap statistic and the structure test."""

N_INIT = 3
"""KMeans restarts per k, the same for the data and the references."""

ROWS_PER_K = 4
"""k is searched only up to rows / ROWS_PER_K: a 'cluster' of one to three points is noise."""


@dataclass(frozen=True)
class Sweep:
    """KMeans partitions of (a sample of) the data for k = 1..k_max, and of the references.

    Attributes:
        x: the rows that were clustered (all rows, or a sample of :data:`SAMPLE_ROWS`).
        n_rows: rows in the whole data set.
        ks: the k values tried, ``1..k_max`` after capping.
        inertia: WCSS per k.
        labels: cluster index of each row of ``x`` per k.
        centers: cluster centres per k (used to start the full fit).
        reference_log_inertia: ``log WCSS`` of each reference set (rows) per k (columns).
    """

    x: np.ndarray
    n_rows: int
    ks: tuple[int, ...]
    inertia: dict[int, float]
    labels: dict[int, np.ndarray]
    centers: dict[int, np.ndarray]
    reference_log_inertia: np.ndarray

    def log_inertia(self) -> np.ndarray:
        """``log WCSS`` per k in ``ks`` order, floored so a perfect fit stays finite."""
        values = np.array([self.inertia[k] for k in self.ks])
        return np.log(np.maximum(values, _floor(values[0])))


def _floor(total: float) -> float:
    return max(total * 1e-12, 1e-300)


def reference_box(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Uniform noise in the bounding box of ``x`` along its principal axes.

    Returned in principal-axis coordinates: KMeans inertia does not change under a
    rotation, so rotating back would only cost time.
    """
    centred = x - x.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ axes.T
    return rng.uniform(projected.min(axis=0), projected.max(axis=0), size=projected.shape)


def _kmeans_curve(x: np.ndarray, ks: tuple[int, ...],
                  random_state: int) -> tuple[dict[int, float], dict[int, np.ndarray], dict[int, np.ndarray]]:
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    inertia: dict[int, float] = {}
    labels: dict[int, np.ndarray] = {}
    centers: dict[int, np.ndarray] = {}
    # One thread: on a few thousand rows, OpenMP start-up and contention cost more than the
    # parallel work saves (measured 2-10x slower with two threads on a busy 2-core machine).
    with threadpool_limits(limits=1):
        for k in ks:
            model = KMeans(n_clusters=k, n_init=N_INIT, random_state=random_state).fit(x)
            inertia[k] = float(model.inertia_)
            labels[k] = model.labels_
            centers[k] = model.cluster_centers_
    return inertia, labels, centers


def searchable_k_max(x: np.ndarray, k_max: int) -> int:
    """The largest k worth trying: ``k_max``, at most rows / ROWS_PER_K and distinct rows."""
    distinct = len(np.unique(x, axis=0))
    return max(1, min(k_max, len(x) // ROWS_PER_K, distinct))


def run_sweep(x: np.ndarray, k_max: int, random_state: int = 0) -> Sweep:
    """Cluster a sample of ``x`` and :data:`REFERENCES` uniform references for k = 1..k_max.

    Args:
        x: a finite 2-D float matrix (rows = samples).
        k_max: largest k wanted; capped by :func:`searchable_k_max`.
        random_state: seeds the sample, the references and every KMeans fit, so the same
            data and seed give the same sweep.
    """
    rng = np.random.default_rng(random_state)
    sample = x if len(x) <= SAMPLE_ROWS else x[np.sort(rng.choice(len(x), SAMPLE_ROWS, replace=False))]
    ks = tuple(range(1, searchable_k_max(sample, k_max) + 1))
    inertia, labels, centers = _kmeans_curve(sample, ks, random_state)
    reference = np.empty((REFERENCES, len(ks)))
    for b in range(REFERENCES):
        ref_inertia, _, _ = _kmeans_curve(reference_box(sample, rng), ks, random_state)
        values = np.array([ref_inertia[k] for k in ks])
        reference[b] = np.log(np.maximum(values, _floor(values[0])))
    return Sweep(x=sample, n_rows=len(x), ks=ks, inertia=inertia, labels=labels, centers=centers,
                 reference_log_inertia=reference)
