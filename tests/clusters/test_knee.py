"""The shared cluster measures: the WCSS knee rule and the capped silhouette."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

from pipeline_lib.clusters.knee import elbow_k, silhouette


def test_knee_rule_on_hand_made_curves() -> None:
    # WCSS divided by ~10 per real cluster up to k=4, then a slow tail.
    curve = [(1, 1000.0), (2, 100.0), (3, 10.0), (4, 1.2), (5, 1.0), (6, 0.9), (7, 0.8), (8, 0.7)]
    assert elbow_k(curve) == 4
    # A curve that reaches 0 (k = n_samples) still has a finite knee.
    assert elbow_k([(1, 500.0), (2, 200.0), (3, 1.5), (4, 1.0), (5, 0.5), (6, 0.0)]) == 3
    assert elbow_k([(1, 5.0), (2, 5.0), (3, 5.0)]) == 1, "flat: more clusters don't help"
    assert elbow_k([(1, 5.0), (2, 1.0)]) == 1, "two points have no knee"
    with pytest.raises(ValueError):
        elbow_k([])


def test_silhouette_is_exact_under_its_cap_and_sampled_over_it() -> None:
    x, _ = make_blobs(n_samples=600, centers=3, cluster_std=0.5, random_state=0)
    labels = KMeans(n_clusters=3, n_init=4, random_state=0).fit(x).labels_
    exact = float(silhouette_score(x, labels))
    assert silhouette(x, labels, max_rows=10_000) == pytest.approx(exact)
    sampled = silhouette(x, labels, max_rows=100)
    assert sampled != exact and sampled == silhouette(x, labels, max_rows=100), "seeded: reproducible"
    assert abs(sampled - exact) < 0.1 and exact > 0.7
    noise = np.random.default_rng(0).uniform(size=(600, 2))
    assert silhouette(noise, KMeans(n_clusters=3, n_init=4, random_state=0).fit(noise).labels_, 10_000) < exact
