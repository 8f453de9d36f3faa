"""What :func:`pipeline_lib.clusters.estimate_k` returns: the k (or none) and the evidence behind it.

Kept apart from the estimator so the verdict's shape (and its JSON form, which ``mlops clusters
--json`` prints and ``run.kmeans`` keeps) can be read without the estimator's machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["KEstimate"]


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
        votes: each criterion's k (``None``: it names none, or abstains at the sweep's edge).
        k_searched: the largest k of the final sweep (``k_max``, or more once extended).
        non_convex: the data form separate groups KMeans cannot separate (rings, crescents).
        structured: the structure test found the data split better than uniform noise (with
            or without a k: the criteria may still disagree on it).
        standardised: the verdict was reached on standardised columns, because the data as given
            showed no k and their columns are on very different scales (step 7).
        outliers: indices (from 0) of the rows that the fit at ``k`` put in clusters too small to be
            groups (step 9): most likely outlying rows that ``k`` counts as clusters.
        columns: indices (from 0) of the columns the k was found in, when all columns together showed
            none and only these are multimodal on their own (step 8); empty: all columns.
    """

    k: int | None
    confidence: float
    reasons: tuple[str, ...]
    scores: dict[str, dict[int, float]]
    seconds: float
    rows: int = 0
    sampled_rows: int = 0
    sizes: tuple[int, ...] = field(default=())
    votes: dict[str, int | None] = field(default_factory=dict)
    k_searched: int = 0
    non_convex: bool = False
    structured: bool = False
    standardised: bool = False
    outliers: tuple[int, ...] = field(default=())
    columns: tuple[int, ...] = field(default=())

    @property
    def column_names(self) -> str:
        """:attr:`columns` as people count them (from 1), for reasons, warnings and plot titles."""
        return ", ".join(str(j + 1) for j in self.columns)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (score keys become strings, as JSON requires)."""
        return {"k": self.k, "confidence": round(self.confidence, 4), "reasons": list(self.reasons),
                "seconds": round(self.seconds, 3), "rows": self.rows, "sampled_rows": self.sampled_rows,
                "sizes": list(self.sizes), "votes": dict(self.votes), "k_searched": self.k_searched,
                "non_convex": self.non_convex, "standardised": self.standardised,
                "outliers": list(self.outliers), "columns": list(self.columns),
                "scores": {name: {str(k): v for k, v in per_k.items()} for name, per_k in self.scores.items()}}
