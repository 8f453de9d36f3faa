"""A Keras regression trains to a verdict on R² (``tuning.objective``), locally and in Docker.

Found by benchmarks/real_runs.py: two real regression scripts (Boston-housing style, MSE loss)
had no accuracy, so no trial could be judged and the run stopped with exit 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_lib.kinds.keras import no_metric_error
from tests.cli_helpers import SCRIPTS, only_run, run_mlops
from tests.containers.conftest import engine, images  # noqa: F401  (the engine and image fixtures, reused)


def test_a_trial_with_no_judgeable_metric_is_told_both_fixes() -> None:
    message = no_metric_error("rmse", {"loss": [1.0], "mae": [0.5]})
    assert "loss=rmse" in message and "it reported loss, mae" in message
    assert "metrics=['accuracy']" in message and "keras.metrics.R2Score()" in message


@pytest.mark.slow
@pytest.mark.parametrize("executor", ("local", "docker"))
def test_a_weak_regression_is_searched_until_its_validation_r2_meets_the_target(
        executor: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if executor == "docker":
        request.getfixturevalue("images")  # skipped with the reason when no engine answers
    runs = tmp_path / "runs"
    result = run_mlops("run", str(SCRIPTS / "regression_weak.py"), "--runs-dir", str(runs), "--no-notify",
                       "--executor", executor, "--max-trials", "4", timeout=600)
    run = only_run(runs)
    assert result.code == 0 and run["status"] == "target_met", result.text
    baseline, best = run["trials"][0], run["trials"][run["best"]["trial"] - 1]
    assert run["metric"] == "val_r2_score" and baseline["metric"] == "val_r2_score"
    assert baseline["value"] < 0.8 <= best["value"] <= 1.0
    assert "regression" in (baseline["metric_reason"] or "")
    assert any("judged on R²" in w for w in baseline["warnings"]), baseline["warnings"]
    summary = next(runs.glob("*/report/summary.md")).read_text(encoding="utf-8")
    assert "0.80 on val_r2_score" in summary


@pytest.mark.slow
def test_a_regression_whose_output_does_not_match_its_target_says_what_the_last_layer_needs(tmp_path: Path) -> None:
    (tmp_path / "pushed").mkdir()
    (tmp_path / "pushed" / "train.py").write_text(
        (SCRIPTS / "regression_weak.py").read_text(encoding="utf-8").replace(
            "keras.layers.Dense(1)]", "keras.layers.Dense(10, activation='softmax')]"))
    runs = tmp_path / "runs"
    result = run_mlops("run", str(tmp_path / "pushed"), "--runs-dir", str(runs), "--no-notify", "--max-trials", "1",
                       timeout=300)
    assert result.code == 2, result.text
    error = only_run(runs)["trials"][0]["error"]
    assert "the regression's output does not match its target" in error and "Dense(1)" in error, error
