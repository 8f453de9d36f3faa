"""How the criteria's votes become a k or a refusal: the vote, the edge, and every reason to claim no k.

Pure functions of the votes (no KMeans here): :mod:`pipeline_lib.clusters.estimate` runs the
sweeps and calls them. Split from it to keep each module small; the rules are described in
its module docstring (steps 3 and 4).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline_lib.clusters.evidence import (
    DIP_ROWS,
    EFFECT_MIN,
    GMEANS_ROWS_PER_K,
    Bic,
    CalinskiHarabasz,
    Criterion,
    DipMeans,
    GapStatistic,
    GMeans,
    KVote,
    Silhouette,
    WcssKnee,
    dip_votes,
    near_top,
)
from pipeline_lib.clusters.dip import DIP_ALPHA
from pipeline_lib.clusters.sweep import Sweep, searchable_k_max

__all__ = ["CRITERIA", "GAUSSIAN_QUORUM", "GMEANS_MARGIN", "GMEANS_TEST_ROWS", "MAJORITY", "MIN_VOTERS", "OUTVOTE_DIP",
           "counted", "dip_ceiling", "dip_structure", "few_rows", "gaussian_ceiling", "gaussian_quorum", "outvotes_dip",
           "refusal", "vote", "voting_share", "weights"]

CRITERIA: tuple[Criterion, ...] = (GapStatistic(), Bic(), GMeans(), DipMeans(), CalinskiHarabasz(), WcssKnee(),
                                   Silhouette())
"""The voting criteria, in tie-break order."""

_MODELLED = frozenset(c.name for c in CRITERIA if c.modelled)
"""The criteria that weigh k against a model of "no more clusters" (gap, BIC, G-means, the dip)."""


def weights(sweep: Sweep) -> list[float]:
    """Each criterion's voting weight on this sweep: the dip criterion weighs only where it takes part.

    Why: on data G-means can test (:data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows and
    more) the dip criterion abstains by design, and an abstention by design must not lower the
    share of the weight (the confidence) that the other criteria's agreement earns.
    """
    return [0.0 if isinstance(c, DipMeans) and not dip_votes(sweep) else c.weight for c in CRITERIA]


GMEANS_TEST_ROWS = 2 * GMEANS_ROWS_PER_K
"""The fewest rows on which G-means can test k ≥ 2 (it scans k while clusters average
:data:`~pipeline_lib.clusters.evidence.GMEANS_ROWS_PER_K` rows)."""


GMEANS_MARGIN = 3
"""A k more than this above G-means' k, without G-means' vote, is refused: G-means splits every
non-Gaussian cluster, so a much finer partition chops elongated clusters (3 sheared Gaussians
got k = 12 from the gap statistic and Calinski–Harabasz). Chosen on the tuning material: the
largest margin that refuses that case; on the 214 blob-grid sets that finished a votes-only run,
it turned no right answer into a refusal (a margin of 0 cost 2 of them, ``win > 2·k_G`` 1)."""


MIN_VOTERS = 2
"""Criteria that must name the winning k. On the benchmark grid a k named by one criterion
alone (always the gap statistic) was wrong every time (3 of 432 blob sets) and was the only
way a structureless set got a k (a lognormal cloud, k=13); see ``benchmarks/RESULTS.md``."""


MAJORITY = 0.5
"""The share of the voting weight a k needs on data of :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows and
more, in the data's own metric (as given or standardised).

Why: there the dip criterion abstains and G-means has the rows to test, so the vote is among the
gap statistic and BIC (double weight), G-means, Calinski–Harabasz, the knee and the silhouette
(8 in all), and a k that fewer than half of that weight names is a plurality of criteria that
disagree. On the seen sets of 200 rows or more (the seventeenth session's probe of all 360 of them,
before fresh-23) such minority winners were mostly a continuum chopped: G-means splitting a skewed
cloud with one variance criterion beside it (nydata 5), or the gap statistic with Calinski–Harabasz
or the knee (CPS1985 4 and 3, standardised GAGurine 10, standardised DutchAdvert 13), all refused now;
the one documented k it refuses is standardised WingNut's 2 (gap and the silhouette). Not applied in
the whitened metric of step 6, where G-means must name the k instead (sheared blobs are found there
by G-means and one or two other criteria), so raw GAGurine 6 and UKHouseOfCommons 9, claimed there,
still stand. Chosen on seen sets only; the held-out check is fresh-23 (``benchmarks/RESULTS.md``)."""


GAUSSIAN_QUORUM = 3
"""Criteria, G-means among them, whose agreement on a k is a quorum (:func:`gaussian_quorum`).

Why: G-means tests every cluster for Gaussianity (Anderson–Darling at α = 0.0001), so its k is a
model-based "no more clusters"; with two other criteria on the same k the agreement is broad. Groups
that are not Gaussian (a thyroid's three functional classes, two banknote series, four sheared
blobs once whitened) make the structure effect and the variance criteria (gap, BIC,
Calinski–Harabasz) keep paying for finer partitions up to the sweep's edge, so without the quorum
such groups are refused as "still rising" or outvoted by the chopping. Chosen on seen sets only
(the eighteenth session's probe of every seen set of 200 rows or more); the held-out check is
fresh-24 (``benchmarks/RESULTS.md``)."""


def gaussian_quorum(voters: Sequence[str], rows: int) -> bool:
    """Whether G-means and at least two other criteria name the winner (:data:`GAUSSIAN_QUORUM`) on ``rows`` rows.

    Only on :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows and more: below, G-means has few
    rows per cluster to test with and the dip criterion votes, with its own rules.
    """
    return rows >= DIP_ROWS and "gmeans" in voters and len(voters) >= GAUSSIAN_QUORUM


def voting_share(verdicts: Sequence[KVote], weights: Sequence[float], k: int, rows: int) -> float:
    """The share of the weight that names ``k``, as :data:`MAJORITY` judges it.

    The share of all the weight; for a k with a Gaussian quorum (:func:`gaussian_quorum`), the
    share of the weight of the criteria that name some k (k = 1, "no more clusters", included).
    Why: a criterion still improving at the sweep's edge abstains, and on non-Gaussian groups the
    gap statistic does (standardised thyroid and banknote: G-means, Calinski–Harabasz and the
    silhouette, 3 of 8, but 3 of the 6 that name a k). Only for a quorum: two criteria naming a
    k while BIC and G-means abstain is a continuum chopped (standardised DutchAdvert: gap and
    Calinski–Harabasz 13, 3 of the 5 that name a k), and a quorum outvoted by gap and BIC naming
    another k is still a minority (UKHouseOfCommons: 3 of 8).
    """
    named = sum(w for v, w in zip(verdicts, weights, strict=True) if v.k == k)
    if not gaussian_quorum([v.criterion for v in verdicts if v.k == k], rows):
        return named / sum(weights)
    return named / sum(w for v, w in zip(verdicts, weights, strict=True) if v.k is not None)


def gaussian_ceiling(verdicts: Sequence[KVote], weights: Sequence[float], winner: int,
                     rows: int) -> tuple[int, float] | None:
    """G-means' k and its share of the weight, when it should replace a larger ``winner`` (whitened metric only).

    Why: in the metric of G-means' own clusters (step 6 of :mod:`pipeline_lib.clusters.estimate`)
    G-means must name the answer anyway; there the variance criteria still pay for cutting the
    rounded clusters in pieces (four sheared blobs: gap, BIC and Calinski–Harabasz 8, G-means, the
    knee and the silhouette 4), and the margin rule would refuse everything. When G-means' k is
    smaller than the winner and has a quorum (:data:`GAUSSIAN_QUORUM`), it is the answer. ``None``
    when the winner stands. Not used in the data's own metric: there G-means with Calinski–Harabasz
    and the silhouette also name 2 on skewed clinical data with no groups (pbc).
    """
    gaussian = next((v.k for v in verdicts if v.criterion == "gmeans"), None)
    if gaussian is None or gaussian < 2 or gaussian >= winner:
        return None
    voters = [v.criterion for v in verdicts if v.k == gaussian]
    if not gaussian_quorum(voters, rows):
        return None
    return gaussian, sum(w for v, w in zip(verdicts, weights, strict=True) if v.k == gaussian) / sum(weights)


OUTVOTE_DIP = frozenset({"gap", "bic", "gmeans"})
"""Criteria that, all naming the winner, outweigh the dip test's "one unimodal group".

Why: the dip test is calibrated against the uniform law, the least favourable unimodal one, so
it has little power on a hundred rows: two Gaussian modes 4.5 SD apart in proportion 62:38 pass
it as one. The gap statistic (against uniform references), BIC (against one Gaussian fewer) and
G-means (Anderson–Darling at α = 0.0001) each weigh k against a model of no more clusters; all
three agreeing is the stronger evidence. On a skewed cloud they disagree (G-means splits the
skew, the gap statistic and BIC wander), which is the case the dip's veto exists for."""


def vote(verdicts: Sequence[KVote], weights: Sequence[float]) -> tuple[int, float]:
    """The winning k ≥ 2 and the share of all voting weight that chose it.

    Only a k that at least :data:`MIN_VOTERS` criteria name can win while there is one: a
    double-weight criterion alone (the gap statistic keeps rising on quantised measurements,
    such as iris's tenths of a centimetre) must not outvote two that agree. When no k has that
    many voters the heaviest k is returned, and :func:`refusal` turns it down.
    """
    tally: dict[int, float] = {}
    voters: dict[int, int] = {}
    for verdict, weight in zip(verdicts, weights, strict=True):
        if verdict.k is not None and verdict.k >= 2:
            tally[verdict.k] = tally.get(verdict.k, 0.0) + weight
            voters[verdict.k] = voters.get(verdict.k, 0) + 1
    if not tally:
        raise AssertionError("structure was found, so the gap statistic votes for some k ≥ 2")
    first_seen = {k: i for i, k in reversed(list(enumerate(v.k for v in verdicts)))}
    agreed = [k for k in tally if voters[k] >= MIN_VOTERS] or list(tally)
    winner = max(agreed, key=lambda k: (tally[k], -first_seen[k]))
    return winner, tally[winner] / sum(weights)


def dip_ceiling(verdicts: Sequence[KVote], weights: Sequence[float], winner: int) -> tuple[int, float] | None:
    """The dip criterion's k and its share of the weight, when it should replace a larger ``winner``.

    Why: on small data (where the dip criterion votes) the variance criteria (gap, BIC,
    Calinski–Harabasz) keep paying for cutting a wide cluster in pieces, so three blobs of
    unequal spread got k = 5 or 8 and standardised ruspini k = 13, while the dip test found
    every one of a smaller number of clusters unimodal. A partition finer than one whose
    clusters are all unimodal cuts single modes; so when the dip names a k ≥ 2 below the winner
    and at least :data:`MIN_VOTERS` criteria name that k (the dip and another), it is the
    answer. ``None`` when the winner stands.
    """
    dip = next((v.k for v in verdicts if v.criterion == "dip"), None)
    if dip is None or dip < 2 or dip >= winner:
        return None
    chosen = [w for v, w in zip(verdicts, weights, strict=True) if v.k == dip]
    if len(chosen) < MIN_VOTERS:
        return None
    return dip, sum(chosen) / sum(weights)


def dip_structure(structure: KVote, verdicts: Sequence[KVote]) -> KVote:
    """The structure verdict, found by the dip test where the uniform-box reference falls short.

    Why: the structure test compares the data's WCSS with uniform noise in the data's box; on a
    hundred rows that reference varies so much that two plain modes of unequal size (a beaver's
    body temperature at rest and when active: gap, BIC, G-means, the dip and the silhouette all
    name k = 2) stay under its :data:`~pipeline_lib.clusters.evidence.Z_MIN` SDs. The dip
    criterion is a test of the same question by other means: it rejects one mode only when the
    data are less unimodal than all but :data:`~pipeline_lib.clusters.dip.DIP_ALPHA` of uniform
    samples (the least favourable unimodal law), so skewed clouds pass it. Structure is taken
    from it when it names a k ≥ 2 and another criterion that weighs k against a model of "no
    more clusters" (gap, BIC, G-means) names the same k. Returns ``structure`` unchanged
    otherwise (and always when the structure test already found structure).
    """
    if structure.k is not None:
        return structure
    dip = next((v for v in verdicts if v.criterion == "dip"), None)
    if dip is None or dip.k is None or dip.k < 2:
        return structure
    agree = sorted(v.criterion for v in verdicts if v.criterion in _MODELLED - {"dip"} and v.k == dip.k)
    if not agree:
        return structure
    p_one = dip.scores.get(1, float("nan"))
    return KVote(structure.criterion, dip.k, structure.scores,
                 f"{structure.reason.removeprefix('no clear cluster structure: ')}: not enough against the uniform "
                 f"reference alone, but the dip test rejects one mode (unimodality p {p_one:.2g} ≤ {DIP_ALPHA}) and "
                 f"{' and '.join(agree)} name its k={dip.k} too: structure")


def counted(verdicts: Sequence[KVote], top: int) -> list[KVote]:
    """The votes that count: a criterion still improving at the edge of the sweep abstains."""
    return [v if v.k is None or not near_top(v.k, top) else
            KVote(v.criterion, None, v.scores, f"{v.reason}: at the edge of the sweep (k ≤ {top}), "
                                               f"so it abstains (it keeps improving with k)")
            for v in verdicts]


def few_rows(sweep: Sweep, winner: int | None, voters: Sequence[str]) -> str:
    """What a refusal on a small data set should add: the evidence is thin, and what most criteria said.

    Why: on a few dozen rows the sweep ends at rows/4 and cannot be extended, and G-means has no
    rows to test with, so "no clear structure" there means "cannot tell", which the user should
    know (measured: small real sets with plain groups get it; so do small skewed clouds).
    """
    top, rows = sweep.ks[-1], len(sweep.x)
    if searchable_k_max(sweep.x, top + 1) > top:
        return ""
    hint = (f"; {' and '.join(voters)} name k={winner}" if winner is not None and len(voters) >= MIN_VOTERS
            else "")
    return (f" — with only {rows} rows the sweep cannot go past k={top} and G-means cannot test k ≥ 2 below "
            f"{GMEANS_TEST_ROWS} rows, so the evidence is thin either way{hint}")


def outvotes_dip(voters: Sequence[str], peak: int | None, winner: int, rows: int) -> bool:
    """Whether the winner's voters outweigh the dip test's "one unimodal group".

    :data:`OUTVOTE_DIP` (gap, BIC and G-means all naming the winner) does, on any data. Below
    :data:`GMEANS_TEST_ROWS` rows G-means cannot test k ≥ 2 at all, so that outvote could never happen and the dip, which has the least power
    there, would refuse every small data set it finds unimodal (three groups of 20, 12 and 8
    rows, 17 reference SDs of structure, with gap, BIC, Calinski–Harabasz, the knee and the
    silhouette all naming 3). There gap and BIC naming the winner outvote it when the structure
    effect also peaks at the winner: on the seen small sets every skewed cloud the dip rightly
    vetoed had its effect still rising far past the vote (lognormal clouds: the effect peaks at
    k = 10 to 30), and no structureless one had gap, BIC and the effect's peak on one k. A third
    criterion must name it too (the agreement must be broad): on 60-row lognormal clouds in ten
    columns gap and BIC alone named k = 11 and 13 with the effect peaking there (2 of 20, the
    ``--n-samples 60`` guard of ``benchmarks/k_accuracy.py``), every other criterion naming 2 to 5.
    """
    if OUTVOTE_DIP <= set(voters):
        return True
    untestable = rows < GMEANS_TEST_ROWS
    broad = len(voters) > MIN_VOTERS
    return untestable and broad and peak == winner and OUTVOTE_DIP - {"gmeans"} <= set(voters)


def refusal(structure: KVote, counted: Sequence[KVote], winner: int | None, voters: Sequence[str],
            tops: tuple[int, int], effect: float, rows: int, share: float | None) -> tuple[str, float] | None:
    """Why no k is claimed (headline, confidence), or ``None`` when ``winner`` stands.

    ``tops`` is the largest k of the first sweep and of the final (maybe extended) one; ``rows``
    the rows the sweep clustered; ``share`` the winner's share of the weight as :data:`MAJORITY`
    judges it (:func:`voting_share`), or ``None`` where it is not judged (the whitened metric,
    where G-means must name the k instead).
    """
    first_top, top = tops
    if structure.k is None:
        return structure.reason, 1.0 - 0.5 * min(max(effect, 0.0) / EFFECT_MIN, 1.0)
    if winner is None:
        return (f"no clear cluster structure: every criterion keeps improving up to k={top}, the edge of the "
                f"sweep, so none shows where clusters stop paying off (skewed, heavy-tailed or continuous data "
                f"do this)", 0.5)
    if len(voters) < MIN_VOTERS:
        named = ", ".join(f"{v.criterion} k={v.k}" for v in counted)
        return (f"no clear cluster structure: the data split better than uniform noise, but only "
                f"{' and '.join(voters)} names k={winner} and the criteria disagree ({named})", 0.5)
    if not _MODELLED & set(voters):
        return (f"no clear cluster structure: only {' and '.join(voters)} name k={winner}, and they name some k on "
                f"any data; none of {', '.join(sorted(_MODELLED))}, which weigh k against a model of no more "
                f"clusters, agrees", 0.5)
    dip = next((v.k for v in counted if v.criterion == "dip"), None)
    if dip == 1 and not outvotes_dip(voters, structure.k, winner, rows):
        return ("no clear cluster structure: the dip test finds one unimodal group (a skewed or heavy-tailed "
                "cloud splits better than uniform noise without being groups)", 0.5)
    if near_top(structure.k, top) and "dip" not in voters and not gaussian_quorum(voters, rows):
        return (f"no clear cluster structure: the data split better than uniform noise, but the effect is "
                f"still improving at k={structure.k}, next to k={top}, the largest k searched, so it has no "
                f"peak (skewed or heavy-tailed data do this; if you expect more clusters, raise --k-max)", 0.5)
    gaussian_k = next((v.k for v in counted if v.criterion == "gmeans"), None)
    if gaussian_k is not None and gaussian_k >= 2 and winner > gaussian_k + GMEANS_MARGIN and "gmeans" not in voters:
        return (f"no clear cluster structure: {' and '.join(voters)} name k={winner}, but G-means finds "
                f"{gaussian_k} Gaussian clusters: a partition that much finer chops elongated or skewed clusters "
                f"(the variance criteria keep paying for that)", 0.5)
    if top > first_top and winner >= first_top - 1 and "gmeans" not in voters:
        return (f"no clear cluster structure: {' and '.join(voters)} name k={winner} only once the sweep was "
                f"extended past k={first_top}, and G-means does not find Gaussian clusters there: criteria that "
                f"keep improving with k (elongated, skewed or continuous data) do this", 0.5)
    if share is not None and share < MAJORITY and rows >= DIP_ROWS:
        return (f"no clear cluster structure: only {' and '.join(voters)} name k={winner}, {share:.0%} of the voting "
                f"weight; with {rows} rows a k needs at least {MAJORITY:.0%} (a minority of criteria naming a k is "
                f"what a skewed or continuous cloud chopped in pieces looks like)", 0.5)
    return None
