"""``estimate_k`` verdicts on clear, overlapping and structureless data (real scikit-learn)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline_lib.clusters import estimate_k
from pipeline_lib.clusters.sweep import SAMPLE_ROWS
from pipeline_lib.errors import UserInputError


def blobs(centres: np.ndarray, per_cluster: int = 100, seed: int = 0) -> np.ndarray:
    """Unit-variance Gaussian blobs around ``centres`` (rows), ``per_cluster`` points each."""
    rng = np.random.default_rng(seed)
    return np.repeat(centres, per_cluster, axis=0) + rng.normal(size=(len(centres) * per_cluster, centres.shape[1]))


def triangle(side: float, dims: int = 2) -> np.ndarray:
    """Three centres ``side`` standard deviations apart from each other."""
    corners = np.array([[0.0, 0.0], [side, 0.0], [side / 2, side * np.sqrt(3) / 2]])
    return np.hstack([corners, np.zeros((3, dims - 2))])


@pytest.mark.parametrize(("k", "dims"), [(2, 2), (4, 2), (7, 5)])
def test_clear_blobs_give_their_k_with_high_confidence(k: int, dims: int) -> None:
    # Centres on a random layout at least 8 standard deviations apart: unmistakable clusters.
    rng = np.random.default_rng(k)
    centres: list[np.ndarray] = []
    while len(centres) < k:
        candidate = rng.uniform(-25, 25, size=dims)
        if all(np.linalg.norm(candidate - c) >= 8 for c in centres):
            centres.append(candidate)
    estimate = estimate_k(blobs(np.array(centres), per_cluster=60), k_max=12)
    assert estimate.k == k, estimate.reasons
    assert estimate.confidence >= 0.8
    assert estimate.reasons[0].startswith(f"k={k}: chosen by gap")
    assert any(r.startswith("silhouette peaks at") for r in estimate.reasons)
    assert sorted(estimate.sizes) == [60] * k


def test_overlapping_blobs_get_lower_confidence_or_none_and_merged_blobs_none() -> None:
    # The documented decision: blobs 3 SD apart only just beat the noise reference, so the
    # answer is either k=3 with a clearly lower confidence or None; 1.5 SD apart they form
    # one unimodal cloud and the answer is None.
    clear = estimate_k(blobs(triangle(8.0)))
    overlapping = [estimate_k(blobs(triangle(3.0), seed=seed)) for seed in range(3)]
    merged = estimate_k(blobs(triangle(1.5)))
    assert clear.k == 3 and clear.confidence >= 0.9
    for estimate in overlapping:
        assert estimate.k in (None, 3)
        assert estimate.confidence <= 0.75, estimate.reasons
    assert merged.k is None
    assert merged.reasons[0].startswith("no clear cluster structure")


@pytest.mark.parametrize("dims", [2, 10])
def test_uniform_noise_has_no_clear_cluster_structure(dims: int) -> None:
    for seed in range(2):
        x = np.random.default_rng(seed).uniform(-1, 1, size=(400, dims))
        estimate = estimate_k(x, random_state=seed)
        assert estimate.k is None, estimate.reasons
        assert estimate.reasons[0].startswith("no clear cluster structure")
        assert estimate.confidence >= 0.5
        assert estimate.sizes == ()


@pytest.mark.parametrize("dims", [2, 10])
def test_a_single_gaussian_has_no_clear_cluster_structure(dims: int) -> None:
    x = blobs(np.zeros((1, dims)), per_cluster=400, seed=dims)
    estimate = estimate_k(x)
    assert estimate.k is None, estimate.reasons
    assert estimate.scores["structure"][2] < 0  # a Gaussian splits worse than a uniform box


def test_a_skewed_cloud_named_by_one_criterion_only_gets_no_k() -> None:
    # A lognormal cloud beats the uniform reference (its dense corner splits well), so the
    # structure test passes; but the criteria scatter and only the gap statistic names its k.
    x = np.random.default_rng(2).lognormal(size=(500, 2))
    estimate = estimate_k(x)
    assert estimate.k is None, estimate.reasons
    assert estimate.reasons[0].startswith("no clear cluster structure: the data split better than uniform noise")
    assert "the criteria disagree" in estimate.reasons[0]
    assert estimate.confidence == 0.5
    assert estimate.sizes == ()


def test_every_criterion_scores_every_k_and_the_dict_is_json_ready() -> None:
    estimate = estimate_k(blobs(triangle(8.0)), k_max=6)
    assert set(estimate.scores) == {"structure", "gap", "bic", "gmeans", "dip", "calinski_harabasz", "wcss",
                                    "silhouette"}
    assert list(estimate.scores["wcss"]) == [1, 2, 3, 4, 5, 6]
    assert list(estimate.scores["silhouette"]) == [2, 3, 4, 5, 6]
    assert list(estimate.scores["gmeans"]) == [1, 2, 3], "G-means stops at the first k whose clusters are Gaussian"
    assert estimate.scores["dip"] == {}, "the dip test abstains where G-means can test (here 300 rows)"
    assert estimate.votes == {"gap": 3, "bic": 3, "gmeans": 3, "dip": None, "calinski_harabasz": 3, "wcss": 3,
                              "silhouette": 3}
    payload = json.loads(json.dumps(estimate.to_dict()))
    assert payload["k"] == 3 and payload["votes"]["gmeans"] == 3 and payload["k_searched"] == 6
    assert payload["non_convex"] is False
    assert 0.0 <= payload["confidence"] <= 1.0
    assert payload["reasons"] == list(estimate.reasons)
    assert payload["scores"]["silhouette"]["3"] == pytest.approx(estimate.scores["silhouette"][3])
    assert estimate.seconds > 0


def test_large_data_is_sampled_for_the_sweep_and_fitted_in_full() -> None:
    x = blobs(triangle(10.0, dims=3), per_cluster=2000)
    estimate = estimate_k(x, k_max=6)
    assert (estimate.rows, estimate.sampled_rows) == (6000, SAMPLE_ROWS)
    assert estimate.k == 3
    assert sorted(estimate.sizes) == [2000, 2000, 2000]
    assert "full KMeans fit on all 6,000 rows" in estimate.reasons[-1]


def test_same_seed_gives_the_same_verdict() -> None:
    x = blobs(triangle(3.0, dims=2), seed=1)
    first, second = estimate_k(x, random_state=5), estimate_k(x, random_state=5)
    assert (first.k, first.confidence, first.scores) == (second.k, second.confidence, second.scores)


def test_degenerate_inputs() -> None:
    with pytest.raises(UserInputError, match="k_max=1"):
        estimate_k(np.zeros((10, 2)), k_max=1)
    with pytest.raises(UserInputError, match="a 1-D array"):
        estimate_k(np.arange(10.0))
    few = estimate_k(np.array([[0.0, 0.0], [10.0, 10.0], [0.0, 0.1], [10.0, 10.1], [5.0, 5.0]]))
    assert few.k is None and "too few rows" in few.reasons[0]
    same = estimate_k(np.ones((50, 3)))
    assert same.k is None and "too few rows" in same.reasons[0]


def test_a_k_at_the_edge_of_the_search_is_claimed_only_after_the_sweep_is_extended() -> None:
    # Four clear blobs searched only up to k=4: the answer lands at the edge, so the sweep is
    # run again up to 2·k_max and the peak at 4 shows before anything is claimed.
    corners = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]])
    x = blobs(corners, per_cluster=50)
    edge = estimate_k(x, k_max=4)
    assert edge.k == 4 and edge.k_searched == 8
    assert "the first sweep (k ≤ 4) put the answer at its edge, so it was extended to k ≤ 8" in edge.reasons
    assert estimate_k(x, k_max=12).k_searched == 12, "no extension when the answer is well inside the sweep"
    # With k_max=2 there is no edge to speak of, so the check is skipped.
    assert estimate_k(blobs(corners[:2], per_cluster=50), k_max=2).k == 2


def test_criteria_still_improving_at_the_edge_abstain_and_then_no_k_is_claimed() -> None:
    # A lognormal cloud with 2,000 rows: the variance criteria keep paying for cutting its tail,
    # so after the extension they sit at the edge and abstain; no k is claimed.
    x = np.random.default_rng(1).lognormal(size=(2000, 2))
    estimate = estimate_k(x)
    assert estimate.k is None, estimate.reasons
    assert estimate.k_searched == 30
    assert any("so it abstains" in reason for reason in estimate.reasons)


def test_sheared_blobs_are_found_after_whitening_by_their_shared_covariance() -> None:
    # scikit-learn's "anisotropicly distributed" blobs (its clustering comparison's shear) with
    # random_state=8: the variance criteria chop the elongated blobs; G-means sees three
    # Gaussians, and the vote in their Mahalanobis metric agrees.
    from sklearn.datasets import make_blobs

    x = make_blobs(n_samples=500, random_state=8)[0] @ np.array([[0.6, -0.6], [-0.4, 0.8]])
    estimate = estimate_k(x)
    assert estimate.k == 3, estimate.reasons
    assert any("whitened" in reason for reason in estimate.reasons)


def _sheared_four(seed: int, rows: int = 600, gap: float = 5.0) -> np.ndarray:
    """Four unit Gaussians, centres at least ``gap`` apart in a box, under the clustering comparison's shear."""
    rng = np.random.default_rng(seed)
    while True:
        centres = rng.uniform(-2 * gap, 2 * gap, size=(4, 2))
        if all(np.linalg.norm(centres[i] - centres[j]) >= gap for i in range(4) for j in range(i)):
            break
    x = np.vstack([rng.normal(c, 1.0, size=(rows // 4, 2)) for c in centres])
    return x @ np.array([[0.6, -0.6], [-0.4, 0.8]])


def test_whitened_sheared_blobs_take_g_means_quorum_over_the_chopping_variance_criteria() -> None:
    # The recipe of benchmarks/k_sets.py's sheared blobs at seed 23001 (seen): whitened, gap, BIC
    # and Calinski–Harabasz name 8 and G-means, the knee and the silhouette 4; the margin rule
    # used to refuse it all ("no clear cluster structure").
    estimate = estimate_k(_sheared_four(23001))
    assert estimate.k == 4, estimate.reasons
    assert any("G-means and two more criteria name 4" in reason for reason in estimate.reasons)


@pytest.mark.parametrize("shape", ["moons", "circles"])
def test_non_convex_shapes_are_said_and_get_no_k(shape: str) -> None:
    from sklearn.datasets import make_circles, make_moons

    x = (make_moons(500, noise=0.05, random_state=7) if shape == "moons"
         else make_circles(500, factor=0.5, noise=0.05, random_state=7))[0]
    estimate = estimate_k(x)
    assert estimate.k is None and estimate.non_convex, estimate.reasons
    assert estimate.reasons[0].startswith("no clear cluster structure for KMeans: the data form 2 separate groups")
    assert "DBSCAN" in estimate.reasons[0]


def test_a_k_far_above_gmeans_k_without_gmeans_is_refused() -> None:
    # The held-out miss of issue 12 (sheared blobs): gap and Calinski–Harabasz named k=12 while
    # G-means saw 3 Gaussian clusters. A partition that much finer chops elongated clusters.
    from pipeline_lib.clusters.decide import GMEANS_MARGIN, refusal
    from pipeline_lib.clusters.evidence import KVote

    def votes(**ks: int | None) -> list[KVote]:
        return [KVote(name, k, {}, f"{name} k={k}") for name, k in ks.items()]

    structure = KVote("structure", 12, {12: 1.3}, "structure at k=12")
    far = votes(gap=12, bic=None, gmeans=3, calinski_harabasz=12, wcss=3, silhouette=2)
    refused = refusal(structure, far, 12, ["gap", "calinski_harabasz"], (15, 15), 1.3, 500, 0.5)
    assert refused is not None and "G-means finds 3 Gaussian clusters" in refused[0]
    # Within the margin, or with G-means among the voters, the k stands (given half the weight).
    near = 3 + GMEANS_MARGIN
    assert refusal(structure, votes(gap=near, gmeans=3, calinski_harabasz=near), near,
                   ["gap", "calinski_harabasz"], (15, 15), 1.3, 500, 0.5) is None
    assert refusal(structure, votes(gap=12, gmeans=12), 12, ["gap", "gmeans"], (15, 15), 1.3, 500, 0.5) is None


def test_a_k_named_by_under_half_the_weight_is_refused_on_200_rows_or_more() -> None:
    # The seen misses behind MAJORITY: gap and Calinski–Harabasz (3 of 8) named k=4 on CPS1985's
    # wages, a skewed continuum. On small data (the dip votes) and in the whitened metric (share
    # None: G-means must name the k there) the same vote stands, and so does half the weight.
    from pipeline_lib.clusters.decide import MAJORITY, refusal
    from pipeline_lib.clusters.evidence import DIP_ROWS, KVote

    structure = KVote("structure", 4, {4: 1.3}, "structure at k=4")
    minority = [KVote(name, k, {}, f"{name} k={k}") for name, k in
                (("gap", 4), ("bic", 9), ("gmeans", 6), ("calinski_harabasz", 4), ("wcss", 3), ("silhouette", 2))]
    voters = ["gap", "calinski_harabasz"]
    refused = refusal(structure, minority, 4, voters, (15, 15), 1.3, DIP_ROWS, 3 / 8)
    assert refused is not None and "38% of the voting weight" in refused[0] and refused[1] == 0.5
    assert refusal(structure, minority, 4, voters, (15, 15), 1.3, DIP_ROWS - 1, 3 / 8) is None
    assert refusal(structure, minority, 4, voters, (15, 15), 1.3, DIP_ROWS, None) is None
    assert refusal(structure, minority, 4, voters, (15, 15), 1.3, DIP_ROWS, MAJORITY) is None


def test_an_abstaining_criterion_does_not_count_against_a_gaussian_quorum() -> None:
    # Standardised banknote (seen): the gap statistic still improving at the edge abstains, and
    # G-means, Calinski–Harabasz and the silhouette name 2: 3 of the 6 that name a k, though
    # 3 of all 8. A criterion naming k=1 ("no more clusters") does count against it, and
    # without G-means among the voters (standardised DutchAdvert's gap and Calinski–Harabasz
    # while BIC and G-means abstain) every criterion counts.
    from pipeline_lib.clusters.decide import voting_share
    from pipeline_lib.clusters.evidence import DIP_ROWS, KVote

    names = ("gap", "bic", "gmeans", "calinski_harabasz", "wcss", "silhouette")
    weights = [2.0, 2.0, 1.0, 1.0, 1.0, 1.0]
    votes = [KVote(n, k, {}, "") for n, k in zip(names, (None, 4, 2, 2, 7, 2))]
    assert voting_share(votes, weights, 2, DIP_ROWS) == 3 / 6
    votes = [KVote(n, k, {}, "") for n, k in zip(names, (1, 4, 2, 2, 7, 2))]
    assert voting_share(votes, weights, 2, DIP_ROWS) == 3 / 8
    votes = [KVote(n, k, {}, "") for n, k in zip(names, (13, None, None, 13, 5, 2))]
    assert voting_share(votes, weights, 13, DIP_ROWS) == 3 / 8


def test_g_means_with_two_more_criteria_stands_though_the_effect_still_rises() -> None:
    # Standardised thyroid (seen): G-means, Calinski–Harabasz and the silhouette name its three
    # classes while the structure effect keeps rising to k=29 of 30. Without G-means among
    # them (BIC and two more), or with only two voters, it is still refused.
    from pipeline_lib.clusters.decide import refusal
    from pipeline_lib.clusters.evidence import DIP_ROWS, KVote

    structure = KVote("structure", 29, {29: 1.07}, "structure at k=29")
    votes = [KVote(n, k, {}, "") for n, k in (("gap", None), ("bic", 14), ("gmeans", 3), ("calinski_harabasz", 3),
                                                ("wcss", 7), ("silhouette", 3))]
    quorum = ["gmeans", "calinski_harabasz", "silhouette"]
    assert refusal(structure, votes, 3, quorum, (15, 30), 1.07, DIP_ROWS, 0.5) is None
    assert refusal(structure, votes, 3, quorum, (15, 30), 1.07, DIP_ROWS - 1, 0.5) is not None  # small data
    for voters in (["gmeans", "silhouette"], ["bic", "calinski_harabasz", "silhouette"]):
        refused = refusal(structure, votes, 3, voters, (15, 30), 1.07, DIP_ROWS, 0.5)
        assert refused is not None and "still improving" in refused[0], voters


def test_in_the_whitened_metric_g_means_quorum_caps_the_variance_criteria() -> None:
    # Four sheared blobs at seed 23001 (seen), whitened: gap, BIC and Calinski–Harabasz name 8,
    # G-means, the knee and the silhouette 4. G-means' k with two more voters is the answer;
    # with one more voter, G-means naming more than the winner, or under 200 rows, nothing changes.
    from pipeline_lib.clusters.decide import gaussian_ceiling
    from pipeline_lib.clusters.evidence import DIP_ROWS, KVote

    names = ("gap", "bic", "gmeans", "calinski_harabasz", "wcss", "silhouette")
    weights = [2.0, 2.0, 1.0, 1.0, 1.0, 1.0]
    votes = [KVote(n, k, {}, "") for n, k in zip(names, (8, 8, 4, 8, 4, 4))]
    assert gaussian_ceiling(votes, weights, 8, DIP_ROWS) == (4, 3 / 8)
    assert gaussian_ceiling(votes, weights, 8, DIP_ROWS - 1) is None  # small data: the dip's rules
    votes = [KVote(n, k, {}, "") for n, k in zip(names, (8, 8, 4, 8, 5, 4))]
    assert gaussian_ceiling(votes, weights, 8, DIP_ROWS) is None
    votes = [KVote(n, k, {}, "") for n, k in zip(names, (3, 3, 4, 4, 4, 3))]
    assert gaussian_ceiling(votes, weights, 3, DIP_ROWS) is None


def test_two_criteria_that_agree_outvote_one_double_weight_criterion_alone() -> None:
    # The gap statistic (two votes) alone at k=28 used to win the tie against G-means and the
    # silhouette together at k=2, and MIN_VOTERS then refused it: raw iris got "no structure".
    from pipeline_lib.clusters.decide import vote
    from pipeline_lib.clusters.evidence import KVote

    votes = [KVote(name, k, {}, "") for name, k in
             (("gap", 28), ("bic", 8), ("gmeans", 2), ("calinski_harabasz", 3), ("wcss", 6), ("silhouette", 2))]
    assert vote(votes, [2, 2, 1, 1, 1, 1]) == (2, 2 / 8)
    alone = [KVote(name, k, {}, "") for name, k in (("gap", 13), ("bic", 8), ("gmeans", 2))]
    assert vote(alone, [2, 2, 1]) == (13, 2 / 5)  # nobody agrees: the heaviest k, which refusal() turns down


def _hidden_by_units(seed: int = 0) -> np.ndarray:
    """Three blobs in two unit-scale columns, next to a Gaussian column in the thousands unrelated to them."""
    rng = np.random.default_rng(seed)
    x = blobs(triangle(8.0), per_cluster=100, seed=seed)
    return np.hstack([x, rng.normal(2500, 800, size=(len(x), 1))])


def test_structure_hidden_by_one_wide_column_is_judged_on_standardised_columns() -> None:
    estimate = estimate_k(_hidden_by_units())
    assert estimate.k == 3 and estimate.standardised, estimate.reasons
    assert "on standardised columns; scale your features" in estimate.reasons[0]
    assert any("column 3: SD" in r and "standardised (mean 0, SD 1)" in r for r in estimate.reasons)
    assert estimate.to_dict()["standardised"] is True


def test_data_that_show_a_k_as_given_are_never_rescaled() -> None:
    # The same wide column, but the blobs live in it: the user's metric already shows them.
    rng = np.random.default_rng(1)
    wide = np.repeat([0.0, 3000.0, 6000.0], 100) + rng.normal(scale=100, size=300)
    x = np.column_stack([wide, rng.normal(size=300), rng.normal(size=300)])
    estimate = estimate_k(x)
    assert estimate.k == 3 and not estimate.standardised, estimate.reasons


def test_noise_on_different_scales_stays_without_structure() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(400, 3)) * np.array([1.0, 50.0, 2000.0])
    estimate = estimate_k(x)
    assert estimate.k is None and estimate.standardised, estimate.reasons
    assert estimate.reasons[0].endswith("(also on standardised columns)")


def test_a_k_only_the_knee_silhouette_or_calinski_harabasz_name_is_no_structure() -> None:
    # A 10-D lognormal cloud: Calinski–Harabasz and the silhouette agree on k=2 (they name some k
    # on any data), while gap and BIC keep rising and G-means finds no Gaussian partition.
    x = np.random.default_rng(7).lognormal(size=(500, 10))
    estimate = estimate_k(x)
    assert estimate.k is None, estimate.reasons
    assert estimate.reasons[0].startswith("no clear cluster structure: only calinski_harabasz and silhouette")


def test_a_refusal_on_few_rows_says_the_evidence_is_thin_and_what_most_criteria_said() -> None:
    # 45 rows: the sweep ends at k=11 (rows/4) and G-means cannot test, so "no clear structure"
    # there means "cannot tell" (measured on small real sets); a k on a big set says nothing of it.
    # A skewed cloud splits better than uniform noise; the dip test sees one mode (it was refused by
    # the edge rule before the dip test took G-means' place on small data).
    x = np.random.default_rng(10).lognormal(size=(45, 3))
    estimate = estimate_k(x)
    assert estimate.k is None and estimate.structured, estimate.reasons
    assert "the dip test finds one unimodal group" in estimate.reasons[0]
    assert "with only 45 rows the sweep cannot go past k=11" in estimate.reasons[0], estimate.reasons
    assert "raise --k-max" not in estimate.reasons[0]
    big = estimate_k(np.random.default_rng(3).uniform(size=(400, 2)))
    assert big.k is None and "evidence is thin" not in big.reasons[0]
