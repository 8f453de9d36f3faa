"""The richer mutation space: every validity check, and every plan rebuilt and trained with real Keras.

The learning-rate and batch-size plans are also run through the runtime's own ``compile``/``fit``
hooks, because that is the only place they take effect.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from pipeline_lib.runtime.context import TrialContext, activate, deactivate
from pipeline_lib.runtime.keras_hooks import describe_model
from pipeline_lib.tuning import (
    AddBatchNorm,
    AddConvBlock,
    AddDenseLayer,
    AddDropout,
    LargerBatchSize,
    LowerLearningRate,
    MoreFilters,
    JumpLearningRate,
    RaiseLearningRate,
    SmallerBatchSize,
    Wider,
)
from pipeline_lib.tuning.architecture import Architecture, layer_spec
from pipeline_lib.kinds import KINDS
from pipeline_lib.tuning.mutations import FAMILIES, MUTABLE_KINDS, MUTATIONS
from tests.tuning.conftest import ann, cnn, rebuild_and_train, record

FUNCTIONAL = "functional model: layers can't be edited; only fit-level mutations apply"


def classes(model: Any) -> list[str]:
    return [type(layer).__name__ for layer in model.layers]


def sizes(model: Any, cls: str, attr: str) -> list[int]:
    return [getattr(layer, attr) for layer in model.layers if type(layer).__name__ == cls]


def compiled(model: Any, optimizer: Any) -> Any:
    """``model`` compiled the way a script would, so its record holds the learning rate."""
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def functional(keras: ModuleType) -> Any:
    inputs = keras.Input((8,))
    outputs = keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(16, activation="relu")(inputs))
    return keras.Model(inputs, outputs)


# --- every registered mutation ----------------------------------------------------------------


def test_every_mutation_declares_kinds_and_family_and_layer_edits_reject_functional_models(
        keras: ModuleType) -> None:
    arch = record(compiled(functional(keras), "adam"), epochs=5)
    assert {"wider", "more_filters", "add_dropout", "add_batch_norm", "raise_learning_rate",
            "lower_learning_rate", "smaller_batch_size", "larger_batch_size"} <= set(MUTATIONS)
    for name, cls in MUTATIONS.items():
        assert cls.kinds and set(cls.kinds) <= set(MUTABLE_KINDS) <= set(KINDS), name
        assert cls.family in FAMILIES, name
        if cls.edits_layers:
            assert cls().check(arch) == FUNCTIONAL, name
            with pytest.raises(Exception, match="functional model"):
                cls().apply(arch)
        else:  # fit-level: a functional model is fine, and its plan never carries layers
            # (the big rate steps only apply to a rate far from the usual one: Adam's default is the usual one)
            probe = {**arch, "learning_rate": 1e-5} if name in ("sane_learning_rate", "bold_learning_rate") else arch
            assert cls().check(probe) is None, name
            assert "layers" not in cls().apply(probe).plan, name
    assert MoreFilters.kinds == AddConvBlock.kinds == ("cnn",)


# --- width ------------------------------------------------------------------------------------


def test_wider_doubles_hidden_dense_up_to_the_cap(keras: ModuleType) -> None:
    model = ann(keras, hidden=(16, 300))
    result = Wider().apply(record(model))
    assert result.description == "neurons doubled: Dense 16→32, 300→512"
    assert result.plan["mutation"] == "wider"
    new = rebuild_and_train(model, result.plan)
    assert sizes(new, "Dense", "units") == [32, 512, 3]


def test_wider_on_a_cnn_widens_the_head_only(keras: ModuleType) -> None:
    model = cnn(keras, filters=8, dense=16)
    new = rebuild_and_train(model, Wider().apply(record(model)).plan)
    assert sizes(new, "Dense", "units") == [32, 3]
    assert sizes(new, "Conv2D", "filters") == [8]


def test_wider_rejected_without_hidden_dense_or_at_the_cap(keras: ModuleType) -> None:
    assert "no hidden Dense layer" in (Wider().check(record(ann(keras, hidden=()))) or "")
    assert "cap of 512" in (Wider().check(record(ann(keras, hidden=(512, 600)))) or "")


def test_more_filters_doubles_every_conv(keras: ModuleType) -> None:
    model = cnn(keras, blocks=2, filters=8, padding="same")
    result = MoreFilters().apply(record(model))
    assert result.description == "filters doubled: Conv2D 8→16, 8→16"
    new = rebuild_and_train(model, result.plan)
    assert sizes(new, "Conv2D", "filters") == [16, 16]
    assert sizes(new, "Dense", "units") == [16, 3]


def test_more_filters_rejected_without_conv_or_at_the_cap(keras: ModuleType) -> None:
    assert "no Conv1D/Conv2D layer" in (MoreFilters().check(record(ann(keras))) or "")
    assert "cap of 256 filters" in (MoreFilters().check(record(cnn(keras, filters=256))) or "")


# --- dropout ----------------------------------------------------------------------------------


def test_add_dropout_after_the_last_hidden_dense(keras: ModuleType) -> None:
    model = ann(keras, hidden=(16, 8))
    result = AddDropout().apply(record(model))
    assert result.description == f"+Dropout(0.25) after {model.layers[1].name}"
    new = rebuild_and_train(model, result.plan)
    assert classes(new) == ["Dense", "Dense", "Dropout", "Dense"]
    assert new.layers[2].rate == 0.25 and new.layers[2].name == "mlops_dropout_1"


def test_add_dropout_before_the_output_of_a_cnn_without_hidden_dense(keras: ModuleType) -> None:
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(4, 3), keras.layers.Flatten(),
                              keras.layers.Dense(3, activation="softmax")])
    result = AddDropout().apply(record(model))
    assert result.description == "+Dropout(0.25) before the output"
    assert classes(rebuild_and_train(model, result.plan)) == ["Conv2D", "Flatten", "Dropout", "Dense"]


def test_add_dropout_is_not_stacked(keras: ModuleType) -> None:
    model = ann(keras, hidden=(16,))
    once = rebuild_and_train(model, AddDropout().apply(record(model)).plan)
    reason = AddDropout().check(record(once))
    assert reason is not None and "dropout" in reason.lower() and "not stacked" in reason
    # The script's own dropout counts too, also before a CNN's output.
    own = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Conv2D(4, 3), keras.layers.Flatten(),
                            keras.layers.Dropout(0.5), keras.layers.Dense(3)])
    assert "not stacked" in (AddDropout().check(record(own)) or "")


def test_add_dropout_rejected_without_hidden_layer_or_output(keras: ModuleType) -> None:
    assert "raw inputs" in (AddDropout().check(record(ann(keras, hidden=()))) or "")
    no_output = {"sequential": True, "input_shape": [8], "layers": [layer_spec("Flatten", "f")]}
    assert "no Dense output layer" in (AddDropout().check(no_output) or "")


# --- batch normalisation ----------------------------------------------------------------------


def test_add_batch_norm_after_every_conv(keras: ModuleType) -> None:
    model = cnn(keras, blocks=2, padding="same")
    convs = [layer.name for layer in model.layers if type(layer).__name__ == "Conv2D"]
    result = AddBatchNorm().apply(record(model))
    assert result.description == f"+BatchNormalization after {convs[0]}, {convs[1]}"
    new = rebuild_and_train(model, result.plan)
    assert classes(new) == ["Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D", "BatchNormalization",
                            "MaxPooling2D", "Flatten", "Dense", "Dense"]
    assert Architecture(record(new)).shapes()[1:] == [tuple(layer.output.shape[1:]) for layer in new.layers]
    assert "already followed by BatchNormalization" in (AddBatchNorm().check(record(new)) or "")


def test_add_batch_norm_after_hidden_dense_of_an_ann_only_where_missing(keras: ModuleType) -> None:
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16), keras.layers.BatchNormalization(),
                              keras.layers.Dense(8), keras.layers.Dense(3, activation="softmax")])
    result = AddBatchNorm().apply(record(model))
    assert result.description == f"+BatchNormalization after {model.layers[2].name}"
    new = rebuild_and_train(model, result.plan)
    assert classes(new) == ["Dense", "BatchNormalization", "Dense", "BatchNormalization", "Dense"]


def test_add_batch_norm_rejected_without_layers_to_normalise(keras: ModuleType) -> None:
    assert "no conv or hidden Dense layer" in (AddBatchNorm().check(record(ann(keras, hidden=()))) or "")


def test_add_batch_norm_follows_channels_first_convs_on_axis_1() -> None:
    arch = {"sequential": True, "input_shape": [1, 8, 8],
            "layers": [layer_spec("Conv2D", "c", filters=4, kernel_size=[3, 3], data_format="channels_first"),
                       layer_spec("Flatten", "f"), layer_spec("Dense", "o", units=2)]}
    plan = AddBatchNorm().apply(arch).plan
    assert plan["layers"][1]["class_name"] == "BatchNormalization"
    assert plan["layers"][1]["config"]["axis"] == 1


def test_new_mutations_chain_on_a_cnn(keras: ModuleType) -> None:
    model = cnn(keras, blocks=1, padding="same", filters=4, dense=8)
    for mutation in (AddBatchNorm(), AddDropout(), AddConvBlock(), MoreFilters(), Wider()):
        model = rebuild_and_train(model, mutation.apply(record(model)).plan)
    assert classes(model) == ["Conv2D", "BatchNormalization", "MaxPooling2D", "Conv2D", "MaxPooling2D",
                              "Flatten", "Dense", "Dropout", "Dense"]
    assert sizes(model, "Conv2D", "filters") == [8, 8]
    assert sizes(model, "Dense", "units") == [16, 3]
    names = [layer.name for layer in model.layers]
    assert len(set(names)) == len(names)


# --- learning rate ------------------------------------------------------------------------------


def test_learning_rate_up_and_down(keras: ModuleType) -> None:
    model = compiled(ann(keras), keras.optimizers.Adam(0.001))
    arch = record(model)
    assert arch["learning_rate"] == 0.001
    up = RaiseLearningRate().apply(arch)
    assert up.description == "learning rate 0.001→0.003" and up.plan["learning_rate"] == 0.003
    down = LowerLearningRate().apply(arch)
    assert down.description == "learning rate 0.001→0.0003333"
    assert up.plan["layers"] == Architecture(arch).to_plan()["layers"]  # layers untouched


def test_learning_rate_rejected_at_its_bounds_for_schedules_and_when_unknown(keras: ModuleType) -> None:
    top = record(compiled(ann(keras), keras.optimizers.SGD(1.0)))
    assert "upper bound of 1" in (RaiseLearningRate().check(top) or "")
    assert LowerLearningRate().check(top) is None
    bottom = record(compiled(ann(keras), keras.optimizers.Adam(1e-5)))
    assert "lower bound of 1e-05" in (LowerLearningRate().check(bottom) or "")
    schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=10, decay_rate=0.9)
    decaying = record(compiled(ann(keras), keras.optimizers.Adam(schedule)))
    assert decaying["learning_rate"] is None
    for mutation in (RaiseLearningRate(), LowerLearningRate()):
        assert mutation.check(decaying) == "learning-rate schedule (ExponentialDecay): not changed"
        assert "learning rate was not recorded" in (mutation.check(record(ann(keras))) or "")


def test_learning_rate_jumps_tenfold_only_below_its_ceiling(keras: ModuleType) -> None:
    slow = record(compiled(ann(keras), keras.optimizers.SGD(0.001)))
    jump = JumpLearningRate().apply(slow)
    assert jump.description == "learning rate 0.001→0.01" and jump.plan["learning_rate"] == 0.01
    fast = record(compiled(ann(keras), keras.optimizers.Adam(0.05)))
    assert "would exceed 0.3" in (JumpLearningRate().check(fast) or "")
    assert RaiseLearningRate().check(fast) is None


# --- batch size ---------------------------------------------------------------------------------


def test_batch_size_halved_and_doubled_from_keras_default(keras: ModuleType) -> None:
    model = ann(keras)
    arch = record(model, batch_size=None)
    smaller = SmallerBatchSize().apply(arch)
    assert smaller.description == "batch size 32→16" and smaller.plan["batch_size"] == 16
    assert LargerBatchSize().apply(arch).description == "batch size 32→64"
    rebuild_and_train(model, smaller.plan)


def test_batch_size_rejected_at_its_bounds_and_for_batched_data(keras: ModuleType) -> None:
    import tensorflow as tf

    model = ann(keras)
    assert "minimum of 8" in (SmallerBatchSize().check(record(model, batch_size=8)) or "")
    assert LargerBatchSize().check(record(model, batch_size=8)) is None
    assert "maximum of 1024" in (LargerBatchSize().check(record(model, batch_size=1024)) or "")
    data = tf.data.Dataset.from_tensor_slices((np.zeros((4, 8), "float32"), np.zeros(4))).batch(2)
    batched = describe_model(model, {"x": data, "epochs": 3})
    for mutation in (SmallerBatchSize(), LargerBatchSize()):
        assert "ignores batch_size" in (mutation.check(batched) or "")
    assert describe_model(model, {"x": np.zeros((4, 8)), "epochs": 3})["fit_input"] == "arrays"


# --- through the runtime's compile()/fit() hooks -------------------------------------------------


@pytest.fixture()
def trial(tmp_path: Path) -> Iterator[Any]:
    """Run a function as trial ``number`` with ``plan``, the way the worker does; yields the runner."""
    from pipeline_lib.runtime import keras_hooks

    keras_hooks.install()

    def run(number: int, plan: dict[str, Any], script: Any) -> TrialContext:
        ctx = TrialContext(number=number, trial_dir=tmp_path / f"trial-{number}", plan=plan)
        ctx.trial_dir.mkdir(parents=True)
        activate(ctx)
        try:
            script()
        finally:
            deactivate()
        return ctx

    yield run


def test_learning_rate_and_batch_size_reach_the_optimizer_and_fit_through_the_hooks(
        keras: ModuleType, trial: Any, capsys: pytest.CaptureFixture[str]) -> None:
    rng = np.random.default_rng(0)
    x, y = rng.random((24, 8), dtype="float32"), rng.integers(0, 3, size=24)
    seen: dict[int, Any] = {}

    def script(number: int) -> Any:
        def run() -> None:  # the user's unmodified script: optimizer by name
            model = ann(keras, hidden=(8,))
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            seen[number] = model
            model.fit(x, y, epochs=1, batch_size=32, validation_split=0.25)
        return run

    baseline = trial(1, {}, script(1)).architecture
    assert baseline["learning_rate"] == 0.001 and not baseline["learning_rate_planned"]
    assert baseline["fit_input"] == "arrays"

    raised = trial(2, RaiseLearningRate().apply(baseline).plan, script(2)).architecture
    assert type(seen[2].optimizer).__name__ == "Adam"
    assert float(seen[2].optimizer.learning_rate) == pytest.approx(0.003)
    assert raised["learning_rate"] == 0.003 and raised["learning_rate_planned"]

    # Plans are cumulative: the next step keeps the raised rate and the runtime applies both.
    plan = SmallerBatchSize().apply(raised).plan
    assert plan["learning_rate"] == 0.003 and plan["batch_size"] == 16
    third = trial(3, plan, script(3)).architecture
    assert third["batch_size"] == 16 and third["learning_rate"] == 0.003
    assert float(seen[3].optimizer.learning_rate) == pytest.approx(0.003)
    assert AddDenseLayer().apply(third).plan["learning_rate"] == 0.003
    capsys.readouterr()


def test_planned_learning_rate_keeps_an_optimizer_instance_and_leaves_schedules_alone(
        keras: ModuleType, trial: Any) -> None:
    sgd = keras.optimizers.SGD(0.01, momentum=0.9)
    schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=10, decay_rate=0.9)
    decaying = keras.optimizers.Adam(schedule)
    models = {"sgd": functional(keras), "schedule": ann(keras)}

    def script() -> None:
        compiled(models["sgd"], sgd)
        compiled(models["schedule"], decaying)

    ctx = trial(1, {"learning_rate": 0.03}, script)
    assert models["sgd"].optimizer is sgd and float(sgd.learning_rate) == pytest.approx(0.03)
    assert sgd.momentum == 0.9
    assert describe_model(models["sgd"], {"epochs": 1})["learning_rate"] == 0.03
    assert models["schedule"].optimizer is decaying
    assert describe_model(models["schedule"], {"epochs": 1})["learning_rate_schedule"] == "ExponentialDecay"
    assert any("learning-rate schedule" in warning for warning in ctx.warnings)
