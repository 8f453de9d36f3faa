"""The continuum check: a partition whose every border runs through continuous density is refused."""

from __future__ import annotations

import numpy as np

from pipeline_lib.clusters.continuum import CONTINUUM_ALPHA, CONTINUUM_EFFECT, continuum_reason, neighbour_pairs_p
from pipeline_lib.clusters.evidence import DIP_ROWS
from pipeline_lib.clusters.sweep import run_sweep


def _curve(rows: int, seed: int = 0) -> np.ndarray:
    """One trending continuum: points along a parabola with a little noise (a year of prices does this)."""
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, 1, rows)
    return np.column_stack([t, t**2]) + rng.normal(0, 0.03, (rows, 2))


def _blobs(rows: int, seed: int = 0) -> np.ndarray:
    """Three round groups 8 SD apart."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0.0, 0.0], [8.0, 0.0], [4.0, 7.0]])
    return np.vstack([rng.normal(c, 1.0, (rows // 3, 2)) for c in centres])


def test_a_continuum_cut_in_four_is_refused() -> None:
    sweep = run_sweep(_curve(600), 6, 0)
    ps = neighbour_pairs_p(sweep.x, sweep.labels[4], sweep.centers[4])
    assert min(ps.values()) > CONTINUUM_ALPHA, ps
    reason = continuum_reason(sweep, 4, 0.2)
    assert reason is not None and "no dip in density" in reason and "k=4" in reason
    # A strong split over the uniform references (touching Gaussian groups) is not judged.
    assert continuum_reason(sweep, 4, CONTINUUM_EFFECT) is None


def test_separate_groups_stand() -> None:
    sweep = run_sweep(_blobs(600), 6, 0)
    ps = neighbour_pairs_p(sweep.x, sweep.labels[3], sweep.centers[3])
    assert min(ps.values()) <= CONTINUUM_ALPHA, ps
    assert continuum_reason(sweep, 3, 0.2) is None


def test_small_data_are_left_to_the_dip_criterion() -> None:
    sweep = run_sweep(_curve(DIP_ROWS - 20), 6, 0)
    assert continuum_reason(sweep, 4, 0.2) is None
