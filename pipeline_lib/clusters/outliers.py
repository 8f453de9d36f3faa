"""Clusters of a few rows in a claimed partition: outlying rows, not groups.

Why: every criterion pays for isolating a handful of far rows as readily as for a group (the
within-cluster sum of squares drops just as much), so a skewed cloud with a few extreme cases
gets a k whose partition holds a "cluster" of three rows. Measured on the seen benchmark parts
(``benchmarks/k_partition_sizes.py``): every claim whose smallest cluster held under 3 % of
the rows was wrong (7 of 7: a miscoded weight in Davis, GAGurine and Transact's extreme
cases, raw Ionosphere, raw shapes), while the right claims' smallest clusters held 5 % or
more (blobs of unequal sizes). :func:`pipeline_lib.clusters.estimate.estimate_k` sets such
rows aside and judges the rest again.
"""

from __future__ import annotations

import numpy as np

from pipeline_lib.clusters.evidence import AD_MIN_ROWS

__all__ = ["OUTLIER_ROWS", "OUTLIER_SHARE", "outlier_note", "outlier_rows"]

OUTLIER_SHARE = 0.02
"""A cluster under this share of the rows can be outlying rows (both this and :data:`OUTLIER_ROWS`
must hold). Chosen on the seen parts: the wrong claims' tiny clusters held 0.5-1.3 % of the rows,
the right claims' smallest 5 %; 2 % keeps a margin below the right ones."""

OUTLIER_ROWS = AD_MIN_ROWS
"""A cluster of fewer rows than this can be outlying rows: too few for the Anderson–Darling test
G-means applies to each cluster, so no criterion can test it as a group (and a share alone would
call a group of 15,000 rows in a million outliers)."""


def _tiny(sizes: np.ndarray, rows: int) -> np.ndarray:
    return (sizes > 0) & (sizes < OUTLIER_ROWS) & (sizes < OUTLIER_SHARE * rows)


def outlier_rows(labels: np.ndarray) -> tuple[int, ...]:
    """Indices of the rows whose cluster (in ``labels``) is too small to be a group, in row order."""
    labels = np.asarray(labels)
    tiny = _tiny(np.bincount(labels), len(labels))
    return tuple(int(i) for i in np.flatnonzero(tiny[labels]))


def outlier_note(k: int, sizes: tuple[int, ...], rows: np.ndarray, total: int) -> str:
    """The reason that says which rows (indices into all ``total`` rows) were set aside and why.

    ``sizes`` are the claimed partition's cluster sizes; row numbers are shown counting data rows from 1.
    """
    shown = ", ".join(str(int(i) + 1) for i in rows[:10]) + (", …" if len(rows) > 10 else "")
    counts = np.asarray(sizes)
    small = sorted(int(s) for s in counts[_tiny(counts, int(counts.sum()))])
    return (f"k={k} isolates {len(rows)} of {total:,} rows ({len(rows) / total:.1%}) in clusters of "
            f"{', '.join(map(str, small))} rows (data rows {shown}, counting from 1): too few rows and too small "
            f"a share to be groups (under {OUTLIER_ROWS} rows and {OUTLIER_SHARE:.0%}), so they were set aside as "
            f"outliers and the other rows judged again")
