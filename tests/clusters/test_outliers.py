"""Clusters of a few rows in the chosen partition are named as likely outlying rows (real scikit-learn)."""

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
    labels = np.zeros(300, dtype=int)
    labels[100:200], labels[200:297] = 1, 2
    labels[[10, 250]], labels[299] = 3, 4  # clusters of 2 and 1 rows: data rows 11, 251 and 300
    note = outlier_note(5, labels)
    assert note.startswith("k=5 isolates 3 of 300 rows (1.0%) in clusters of 1, 2 rows (data rows 11, 251, 300,")


def _with_far_rows(seed: int, far: float = 20.0) -> np.ndarray:
    """Three clear blobs (300 rows) and, as the last 3 rows, three single rows far outside them."""
    centre = triangle(8.0).mean(axis=0)
    far_rows = centre + np.array([[far, 0.0], [-far, far / 2], [0.0, -far]])
    return np.vstack([blobs(triangle(8.0), seed=seed), far_rows])


@pytest.mark.parametrize("seed", [0, 1])
def test_far_rows_counted_as_clusters_are_named_with_what_to_do(seed: int) -> None:
    # The criteria pay for each far row as a cluster of its own; the k is not changed (setting the
    # rows aside changed no held-out answer), but the verdict names them and says what to do.
    estimate = estimate_k(_with_far_rows(seed))
    assert estimate.outliers == (300, 301, 302), estimate.reasons
    assert sorted(estimate.sizes)[:3] == [1, 1, 1] and sum(estimate.sizes) == 303
    note = estimate.reasons[-1]
    assert note.startswith(f"k={estimate.k} isolates 3 of 303 rows (1.0%) in clusters of 1, 1, 1 rows")
    assert "data rows 301, 302, 303, counting from 1" in note and "drop them and run again" in note
    assert json.loads(json.dumps(estimate.to_dict()))["outliers"] == [300, 301, 302]


def test_data_without_tiny_clusters_name_no_rows() -> None:
    estimate = estimate_k(blobs(triangle(8.0)))
    assert estimate.k == 3 and estimate.outliers == (), estimate.reasons
    assert not any("outlying rows" in reason for reason in estimate.reasons)
