"""The k plot (WCSS curve, every criterion's vote, the verdict), drawn by real matplotlib.

The k itself is chosen by ``pipeline_lib.clusters`` (tests/clusters); this module only draws it.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
from matplotlib.image import imread

from pipeline_lib.runtime.elbow import plot_k

CURVE = [(k, 1000.0 / k**2 + 10.0) for k in range(1, 16)]
VOTES: dict[str, int | None] = {"gap": 4, "bic": 4, "gmeans": 4, "calinski_harabasz": 6, "wcss": 4,
                                "silhouette": None}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _red_pixels(path: Path) -> int:
    """Reddish pixels (tab:red, #d62728, anti-aliased): the chosen k's line and the no-structure text."""
    rgb = imread(path)[..., :3] * 255
    return int(((rgb[..., 0] > 150) & (rgb[..., 1] < 140) & (rgb[..., 2] < 140)).sum())


def test_plot_with_a_chosen_k_is_a_png_with_the_red_chosen_line(tmp_path: Path) -> None:
    target = tmp_path / "report" / "elbow.png"
    plot_k(CURVE, VOTES, 4, 3, "k = 4 chosen by 4 of 6 criteria", target)
    assert _png_size(target) == (720, 440)
    assert target.stat().st_size > 10_000, "a real chart, not an empty canvas"
    assert _red_pixels(target) > 100


def test_plot_without_structure_says_so_and_draws_no_chosen_line(tmp_path: Path) -> None:
    chosen, none = tmp_path / "chosen.png", tmp_path / "none.png"
    plot_k(CURVE, VOTES, 4, 3, "t", chosen)
    plot_k(CURVE, dict.fromkeys(VOTES), None, 3, "no clear cluster structure: the script's k = 3 is kept", none)
    assert _png_size(none) == (720, 440)
    # The red "no clear cluster structure" caption replaces the full-height red line of a chosen k.
    assert 0 < _red_pixels(none) < _red_pixels(chosen)
    assert chosen.read_bytes() != none.read_bytes()
