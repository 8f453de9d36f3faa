"""Which number a Keras trial is judged on: accuracy for a classifier, R² for a regression."""

from __future__ import annotations

import keras
import pytest

from pipeline_lib.tuning.objective import is_regression_loss, judged_key, metric_reason, training_key


def test_judged_key_prefers_validation_accuracy() -> None:
    assert judged_key({"accuracy": 1, "val_accuracy": 0.5, "loss": 1}) == "val_accuracy"
    assert judged_key({"accuracy": 1, "loss": 1}) == "accuracy"
    assert judged_key({"loss": 1}) is None


def test_a_regression_is_judged_on_r2_validation_first() -> None:
    assert judged_key({"loss": 1, "mae": 2, "r2_score": 0.9, "val_r2_score": 0.4}) == "val_r2_score"
    assert judged_key({"loss": 1, "r2_score": 0.9}) == "r2_score"
    assert judged_key({"loss": 1, "mae": 2, "val_mae": 3}) is None


def test_accuracy_wins_over_r2_when_both_are_logged() -> None:
    assert judged_key({"val_r2_score": 0.4, "accuracy": 0.7}) == "accuracy"


@pytest.mark.parametrize("loss", ["mse", "mean_absolute_error", "MeanSquaredError", "huber",
                                  keras.losses.MeanSquaredError(), keras.losses.mean_absolute_error,
                                  keras.losses.Huber()])
def test_regression_losses_are_recognised_by_name_class_or_function(loss: object) -> None:
    assert is_regression_loss(loss)


@pytest.mark.parametrize("loss", ["categorical_crossentropy", None, "CustomLoss",
                                  keras.losses.SparseCategoricalCrossentropy(), keras.losses.binary_crossentropy])
def test_classification_and_unknown_losses_are_not_regression(loss: object) -> None:
    assert not is_regression_loss(loss)


def test_the_training_counterpart_is_the_same_metric_on_training_data() -> None:
    curve = {"accuracy": [0.9], "val_accuracy": [0.5], "r2_score": [0.8], "val_r2_score": [0.3]}
    assert training_key(curve, "val_accuracy") == "accuracy"
    assert training_key(curve, "val_r2_score") == "r2_score"
    assert training_key(curve, "accuracy") is None  # judged on training data: nothing to compare with
    assert training_key({"val_acc": [0.5]}, "val_acc") is None  # not recorded


def test_the_reason_says_regression_and_where_the_data_come_from() -> None:
    assert metric_reason("val_r2_score").startswith("validation R², the share of the target's variance explained")
    assert "regression" in metric_reason("r2_score")
    assert metric_reason("accuracy") == "training accuracy (the script passes no validation data)"
