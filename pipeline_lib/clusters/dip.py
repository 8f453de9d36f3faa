"""Is a one-dimensional sample unimodal? A dip-type statistic and its uniform-null p-value.

Why: the Gaussianity test of G-means (Anderson–Darling) rejects a skewed cloud as readily as
two groups, and needs about 40 rows per cluster to mean anything, so on a data set of a few
dozen rows it can neither find groups nor rule them out. A *unimodality* test does not care
about skew: a lognormal or gamma cloud has one mode and passes, two groups fail. That is the
idea of dip-means (Kalogeratos & Likas 2012, after Hartigan & Hartigan's dip test, 1985).

The statistic (:func:`unimodality_statistic`) is the taut-string form of Hartigan's dip with a
single modal point: for each candidate mode ``m`` among the sorted values, the empirical CDF
left of ``m`` is compared with its greatest convex minorant and right of ``m`` with its least
concave majorant (a unimodal CDF is convex up to its mode and concave after it); the largest
gap is the cost of that mode, and the statistic is the smallest cost over all modes. It is not
numerically Hartigan's dip (no modal interval, no halving), so it has its own null
distribution: as for the dip, the least favourable unimodal law is the uniform, and the
p-value (:func:`unimodality_p`) comes from the table :data:`NULL_QUANTILES` of
``sqrt(n) · statistic`` simulated on uniform samples (:func:`simulate_null`, run once; the
table is checked against a fresh simulation by the tests).
"""

from __future__ import annotations

import numpy as np

__all__ = ["DIP_ALPHA", "DIP_MAX_ROWS", "DIP_MIN_ROWS", "DISTINCT_SHARE", "MULTIMODAL_ALPHA", "NULL_ALPHAS",
           "NULL_QUANTILES", "NULL_ROWS", "cluster_p", "multimodal_columns", "projection_p", "simulate_null",
           "split_axis_p", "split_projection", "unimodality_p", "unimodality_statistic"]


def _hull_gaps(x: np.ndarray, f: np.ndarray) -> np.ndarray:
    """``gaps[m]``: the largest height of the points ``0..m`` above their greatest convex minorant.

    The minorant of the prefix is kept incrementally (Andrew's monotone chain, lower hull), so
    the whole array costs one pass plus one interpolation per prefix.
    """
    n = len(x)
    gaps = np.zeros(n)
    hull: list[int] = []
    for m in range(n):
        while len(hull) >= 2:
            a, b = hull[-2], hull[-1]
            # drop b when it lies on or above the chord from a to m (not convex any more)
            if (f[b] - f[a]) * (x[m] - x[a]) >= (f[m] - f[a]) * (x[b] - x[a]):
                hull.pop()
            else:
                break
        hull.append(m)
        if m >= 2:
            vertices = np.array(hull)
            gaps[m] = float(np.max(f[: m + 1] - np.interp(x[: m + 1], x[vertices], f[vertices])))
    return gaps


def unimodality_statistic(values: np.ndarray) -> float:
    """The smallest, over candidate modes, of the CDF's largest departure from convex-then-concave.

    0 for a sample whose empirical CDF is exactly unimodal; of order ``1/sqrt(n)`` on a uniform
    sample; large (up to about 1/4) when the sample falls in well-separated groups.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    if n < 4 or x[-1] <= x[0]:
        return 0.0
    x = (x - x[0]) / (x[-1] - x[0])
    f = np.arange(1, n + 1) / n
    left = _hull_gaps(x, f)
    # right of the mode: the CDF's least concave majorant is the mirror image of a convex minorant
    right = _hull_gaps(-x[::-1], 1.0 - f[::-1] + 1.0 / n)[::-1]
    return float(np.min(np.maximum(left, right)))


NULL_ROWS = (8, 12, 20, 30, 50, 80, 120, 200, 400)
"""Sample sizes of the null table (between them the quantiles are interpolated in log n)."""

NULL_ALPHAS = (0.2, 0.1, 0.05, 0.01, 0.001)
"""Upper-tail probabilities of the null table."""

NULL_QUANTILES: tuple[tuple[float, ...], ...] = (
    (0.3487, 0.4252, 0.5029, 0.6284, 0.685),
    (0.468, 0.5345, 0.6042, 0.7251, 0.8609),
    (0.548, 0.617, 0.6741, 0.8156, 0.8937),
    (0.5998, 0.6737, 0.7337, 0.8673, 1.003),
    (0.6355, 0.7028, 0.7647, 0.8876, 0.9954),
    (0.6672, 0.737, 0.8013, 0.9084, 0.9912),
    (0.6886, 0.7533, 0.816, 0.9253, 1.0957),
    (0.6999, 0.7683, 0.8307, 0.9086, 1.1089),
    (0.719, 0.7828, 0.8431, 0.9502, 1.0475),
)
"""``sqrt(n) · statistic`` exceeded with probability ``NULL_ALPHAS[j]`` by a uniform sample of
``NULL_ROWS[i]`` rows (``simulate_null(2000, seed=0)``)."""


def simulate_null(replicates: int, seed: int = 0,
                  rows: tuple[int, ...] = NULL_ROWS) -> tuple[tuple[float, ...], ...]:
    """The null table: upper quantiles of ``sqrt(n) · statistic`` on uniform samples, per sample size in ``rows``."""
    rng = np.random.default_rng(seed)
    table = []
    for n in rows:
        draws = np.sqrt(n) * np.array([unimodality_statistic(rng.uniform(size=n)) for _ in range(replicates)])
        table.append(tuple(round(float(np.quantile(draws, 1 - a)), 4) for a in NULL_ALPHAS))
    return tuple(table)


def unimodality_p(values: np.ndarray) -> float:
    """An upper bound on the p-value of "unimodal" (the uniform null; coarse: one of :data:`NULL_ALPHAS`, or 1).

    Returns the smallest tabulated alpha whose critical value the sample's ``sqrt(n) · statistic``
    reaches (``1.0`` when it reaches none), so ``p ≤ 0.01`` means the sample is less unimodal
    than 99 % of uniform samples of its size.
    """
    n = len(values)
    if n < NULL_ROWS[0]:
        return 1.0
    scaled = np.sqrt(n) * unimodality_statistic(values)
    where = np.log(min(max(n, NULL_ROWS[0]), NULL_ROWS[-1]))
    logs = np.log(NULL_ROWS)
    p = 1.0
    for j, alpha in enumerate(NULL_ALPHAS):
        critical = float(np.interp(where, logs, [row[j] for row in NULL_QUANTILES]))
        if scaled >= critical:
            p = alpha
    return p


DIP_ALPHA = 0.01
"""A cluster counts as more than one group when its projection is less unimodal than this
share of uniform samples of its size."""

DIP_MIN_ROWS = 12
"""Clusters smaller than this are not tested (and count as one group)."""

DIP_MAX_ROWS = 400
"""A projection longer than this is tested on an evenly spaced subsample of its sorted values
(the statistic costs O(n²); the CDF's shape is kept)."""


def split_projection(rows: np.ndarray, random_state: int, min_rows: int) -> np.ndarray | None:
    """One cluster projected on the axis a 2-means split would cut it along; None when it cannot be split.

    Shared by G-means (is the projection Gaussian?) and the dip criterion (is it unimodal?): both
    ask whether the cluster is one group along the direction that would divide it.
    """
    from sklearn.cluster import KMeans

    if len(rows) < min_rows or len(np.unique(rows, axis=0)) < 2:
        return None
    halves = KMeans(n_clusters=2, n_init=1, random_state=random_state).fit(rows).cluster_centers_
    direction = halves[0] - halves[1]
    length = float(np.linalg.norm(direction))
    return rows @ (direction / length) if length > 0 else None


def split_axis_p(rows: np.ndarray, random_state: int) -> float:
    """The unimodality p-value of one cluster projected on the axis a 2-means split would cut it along."""
    projected = split_projection(rows, random_state, DIP_MIN_ROWS)
    return 1.0 if projected is None else projection_p(projected)


def projection_p(projected: np.ndarray) -> float:
    """The unimodality p-value of a projection, on at most :data:`DIP_MAX_ROWS` evenly spaced sorted values."""
    projected = np.sort(projected)
    if len(projected) > DIP_MAX_ROWS:
        projected = projected[np.linspace(0, len(projected) - 1, DIP_MAX_ROWS).round().astype(int)]
    return unimodality_p(projected)


MULTIMODAL_ALPHA = 0.001
"""A single column counts as holding groups when it is less unimodal than this share of
uniform samples of its size (the table's smallest alpha: it is tested once per column)."""

DISTINCT_SHARE = 0.9
"""Columns with fewer distinct values than this share of the rows are not tested one by one:
ties make a rounded or integer column's CDF a staircase, which the statistic reads as modes."""


def multimodal_columns(x: np.ndarray) -> tuple[int, ...]:
    """The columns of ``x`` that are, on their own, plainly not unimodal (p ≤ :data:`MULTIMODAL_ALPHA`).

    Why: when groups differ in only some columns, the others add noise of the same weight to
    every distance once the columns are standardised, and the structure test against a uniform
    box in all columns loses its power; a column in which the groups stand apart is multimodal
    by itself. Columns with ties (see :data:`DISTINCT_SHARE`) or fewer than
    :data:`~pipeline_lib.clusters.dip.NULL_ROWS`\\ [0] rows are never counted.
    """
    rows = len(x)
    found = []
    for j in range(x.shape[1]):
        column = x[:, j]
        if rows < NULL_ROWS[0] or len(np.unique(column)) < DISTINCT_SHARE * rows:
            continue
        if unimodality_p(column) <= MULTIMODAL_ALPHA:
            found.append(j)
    return tuple(found)


def cluster_p(rows: np.ndarray, random_state: int) -> float:
    """The dip criterion's p-value for one cluster: its split axis, unless one of its columns is plainly multimodal.

    Why: the split axis comes from one 2-means fit, and with three or more groups it can lay
    them over one another (a kite of four groups whose neighbours differ in one column each
    projects onto one hump), so a cluster of several groups passes as one mode. A column is
    another projection; one that is multimodal on its own at :data:`MULTIMODAL_ALPHA` (ten times
    stricter than :data:`DIP_ALPHA`, as several columns are tried) means the cluster is not one
    group, and the cluster gets that p.
    """
    p = split_axis_p(rows, random_state)
    if p > MULTIMODAL_ALPHA and len(rows) >= DIP_MIN_ROWS and multimodal_columns(rows):
        return MULTIMODAL_ALPHA
    return p
