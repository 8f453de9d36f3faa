"""The unimodality test behind the dip criterion, its null table, and what it decides on small data."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest

from pipeline_lib.clusters import estimate_k
from pipeline_lib.clusters.decide import dip_ceiling, dip_structure
from pipeline_lib.clusters.dip import (
    DIP_ALPHA,
    MULTIMODAL_ALPHA,
    NULL_ALPHAS,
    NULL_QUANTILES,
    NULL_ROWS,
    cluster_p,
    multimodal_columns,
    simulate_null,
    split_axis_p,
    unimodality_p,
    unimodality_statistic,
)
from pipeline_lib.clusters.estimate import _column_look
from pipeline_lib.clusters.evidence import DIP_ROWS, DipMeans, KVote, StructureTest
from pipeline_lib.clusters.sweep import run_sweep


def _groups(rng: np.random.Generator, centres: list[list[float]], rows: int) -> np.ndarray:
    return np.vstack([rng.normal(c, 1.0, size=(rows, len(c))) for c in centres])


def test_the_statistic_is_zero_on_a_unimodal_cdf_and_large_on_two_groups() -> None:
    # Evenly spaced values have a straight CDF (one flat mode); two far groups leave a step.
    assert unimodality_statistic(np.linspace(0.0, 1.0, 50)) == pytest.approx(0.0, abs=1e-12)
    two = np.r_[np.linspace(0.0, 1.0, 25), np.linspace(9.0, 10.0, 25)]
    assert unimodality_statistic(two) > 0.2
    assert unimodality_statistic(np.array([1.0, 1.0, 1.0, 1.0])) == 0.0  # constant: nothing to test


def test_skew_is_not_multimodality_but_two_groups_are() -> None:
    rng = np.random.default_rng(0)
    skewed = [unimodality_p(rng.lognormal(size=60)) for _ in range(50)]
    gamma = [unimodality_p(rng.gamma(2.0, size=60)) for _ in range(50)]
    assert sum(p <= 0.01 for p in skewed + gamma) <= 2
    apart = [unimodality_p(np.r_[rng.normal(0, 1, 30), rng.normal(7, 1, 30)]) for _ in range(20)]
    assert all(p <= 0.01 for p in apart)


def test_the_null_table_matches_a_fresh_simulation() -> None:
    # The table was simulated once (simulate_null(2000, seed=0)); a smaller run with another
    # seed must agree within sampling error on the central quantiles (alpha 0.2, 0.1, 0.05).
    sizes = NULL_ROWS[:4]
    fresh = simulate_null(600, seed=7, rows=sizes)
    for row, table_row in zip(fresh, NULL_QUANTILES[: len(sizes)], strict=True):
        for j in range(3):
            assert row[j] == pytest.approx(table_row[j], rel=0.08), (sizes, j, row, table_row)
    assert NULL_ALPHAS == tuple(sorted(NULL_ALPHAS, reverse=True))
    assert all(list(r) == sorted(r) for r in NULL_QUANTILES[:4])


def test_the_dip_criterion_counts_small_groups_and_sees_one_in_a_skewed_cloud() -> None:
    rng = np.random.default_rng(4)
    three = _groups(rng, [[0.0, 0.0], [8.0, 0.0], [4.0, 8.0]], 16)
    verdict = DipMeans().judge(run_sweep(three, k_max=11, random_state=0))
    assert verdict.k == 3, verdict.reason
    cloud = rng.lognormal(size=(48, 2))
    assert DipMeans().judge(run_sweep(cloud, k_max=11, random_state=0)).k == 1
    big = DipMeans().judge(run_sweep(rng.normal(size=(DIP_ROWS, 2)), k_max=5, random_state=0))
    assert big.k is None and "not used" in big.reason


def test_a_small_two_group_set_gets_its_k_and_a_small_lognormal_cloud_none() -> None:
    # 44 rows: the sweep ends at k=11 and G-means cannot test; the dip test carries the verdict.
    two = _groups(np.random.default_rng(11), [[0.0, 0.0, 0.0], [6.0, 6.0, 0.0]], 22)
    estimate = estimate_k(two)
    assert estimate.k == 2, estimate.reasons
    assert estimate.votes["dip"] == 2
    cloud = estimate_k(np.random.default_rng(12).lognormal(size=(44, 3)))
    assert cloud.k is None, cloud.reasons


def _votes(**ks: int | None) -> list[KVote]:
    return [KVote(name, k, {}, "") for name, k in ks.items()]


def test_the_dip_ceiling_takes_a_smaller_unimodal_k_only_when_another_criterion_names_it() -> None:
    weights = [2.0, 2.0, 1.0, 1.0, 1.0]
    agreed = _votes(gap=6, bic=6, gmeans=3, dip=3, silhouette=4)
    assert dip_ceiling(agreed, weights, 6) == (3, pytest.approx(2.0 / 7.0))
    alone = _votes(gap=6, bic=6, gmeans=None, dip=3, silhouette=4)
    assert dip_ceiling(alone, weights, 6) is None, "the dip alone must not overrule the vote"
    assert dip_ceiling(agreed, weights, 3) is None, "nothing to do when the winner is the dip's k"
    assert dip_ceiling(_votes(gap=2, bic=2, gmeans=1, dip=1, silhouette=1), weights, 2) is None, "k=1 is a refusal"
    assert dip_ceiling(_votes(gap=6, bic=6, gmeans=3, dip=None, silhouette=3), weights, 6) is None


def test_three_small_blobs_of_unequal_spread_get_three_not_the_wide_one_cut_in_pieces() -> None:
    # 120 rows, spreads 1, 2.5 and 0.5: the gap statistic, BIC and Calinski–Harabasz name 5 (the
    # wide blob in pieces); G-means and the dip test find 3, and the dip's k is the answer.
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal([0.0, 0.0], 1.0, size=(40, 2)), rng.normal([14.0, 0.0], 2.5, size=(40, 2)),
                   rng.normal([6.0, 10.0], 0.5, size=(40, 2))])
    estimate = estimate_k(x)
    assert estimate.votes["gap"] == estimate.votes["bic"] == 5
    assert estimate.k == 3, estimate.reasons
    assert any("finer partition cuts single modes" in r for r in estimate.reasons)


def test_the_dip_finds_structure_the_uniform_reference_misses_only_with_a_modelled_criterion_beside_it() -> None:
    short = KVote("structure", None, {2: 0.2}, "no clear cluster structure: the best split (k=2) ...")
    found = dip_structure(short, [KVote("gap", 2, {}, ""), KVote("dip", 2, {1: 0.01}, ""), KVote("silhouette", 2, {}, "")])
    assert found.k == 2 and "the dip test rejects one mode" in found.reason and "gap" in found.reason
    alone = [KVote("gap", 3, {}, ""), KVote("dip", 2, {1: 0.01}, ""), KVote("silhouette", 2, {}, "")]
    assert dip_structure(short, alone).k is None, "the dip and a criterion that names k on any data are not enough"
    one = [KVote("gap", 2, {}, ""), KVote("dip", 1, {1: 0.5}, "")]
    assert dip_structure(short, one).k is None, "a dip that finds one mode adds nothing"
    claimed = KVote("structure", 4, {4: 0.9}, "")
    assert dip_structure(claimed, one) is claimed


def _two_modes(gap: float, seed: int) -> np.ndarray:
    """One column, 100 rows: two unit Gaussians ``gap`` SD apart, 62 and 38 rows (a resting and an active state)."""
    rng = np.random.default_rng(seed)
    return np.r_[rng.normal(0.0, 1.0, 62), rng.normal(gap, 1.0, 38)][:, None]


def test_two_unequal_modes_in_one_column_get_two_where_the_box_reference_alone_sees_no_structure() -> None:
    x = _two_modes(4.0, 2)
    assert StructureTest().judge(run_sweep(x, k_max=15, random_state=0)).k is None, "the case this rule is for"
    estimate = estimate_k(x)
    assert estimate.k == 2, estimate.reasons
    assert any("the dip test rejects one mode" in r for r in estimate.reasons)


def test_gap_bic_and_gmeans_together_outweigh_a_dip_that_lacks_the_power_to_see_two_modes() -> None:
    x = _two_modes(4.5, 0)
    assert DipMeans().judge(run_sweep(x, k_max=15, random_state=0)).k == 1, "the case this rule is for"
    estimate = estimate_k(x)
    assert estimate.k == 2, estimate.reasons
    assert {estimate.votes[c] for c in ("gap", "bic", "gmeans")} == {2}


def test_gap_bic_and_the_structure_peak_outvote_the_dip_where_gmeans_cannot_test() -> None:
    from pipeline_lib.clusters.decide import outvotes_dip

    # Below 80 rows G-means cannot test k >= 2: gap and BIC with the effect's peak on the winner outweigh the dip.
    assert outvotes_dip(["gap", "bic", "wcss"], 3, 3, 40)
    assert not outvotes_dip(["gap", "bic", "wcss"], 9, 3, 40)  # the effect still rising past the vote: a skewed cloud
    assert not outvotes_dip(["gap", "wcss", "silhouette"], 3, 3, 40)  # BIC disagrees
    assert not outvotes_dip(["gap", "bic"], 11, 11, 60)  # gap and BIC alone: a lognormal cloud chopped in 11
    assert not outvotes_dip(["gap", "bic"], 3, 3, 120)  # G-means could test, and does not agree
    assert outvotes_dip(["gap", "bic", "gmeans"], 9, 3, 120)
    # Three unequal groups (20, 12, 8 rows) 5 or 6 SDs apart: the dip's veto alone refused half of these.
    found = 0
    for seed in range(6):
        rng = np.random.default_rng(seed)
        for gap in (5.0, 6.0):
            x = np.vstack([rng.normal(c, 1.0, size=(m, 2))
                           for c, m in (((0, 0), 20), ((gap, 0), 12), ((gap / 2, gap * 0.87), 8))])
            found += estimate_k(x).k == 3
    assert found >= 10  # 6 of 12 without the outvote
    skewed = [estimate_k(np.random.default_rng(seed).lognormal(size=(60, 2))).k for seed in range(5)]
    assert skewed == [None] * 5


def _groups_in_two_of_six_columns(seed: int) -> np.ndarray:
    """Four groups (40, 30, 25, 25 rows) on a square of side 11 in columns 1-2; columns 3-6 the same noise for all."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0], [11, 0], [0, 11], [11, 11]], dtype=float)
    apart = np.vstack([rng.normal(c, 1.0, size=(m, 2)) for c, m in zip(centres, (40, 30, 25, 25))])
    x = np.hstack([apart, rng.normal(0.0, 1.0, size=(len(apart), 4))])
    return (x - x.mean(axis=0)) / x.std(axis=0)


def test_groups_apart_in_some_standardised_columns_are_found_in_those_columns() -> None:
    x = _groups_in_two_of_six_columns(0)
    assert multimodal_columns(x) == (0, 1)
    # The case the look is for: on all six columns the four noise columns fill the uniform
    # reference's box as well as the groups do, and the structure test sees nothing.
    assert StructureTest().judge(run_sweep(x, k_max=15, random_state=0)).k is None
    estimates = [estimate_k(_groups_in_two_of_six_columns(seed)) for seed in range(6)]
    looked = [e for e in estimates if e.columns]
    assert len(looked) >= 3, [e.reasons[0] for e in estimates]  # 5 of 6 measured; seed 1 gets 3 on all columns
    assert [(e.k, e.columns) for e in looked] == [(4, (0, 1))] * len(looked), [e.reasons[0] for e in looked]
    assert "in column(s) 1, 2 only" in looked[0].reasons[0]


def test_a_column_of_ties_is_not_counted_as_modes_and_clouds_get_no_column_look() -> None:
    rng = np.random.default_rng(3)
    # Three integer levels: a staircase CDF, which the statistic alone would read as three modes.
    x = np.column_stack([rng.integers(0, 3, size=80).astype(float), rng.normal(size=80)])
    assert multimodal_columns(x) == ()
    two = np.r_[rng.normal(0, 1, 40), rng.normal(9, 1, 40)]
    assert multimodal_columns(np.column_stack([two, rng.normal(size=80)])) == (0,)
    clouds = [estimate_k(np.random.default_rng(seed).lognormal(size=(60, 6))) for seed in range(5)]
    assert [(e.k, e.columns) for e in clouds] == [(None, ())] * 5


def _groups_in_an_l(seed: int) -> np.ndarray:
    """Four standardised groups (18, 14, 10, 8 rows) in an L: three along column 1, 8 apart, one above the first."""
    rng = np.random.default_rng(seed)
    centres, sizes = ((0, 0), (8, 0), (16, 0), (0, 8)), (18, 14, 10, 8)
    x = np.vstack([rng.normal(c, 1.0, size=(m, 2)) for c, m in zip(centres, sizes)])
    return (x - x.mean(axis=0)) / x.std(axis=0)


def test_a_plainly_multimodal_column_makes_a_cluster_more_than_one_group_where_the_split_axis_does_not() -> None:
    # One 2-means axis through an L of four groups lays them over one another (p 0.2 to 1 on
    # seeds 0, 1, 4, 6, 7); column 1 alone has three plain modes.
    for seed in (0, 1, 4, 6, 7):
        x = _groups_in_an_l(seed)
        assert split_axis_p(x, 1) > DIP_ALPHA
        assert multimodal_columns(x) == (0,)
        assert cluster_p(x, 1) == MULTIMODAL_ALPHA
    ks = [estimate_k(_groups_in_an_l(seed)).k for seed in range(8)]
    assert ks.count(4) >= 5, ks  # 5 of 8 measured; 2 of 8 when only the split axis was tested (3 on three)
    assert 5 not in ks and all(k is None or k >= 3 for k in ks), ks


def _pentagon_in_two_of_seven_columns(seed: int) -> np.ndarray:
    """Five groups (35, 28, 24, 18, 15 rows) on a pentagon of radius 10 in columns 2 and 6; five noise columns."""
    rng = np.random.default_rng(seed)
    angle = 2 * np.pi * np.arange(5) / 5
    group = np.repeat(np.arange(5), (35, 28, 24, 18, 15))
    x = rng.normal(size=(len(group), 7))
    x[:, 1] = 10 * np.cos(angle)[group] + rng.normal(0, 0.9, len(group))
    x[:, 5] = 10 * np.sin(angle)[group] + rng.normal(0, 0.9, len(group))
    return (x - x.mean(axis=0)) / x.std(axis=0)


def test_a_larger_k_in_the_multimodal_columns_outranks_the_k_on_all_columns() -> None:
    estimates = [estimate_k(_pentagon_in_two_of_seven_columns(seed)) for seed in range(8)]
    found = [e for e in estimates if (e.k, e.columns) == (5, (1, 5))]
    assert len(found) >= 5, [e.reasons[0] for e in estimates]  # 5 of 8 measured
    # The rule itself: a k on all columns gives way to a larger one in the multimodal columns, never to a smaller one.
    x = _pentagon_in_two_of_seven_columns(0)
    on_all = estimate_k(x[:, [1, 5]])  # stands in for an all-column verdict; the look only reads k and reasons
    fewer = dataclasses.replace(on_all, k=2, columns=(), reasons=("k=2: chosen by gmeans",))
    looked = _column_look(x, fewer, 15, 0, time.perf_counter())
    assert (looked.k, looked.columns) == (5, (1, 5)) and looked.reasons[1].startswith("on all columns: k=2")
    more = dataclasses.replace(fewer, k=6, reasons=("k=6: chosen by gmeans",))
    assert _column_look(x, more, 15, 0, time.perf_counter()) is more


def test_a_smaller_k_in_the_multimodal_columns_leaves_the_k_on_all_columns() -> None:
    # A small group apart only in column 2, which is not multimodal alone: column 1 alone shows two
    # groups, which says nothing against the three that both columns show.
    for seed in range(3):
        rng = np.random.default_rng(seed)
        x = np.vstack([rng.normal(c, 1.0, size=(m, 2)) for c, m in (((0, 0), 45), ((10, 0), 40), ((0, 10), 10))])
        assert multimodal_columns(x) == (0,)
        estimate = estimate_k(x)
        assert (estimate.k, estimate.columns) == (3, ()), estimate.reasons[0]
