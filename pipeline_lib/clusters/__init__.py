"""Choose the number of KMeans clusters honestly: one k with a confidence and reasons, or none.

``estimate_k(x)`` combines a WCSS knee, the silhouette, Calinski–Harabasz, the gap statistic,
BIC and G-means, after a structure test that can answer "no clear cluster structure" (k ``None``).
It is the one k-chooser: ``mlops clusters`` and the pipeline's KMeans trials both call it.
``load_matrix(path)`` reads the ``.npy``/``.csv`` matrix ``mlops clusters FILE`` analyses.

The names are loaded on first use (PEP 562): the ``mlops`` parser imports
``pipeline_lib.clusters.cli`` for every command, and that must not pay for NumPy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline_lib.clusters.estimate import KEstimate, estimate_k
    from pipeline_lib.clusters.io import load_matrix

__all__ = ["KEstimate", "estimate_k", "load_matrix"]

_HOMES = {"KEstimate": "estimate", "estimate_k": "estimate", "load_matrix": "io"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
