"""How many modes has one column? Gaussian mixtures, their modes, and a uniform reference.

Why: on a single column of a few dozen rows the structure test (uniform noise in the column's
range) and the dip test both lack power where groups are unequal: a handful of far galaxies
next to a big central mass, a beaver's short active spell next to its long rest, two units of
measurement in one column. A mixture of Gaussians with their own variances fits such a column
far better with one component per group than any one-mode fit can, while a skewed or
heavy-tailed cloud is fitted as well by overlapping components whose mixture keeps one mode.
So the statistic (:func:`multimodality`) is how much better, in BIC, the best fit with two or
more *supported* modes is than the best fit with one; a mode is supported when its basin holds
at least :data:`MODE_MIN_ROWS` rows and :data:`MODE_MIN_SHARE` of them, so a gross outlier is
not a group (as in :mod:`pipeline_lib.clusters.outliers`). It is calibrated, as the dip is,
against uniform samples of the same size (the least favourable one-mode law: it has no mode to
hold on to), drawn on the column's own grid when its values are rounded (integer counts tie, and
ties look like spikes to a mixture): the column is multimodal when it beats every one of
:data:`REFERENCES` such samples (p ≤ 1/(REFERENCES + 1)).

The EM fit is written out here (numpy, one column): scikit-learn's GaussianMixture costs a few
milliseconds of Python per fit, and a calibrated verdict needs about a thousand fits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_COMPONENTS", "MODE_MIN_ROWS", "MODE_MIN_SHARE", "REFERENCES", "VALLEY", "ModeVerdict", "multimodality"]

MAX_COMPONENTS = 6
"""Mixtures of 1..this many components are fitted (also at most one per 8 rows)."""

MODE_MIN_ROWS = 4
"""A mode whose basin holds fewer rows than this is outlying rows, not a group."""

MODE_MIN_SHARE = 0.05
"""A mode whose basin holds less than this share of the rows is outlying rows, not a group."""

VALLEY = 0.5
"""Two modes are two groups only where the density between them falls to this share of the lower peak."""

REFERENCES = 39
"""Uniform samples the statistic is compared with: beating all of them is p ≤ 1/40 = 0.025."""

_RESTARTS = 4
_ITERATIONS = 200
_GRID = 512


@dataclass(frozen=True)
class ModeVerdict:
    """The column's modes by the best mixture, and whether that beats uniform samples.

    Attributes:
        modes: supported modes of the BIC-best mixture.
        components: components of that mixture.
        statistic: BIC of the best one-mode fit minus BIC of the best multi-mode fit (> 0: more
            modes fit better; ``-inf`` when no fit has two supported modes).
        multimodal: the statistic beat all :data:`REFERENCES` uniform samples (p ≤ 1/(REFERENCES + 1)).
        references: uniform samples drawn (the test stops at the first one that looks as multimodal).
    """

    modes: int
    components: int
    statistic: float
    multimodal: bool
    references: int


def _grid_step(v: np.ndarray) -> float:
    """The rounding step of the values (0 when they are not on a grid): integers give 1, tenths 0.1."""
    distinct = np.unique(v)
    if len(distinct) < 2:
        return 0.0
    step = float(np.min(np.diff(distinct)))
    steps = (distinct - distinct[0]) / step
    return step if np.allclose(steps, np.round(steps), atol=1e-6) and len(distinct) < len(v) else 0.0


def _fit(z: np.ndarray, k: int, floor: float, rng: np.random.Generator) -> tuple[float, np.ndarray, np.ndarray,
                                                                                   np.ndarray]:
    """The best of a few EM runs of a k-component mixture (run side by side): log-likelihood, weights, means,
    variances."""
    n = len(z)
    runs = _RESTARTS if k > 1 else 1
    starts = [np.quantile(z, (np.arange(k) + 0.5) / k)]
    starts += [np.sort(rng.choice(z, size=k, replace=False)) for _ in range(runs - 1)]
    means = np.array(starts)  # (runs, k)
    variances = np.full((runs, k), max(float(np.var(z)) / k ** 2, floor))
    weights = np.full((runs, k), 1.0 / k)
    previous = np.full(runs, -math.inf)
    ll = previous
    for _ in range(_ITERATIONS):
        log_p = (np.log(weights)[:, None, :] - 0.5 * np.log(2 * math.pi * variances)[:, None, :]
                 - 0.5 * (z[None, :, None] - means[:, None, :]) ** 2 / variances[:, None, :])
        top = log_p.max(axis=2, keepdims=True)
        log_total = top[..., 0] + np.log(np.exp(log_p - top).sum(axis=2))
        ll = log_total.sum(axis=1)
        resp = np.exp(log_p - log_total[..., None])
        mass = resp.sum(axis=1) + 1e-12
        weights = mass / n
        means = (resp * z[None, :, None]).sum(axis=1) / mass
        variances = np.maximum((resp * (z[None, :, None] - means[:, None, :]) ** 2).sum(axis=1) / mass, floor)
        if np.all(ll - previous < 1e-9 * n):
            break
        previous = ll
    best = int(np.argmax(ll))
    return float(ll[best]), weights[best], means[best], variances[best]


def _supported_modes(z: np.ndarray, weights: np.ndarray, means: np.ndarray, variances: np.ndarray) -> int:
    """Modes of the mixture's density on the data's range, once shallow valleys are merged, that hold enough rows.

    Why the valleys: a skewed cloud (lognormal, exponential) is fitted by a narrow component at
    its peak and wide ones down its tail, and their sum can bulge into a slight second maximum
    on the tail. Groups are separated by a valley; a bulge is not. Two neighbouring modes count
    as two only when the density between them falls to :data:`VALLEY` of the lower peak.
    """
    grid = np.linspace(z.min(), z.max(), _GRID)
    density = (weights * np.exp(-0.5 * (grid[:, None] - means) ** 2 / variances) / np.sqrt(variances)).sum(axis=1)
    rising = np.diff(density) > 0
    minima = [i + 1 for i in range(len(rising) - 1) if not rising[i] and rising[i + 1]]
    while minima:
        bounds = [0, *minima, _GRID]
        peaks = [float(density[a:b].max()) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        depth = [float(density[m]) / min(peaks[i], peaks[i + 1]) for i, m in enumerate(minima)]
        shallowest = int(np.argmax(depth))
        if depth[shallowest] <= VALLEY:
            break
        del minima[shallowest]
    if not minima:
        return 1
    counts = np.bincount(np.searchsorted(grid[minima], z), minlength=len(minima) + 1)
    enough = max(MODE_MIN_ROWS, math.ceil(MODE_MIN_SHARE * len(z)))
    return max(int(np.sum(counts >= enough)), 1)


def _statistic(v: np.ndarray, rng: np.random.Generator) -> tuple[float, int, int]:
    """(BIC gain of the best multi-mode fit over the best one-mode fit, modes and components of the best)."""
    step = _grid_step(v)
    spread = float(np.std(v))
    z = (v - float(np.mean(v))) / spread
    # rounding to a grid of step h adds variance h²/12: no component may be narrower than that
    floor = max((step / spread) ** 2 / 12.0, 1e-6)
    n = len(z)
    best_one, best_more, best = math.inf, math.inf, (math.inf, 1, 1)
    for k in range(1, min(MAX_COMPONENTS, n // 8) + 1):
        ll, weights, means, variances = _fit(z, k, floor, rng)
        bic = -2.0 * ll + (3 * k - 1) * math.log(n)
        modes = _supported_modes(z, weights, means, variances) if k > 1 else 1
        if modes == 1:
            best_one = min(best_one, bic)
        else:
            best_more = min(best_more, bic)
        if bic < best[0]:
            best = (bic, modes, k)
    return best_one - best_more, best[1], best[2]


def multimodality(values: np.ndarray, random_state: int = 0) -> ModeVerdict:
    """The modes of one column, and how often uniform samples of its size and grid look as multimodal."""
    v = np.asarray(values, dtype=float).ravel()
    rng = np.random.default_rng(random_state)
    statistic, modes, components = _statistic(v, rng)
    if not math.isfinite(statistic):
        return ModeVerdict(modes, components, statistic, False, 0)
    step = _grid_step(v)
    levels = int(round((v.max() - v.min()) / step)) + 1 if step > 0 else 0
    for drawn in range(1, REFERENCES + 1):
        reference = (rng.integers(0, levels, size=len(v)).astype(float) if levels
                     else rng.uniform(size=len(v)))
        # one uniform sample as multimodal settles it (p > 1/(REFERENCES + 1)): stop there
        if np.ptp(reference) == 0 or _statistic(reference, rng)[0] >= statistic:
            return ModeVerdict(modes, components, statistic, False, drawn)
    return ModeVerdict(modes, components, statistic, True, REFERENCES)
