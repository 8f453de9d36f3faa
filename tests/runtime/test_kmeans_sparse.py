"""KMeans fitted on a scipy sparse matrix (TF-IDF of documents, as real text-clustering scripts do) runs to a verdict.

Found by benchmarks/real_runs.py: the hook recorded ``np.asarray(X, dtype=float)``, which fails on a
sparse matrix, so every such script failed inside its own ``fit`` line.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse

from pipeline_lib.runtime import sklearn_hooks
from tests.cli_helpers import SCRIPTS, only_run, run_mlops
from tests.containers.conftest import engine, images  # noqa: F401  (the engine and image fixtures, reused)


def test_a_sparse_matrix_is_made_dense_and_a_huge_one_is_refused_with_its_size() -> None:
    small = scipy.sparse.random(5, 4, density=0.5, format="csr", random_state=0)
    dense, problem = sklearn_hooks._matrix(small)
    assert problem is None and dense is not None and np.array_equal(dense, small.toarray())
    huge = scipy.sparse.csr_matrix((sklearn_hooks.DENSE_CELLS // 10 + 1, 10))
    dense, problem = sklearn_hooks._matrix(huge)
    assert dense is None and problem is not None and "too big to make dense" in problem


@pytest.mark.slow
@pytest.mark.parametrize("executor", ("local", "docker"))
def test_kmeans_on_tfidf_vectors_trains_to_a_verdict(executor: str, tmp_path: Path,
                                                     request: pytest.FixtureRequest) -> None:
    if executor == "docker":
        request.getfixturevalue("images")  # skipped with the reason when no engine answers
    runs = tmp_path / "runs"
    result = run_mlops("run", str(SCRIPTS / "kmeans_tfidf.py"), "--runs-dir", str(runs), "--no-notify",
                       "--executor", executor, timeout=420)
    run = only_run(runs)
    assert run["kind"] == "kmeans" and run["status"] in ("target_met", "budget_spent"), result.text
    assert result.code in (0, 3), result.text
    baseline = run["trials"][0]
    assert baseline["status"] == "completed" and baseline["architecture"]["n_samples"] == 15
    assert baseline["architecture"]["n_features"] > 20  # the vocabulary: the matrix was recorded whole
