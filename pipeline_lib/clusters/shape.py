"""Do the data form connected groups that KMeans cannot separate (rings, crescents)?

KMeans cuts space into convex cells around centres, so two interleaved crescents ("moons") or
a ring around a disc ("circles") cannot be its clusters whatever k is. Such data are easy to
recognise without KMeans: in the graph joining every row to its nearest neighbours, each shape
is one connected component, separated from the others by empty space.

:func:`connected_groups` finds those components on the sweep's rows; :func:`non_convex_reason`
compares them with the KMeans partitions. The data count as non-convex when there are at least
two large components, KMeans with that many clusters does not recover them (adjusted Rand index
below :data:`ARI_RECOVERED`), and the k the criteria chose (if any) does not refine them either
(some KMeans cluster straddles two components). Well-separated blobs pass: their components are
the blobs, and KMeans finds them; touching blobs form fewer components, which the chosen k then
refines.
"""

from __future__ import annotations

import numpy as np

from pipeline_lib.clusters.sweep import Sweep

__all__ = ["ARI_RECOVERED", "MIN_SHARE", "NEIGHBOURS", "connected_groups", "non_convex_reason"]

NEIGHBOURS = 10
"""Each row is joined to this many nearest neighbours (both ways) in the graph."""

MIN_SHARE = 0.02
"""A component holding less than this share of the rows is a handful of outliers, not a group."""

ARI_RECOVERED = 0.8
"""KMeans recovers the components when its partition agrees with them at least this well."""

PURE = 0.95
"""A KMeans cluster lies within one component when at least this share of its rows do."""


def connected_groups(x: np.ndarray) -> np.ndarray:
    """Component label per row of the nearest-neighbour graph; -1 for rows in small components."""
    from scipy.sparse.csgraph import connected_components
    from sklearn.neighbors import kneighbors_graph

    if len(x) <= NEIGHBOURS + 1:
        return np.zeros(len(x), dtype=int)
    graph = kneighbors_graph(x, n_neighbors=NEIGHBOURS, mode="connectivity", include_self=False)
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels)
    big = np.flatnonzero(sizes >= MIN_SHARE * len(x))
    remap = np.full(len(sizes), -1)
    remap[big] = np.arange(len(big))
    return remap[labels]


def _refines(groups: np.ndarray, labels: np.ndarray) -> bool:
    """Whether every KMeans cluster lies (almost) within one component."""
    for cluster in np.unique(labels):
        inside = groups[(labels == cluster) & (groups >= 0)]
        if len(inside) and np.bincount(inside).max() < PURE * len(inside):
            return False
    return True


def non_convex_reason(sweep: Sweep, chosen: int | None) -> str | None:
    """A sentence saying the data look non-convex, or ``None`` when they do not.

    Args:
        sweep: the KMeans sweep (its rows and its partition per k).
        chosen: the k the criteria agreed on, or ``None``.
    """
    from sklearn.metrics import adjusted_rand_score

    groups = connected_groups(sweep.x)
    count = int(groups.max()) + 1
    if count < 2 or count not in sweep.labels:
        return None
    kept = groups >= 0
    agreement = float(adjusted_rand_score(groups[kept], sweep.labels[count][kept]))
    if agreement >= ARI_RECOVERED:
        return None
    if chosen is not None and chosen in sweep.labels and _refines(groups, sweep.labels[chosen]):
        return None
    return (f"the data form {count} separate groups (connected components of the {NEIGHBOURS}-nearest-neighbour "
            f"graph) that KMeans cannot separate: with k={count} it agrees with them only at adjusted Rand index "
            f"{agreement:.2f}; their shapes are not convex (rings, crescents, bent bands), which KMeans cannot "
            f"cluster at any k; a density- or graph-based method (DBSCAN, spectral or single-linkage clustering) "
            f"can")
