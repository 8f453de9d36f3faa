"""The WCSS curve and the elbow plot (and the knee rule on real curves), on real scikit-learn and matplotlib."""

from __future__ import annotations

import itertools
import struct
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import make_blobs

from pipeline_lib.clusters.knee import elbow_k
from pipeline_lib.errors import UserInputError
from pipeline_lib.runtime.elbow import plot_elbow, wcss_curve


@pytest.mark.parametrize("k", [3, 4, 5])
def test_blobs_with_a_known_k_give_that_k(k: int) -> None:
    # Measured: 9/10 seeds right for each of k=3, 4, 5 (27/30). The miss, seed 5, draws two
    # centres about one standard deviation apart, so the data really shows k-1 clusters.
    hits = []
    for seed in range(10):
        x, _ = make_blobs(n_samples=150, centers=k, cluster_std=0.5, random_state=seed)
        hits.append(elbow_k(wcss_curve(x)) == k)
    assert sum(hits) >= 9, f"k={k}: right for seeds {[s for s, h in enumerate(hits) if h]}"


def test_curve_is_inertia_for_each_k_and_capped_at_the_sample_count() -> None:
    x = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 10.0], [10.0, 12.0], [30.0, 0.0]])
    curve = wcss_curve(x, k_max=10)
    assert [k for k, _ in curve] == [1, 2, 3, 4, 5]
    assert curve[0][1] == pytest.approx(float(((x - x.mean(axis=0)) ** 2).sum()))
    assert curve[2][1] == pytest.approx(4.0)  # three groups: two pairs 2 apart (1 + 1 each)
    assert curve[-1][1] == pytest.approx(0.0)
    assert all(a[1] >= b[1] for a, b in itertools.pairwise(curve))


def test_curve_accepts_1d_data_and_rejects_empty_data() -> None:
    assert len(wcss_curve([1.0, 1.1, 5.0, 5.1], k_max=3)) == 3
    with pytest.raises(UserInputError, match="0 samples"):
        wcss_curve(np.empty((0, 2)))


def test_plot_is_a_png_of_the_expected_size(tmp_path: Path) -> None:
    curve = [(k, 100.0 / k) for k in range(1, 11)]
    target = tmp_path / "report" / "elbow.png"
    plot_elbow(curve, 3, target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (640, 400)
    assert len(data) > 10_000, "a real chart, not an empty canvas"
