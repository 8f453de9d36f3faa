"""A Keras regression (no accuracy at all) is told it is unsupported, not to add metrics=['accuracy'].

Found by benchmarks/real_runs.py (a Boston-housing MSE script): the old message advised adding an
accuracy metric, which is meaningless for house prices.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_lib.kinds.keras import no_accuracy_error
from tests.cli_helpers import only_run, run_mlops

REGRESSION = """\
import numpy as np
from tensorflow import keras
rng = np.random.default_rng(0)
x = rng.normal(size=(200, 3)).astype("float32")
y = x @ np.array([1.0, -2.0, 0.5], dtype="float32")
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=2, verbose=0)
"""


@pytest.mark.parametrize("loss", ["mse", "mean_absolute_error", "MeanSquaredError", "huber"])
def test_a_regression_loss_says_regression_is_not_supported(loss: str) -> None:
    message = no_accuracy_error(loss, {"loss": [1.0], "mae": [0.5]})
    assert "regression" in message and f"loss={loss}" in message and "loss, mae" in message
    assert "metrics=['accuracy']" not in message


@pytest.mark.parametrize("loss", ["categorical_crossentropy", None, "CustomLoss"])
def test_a_classifier_without_accuracy_is_told_to_add_it(loss: str | None) -> None:
    assert no_accuracy_error(loss, {"loss": [1.0]}).endswith("compile the model with metrics=['accuracy']")


@pytest.mark.slow
def test_a_regression_script_fails_naming_the_regression(tmp_path: Path) -> None:
    (tmp_path / "pushed").mkdir()
    (tmp_path / "pushed" / "train.py").write_text(REGRESSION)
    runs = tmp_path / "runs"
    result = run_mlops("run", str(tmp_path / "pushed"), "--runs-dir", str(runs), "--no-notify", "--max-trials", "1",
                       timeout=300)
    run = only_run(runs)
    assert result.code == 2, result.text
    error = run["trials"][0]["error"]
    assert "the model is a regression (loss=mse" in error and "not supported" in error, error
