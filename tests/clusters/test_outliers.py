"""Clusters of a few rows are outlying rows: set aside, and the rest judged again (real scikit-learn)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline_lib.clusters import estimate_k
from pipeline_lib.clusters.outliers import OUTLIER_ROWS, OUTLIER_SHARE, outlier_note, outlier_rows
from tests.clusters.test_estimate import blobs, triangle


def test_only_clusters_both_few_and_a_small_share_are_outliers() -> None:
    labels = np.repeat([0, 1, 2], [297, 2, 1])  # 2 and 1 rows of 300: under 25 rows and under 2 %
    assert outlier_rows(labels) == (297, 298, 299)
    assert outlier_rows(np.repeat([0, 1], [180, 20])) == ()  # 20 rows are 10 % of 200: a small group
    assert outlier_rows(np.repeat([0, 1], [4970, 30])) == ()  # 0.6 %, but 30 rows: enough to test as a group
    assert OUTLIER_ROWS == 25 and OUTLIER_SHARE == 0.02


def test_the_note_names_the_rows_from_one_and_the_sizes() -> None:
    note = outlier_note(5, (100, 100, 97, 2, 1), np.array([10, 250, 299]), 300)
    assert note.startswith("k=5 isolates 3 of 300 rows (1.0%) in clusters of 1, 2 rows (data rows 11, 251, 300,")


def _with_far_rows(seed: int, far: float = 20.0) -> np.ndarray:
    """Three clear blobs (300 rows) and, as the last 3 rows, three single rows far outside them."""
    centre = triangle(8.0).mean(axis=0)
    far_rows = centre + np.array([[far, 0.0], [-far, far / 2], [0.0, -far]])
    return np.vstack([blobs(triangle(8.0), seed=seed), far_rows])


@pytest.mark.parametrize("seed", [0, 1])
def test_blobs_with_a_few_far_rows_get_the_blobs_k_and_name_the_rows(seed: int) -> None:
    # Before the rows were set aside, each far row was paid for as a cluster of its own (k=6).
    estimate = estimate_k(_with_far_rows(seed))
    assert estimate.k == 3, estimate.reasons
    assert estimate.outliers == (300, 301, 302)
    assert estimate.reasons[0].endswith("— on the other 300 rows, 3 outlying rows set aside")
    assert "data rows 301, 302, 303, counting from 1" in estimate.reasons[1]
    assert sum(estimate.sizes) == 300 and estimate.rows == 303
    assert json.loads(json.dumps(estimate.to_dict()))["outliers"] == [300, 301, 302]


def test_data_without_tiny_clusters_set_nothing_aside() -> None:
    estimate = estimate_k(blobs(triangle(8.0)))
    assert estimate.k == 3 and estimate.outliers == (), estimate.reasons
    assert not any("outlying rows" in reason for reason in estimate.reasons)
