"""The pieces of evidence about k: one small class per criterion behind :class:`Criterion`.

Each criterion reads the shared :class:`~pipeline_lib.clusters.sweep.Sweep` and returns a
:class:`KVote` (its k, its score per k, one sentence saying why). A new criterion is one
new class; :mod:`pipeline_lib.clusters.estimate` combines them.

Measured alone on the benchmark grid (``benchmarks/k_accuracy.py``), the criteria fail in
different places, which is why they vote: the silhouette prefers two super-groups when
blobs sit in pairs, the WCSS knee drifts low when k is large, Calinski–Harabasz and BIC
overshoot on non-Gaussian shapes, the gap statistic needs its references to be fair.
None of them can say "no clusters" (silhouette and Calinski–Harabasz are not even defined
for k = 1): that is the job of :class:`StructureTest`.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from pipeline_lib.clusters.dip import DIP_ALPHA, DIP_MIN_ROWS, cluster_p, split_projection
from pipeline_lib.clusters.knee import elbow_k, silhouette
from pipeline_lib.clusters.sweep import Sweep

__all__ = [
    "EFFECT_MIN",
    "GMEANS_ROWS_PER_K",
    "SILHOUETTE_ROWS",
    "Z_MIN",
    "Bic",
    "CalinskiHarabasz",
    "Criterion",
    "DIP_ROWS",
    "DipMeans",
    "GMeans",
    "GapStatistic",
    "KVote",
    "Silhouette",
    "StructureTest",
    "WcssKnee",
    "anderson_darling",
    "dip_votes",
    "near_top",
]

EFFECT_MIN = 0.08
"""Smallest structure effect (log WCSS ratio against the uniform reference) taken as real."""

Z_MIN = 4.0
"""...and it must also stand this many reference standard deviations above zero."""

SILHOUETTE_ROWS = 2000
"""The silhouette costs O(rows²): it is computed on at most this many rows of the sweep."""

AD_CRITICAL = 1.8692
"""Anderson–Darling critical value (statistic corrected for estimated mean and variance) at
significance 0.0001, the level G-means uses (Hamerly & Elkan 2003): a cluster is split only
when it is very unlikely to be one Gaussian."""

AD_MIN_ROWS = 25
"""A cluster smaller than this is not tested: the test has no power there."""

GMEANS_ROWS_PER_K = 40
"""G-means scans k only while the clusters average this many rows: on smaller ones the test
passes almost anything (a lognormal cloud cut in 13 pieces of 38 rows "looks Gaussian")."""


def near_top(k: int, top: int) -> bool:
    """Whether ``k`` is at (or, for sweeps past k=5, next to) the top of a sweep ending at ``top``.

    Why: criteria that keep improving with k (BIC, the gap statistic, Calinski–Harabasz on
    elongated, skewed or non-convex data) land there; a k at the edge of the search is a
    symptom of that, not an answer. Very short sweeps (k_max 2) have no edge to speak of.
    """
    if top < 3:
        return False
    return k >= (top - 1 if top >= 6 else top)


@dataclass(frozen=True)
class KVote:
    """What one criterion concluded.

    Attributes:
        criterion: the criterion's name (the key of its scores in the estimate).
        k: the k it points at; ``None`` when it sees no cluster structure.
        scores: its score per k (higher or lower is better depending on the criterion).
        reason: one sentence a person can check against the scores.
    """

    criterion: str
    k: int | None
    scores: dict[int, float]
    reason: str


class Criterion(ABC):
    """One criterion: reads the sweep, names a k, and says why."""

    name: ClassVar[str]
    weight: ClassVar[float] = 1.0
    """Votes this criterion casts in the combined estimate."""
    modelled: ClassVar[bool] = False
    """Whether it weighs k against a model of "no more clusters" (a reference, a likelihood, a
    normality test) and so can stop; the knee, the silhouette and Calinski–Harabasz name some
    k ≥ 2 on any data, skewed noise too."""

    @abstractmethod
    def judge(self, sweep: Sweep) -> KVote:
        """The criterion's k for the swept data, its scores per k and its reason."""


def _peak(scores: dict[int, float]) -> int:
    """The k of the highest score (the smallest such k on ties)."""
    return max(scores, key=lambda k: (scores[k], -k))


class WcssKnee(Criterion):
    """The knee of the log-WCSS curve: where more clusters stop paying off.

    The rule is :func:`pipeline_lib.clusters.knee.elbow_k` (parameter-free, on log WCSS).
    """

    name = "wcss"

    def judge(self, sweep: Sweep) -> KVote:
        k = elbow_k([(k, sweep.inertia[k]) for k in sweep.ks])
        return KVote(self.name, k, dict(sweep.inertia), f"the log-WCSS curve bends most at k={k}")


class Silhouette(Criterion):
    """The k whose partition has the highest mean silhouette (Rousseeuw 1987)."""

    name = "silhouette"

    def judge(self, sweep: Sweep) -> KVote:
        scores = {k: silhouette(sweep.x, sweep.labels[k], SILHOUETTE_ROWS) for k in sweep.ks if k >= 2}
        if not scores:
            return KVote(self.name, None, {}, "the silhouette needs k ≥ 2, which these few rows do not allow")
        k = _peak(scores)
        return KVote(self.name, k, scores, f"silhouette peaks at k={k} ({scores[k]:.2f})")


class CalinskiHarabasz(Criterion):
    """The k with the highest between/within variance ratio (Caliński & Harabasz 1974)."""

    name = "calinski_harabasz"

    def judge(self, sweep: Sweep) -> KVote:
        # Closed form from the sweep: B/W · (n-k)/(k-1), with B = WCSS(1) - WCSS(k).
        n = len(sweep.x)
        total = sweep.inertia[1]
        scores = {k: (total - sweep.inertia[k]) / max(sweep.inertia[k], 1e-300) * (n - k) / (k - 1)
                  for k in sweep.ks if 2 <= k < n}
        if not scores:
            return KVote(self.name, None, {}, "Calinski–Harabasz needs k ≥ 2, which these few rows do not allow")
        k = _peak(scores)
        return KVote(self.name, k, scores, f"Calinski–Harabasz peaks at k={k} ({scores[k]:.1f})")


class GapStatistic(Criterion):
    """The gap statistic (Tibshirani, Walther & Hastie 2001), global-maximum rule.

    ``gap(k) = mean(log WCSS of the references) - log WCSS of the data``. We take the k of
    the largest gap (R ``cluster::maxSE`` method "globalmax") rather than the original
    "first k within one standard error": on the benchmark grid the first-SE rule stops
    early on data with many clusters and is right less often.
    """

    name = "gap"
    weight = 2.0
    modelled = True

    def judge(self, sweep: Sweep) -> KVote:
        gaps = sweep.reference_log_inertia.mean(axis=0) - sweep.log_inertia()
        scores = {k: float(g) for k, g in zip(sweep.ks, gaps, strict=True)}
        k = _peak(scores)
        return KVote(self.name, k, scores, f"the gap statistic peaks at k={k} ({scores[k]:.2f})")


class Bic(Criterion):
    """BIC of the KMeans partition as a spherical Gaussian mixture (Pelleg & Moore 2000, X-means).

    Log-likelihood with one shared variance ``WCSS / (n·d)`` and mixing weights from the
    cluster sizes; the penalty counts ``k·d`` centre coordinates, ``k-1`` weights and the
    variance. It models blobs directly, which is why it is right on nearly every grid set
    whose centres are at least three standard deviations apart.
    """

    name = "bic"
    weight = 2.0
    modelled = True

    def judge(self, sweep: Sweep) -> KVote:
        n, d = sweep.x.shape
        scores: dict[int, float] = {}
        for k in sweep.ks:
            variance = max(sweep.inertia[k] / (n * d), 1e-300)
            sizes = np.bincount(sweep.labels[k], minlength=k)
            sizes = sizes[sizes > 0]
            log_likelihood = (float((sizes * np.log(sizes / n)).sum())
                              - n * d / 2 * (math.log(2 * math.pi * variance) + 1))
            parameters = (k - 1) + k * d + 1
            scores[k] = log_likelihood - parameters / 2 * math.log(n)
        k = _peak(scores)
        return KVote(self.name, k, scores, f"the spherical-Gaussian BIC peaks at k={k}")


def anderson_darling(values: np.ndarray) -> float:
    """Anderson–Darling statistic for normality with estimated mean and variance, corrected for
    sample size (Stephens 1974: ``A²·(1 + 4/n - 25/n²)``), as G-means uses it."""
    from scipy.special import log_ndtr

    n = len(values)
    spread = float(values.std(ddof=1))
    if n < 3 or spread <= 0:
        return 0.0
    z = np.sort((values - values.mean()) / spread)
    i = np.arange(1, n + 1)
    a2 = -n - float(np.sum((2 * i - 1) * (log_ndtr(z) + log_ndtr(-z[::-1])))) / n
    return a2 * (1 + 4 / n - 25 / n**2)


def _split_statistic(rows: np.ndarray, random_state: int) -> float:
    """How un-Gaussian one cluster is along the direction a 2-means split would cut it."""
    projected = split_projection(rows, random_state, AD_MIN_ROWS)
    return anderson_darling(projected) if projected is not None else 0.0


class GMeans(Criterion):
    """The smallest k whose KMeans clusters each look like one Gaussian (G-means, Hamerly & Elkan 2003).

    Each cluster of the sweep's partition at k is projected on the line along which a 2-means
    split would cut it, and that projection is tested for normality (Anderson–Darling, α =
    0.0001). Why it helps: the test is affine-invariant along the cut, so an elongated
    (sheared) or wide Gaussian blob passes as one cluster, where the variance-based criteria
    (gap, BIC, Calinski–Harabasz) keep paying for chopping it. Non-Gaussian shapes (moons,
    rings, skewed clouds) fail until they are cut into small pieces, which the vote and the
    structure test then have to weigh. The score per k is the largest statistic of its clusters
    (lower is more Gaussian); k is scanned upwards and the scan stops at the first k that passes.
    """

    name = "gmeans"
    weight = 1.0
    modelled = True
    """One vote, not two like gap and BIC: at α = 0.0001 the test stops early where blobs touch
    (two of them pass as one Gaussian), so alone against gap and BIC it should not win."""

    def judge(self, sweep: Sweep) -> KVote:
        from threadpoolctl import threadpool_limits

        scores: dict[int, float] = {}
        with threadpool_limits(limits=1):
            for k in (k for k in sweep.ks if k * GMEANS_ROWS_PER_K <= len(sweep.x)):
                labels = sweep.labels[k]
                scores[k] = max(_split_statistic(sweep.x[labels == j], k) for j in range(k))
                if scores[k] < AD_CRITICAL:
                    how = "one Gaussian" if k == 1 else f"{k} Gaussian clusters"
                    return KVote(self.name, k, scores,
                                 f"G-means: at k={k} the data look like {how} (largest Anderson–Darling "
                                 f"statistic {scores[k]:.2f} < {AD_CRITICAL})")
        last = max(scores, default=1)
        return KVote(self.name, None, scores, f"G-means: no k up to {last} leaves every cluster Gaussian (k is "
                                              f"scanned while clusters average ≥ {GMEANS_ROWS_PER_K} rows)")


DIP_ROWS = 5 * GMEANS_ROWS_PER_K
"""The dip criterion votes only below this many rows: where G-means can test no k above 4 (none
at all below 80 rows) and the sweep is capped by the rows, so the edge rule cannot be helped by
extending it. Above it G-means has the rows, and the blob grid (500 rows) is left as it was.
Chosen on the tuning material: 200 rather than 80 (where G-means cannot test k = 2) turned 4
structureless clouds of 100-150 rows with a k into none and got 7 more of 48 small blob sets
right, and changed no real tuning set."""


def dip_votes(sweep: Sweep) -> bool:
    """Whether :class:`DipMeans` takes part for this sweep (small data only, see :data:`DIP_ROWS`)."""
    return len(sweep.x) < DIP_ROWS


class DipMeans(Criterion):
    """The smallest k whose KMeans clusters each look unimodal (dip-means' idea, Kalogeratos & Likas 2012).

    Like :class:`GMeans`, each cluster at k is projected on the axis a 2-means split would cut it
    along; unlike it, the projection is tested for *unimodality*
    (:func:`pipeline_lib.clusters.dip.unimodality_p`, α = :data:`~pipeline_lib.clusters.dip.DIP_ALPHA`),
    and so is each of its columns, at a stricter α (:func:`~pipeline_lib.clusters.dip.cluster_p`: one
    2-means axis can lay three or more groups over one another). Skew does not fail unimodality,
    and the test means something from a dozen rows per cluster. So on a small data set it can
    tell groups (multimodal at k = 1) from a skewed or heavy-tailed cloud (one mode: k = 1),
    where G-means has no rows to test with. The score per k is the smallest p-value of its
    clusters; k = 1 is a vote for one group.
    """

    name = "dip"
    weight = 1.0
    modelled = True

    def judge(self, sweep: Sweep) -> KVote:
        from threadpoolctl import threadpool_limits

        if not dip_votes(sweep):
            return KVote(self.name, None, {}, f"dip test: not used on {len(sweep.x):,} rows (only below {DIP_ROWS}, "
                                              f"where G-means has too few rows)")
        scores: dict[int, float] = {}
        with threadpool_limits(limits=1):
            for k in sweep.ks:
                labels = sweep.labels[k]
                scores[k] = min(cluster_p(sweep.x[labels == j], k) for j in range(k))
                if scores[k] > DIP_ALPHA:
                    how = "one unimodal group" if k == 1 else f"{k} unimodal clusters"
                    return KVote(self.name, k, scores,
                                 f"dip test: at k={k} the data look like {how} (smallest unimodality p "
                                 f"{scores[k]:.2g} > {DIP_ALPHA}; clusters under {DIP_MIN_ROWS} rows untested)")
        return KVote(self.name, None, scores, f"dip test: no k up to {max(sweep.ks)} leaves every cluster "
                                              f"unimodal")


class StructureTest(Criterion):
    """Is there any cluster structure at all? (it answers for k = 1, which the others cannot).

    For each k ≥ 2 the *effect* is how much further the data's WCSS falls from k = 1 than
    uniform noise in the data's own principal-axis box does, in log units:
    ``effect(k) = mean_b[log W*_b(k) - log W*_b(1)] - [log W(k) - log W(1)]``, which equals
    ``gap(k) - gap(1)``. Uniform noise gives ≈ 0; a single Gaussian or a ball gives ≤ 0 up
    to sampling noise (it splits worse than a box); separated blobs give ≫ 0.

    Structure is claimed only when both hold:

    * the largest effect is at least :data:`EFFECT_MIN`, so big samples do not call a
      negligible difference structure;
    * it is at least :data:`Z_MIN` reference standard deviations, so small samples do not
      call noise structure (both thresholds were set on noise; the measurements are in
      ``benchmarks/RESULTS.md``, "Choosing k for KMeans").

    Whether the effect *peaks* before the largest k searched is judged by the estimator
    (:mod:`pipeline_lib.clusters.estimate`), after it extended the sweep: blobs stop paying off
    after their true k; skewed or heavy-tailed clouds keep paying off as KMeans chops their tails.

    The verdict's k is the k of the largest effect, or ``None``.
    """

    name = "structure"
    weight = 0.0

    def judge(self, sweep: Sweep) -> KVote:
        reference = sweep.reference_log_inertia
        reference_drop = reference - reference[:, :1]
        data_drop = sweep.log_inertia() - sweep.log_inertia()[0]
        effect = reference_drop.mean(axis=0) - data_drop
        spread = reference_drop.std(axis=0, ddof=1) if len(reference) > 1 else np.zeros_like(effect)
        scores = {k: float(e) for k, e in zip(sweep.ks[1:], effect[1:], strict=True)}
        if not scores:
            return KVote(self.name, None, {}, "too few rows to test for cluster structure "
                                                "(k ≥ 2 needs at least 8 distinct rows)")
        k = _peak(scores)
        z = scores[k] / max(float(spread[sweep.ks.index(k)]), 1e-12)
        split = (f"the best split (k={k}) lowers log WCSS {scores[k]:.2f} more than uniform noise in the data's "
                 f"box does ({z:.1f} reference SDs; structure needs ≥ {EFFECT_MIN} and ≥ {Z_MIN:g} SDs)")
        if scores[k] < EFFECT_MIN or z < Z_MIN:
            return KVote(self.name, None, scores, f"no clear cluster structure: {split}")
        return KVote(self.name, k, scores, split)
