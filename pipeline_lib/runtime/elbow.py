"""The WCSS (elbow) curve of KMeans and its picture.

Runs inside the training process, after the user's script clustered its data: the curve
needs the data, and scikit-learn/matplotlib are imported only here, only when called, so
importing the runtime package stays cheap.

The knee rule lives in :mod:`pipeline_lib.clusters.knee` (``mlops clusters`` uses it too).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline_lib.errors import UserInputError

__all__ = ["plot_elbow", "wcss_curve"]


def wcss_curve(X: Any, k_max: int = 10, random_state: int = 0) -> list[tuple[int, float]]:
    """KMeans inertia (within-cluster sum of squares) for k = 1..k_max.

    Args:
        X: the data the user's script clustered, ``(n_samples, n_features)`` or 1-D.
        k_max: largest k tried; capped at the number of samples (k can't exceed it).
        random_state: seed of every KMeans fit, so the curve (and the chosen k) is
            reproducible across restarts of the trial.

    Returns:
        ``[(k, wcss), ...]`` in increasing k.

    Raises:
        UserInputError: the data set is empty or ``k_max`` is below 1.
    """
    import numpy as np
    from sklearn.cluster import KMeans

    data = np.asarray(X, dtype=float)
    if data.ndim == 1:
        data = data.reshape(-1, 1)
    if len(data) == 0 or k_max < 1:
        raise UserInputError(f"can't draw a WCSS curve for {len(data)} samples with k_max={k_max}",
                             hint="the script must cluster at least one sample; set k_max (run config) ≥ 1.")
    curve: list[tuple[int, float]] = []
    for k in range(1, min(k_max, len(data)) + 1):
        model = KMeans(n_clusters=k, n_init=4, random_state=random_state).fit(data)
        curve.append((k, float(model.inertia_)))
    return curve


def plot_elbow(curve: Sequence[tuple[int, float]], chosen_k: int, path: Path | str) -> None:
    """Write the WCSS curve as a PNG with the chosen k marked.

    Uses a bare ``Figure`` with the Agg canvas rather than ``pyplot``: no display is needed
    and no global figure state leaks into the user's script running in the same process.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ks = [k for k, _ in curve]
    ws = [w for _, w in curve]
    figure = Figure(figsize=(6.4, 4.0), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.plot(ks, ws, marker="o", color="tab:blue", label="WCSS (inertia)")
    chosen = [w for k, w in curve if k == chosen_k]
    if chosen:
        axes.scatter([chosen_k], chosen, s=160, facecolors="none", edgecolors="tab:red", linewidths=2,
                     zorder=3, label=f"elbow: k = {chosen_k}")
    axes.axvline(chosen_k, color="tab:red", linestyle="--", linewidth=1)
    axes.set_xlabel("number of clusters k")
    axes.set_ylabel("within-cluster sum of squares (WCSS)")
    axes.set_title(f"Elbow method: k = {chosen_k} chosen")
    axes.set_xticks(ks)
    axes.grid(True, alpha=0.3)
    axes.legend()
    figure.tight_layout()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, format="png")
