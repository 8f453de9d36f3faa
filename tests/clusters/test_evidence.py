"""Each criterion against its textbook definition, on a real KMeans sweep."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import calinski_harabasz_score, silhouette_score

from pipeline_lib.clusters.estimate import CRITERIA
from pipeline_lib.clusters.evidence import Bic, CalinskiHarabasz, Criterion, GapStatistic, Silhouette, StructureTest
from pipeline_lib.clusters.sweep import REFERENCES, Sweep, reference_box, run_sweep, searchable_k_max


@pytest.fixture(scope="module")
def four_blobs() -> Sweep:
    rng = np.random.default_rng(3)
    centres = np.array([[0.0, 0.0], [12.0, 0.0], [0.0, 12.0], [12.0, 12.0]])
    x = np.repeat(centres, 50, axis=0) + rng.normal(size=(200, 2))
    return run_sweep(x, k_max=8, random_state=0)


def test_sweep_covers_each_k_for_data_and_references(four_blobs: Sweep) -> None:
    assert four_blobs.ks == tuple(range(1, 9))
    assert four_blobs.reference_log_inertia.shape == (REFERENCES, 8)
    wcss = [four_blobs.inertia[k] for k in four_blobs.ks]
    assert wcss[0] == pytest.approx(float(((four_blobs.x - four_blobs.x.mean(axis=0)) ** 2).sum()))
    assert all(a >= b for a, b in zip(wcss, wcss[1:], strict=False))


@pytest.mark.parametrize("criterion", [c for c in CRITERIA if c.name != "dip"], ids=lambda c: c.name)
def test_every_criterion_finds_four_clear_blobs(criterion: Criterion, four_blobs: Sweep) -> None:
    verdict = criterion.judge(four_blobs)
    assert (verdict.criterion, verdict.k) == (criterion.name, 4)
    assert "k=4" in verdict.reason


def test_calinski_harabasz_closed_form_matches_scikit_learn(four_blobs: Sweep) -> None:
    scores = CalinskiHarabasz().judge(four_blobs).scores
    for k in (2, 4, 7):
        expected = calinski_harabasz_score(four_blobs.x, four_blobs.labels[k])
        assert scores[k] == pytest.approx(expected, rel=1e-6)


def test_silhouette_is_scikit_learns_on_the_sweep_partitions(four_blobs: Sweep) -> None:
    scores = Silhouette().judge(four_blobs).scores
    assert scores[3] == pytest.approx(silhouette_score(four_blobs.x, four_blobs.labels[3]))
    assert scores[4] > 0.7 > scores[8]


def test_gap_and_structure_effect_follow_their_definitions(four_blobs: Sweep) -> None:
    log_w = np.log([four_blobs.inertia[k] for k in four_blobs.ks])
    gap = GapStatistic().judge(four_blobs).scores
    expected_gap = four_blobs.reference_log_inertia.mean(axis=0) - log_w
    assert [gap[k] for k in four_blobs.ks] == pytest.approx(list(expected_gap))
    structure = StructureTest().judge(four_blobs)
    assert structure.k == 4
    assert structure.scores[4] == pytest.approx(gap[4] - gap[1])
    assert structure.scores[4] > 1.0


def test_bic_is_the_spherical_gaussian_likelihood_minus_its_penalty(four_blobs: Sweep) -> None:
    n, d, k = 200, 2, 4
    sizes = np.bincount(four_blobs.labels[k])
    variance = four_blobs.inertia[k] / (n * d)
    log_likelihood = float((sizes * np.log(sizes / n)).sum()) - n * d / 2 * (math.log(2 * math.pi * variance) + 1)
    expected = log_likelihood - ((k - 1) + k * d + 1) / 2 * math.log(n)
    assert Bic().judge(four_blobs).scores[4] == pytest.approx(expected)


def test_reference_box_is_uniform_over_the_principal_axis_extent() -> None:
    rng = np.random.default_rng(0)
    angle = np.pi / 6
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    x = rng.uniform([-5.0, -1.0], [5.0, 1.0], size=(2000, 2)) @ rotation.T
    box = reference_box(x, np.random.default_rng(1))
    assert box.shape == x.shape
    widths = np.sort(np.ptp(box, axis=0))
    # The tilted 10 x 2 rectangle, straightened (its axis-aligned box would be 6.7 x 9.7);
    # the sample's principal axes are a little off, which widens the short side slightly.
    assert widths == pytest.approx([2.0, 10.0], rel=0.05)


def test_searchable_k_max_caps_by_rows_and_distinct_rows() -> None:
    assert searchable_k_max(np.random.default_rng(0).normal(size=(100, 2)), 15) == 15
    assert searchable_k_max(np.random.default_rng(0).normal(size=(20, 2)), 15) == 5
    assert searchable_k_max(np.repeat(np.eye(3), 10, axis=0), 15) == 3


def test_criteria_without_k_two_say_so() -> None:
    sweep = run_sweep(np.array([[0.0], [1.0], [2.0], [3.0], [4.0]]), k_max=5)
    assert sweep.ks == (1,)
    for criterion in (Silhouette(), CalinskiHarabasz(), StructureTest()):
        verdict = criterion.judge(sweep)
        assert verdict.k is None and verdict.scores == {}
        assert "too few rows" in verdict.reason or "needs k ≥ 2" in verdict.reason


def test_anderson_darling_matches_scipy_and_separates_gaussian_from_bimodal() -> None:
    from scipy import stats

    from pipeline_lib.clusters.evidence import AD_CRITICAL, anderson_darling

    rng = np.random.default_rng(0)
    gaussian = rng.normal(size=400)
    n = len(gaussian)
    expected = stats.anderson(gaussian, method="interpolate").statistic * (1 + 4 / n - 25 / n**2)
    assert anderson_darling(gaussian) == pytest.approx(expected, rel=1e-9)
    assert anderson_darling(gaussian) < AD_CRITICAL
    bimodal = np.concatenate([rng.normal(-3, 1, 200), rng.normal(3, 1, 200)])
    assert anderson_darling(bimodal) > 10 * AD_CRITICAL
    assert anderson_darling(np.ones(10)) == 0.0, "a constant has nothing to test"


def test_gmeans_stops_at_the_first_all_gaussian_k_and_needs_rows_per_cluster(four_blobs: Sweep) -> None:
    from pipeline_lib.clusters.evidence import AD_CRITICAL, GMEANS_ROWS_PER_K, GMeans

    verdict = GMeans().judge(four_blobs)
    assert list(verdict.scores) == [1, 2, 3, 4] and verdict.scores[4] < AD_CRITICAL < verdict.scores[3]
    # 200 rows at 40 rows per cluster: k is scanned up to 5 only, so on noise it may say none.
    noise = run_sweep(np.random.default_rng(1).lognormal(size=(200, 2)), k_max=8, random_state=0)
    scanned = GMeans().judge(noise).scores
    assert max(scanned) <= 200 // GMEANS_ROWS_PER_K


def test_near_top_is_the_last_k_or_two_and_nothing_on_tiny_sweeps() -> None:
    from pipeline_lib.clusters.evidence import near_top

    assert [k for k in range(1, 16) if near_top(k, 15)] == [14, 15]
    assert [k for k in range(1, 5) if near_top(k, 4)] == [4]
    assert not any(near_top(k, 2) for k in (1, 2))


def test_connected_groups_find_two_moons_and_non_convex_reason_names_them() -> None:
    from sklearn.datasets import make_blobs, make_moons

    from pipeline_lib.clusters.shape import connected_groups, non_convex_reason

    moons = run_sweep(make_moons(400, noise=0.05, random_state=0)[0], k_max=6, random_state=0)
    groups = connected_groups(moons.x)
    assert sorted(np.bincount(groups[groups >= 0])) == [200, 200]
    reason = non_convex_reason(moons, None)
    assert reason is not None and reason.startswith("the data form 2 separate groups")
    blobs = run_sweep(make_blobs(400, centers=3, cluster_std=0.5, random_state=2)[0], k_max=6, random_state=0)
    assert non_convex_reason(blobs, 3) is None, "KMeans recovers separate round blobs"
