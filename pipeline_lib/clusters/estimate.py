"""One honest k for KMeans: combine the criteria, and say so when there are no clusters.

How the verdict is reached (:func:`estimate_k`):

1. Sweep k = 1..k_max with KMeans on (a sample of) the data and on uniform references
   (:mod:`pipeline_lib.clusters.sweep`).
2. :class:`~pipeline_lib.clusters.evidence.StructureTest` decides whether the data have any
   cluster structure. If not, k is ``None`` ("no clear cluster structure") whatever the
   other criteria say: each of them always names some k, even on uniform noise.
3. Otherwise the criteria vote (:data:`CRITERIA`, weights in their classes: the gap
   statistic and BIC, the two that compare against a model of "no more clusters", count
   double; it is NbClust's idea of a majority over indices). Votes for k = 1 cannot win once
   structure was found; only a k that at least :data:`MIN_VOTERS` criteria name can win, and
   among those ties go to the criterion listed first. When no k has that many voters, or none
   of the winner's voters weighs k against a model of "no more clusters" (gap, BIC, G-means:
   the knee, the silhouette and Calinski–Harabasz name some k on skewed noise too), there is
   no clear structure either: the answer is ``None``, and the reasons list what each said.
   On :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows and more, in the data's own metric
   (not the whitened one of step 6), a winner with less than
   :data:`~pipeline_lib.clusters.decide.MAJORITY` of the voting weight is refused the same way;
   a k with a Gaussian quorum (:func:`~pipeline_lib.clusters.decide.gaussian_quorum`: G-means and
   two more criteria) counts its share among the criteria that name a k
   (:func:`~pipeline_lib.clusters.decide.voting_share`), and is not refused for an effect still
   rising at the edge (step 4). A winner whose clusters each run into their nearest neighbour with
   no dip in density between them is a continuum cut in pieces, and is refused
   (:func:`~pipeline_lib.clusters.continuum.continuum_reason`; 200 rows or more, weak effects only).
   **Small data** (under :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows, where G-means
   has too few rows to test with): the dip criterion (:class:`~pipeline_lib.clusters.evidence.DipMeans`,
   a unimodality test on each cluster's split axis and, stricter, on each of its columns) votes
   too; when it finds the data one unimodal group there is no clear structure (a skewed cloud
   splits better than uniform noise without being groups) unless the gap statistic, BIC and
   G-means all name the winner (:data:`~pipeline_lib.clusters.decide.OUTVOTE_DIP`: the dip has
   little power on a hundred rows), or, on data too small for G-means to test k ≥ 2, gap, BIC and a third criterion
   name it and the structure effect peaks there (:func:`~pipeline_lib.clusters.decide.outvotes_dip`);
   when it rejects one mode and gap, BIC or G-means names its k, that is structure even
   where the uniform-box reference falls short (:func:`~pipeline_lib.clusters.decide.dip_structure`);
   and a k it names may sit next to the row-capped top of the sweep.
   A winner larger than a k ≥ 2 the dip names gives way to it when another criterion names
   it too (:func:`~pipeline_lib.clusters.decide.dip_ceiling`): a partition finer than one of
   unimodal clusters cuts single modes.
4. **The edge.** When the vote or the structure effect lands at or next to the top of the
   sweep, the sweep is run again to :data:`EXTEND` × k_max before anything is decided. A
   criterion still at the edge then abstains; an effect still rising there means no peak
   (``None``); a k past the first sweep needs G-means' agreement.
5. **Shapes.** Data that form separate non-convex groups KMeans cannot recover (moons,
   rings; :mod:`pipeline_lib.clusters.shape`) get ``None`` with that reason.
6. **Elongated clusters.** Structured data in which G-means found Gaussian clusters that are
   elongated are whitened by those clusters' pooled covariance and judged again; that answer
   is taken when G-means agrees with it and there was no first k, or it is a larger k than
   the first (:func:`_whiten_by_clusters`): sheared blobs close across their short axis look
   like one cluster in the Euclidean metric. In that metric a larger winner gives way to a
   G-means k with a quorum (:func:`~pipeline_lib.clusters.decide.gaussian_ceiling`).
7. **Columns on different scales.** When the data, as given, show no k but their columns'
   spreads differ by :data:`SCALE_RATIO` or more (grams next to millimetres, proline next to
   hue), the units may be hiding the structure: KMeans in raw units sees little but the widest
   column. The columns are then standardised and judged again (:func:`_scale_look`); that
   answer is the verdict, ``standardised`` is set, and the reasons say to scale the features
   so the user's KMeans sees them that way too. Data that show a k as given are never
   rescaled: the metric is the user's.
8. **Columns that hold the groups.** On data under
   :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows where some but not all columns are each
   plainly multimodal on their own (:func:`~pipeline_lib.clusters.dip.multimodal_columns`), those
   columns are judged alone (:func:`_column_look`): groups apart in two columns of six drown in
   the other four once every column weighs the same, or some of them merge. When all columns
   together show no k, a k found there is the verdict; when they show one, a larger k found
   there is. ``columns`` names them, and the reasons say to cluster on them.
9. The chosen k is fitted once on *all* rows (warm-started from the sample's centres) so the
   reported cluster sizes describe the whole data set. Rows in clusters too small to be groups
   (fewer than :data:`~pipeline_lib.clusters.outliers.OUTLIER_ROWS` rows and under
   :data:`~pipeline_lib.clusters.outliers.OUTLIER_SHARE` of the data) are named (``outliers``)
   with a reason saying the k may count outlying rows; the k itself is not changed.

``confidence`` (0..1) is a score, not a probability. With a k: the share of the voting
weight that chose this k, scaled down linearly while the structure effect is below
:data:`EFFECT_CLEAR` (overlapping blobs that only just pass the structure test get a low
confidence even when every criterion agrees). Without a k: 1.0 when the data split no
better than uniform noise, falling to 0.5 as the effect approaches the detection threshold
(and 0.5 when a large effect was refused only because it had no peak below k_max, or
because only one criterion named the winning k).
Overlapping blobs are therefore reported as a k with a lower confidence while their split
still beats the noise reference clearly, and as ``None`` once they merge into one unimodal
cloud (two equal Gaussians closer than about two standard deviations).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence

import numpy as np

from pipeline_lib.clusters.decide import (
    CRITERIA,
    GMEANS_MARGIN,
    MIN_VOTERS,
    counted,
    dip_ceiling,
    dip_structure,
    few_rows,
    gaussian_ceiling,
    refusal,
    vote,
    voting_share,
    weights,
)
from pipeline_lib.clusters.continuum import continuum_reason
from pipeline_lib.clusters.dip import MULTIMODAL_ALPHA, multimodal_columns
from pipeline_lib.clusters.evidence import DIP_ROWS, KVote, StructureTest, near_top
from pipeline_lib.clusters.io import check_matrix
from pipeline_lib.clusters.outliers import outlier_note, outlier_rows
from pipeline_lib.clusters.result import KEstimate
from pipeline_lib.clusters.shape import non_convex_reason
from pipeline_lib.clusters.sweep import Sweep, run_sweep
from pipeline_lib.errors import UserInputError

__all__ = ["CRITERIA", "EFFECT_CLEAR", "EXTEND", "GMEANS_MARGIN", "MIN_VOTERS", "SCALE_RATIO", "KEstimate",
           "estimate_k"]

EXTEND = 2
"""A sweep whose answer lands at its edge is run again up to this many times ``k_max``."""

ROUND = 2.0
"""Clusters whose shared covariance has an eigenvalue ratio above this count as elongated."""

WHITEN_FLOOR = 1e-3
"""Whitening never stretches an axis by more than 1/sqrt of this: near-constant directions
(pixels that are almost always blank) must not become unit-variance noise."""

WHITEN_ROUNDS = 2
"""Looks in a whitened metric at most (each by the clusters G-means found in the one before)."""

SCALE_RATIO = 10.0
"""Columns whose standard deviations differ by this factor (largest over smallest non-constant)
are on different scales: an order of magnitude, as between units, not between spreads of
clusters (chosen before any run on the real sets; see step 7 of the module docstring)."""

EFFECT_CLEAR = 0.3
"""Structure effect from which a k gets full confidence (see the module docstring)."""

_STRUCTURE = StructureTest()


def _full_fit(x: np.ndarray, sweep: Sweep, k: int, random_state: int) -> tuple[tuple[int, ...], str, np.ndarray]:
    """Fit k on all rows (from the sample's centres): the cluster sizes, their description, each row's cluster."""
    if len(x) == len(sweep.x):
        labels = sweep.labels[k]
        where = f"all {len(x):,} rows"
    else:
        from sklearn.cluster import KMeans

        model = KMeans(n_clusters=k, init=sweep.centers[k], n_init=1, random_state=random_state).fit(x)
        labels = model.labels_
        where = f"a full KMeans fit on all {len(x):,} rows (the sweep used {len(sweep.x):,} sampled rows)"
    sizes = tuple(sorted((int(s) for s in np.bincount(labels, minlength=k)), reverse=True))
    return sizes, f"{where}: {k} clusters of {', '.join(f'{s:,}' for s in sizes)} rows", labels


def _votes(sweep: Sweep) -> tuple[KVote, list[KVote]]:
    verdicts = [criterion.judge(sweep) for criterion in CRITERIA]
    return dip_structure(_STRUCTURE.judge(sweep), verdicts), verdicts


def _wants_more(sweep: Sweep, structure: KVote, verdicts: Sequence[KVote]) -> bool:
    """Whether the answer would sit at the edge of the sweep: the structure peak or the plain vote there."""
    top = sweep.ks[-1]
    if structure.k is not None and near_top(structure.k, top):
        return True
    named = [v for v in verdicts if v.k is not None and v.k >= 2]
    if not named:
        return False
    k, _ = vote(verdicts, weights(sweep))
    return near_top(k, top)


def estimate_k(x: np.ndarray, k_max: int = 15, random_state: int = 0) -> KEstimate:
    """Estimate the number of KMeans clusters in ``x``, or say there is no clear structure.

    When the answer would sit at or next to ``k_max`` (or the structure effect peaks there), the
    sweep is extended once to ``2·k_max`` (within the row cap) before anything is decided: a k
    at the edge of the search is a symptom of criteria that keep improving, not an answer.

    Args:
        x: the data, ``(n_samples, n_features)``, finite numbers.
        k_max: the largest k first considered (also capped at rows / 4 and at the distinct rows).
        random_state: seeds the sample, the references and every KMeans fit.

    Returns:
        The verdict with its confidence, reasons, every criterion's vote and per-criterion scores.

    Raises:
        UserInputError: ``x`` is not a finite 2-D numeric matrix, or ``k_max`` < 2.
    """
    started = time.perf_counter()
    if k_max < 2:
        raise UserInputError(f"k_max={k_max}: at least 2 is needed to tell clusters from no clusters",
                             hint="pass --k-max 2 or more (default 15).")
    data = check_matrix(np.asarray(x))
    estimate = _judge(data, k_max, random_state, started)
    if estimate.k is None:
        estimate = _scale_look(data, estimate, k_max, random_state, started)
    return _column_look(data, estimate, k_max, random_state, started)


def _judge(data: np.ndarray, k_max: int, random_state: int, started: float) -> KEstimate:
    """The verdict on ``data`` in its own metric, then in the metric of its Gaussian clusters (steps 1-6)."""
    estimate, sweep = _analyse(data, k_max, random_state, started, [])
    return _second_look(data, estimate, sweep, k_max, random_state, started)


def _scale_look(data: np.ndarray, estimate: KEstimate, k_max: int, random_state: int,
                started: float) -> KEstimate:
    """The verdict on standardised columns, when the data as given show no k and their scales differ (step 7).

    Why: KMeans' distance adds the columns up in their own units, so a column measured in
    hundreds (proline, body mass in grams) decides alone. The user's KMeans fits the raw units,
    so this answer is reported as what it is, with the advice to scale the features.
    """
    spread = data.std(axis=0)
    varying = spread > 0
    if varying.sum() < 2:
        return estimate
    wide, narrow = int(np.argmax(np.where(varying, spread, -np.inf))), int(np.argmin(np.where(varying, spread, np.inf)))
    ratio = float(spread[wide] / spread[narrow])
    if ratio < SCALE_RATIO:
        return estimate
    scaled = _standardised(data[:, varying])
    as_given = estimate.reasons[0]
    note = (f"as given: {as_given}; but the columns' spreads differ {ratio:,.0f}-fold (column {wide + 1}: SD "
            f"{spread[wide]:.3g}; column {narrow + 1}: SD {spread[narrow]:.3g}), so KMeans in these units sees "
            f"little but column {wide + 1}: the columns were standardised (mean 0, SD 1) and judged again")
    second = _judge(scaled, k_max, random_state, started)
    advice = ("scale your features (e.g. sklearn.preprocessing.StandardScaler before KMeans) so your "
              "KMeans sees them as this analysis did")
    headline = (f"{second.reasons[0]} — on standardised columns; {advice}" if second.k is not None
                else f"{second.reasons[0]} (also on standardised columns)")
    return dataclasses.replace(second, reasons=(headline, note, *second.reasons[1:]), standardised=True,
                               seconds=time.perf_counter() - started)


def _column_look(data: np.ndarray, estimate: KEstimate, k_max: int, random_state: int,
                 started: float) -> KEstimate:
    """The verdict on the columns that are multimodal on their own, when all columns show no k or fewer (step 8).

    Why: groups that differ in only some columns are drowned by the others once every column
    weighs the same (standardised, or measured in like units): the structure test compares the
    whole data with a uniform box in all columns, and noise columns fill that box as well as
    the groups do, or merge some of the groups. A column in which the groups stand apart is
    plainly multimodal by itself (:func:`~pipeline_lib.clusters.dip.multimodal_columns`), so
    those columns are judged alone. With a k on all columns, only a *larger* k there counts:
    leaving columns out can merge groups that differ in the others, never part one group, so a
    smaller k in the subset says nothing against the first. Only on small data (under
    :data:`~pipeline_lib.clusters.evidence.DIP_ROWS` rows, where the dip votes) and only when
    some but not all columns are multimodal. The user's KMeans sees every column, so the answer
    says which columns hold the groups.
    """
    if len(data) >= DIP_ROWS or data.shape[1] < 2:
        return estimate
    look = _standardised(data) if estimate.standardised else data
    columns = multimodal_columns(look)
    if not columns or len(columns) == data.shape[1]:
        return estimate
    second = _judge(look[:, list(columns)], k_max, random_state, started)
    if second.k is None or (estimate.k is not None and second.k <= estimate.k):
        return estimate
    found = dataclasses.replace(second, standardised=estimate.standardised, columns=columns)
    names = found.column_names
    note = (f"on all columns: {estimate.reasons[0]}; but column(s) {names} are each plainly multimodal on their own "
            f"(unimodality p ≤ {MULTIMODAL_ALPHA}) and the others are not, so those columns were judged alone")
    headline = (f"{second.reasons[0]} — in column(s) {names} only; KMeans on every column may not separate them: "
                f"cluster on column(s) {names}")
    return dataclasses.replace(found, reasons=(headline, note, *second.reasons[1:]),
                               seconds=time.perf_counter() - started)


def _standardised(data: np.ndarray) -> np.ndarray:
    """Columns with mean 0 and SD 1 (constant columns left at 0)."""
    spread = data.std(axis=0)
    return (data - data.mean(axis=0)) / np.where(spread > 0, spread, 1.0)


def _second_look(data: np.ndarray, estimate: KEstimate, sweep: Sweep, k_max: int, random_state: int,
                 started: float) -> KEstimate:
    """The verdict in the metric of G-means' clusters, when that metric says more (step 6).

    A second look in another metric is a second chance to see structure, so it is taken only
    when the structure test already found some. It is taken with or without a first k: two
    sheared blobs close across their long axis form one elongated cluster in which every
    Euclidean criterion (G-means too) sees one, and the first k is then short. When the
    whitened data get no k but G-means finds more Gaussian clusters there, they are whitened
    once more by those (at most :data:`WHITEN_ROUNDS` looks).
    """
    current, current_sweep, current_data, notes = estimate, sweep, data, []
    for _ in range(WHITEN_ROUNDS):
        gaussian_k = current.votes.get("gmeans")
        if not current.structured or gaussian_k is None or gaussian_k < 2:
            break
        whitened, note = _whiten_by_clusters(current_data, current_sweep, gaussian_k)
        if whitened is None:
            break
        notes.append(note)
        second, second_sweep = _analyse(whitened, k_max, random_state, started, notes, own_metric=False)
        # In the round metric G-means must see Gaussian clusters at the new k too: whitening by a
        # wrong partition stretches the data, and the variance criteria would then vote on the stretch.
        if second.k is not None and second.votes.get("gmeans") == second.k:
            # With a first k, whitening is evidence only for more clusters (it separates clusters
            # merged across the short axis of the shear), never for fewer.
            return second if estimate.k is None or second.k > estimate.k else estimate
        again = second.votes.get("gmeans")
        if second.k is not None or again is None or again <= gaussian_k:
            break
        current, current_sweep, current_data = second, second_sweep, whitened
    return estimate


def _whiten_by_clusters(data: np.ndarray, sweep: Sweep, k: int) -> tuple[np.ndarray | None, str]:
    """The data in the metric of its own clusters' shared covariance, when that is not round.

    Why: KMeans and the variance criteria (gap, BIC, Calinski–Harabasz) assume round clusters
    and keep paying for chopping elongated (sheared) ones. G-means' partition at ``k`` is a set
    of Gaussian clusters; whitening by their pooled within-cluster covariance makes them round
    (a Mahalanobis metric, as linear discriminant analysis uses), so the criteria can vote
    again. Returns ``None`` when the clusters are already round (eigenvalue ratio ≤
    :data:`ROUND`): whitening would change nothing.
    """
    labels = sweep.labels[k]
    centred = sweep.x - sweep.centers[k][labels]
    within = centred.T @ centred / max(len(sweep.x) - k, 1)
    values, vectors = np.linalg.eigh(within)
    top = float(values[-1])
    if top <= 0 or top / max(float(values[0]), 1e-300) <= ROUND:
        return None, ""
    values = np.maximum(values, top * WHITEN_FLOOR)
    whitened = (data - data.mean(axis=0)) @ (vectors / np.sqrt(values))
    note = (f"the {k} Gaussian clusters G-means found are elongated (their shared covariance has axes "
            f"{math.sqrt(top / float(values[0])):.1f}:1), so the data were whitened by it and the criteria "
            f"voted again in that metric")
    return whitened, note


def _analyse(data: np.ndarray, k_max: int, random_state: int, started: float,
             notes: list[str], own_metric: bool = True) -> tuple[KEstimate, Sweep]:
    """Sweep (extended once when the answer lands at its edge), vote and decide.

    ``own_metric`` is false in the whitened metric of step 6, where the winner's share of the
    weight is not judged (:data:`~pipeline_lib.clusters.decide.MAJORITY`): G-means must name it.
    """
    sweep = run_sweep(data, k_max, random_state)
    structure, verdicts = _votes(sweep)
    notes = list(notes)
    first_top = sweep.ks[-1]
    if _wants_more(sweep, structure, verdicts):
        longer = run_sweep(data, EXTEND * k_max, random_state)
        if longer.ks[-1] > first_top:
            sweep = longer
            structure, verdicts = _votes(sweep)
            notes.append(f"the first sweep (k ≤ {first_top}) put the answer at its edge, so it was extended to "
                         f"k ≤ {sweep.ks[-1]}")
    return _decide(data, sweep, structure, verdicts, notes, first_top, random_state, started, own_metric), sweep


def _decide(data: np.ndarray, sweep: Sweep, structure: KVote, verdicts: list[KVote], notes: list[str],
            first_top: int, random_state: int, started: float, own_metric: bool) -> KEstimate:
    """The verdict from the (final) sweep's votes: structure, edge, agreement, shape, in that order."""
    top = sweep.ks[-1]
    scores = {v.criterion: v.scores for v in (structure, *verdicts)}
    votes_counted = counted(verdicts, top)
    weight = weights(sweep)
    votes = {v.criterion: v.k for v in votes_counted}
    effect = max(structure.scores.values(), default=0.0)
    evidence = (structure.reason, *(v.reason for v in votes_counted), *notes)
    winner: int | None = None
    agreement = 0.0
    voters: list[str] = []
    if any(v.k is not None and v.k >= 2 for v in votes_counted):
        winner, agreement = vote(votes_counted, weight)
        ceiling = dip_ceiling(votes_counted, weight, winner)
        if ceiling is not None:
            evidence = (*evidence, f"the vote named k={winner}, but the dip test finds {ceiling[0]} clusters each "
                                   f"unimodal: a finer partition cuts single modes (on small data the variance "
                                   f"criteria keep paying for that), so k={ceiling[0]}")
            winner, agreement = ceiling
        rounded = None if own_metric else gaussian_ceiling(votes_counted, weight, winner, len(sweep.x))
        if rounded is not None:
            evidence = (*evidence, f"the vote named k={winner}, but in this metric G-means and two more criteria "
                                   f"name {rounded[0]}: the variance criteria keep paying for cutting round "
                                   f"clusters, so k={rounded[0]}")
            winner, agreement = rounded
        voters = [v.criterion for v in votes_counted if v.k == winner]
    share = (voting_share(votes_counted, weight, winner, len(sweep.x))
             if own_metric and winner is not None else None)
    refused = refusal(structure, votes_counted, winner, voters, (first_top, top), effect, len(sweep.x), share)
    if refused is None and winner is not None:
        seamless = continuum_reason(sweep, winner, effect)
        refused = None if seamless is None else (seamless, 0.5)
    few = few_rows(sweep, winner, voters) if refused is not None and structure.k is not None else ""
    if refused is not None and few:  # a larger --k-max cannot help: the rows set the edge
        refused = (refused[0].replace("; if you expect more clusters, raise --k-max", "") + few, refused[1])
    shape = non_convex_reason(sweep, winner if refused is None else None)

    def none(headline: str, confidence: float) -> KEstimate:
        rest = tuple(reason for reason in evidence if reason != headline)
        return KEstimate(None, confidence, (headline, *rest), scores, time.perf_counter() - started,
                         len(data), len(sweep.x), votes=votes, k_searched=top, non_convex=shape is not None,
                         structured=structure.k is not None)

    if shape is not None:
        return none(f"no clear cluster structure for KMeans: {shape}", 0.5)
    if refused is not None:
        return none(*refused)
    assert winner is not None and structure.k is not None  # refusal() returned None
    confidence = agreement * min(effect / EFFECT_CLEAR, 1.0)
    sizes, fit_reason, labels = _full_fit(data, sweep, winner, random_state)
    headline = f"k={winner}: chosen by {', '.join(voters)} ({agreement:.0%} of the voting weight)"
    outliers = outlier_rows(labels)
    tail = (fit_reason, outlier_note(winner, labels)) if outliers else (fit_reason,)
    return KEstimate(winner, confidence, (headline, *evidence, *tail), scores, time.perf_counter() - started,
                     len(data), len(sweep.x), sizes, votes=votes, k_searched=top, structured=True, outliers=outliers)

