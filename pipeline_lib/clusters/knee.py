"""The knee of a WCSS curve and the silhouette: the two cluster measures both sides share.

The k estimate (``pipeline_lib.clusters.evidence``) reads the WCSS knee and the silhouette of
each k; the pipeline's KMeans trial (``pipeline_lib.kinds.kmeans``) reports the silhouette of
its clustering. Each is written once, here.

The knee rule (:func:`elbow_k`): take log(WCSS), scale k and log(WCSS) to [0, 1], draw the
chord from the first point (k=1) to the last (k=k_max), and take the k whose point lies
farthest below it. Why this rule: it needs no tuning parameter (the idea behind the Kneedle
method) and is easy to explain — "the point where adding clusters stops paying off". Why the
logarithm: each real cluster divides WCSS by a roughly constant factor, so on a linear scale
the first drop dominates and the chord rule picks k=2 or 3 whatever the data. Measured on
``make_blobs(n_samples=300, cluster_std=1.0)``, seeds 0..19: linear scale right 12/20, 2/20,
0/20 times for k=3, 4, 5; log scale 18/20, 18/20, 10/20 (in every k=5 miss the silhouette
score also prefers fewer clusters: the random blob centres overlap). WCSS is floored at
1/1000 of WCSS(1) so a curve reaching 0 (k = n_samples on tiny data) keeps a finite log.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["elbow_k", "silhouette"]

_FLOOR = 1e-3
"""WCSS below this fraction of WCSS(1) counts as fully explained (keeps log finite)."""


def elbow_k(curve: Sequence[tuple[int, float]]) -> int:
    """The k at the knee of a WCSS curve (see the module docstring for the rule).

    A curve with fewer than three points, or a flat one, has no knee: the first k is
    returned, since nothing shows that more clusters help.

    Raises:
        ValueError: the curve is empty.
    """
    if not curve:
        raise ValueError("elbow_k needs a non-empty curve")
    floor = max(float(curve[0][1]), 0.0) * _FLOOR
    ks = [float(k) for k, _ in curve]
    ys = [math.log(max(float(w), floor)) if floor > 0 else 0.0 for _, w in curve]
    k_span = ks[-1] - ks[0]
    y_span = ys[0] - ys[-1]
    if len(curve) < 3 or k_span <= 0 or y_span <= 0:
        return int(curve[0][0])
    # In normalised coordinates the chord runs from (0, 1) to (1, 0), i.e. x + y = 1; the
    # distance below it is proportional to 1 - x - y.
    gaps = [1.0 - (k - ks[0]) / k_span - (y - ys[-1]) / y_span for k, y in zip(ks, ys, strict=True)]
    best = max(range(len(gaps)), key=lambda i: (gaps[i], -i))
    return int(curve[best][0])


def silhouette(x: Any, labels: Any, max_rows: int, random_state: int = 0) -> float:
    """Mean silhouette of ``labels`` on at most ``max_rows`` sampled rows.

    Why a cap: the exact silhouette is quadratic in rows. Each caller names its cap: the KMeans
    trial's reported metric samples more rows than a sweep that scores every k.
    """
    from sklearn.metrics import silhouette_score

    return float(silhouette_score(x, labels, sample_size=min(len(x), max_rows), random_state=random_state))
