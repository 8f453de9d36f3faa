"""What a Keras trial is judged on: accuracy for a classifier, R² for a regression.

Why R² for a regression: the pipeline's goal is one number against one target (0.80 by
default), and a regression has no accuracy. R² (the coefficient of determination: the share of
the target's variance the model explains) is, like accuracy, 1.0 at best and unit-free, so the
same ``--target`` reads the same way for house prices and for centimetres; MSE or MAE would need
a target in the data's own units. R² can be negative (worse than predicting the mean), which the
search treats like any other low value.

Lives in ``tuning`` (below ``runtime``) because the worker picks the judged key while the
strategies read the training counterpart of the same key; one module keeps both in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["R2_KEY", "is_regression_loss", "judgeable", "judged_key", "loss_name", "metric_reason", "training_key"]

R2_KEY = "r2_score"
"""The log key of ``keras.metrics.R2Score`` (its default name), added for a regression."""

_REGRESSION_LOSSES = frozenset({
    "mse", "mae", "mape", "msle", "meansquarederror", "meanabsoluteerror", "meanabsolutepercentageerror",
    "meansquaredlogarithmicerror", "huber", "huberloss", "logcosh", "logcosherror"})
"""Keras losses (by name, class or function; lower case without "_") that mean the model predicts numbers."""


def loss_name(loss: object) -> str:
    """A loss as the script named it: the string, or the class/function name of the object."""
    if loss is None or isinstance(loss, str):
        return loss or ""
    return str(getattr(loss, "__name__", None) or type(loss).__name__)


def is_regression_loss(loss: object) -> bool:
    """True for ``"mse"``, ``keras.losses.MeanSquaredError()``, ``keras.losses.mean_absolute_error`` & co."""
    return loss_name(loss).lower().replace("_", "") in _REGRESSION_LOSSES


def _is_accuracy(key: str) -> bool:
    return "acc" in key


def _is_r2(key: str) -> bool:
    return key.removeprefix("val_") == R2_KEY


def judgeable(key: str) -> bool:
    """True for a log key a trial can be judged on (accuracy or R², training or validation)."""
    return _is_accuracy(key) or _is_r2(key)


def judged_key(logs: Mapping[str, Any]) -> str | None:
    """The log key a trial is judged on: validation accuracy, training accuracy, then the same for R².

    ``keras_hooks.pick_metric`` applies this to the whole history and the stop-at-target
    callback to each epoch's logs, so stopping early and judging look at the same number.
    """
    for wanted in (_is_accuracy, _is_r2):
        val = [k for k in logs if k.startswith("val_") and wanted(k)]
        if val:
            return val[0]
        train = [k for k in logs if wanted(k) and not k.startswith("val_")]
        if train:
            return train[0]
    return None


def training_key(curve: Mapping[str, Any], judged: str | None) -> str | None:
    """The training-data counterpart of a validation key (``val_accuracy`` → ``accuracy``), when recorded.

    Why: a strategy calls a parent overfit when the two curves drift apart; a trial judged on
    training data has no counterpart.
    """
    if not judged or not judged.startswith("val_"):
        return None
    key = judged.removeprefix("val_")
    return key if curve.get(key) else None


def metric_reason(key: str) -> str:
    """One line on why this key was chosen, shown in the report beside the metric."""
    validation = key.startswith("val_")
    what = "R², the share of the target's variance explained, as the model is a regression" if _is_r2(key) \
        else "accuracy"
    data = "the script passes validation data" if validation else "the script passes no validation data"
    return f"{'validation' if validation else 'training'} {what} ({data})"
