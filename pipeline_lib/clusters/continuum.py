"""Is a claimed partition a continuum cut in pieces? Unimodality between neighbouring clusters.

KMeans cuts any cloud into k cells, and on a skewed or elongated cloud without groups (people's
heights and weights, a year of prices, test scores) the criteria can agree on one of those cuts.
Groups are separated by a dip in density; pieces of one continuum are not. So for each cluster
of the claimed partition, the rows of it and of the cluster with the nearest centre are projected
on the line joining the two centres, and that projection is tested for unimodality
(:func:`~pipeline_lib.clusters.dip.projection_p`, the uniform-null dip-type test of the dip
criterion). When no neighbouring pair is bimodal even at :data:`CONTINUUM_ALPHA`, every border
of the partition runs through continuous density: the k describes a continuum, not groups.

Only on :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows and more: below, the dip criterion
votes on the same question cluster by cluster, and pairs of a few dozen rows have little power.
"""

from __future__ import annotations

import numpy as np

from pipeline_lib.clusters.dip import projection_p
from pipeline_lib.clusters.evidence import DIP_ROWS
from pipeline_lib.clusters.sweep import Sweep

__all__ = ["CONTINUUM_ALPHA", "CONTINUUM_EFFECT", "continuum_reason", "neighbour_pairs_p"]

CONTINUUM_ALPHA = 0.05
"""A pair of neighbouring clusters counts as two groups when their projection on the line between
their centres is less unimodal than this share of uniform samples of its size. Lenient (five
times :data:`~pipeline_lib.clusters.dip.DIP_ALPHA`), because one bimodal pair is enough for the
partition to stand."""


CONTINUUM_EFFECT = 0.5
"""The check applies only while the structure effect (the best split's log-WCSS gain over the uniform
references, :class:`~pipeline_lib.clusters.evidence.StructureTest`) is below this. Why: Gaussian
groups that touch (five blobs 2.4 SDs apart in two columns, effect 0.54) show no dip between
neighbours either, but split far better than noise; the seen continua that got a k split only a
little better (effect 0.11 to 0.36: heights and weights, test scores, bank transactions, two
overlapping Gaussians). Chosen on seen sets only (the blob grid and the seen sets of 200 rows or
more before fresh-24); the held-out check is fresh-25 (``benchmarks/RESULTS.md``)."""


def neighbour_pairs_p(x: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> dict[tuple[int, int], float]:
    """Each cluster and its nearest-centre neighbour: the unimodality p of their rows on the line between them."""
    distance = np.linalg.norm(centers[:, None, :] - centers[None, :, :], axis=2)
    np.fill_diagonal(distance, np.inf)
    nearest = distance.argmin(axis=1)
    pairs = sorted({(min(i, int(j)), max(i, int(j))) for i, j in enumerate(nearest)})
    out: dict[tuple[int, int], float] = {}
    for i, j in pairs:
        axis = centers[i] - centers[j]
        out[(i, j)] = projection_p(x[(labels == i) | (labels == j)] @ (axis / np.linalg.norm(axis)))
    return out


def continuum_reason(sweep: Sweep, k: int, effect: float) -> str | None:
    """Why the sweep's partition at ``k`` is a continuum cut in pieces, or ``None`` when some pair is two groups.

    ``effect`` is the structure effect (see :data:`CONTINUUM_EFFECT`).
    """
    if len(sweep.x) < DIP_ROWS or k < 2 or effect >= CONTINUUM_EFFECT:
        return None
    ps = neighbour_pairs_p(sweep.x, sweep.labels[k], sweep.centers[k])
    if min(ps.values()) <= CONTINUUM_ALPHA:
        return None
    return (f"no clear cluster structure: the criteria name k={k}, but each of its {k} clusters runs into its "
            f"nearest neighbour with no dip in density between them ({len(ps)} neighbouring pair(s), each unimodal "
            f"along the line joining their centres, p > {CONTINUUM_ALPHA}): that is a continuous cloud cut in "
            f"pieces (skewed, elongated or trending data do this), not separate groups")
