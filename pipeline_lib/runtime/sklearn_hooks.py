"""Hook on scikit-learn's KMeans: capture the data and the user's k from the script's run.

Why capture instead of re-implementing the script: the data a user clusters is whatever
their script loads and preprocesses. Recording ``X`` at ``fit`` lets the pipeline estimate k
(``pipeline_lib.clusters``) and refit on exactly that matrix, without editing the script; the
fitted model itself is recorded too, so the user's k can be handed back as it was trained.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from pipeline_lib.runtime.context import current

__all__ = ["DENSE_CELLS", "fit_final_kmeans", "install"]

_INSTALLED = False
#: A sparse matrix (TF-IDF of a script's documents) up to this many cells is made dense for the
#: estimate of k, which needs dense rows; a bigger one is not copied (it could exhaust memory).
DENSE_CELLS = 50_000_000


def _matrix(x: Any) -> tuple[np.ndarray | None, str | None]:
    """The data KMeans was fitted on as a dense float array, or (None, why) when it is too big to copy.

    Why: scikit-learn's KMeans accepts scipy sparse matrices (text as TF-IDF is the common case);
    ``np.asarray`` of one is a 0-d object array, so it has to be densified explicitly.
    """
    if hasattr(x, "toarray") and hasattr(x, "nnz"):
        rows, columns = x.shape
        if rows * columns > DENSE_CELLS:
            return None, (f"KMeans was fitted on a sparse {rows}x{columns} matrix, too big to make dense "
                          f"(over {DENSE_CELLS} cells) for the estimate of k")
        return np.asarray(x.toarray(), dtype=float), None
    return np.asarray(x, dtype=float), None


def install() -> None:
    """Patch ``KMeans.fit`` and ``MiniBatchKMeans.fit`` once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    from sklearn.cluster import KMeans, MiniBatchKMeans

    for cls in (KMeans, MiniBatchKMeans):
        original = cls.fit

        def fit(self: Any, X: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            ctx = current()
            started = time.perf_counter()
            result = _original(self, X, *args, **kwargs)
            if ctx is not None:
                matrix, problem = _matrix(X)
                if matrix is None:
                    ctx.kmeans["problem"] = problem
                    return result
                ctx.kmeans.update({
                    "X": matrix,
                    "user_k": int(self.n_clusters),
                    "params": {k: v for k, v in self.get_params().items()
                               if k in ("init", "n_init", "max_iter", "random_state", "algorithm")},
                    "estimator": type(self).__name__,
                    "inertia": float(self.inertia_),
                    "labels": np.asarray(self.labels_),
                    "model": self,  # the user's own fitted model: kept when no other k is chosen
                    "seconds": ctx.kmeans.get("seconds", 0.0) + time.perf_counter() - started,
                })
            return result

        cls.fit = fit
    _INSTALLED = True


def fit_final_kmeans(x: np.ndarray, k: int, params: dict[str, Any]) -> tuple[Any, float]:
    """The final fit with the chosen ``k``, using the user's other KMeans settings."""
    from sklearn.cluster import KMeans

    kwargs = {key: value for key, value in params.items() if value is not None}
    kwargs.setdefault("n_init", 10)
    kwargs.setdefault("random_state", 0)
    started = time.perf_counter()
    model = KMeans(n_clusters=k, **kwargs).fit(x)
    return model, time.perf_counter() - started
