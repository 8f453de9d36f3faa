"""The mode count of one small column: mixtures, deep valleys, the uniform calibration, and the verdict it turns."""

from __future__ import annotations

import numpy as np

from pipeline_lib.clusters import estimate_k
from pipeline_lib.clusters.modes import REFERENCES, multimodality


def _unequal(seed: int, big: int = 50, small: int = 10) -> np.ndarray:
    """A large group and a small one 5 SDs away: what a single column of real measurements often looks like."""
    rng = np.random.default_rng(seed)
    return np.r_[rng.normal(0.0, 1.0, big), rng.normal(5.0, 0.7, small)]


def test_separated_groups_have_their_number_of_modes() -> None:
    rng = np.random.default_rng(1)
    two = multimodality(_unequal(0))
    three = multimodality(np.r_[rng.normal(0, 1, 30), rng.normal(8, 1, 30), rng.normal(16, 1, 30)])
    assert (two.modes, two.multimodal, two.references) == (2, True, REFERENCES)
    assert (three.modes, three.multimodal) == (3, True)


def test_skew_outliers_and_ties_are_not_modes() -> None:
    rng = np.random.default_rng(2)
    clouds = [rng.lognormal(size=80), rng.exponential(size=60), rng.standard_t(3, size=100),
              rng.poisson(4, size=70).astype(float), np.round(rng.normal(10, 3, size=90))]
    with_outlier = np.r_[rng.normal(3.0, 0.3, 23), [29.0]]  # one gross error: not a group
    verdicts = [multimodality(v) for v in (*clouds, with_outlier)]
    assert not any(v.multimodal for v in verdicts), [(v.modes, v.statistic) for v in verdicts]
    assert multimodality(with_outlier).modes == 1


def test_uniform_samples_are_claimed_at_about_the_nominal_rate() -> None:
    # Calibrated against uniform samples: beating all 39 happens to 1 in 40 uniform samples.
    claims = sum(multimodality(np.random.default_rng(100 + seed).uniform(size=40)).multimodal for seed in range(80))
    assert claims <= 6


def test_a_refused_small_column_gets_its_modes_and_says_why() -> None:
    estimate = estimate_k(_unequal(0)[:, None])
    assert estimate.k == 2 and estimate.votes["modes"] == 2
    assert "2 modes" in estimate.reasons[0] and "uniform samples" in estimate.reasons[0]
    assert sum(estimate.sizes) == 60 and min(estimate.sizes) >= 8
    assert estimate.confidence == 0.5


def test_more_columns_or_rows_never_take_the_mode_look() -> None:
    rng = np.random.default_rng(3)
    wide = np.c_[_unequal(0), rng.normal(size=60)]  # two columns: the criteria decide alone
    assert "modes" not in estimate_k(wide).votes
    long = np.r_[rng.lognormal(size=250)][:, None]  # 250 rows: G-means can test, no mode look
    assert "modes" not in estimate_k(long).votes
