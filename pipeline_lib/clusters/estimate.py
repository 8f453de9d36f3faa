"""One honest k for KMeans: combine the criteria, and say so when there are no clusters.

How the verdict is reached (:func:`estimate_k`):

1. Sweep k = 1..k_max with KMeans on (a sample of) the data and on uniform references
   (:mod:`pipeline_lib.clusters.sweep`).
2. :class:`~pipeline_lib.clusters.evidence.StructureTest` decides whether the data have any
   cluster structure. If not, k is ``None`` ("no clear cluster structure") whatever the
   other criteria say: each of them always names some k, even on uniform noise.
3. Otherwise the criteria vote (:data:`CRITERIA`, weights in their classes: the gap
   statistic and BIC, the two that compare against a model of "no more clusters", count
   double). Votes for k = 1 cannot win once structure was found; ties go to the criterion
   listed first. A k that fewer than :data:`MIN_VOTERS` criteria name is not a clear
   structure either: the answer is ``None``, and the reasons list what each criterion said.
4. The chosen k is fitted once on *all* rows (warm-started from the sample's centres) so the
   reported cluster sizes describe the whole data set.

``confidence`` (0..1) is a score, not a probability. With a k: the share of the voting
weight that chose this k, scaled down linearly while the structure effect is below
:data:`EFFECT_CLEAR` (overlapping blobs that only just pass the structure test get a low
confidence even when every criterion agrees). Without a k: 1.0 when the data split no
better than uniform noise, falling to 0.5 as the effect approaches the detection threshold
(and 0.5 when a large effect was refused only because it had no peak below k_max, or
because only one criterion named the winning k).
Overlapping blobs are therefore reported as a k with a lower confidence while their split
still beats the noise reference clearly, and as ``None`` once they merge into one unimodal
cloud (two equal Gaussians closer than about two standard deviations).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipeline_lib.clusters.evidence import (
    EFFECT_MIN,
    Bic,
    CalinskiHarabasz,
    Criterion,
    GapStatistic,
    KVote,
    Silhouette,
    StructureTest,
    WcssKnee,
)
from pipeline_lib.clusters.io import check_matrix
from pipeline_lib.clusters.sweep import Sweep, run_sweep
from pipeline_lib.errors import UserInputError

__all__ = ["CRITERIA", "EFFECT_CLEAR", "MIN_VOTERS", "KEstimate", "estimate_k"]

CRITERIA: tuple[Criterion, ...] = (GapStatistic(), Bic(), CalinskiHarabasz(), WcssKnee(), Silhouette())
"""The voting criteria, in tie-break order."""

EFFECT_CLEAR = 0.3
"""Structure effect from which a k gets full confidence (see the module docstring)."""

MIN_VOTERS = 2
"""Criteria that must name the winning k. On the benchmark grid a k named by one criterion
alone (always the gap statistic) was wrong every time (3 of 432 blob sets) and was the only
way a structureless set got a k (a lognormal cloud, k=13); see ``benchmarks/RESULTS.md``."""

_STRUCTURE = StructureTest()


@dataclass(frozen=True)
class KEstimate:
    """The estimated number of clusters and the evidence behind it.

    Attributes:
        k: the number of clusters, or ``None`` for "no clear cluster structure".
        confidence: 0..1, see the module docstring for its exact meaning.
        reasons: one sentence per piece of evidence, the verdict's first.
        scores: per criterion, its score per k (``structure`` holds the effect per k).
        seconds: wall time of the whole analysis.
        rows: rows in the data set.
        sampled_rows: rows the k sweep looked at (all rows, or a random sample).
        sizes: rows per cluster in the full fit at ``k`` (empty when k is ``None``).
    """

    k: int | None
    confidence: float
    reasons: tuple[str, ...]
    scores: dict[str, dict[int, float]]
    seconds: float
    rows: int = 0
    sampled_rows: int = 0
    sizes: tuple[int, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (score keys become strings, as JSON requires)."""
        return {"k": self.k, "confidence": round(self.confidence, 4), "reasons": list(self.reasons),
                "seconds": round(self.seconds, 3), "rows": self.rows, "sampled_rows": self.sampled_rows,
                "sizes": list(self.sizes),
                "scores": {name: {str(k): v for k, v in per_k.items()} for name, per_k in self.scores.items()}}


def _vote(verdicts: Sequence[KVote], weights: Sequence[float]) -> tuple[int, float]:
    """The winning k ≥ 2 and the share of all voting weight that chose it."""
    tally: dict[int, float] = {}
    for verdict, weight in zip(verdicts, weights, strict=True):
        if verdict.k is not None and verdict.k >= 2:
            tally[verdict.k] = tally.get(verdict.k, 0.0) + weight
    if not tally:
        raise AssertionError("structure was found, so the gap statistic votes for some k ≥ 2")
    first_seen = {k: i for i, k in reversed(list(enumerate(v.k for v in verdicts)))}
    winner = max(tally, key=lambda k: (tally[k], -first_seen[k]))
    return winner, tally[winner] / sum(weights)


def _full_fit(x: np.ndarray, sweep: Sweep, k: int, random_state: int) -> tuple[tuple[int, ...], str]:
    """Fit k on all rows (from the sample's centres) and describe the cluster sizes."""
    if len(x) == len(sweep.x):
        labels = sweep.labels[k]
        where = f"all {len(x):,} rows"
    else:
        from sklearn.cluster import KMeans

        model = KMeans(n_clusters=k, init=sweep.centers[k], n_init=1, random_state=random_state).fit(x)
        labels = model.labels_
        where = f"a full KMeans fit on all {len(x):,} rows (the sweep used {len(sweep.x):,} sampled rows)"
    sizes = tuple(sorted((int(s) for s in np.bincount(labels, minlength=k)), reverse=True))
    return sizes, f"{where}: {k} clusters of {', '.join(f'{s:,}' for s in sizes)} rows"


def estimate_k(x: np.ndarray, k_max: int = 15, random_state: int = 0) -> KEstimate:
    """Estimate the number of KMeans clusters in ``x``, or say there is no clear structure.

    Args:
        x: the data, ``(n_samples, n_features)``, finite numbers.
        k_max: the largest k considered (also capped at rows / 4 and at the distinct rows).
        random_state: seeds the sample, the references and every KMeans fit.

    Returns:
        The verdict with its confidence, reasons and per-criterion scores.

    Raises:
        UserInputError: ``x`` is not a finite 2-D numeric matrix, or ``k_max`` < 2.
    """
    started = time.perf_counter()
    if k_max < 2:
        raise UserInputError(f"k_max={k_max}: at least 2 is needed to tell clusters from no clusters",
                             hint="pass --k-max 2 or more (default 15).")
    data = check_matrix(np.asarray(x))
    sweep = run_sweep(data, k_max, random_state)
    structure = _STRUCTURE.judge(sweep)
    verdicts = [criterion.judge(sweep) for criterion in CRITERIA]
    scores = {v.criterion: v.scores for v in (structure, *verdicts)}
    effect = max(structure.scores.values(), default=0.0)
    if structure.k is None:
        confidence = 1.0 - 0.5 * min(max(effect, 0.0) / EFFECT_MIN, 1.0)
        reasons = (structure.reason, *(v.reason for v in verdicts))
        return KEstimate(None, confidence, reasons, scores, time.perf_counter() - started, len(data), len(sweep.x))
    k, agreement = _vote(verdicts, [c.weight for c in CRITERIA])
    confidence = agreement * min(effect / EFFECT_CLEAR, 1.0)
    sizes, fit_reason = _full_fit(data, sweep, k, random_state)
    voters = [c.name for c, v in zip(CRITERIA, verdicts, strict=True) if v.k == k]
    if len(voters) < MIN_VOTERS:
        named = ", ".join(f"{v.criterion} k={v.k}" for v in verdicts)
        headline = (f"no clear cluster structure: the data split better than uniform noise, but only "
                    f"{' and '.join(voters)} names k={k} and the criteria disagree ({named})")
        reasons = (headline, structure.reason, *(v.reason for v in verdicts))
        return KEstimate(None, 0.5, reasons, scores, time.perf_counter() - started, len(data), len(sweep.x))
    headline = f"k={k}: chosen by {', '.join(voters)} ({agreement:.0%} of the voting weight)"
    reasons = (headline, structure.reason, *(v.reason for v in verdicts), fit_reason)
    return KEstimate(k, confidence, reasons, scores, time.perf_counter() - started, len(data), len(sweep.x), sizes)
