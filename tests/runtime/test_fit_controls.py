"""Stop at the target, prune plateaus, warm-start by layer name: with real Keras on tiny models."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from pipeline_lib.runtime.context import TrialContext
from pipeline_lib.runtime.fit_controls import (
    WEIGHTS_FILE,
    control_callbacks,
    ensure_built,
    save_layer_weights,
    warm_start,
)


@pytest.fixture(scope="module")
def keras() -> ModuleType:
    import keras as keras_module

    return keras_module


def data(n: int = 64) -> tuple[np.ndarray, np.ndarray]:
    """Two linearly separable classes: a small network reaches 100 % within a few epochs."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 4)).astype("float32")
    return x, (x[:, 0] + x[:, 1] > 0).astype("int32")


def model(keras: ModuleType, hidden: tuple[int, ...] = (8,), lr: float = 0.05) -> Any:
    keras.utils.set_random_seed(0)
    net = keras.Sequential([keras.Input((4,)), *(keras.layers.Dense(h, activation="relu", name=f"h{i}")
                                                 for i, h in enumerate(hidden)),
                            keras.layers.Dense(2, activation="softmax", name="out")])
    net.compile(optimizer=keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return net


def ctx(tmp_path: Path, number: int = 2, **plan: Any) -> TrialContext:
    trial_dir = tmp_path / "trials" / f"{number:03d}"
    trial_dir.mkdir(parents=True, exist_ok=True)
    return TrialContext(number=number, trial_dir=trial_dir, plan=plan)


def test_no_plan_settings_means_no_callbacks(tmp_path: Path) -> None:
    assert control_callbacks(ctx(tmp_path)) == []


def test_training_stops_at_the_epoch_the_target_is_reached(keras: ModuleType, tmp_path: Path) -> None:
    trial = ctx(tmp_path, stop_at=0.9)
    x, y = data()
    history = model(keras).fit(x, y, epochs=50, verbose=0, callbacks=control_callbacks(trial))
    accuracy = history.history["accuracy"]
    assert len(accuracy) < 50
    assert accuracy[-1] >= 0.9 and all(a < 0.9 for a in accuracy[:-1])
    assert trial.stopped_early is not None and "reached the target 0.90" in trial.stopped_early


def test_a_plateau_is_pruned_after_the_patience(keras: ModuleType, tmp_path: Path) -> None:
    trial = ctx(tmp_path, prune_patience=2)
    x, y = data()
    frozen = model(keras, lr=0.0)  # a zero learning rate never improves: the plateau starts at epoch 1
    history = frozen.fit(x, y, epochs=20, verbose=0, callbacks=control_callbacks(trial))
    assert len(history.history["accuracy"]) == 3
    assert trial.stopped_early is not None and "pruned at epoch 3" in trial.stopped_early


def test_warm_start_copies_layers_with_the_same_name_and_shape(keras: ModuleType, tmp_path: Path) -> None:
    x, y = data()
    parent = model(keras, hidden=(8,))
    parent.fit(x, y, epochs=3, verbose=0)
    fit_dir = tmp_path / "trials" / "001" / "fits" / "fit-0"
    fit_dir.mkdir(parents=True)
    save_layer_weights(parent, fit_dir)
    assert (fit_dir / WEIGHTS_FILE).is_file()

    child = model(keras, hidden=(8, 6))  # h0 keeps its shape; h1 is new; out changes its input width
    note = warm_start(child, ctx(tmp_path, warm_start=1), x)
    assert note == "warm start from trial 1: 1 layer(s) reuse its weights; new or reshaped: h1, out"
    for got, want in zip(child.get_layer("h0").get_weights(), parent.get_layer("h0").get_weights(), strict=True):
        np.testing.assert_array_equal(got, want)
    assert child.get_layer("out").get_weights()[0].shape == (6, 2)  # reshaped: kept its fresh initialisation


def test_same_network_continues_where_the_parent_stopped(keras: ModuleType, tmp_path: Path) -> None:
    x, y = data()
    parent = model(keras)
    parent.fit(x, y, epochs=5, verbose=0)
    fit_dir = tmp_path / "trials" / "001" / "fits" / "fit-0"
    fit_dir.mkdir(parents=True)
    save_layer_weights(parent, fit_dir)
    child = model(keras)
    warm_start(child, ctx(tmp_path, warm_start=1), x)
    assert child.evaluate(x, y, verbose=0) == pytest.approx(parent.evaluate(x, y, verbose=0))


def test_warm_start_without_parent_weights_says_so(keras: ModuleType, tmp_path: Path) -> None:
    note = warm_start(model(keras), ctx(tmp_path, warm_start=1), data()[0])
    assert note == "warm start skipped: trial 1 left no weights"
    assert warm_start(model(keras), ctx(tmp_path), data()[0]) is None


def test_a_falling_loss_counts_as_progress_while_accuracy_sits_still(keras: ModuleType, tmp_path: Path) -> None:
    trial = ctx(tmp_path, prune_patience=2)
    [controls] = control_callbacks(trial)
    net = model(keras)
    net.stop_training = False
    controls.set_model(net)
    for epoch, loss in enumerate([1.0, 0.9, 0.8, 0.7]):  # majority class all along, but learning
        controls.on_epoch_end(epoch, {"val_accuracy": 0.4, "val_loss": loss})
    assert not net.stop_training and trial.stopped_early is None
    for epoch in (4, 5):
        controls.on_epoch_end(epoch, {"val_accuracy": 0.4, "val_loss": 0.699})
    assert net.stop_training and trial.stopped_early is not None and "pruned at epoch 6" in trial.stopped_early


def test_a_sequential_without_input_is_built_from_the_fit_data(keras: ModuleType) -> None:
    """An Embedding-first Sequential (no Input) is unbuilt until its first batch; the checkpoint callback
    needs it built, so the fit hook builds it from ``x`` (a dataset without a shape leaves it as it is)."""
    tokens = np.random.default_rng(0).integers(0, 10, (8, 5))
    net = keras.Sequential([keras.layers.Embedding(10, 4), keras.layers.LSTM(3), keras.layers.Dense(2)])
    assert not ensure_built(net, None) and not net.built
    assert ensure_built(net, tokens) and net.built and net.count_params() > 0
    assert net.output_shape == (None, 2)
