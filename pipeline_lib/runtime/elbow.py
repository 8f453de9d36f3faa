"""The picture of how k was chosen: the WCSS curve, every criterion's vote, the verdict.

Only the picture lives here. The k itself is chosen by :func:`pipeline_lib.clusters.estimate_k`
(the one k-chooser, also behind ``mlops clusters``); this module draws what it decided, inside the
training process, where the data are. matplotlib is imported only when called.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["plot_k"]

_VOTE_COLOURS = ("tab:orange", "tab:green", "tab:purple", "tab:brown", "tab:pink", "tab:olive", "tab:cyan")


def plot_k(curve: Sequence[tuple[int, float]], votes: Mapping[str, int | None], chosen_k: int | None,
           user_k: int | None, title: str, path: Path | str) -> None:
    """Write the WCSS curve as a PNG with each criterion's vote, the chosen k and the script's k.

    Args:
        curve: ``[(k, WCSS), ...]`` of the sweep.
        votes: each criterion's k (``None``: it named none or abstained; listed as such).
        chosen_k: the k chosen, or ``None`` for "no clear cluster structure".
        user_k: the k the script asked for (drawn as a grey dotted line), if known.
        title: the verdict in a few words (the figure's title).
        path: where the PNG goes (folders are created).

    Uses a bare ``Figure`` with the Agg canvas rather than ``pyplot``: no display is needed and
    no global figure state leaks into the user's script running in the same process.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ks = [k for k, _ in curve]
    wcss = dict(curve)
    figure = Figure(figsize=(7.2, 4.4), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    axes.plot(ks, [wcss[k] for k in ks], marker="o", markersize=3, color="tab:blue", label="WCSS (inertia)")
    named = sorted((name, k) for name, k in votes.items() if k is not None and k in wcss)
    for i, (name, k) in enumerate(named):
        axes.scatter([k], [wcss[k]], s=60 + 40 * i, facecolors="none", linewidths=1.5,
                     edgecolors=_VOTE_COLOURS[i % len(_VOTE_COLOURS)], zorder=3, label=f"{name}: k = {k}")
    silent = sorted(name for name, k in votes.items() if k is None or k not in wcss)
    if silent:
        axes.plot([], [], " ", label=f"no k: {', '.join(silent)}")
    if user_k is not None:
        axes.axvline(user_k, color="grey", linestyle=":", linewidth=1.2, label=f"script's k = {user_k}")
    if chosen_k is not None:
        axes.axvline(chosen_k, color="tab:red", linestyle="--", linewidth=1.2, label=f"chosen: k = {chosen_k}")
    else:
        axes.text(0.5, 0.92, "no clear cluster structure", transform=axes.transAxes, ha="center",
                  fontsize=11, color="tab:red")
    axes.set_xlabel("number of clusters k")
    axes.set_ylabel("within-cluster sum of squares (WCSS)")
    axes.set_title(title, fontsize=10)
    step = max(1, len(ks) // 15)
    axes.set_xticks(ks[::step])
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize=7, loc="upper right")
    figure.tight_layout()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, format="png")
