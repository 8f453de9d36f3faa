"""Every mutation: ``check`` on valid and invalid architectures, ``apply`` rebuilt with real Keras."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from pipeline_lib.errors import FatalError
from pipeline_lib.tuning.architecture import Architecture, layer_spec
from pipeline_lib.tuning.mutations import (
    MUTATIONS,
    AddConvBlock,
    AddDenseLayer,
    AddTwoDenseLayers,
    ChangeEpochs,
    FewerNeurons,
    Mutation,
)
from tests.tuning.conftest import ann, cnn, rebuild_and_train, record

LAYER_MUTATIONS: list[type[Mutation]] = [AddDenseLayer, AddTwoDenseLayers, FewerNeurons, AddConvBlock]


def classes(model: Any) -> list[str]:
    return [type(layer).__name__ for layer in model.layers]


def dense_units(model: Any) -> list[int]:
    return [layer.units for layer in model.layers if type(layer).__name__ == "Dense"]


def conv_params(model: Any) -> int:
    return sum(layer.count_params() for layer in model.layers if type(layer).__name__.startswith("Conv"))


def test_registry_holds_the_ladder_mutations_and_registers_new_classes() -> None:
    assert {"add_dense_layer", "add_two_dense_layers", "change_epochs", "fewer_neurons",
            "add_conv_block"} <= set(MUTATIONS)
    assert all(MUTATIONS[name].name == name for name in MUTATIONS)

    class Noop(Mutation):
        name = "test_noop"

        def reason(self, view: Architecture) -> str | None:
            return None

        def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
            return "nothing"

    try:
        assert MUTATIONS["test_noop"] is Noop
    finally:
        del MUTATIONS["test_noop"]


# --- ANN ------------------------------------------------------------------------------------


def test_add_dense_layer_inserts_before_the_output(keras: ModuleType) -> None:
    model = ann(keras, hidden=(16,))
    result = AddDenseLayer().apply(record(model))
    assert result.description == "+Dense(16, relu) before the output"
    assert result.plan["mutation"] == "add_dense_layer" and result.plan["epochs"] == 5
    new = rebuild_and_train(model, result.plan)
    assert dense_units(new) == [16, 16, 3]
    assert new.layers[1].name == "mlops_dense_1"
    assert new.output_shape == model.output_shape
    assert new.count_params() > model.count_params()


def test_add_dense_layer_without_hidden_layers_uses_64(keras: ModuleType) -> None:
    model = ann(keras, hidden=())
    result = AddDenseLayer().apply(record(model))
    assert result.description == "+Dense(64, relu) before the output"
    assert dense_units(rebuild_and_train(model, result.plan)) == [64, 3]


def test_mutations_are_cumulative_and_new_names_stay_unique(keras: ModuleType) -> None:
    model = ann(keras, hidden=(12,))
    first = rebuild_and_train(model, AddDenseLayer().apply(record(model)).plan)
    second_plan = AddTwoDenseLayers().apply(record(first)).plan
    second = rebuild_and_train(first, second_plan)
    assert dense_units(second) == [12, 12, 12, 6, 3]
    names = [layer.name for layer in second.layers]
    assert len(set(names)) == len(names)
    assert {"mlops_dense_1", "mlops_dense_2", "mlops_dense_3"} <= set(names)


def test_add_two_dense_layers_tapers(keras: ModuleType) -> None:
    model = ann(keras, hidden=(32, 16))
    result = AddTwoDenseLayers().apply(record(model))
    assert result.description == "+Dense(16, relu)+Dense(8, relu) before the output"
    new = rebuild_and_train(model, result.plan)
    assert dense_units(new) == [32, 16, 16, 8, 3]
    assert new.count_params() > model.count_params()


def test_fewer_neurons_halves_hidden_dense_only(keras: ModuleType) -> None:
    model = ann(keras, hidden=(128, 64, 6))
    result = FewerNeurons().apply(record(model))
    assert result.description == "neurons halved: Dense 128→64, 64→32, 6→4"
    new = rebuild_and_train(model, result.plan)
    assert dense_units(new) == [64, 32, 4, 3]
    assert new.count_params() < model.count_params()


def test_fewer_neurons_rejected_at_the_minimum_or_without_hidden_layers(keras: ModuleType) -> None:
    assert "minimum of 4" in (FewerNeurons().check(record(ann(keras, hidden=(4, 4)))) or "")
    assert "no hidden Dense, recurrent or conv layer" in (FewerNeurons().check(record(ann(keras, hidden=()))) or "")


@pytest.mark.parametrize("build", [lambda k: ann(k), lambda k: cnn(k)], ids=["ann", "cnn"])
def test_change_epochs_doubles_and_keeps_the_layers(keras: ModuleType, build: Any) -> None:
    model = build(keras)
    result = ChangeEpochs().apply(record(model, epochs=5))
    assert result.description == "epochs 5→10"
    assert result.plan["epochs"] == 10
    new = rebuild_and_train(model, result.plan)
    assert classes(new) == classes(model)
    assert new.count_params() == model.count_params()


def test_change_epochs_is_capped(keras: ModuleType) -> None:
    model = ann(keras)
    assert ChangeEpochs().apply(record(model, epochs=150)).description == "epochs 150→200"
    assert ChangeEpochs().check(record(model, epochs=200)) == "epochs already at the cap of 200"
    assert "not recorded" in (ChangeEpochs().check({"sequential": False}) or "")


# --- CNN ------------------------------------------------------------------------------------


def test_add_conv_block_after_the_last_pooling(keras: ModuleType) -> None:
    model = cnn(keras, size=8, blocks=1, padding="valid")
    result = AddConvBlock().apply(record(model))
    assert result.description == "+Conv2D(8, 3×3, relu, same)+MaxPooling2D(2) after the last conv block"
    new = rebuild_and_train(model, result.plan)
    assert classes(new) == ["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"]
    assert new.output_shape == model.output_shape
    assert conv_params(new) > conv_params(model)
    # Our shape inference agrees with what Keras built from the plan.
    assert Architecture(record(new)).shapes()[1:] == [tuple(layer.output.shape[1:]) for layer in new.layers]


def test_add_conv_block_rejected_when_pooling_would_go_below_1x1(keras: ModuleType) -> None:
    # 8×8 input, three same-padded blocks: 4×4 → 2×2 → 1×1; a fourth pooling is impossible.
    reason = AddConvBlock().check(record(cnn(keras, size=8, blocks=3, padding="same")))
    assert reason is not None and "below 1×1" in reason and "1×1×8" in reason
    # Two blocks (2×2 left): one more still fits.
    assert AddConvBlock().check(record(cnn(keras, size=8, blocks=2, padding="same"))) is None


def test_add_conv_block_rejected_for_dense_models_and_unknown_inputs(keras: ModuleType) -> None:
    assert "no Conv1D/Conv2D layer" in (AddConvBlock().check(record(ann(keras))) or "")
    conv_only = {"sequential": True, "input_shape": None,
                 "layers": [layer_spec("Conv2D", "c", filters=4, kernel_size=[3, 3]),
                            layer_spec("Flatten", "f"), layer_spec("Dense", "o", units=2)]}
    assert "input shape is unknown" in (AddConvBlock().check(conv_only) or "")


def test_add_conv_block_on_conv1d(keras: ModuleType) -> None:
    model = keras.Sequential([keras.Input((16, 2)), keras.layers.Conv1D(6, 3, activation="relu"),
                              keras.layers.Flatten(), keras.layers.Dense(3, activation="softmax")])
    result = AddConvBlock().apply(record(model))
    assert result.description == "+Conv1D(6, 3, relu, same)+MaxPooling1D(2) after the last conv block"
    new = rebuild_and_train(model, result.plan)
    assert classes(new) == ["Conv1D", "Conv1D", "MaxPooling1D", "Flatten", "Dense"]


def test_cnn_add_dense_layer_goes_after_flatten(keras: ModuleType) -> None:
    model = cnn(keras, dense=16)
    result = AddDenseLayer().apply(record(model))
    assert result.description == "+Dense(16, relu) before the output"
    new = rebuild_and_train(model, result.plan)
    assert classes(new)[-4:] == ["Flatten", "Dense", "Dense", "Dense"]
    assert new.count_params() > model.count_params()


def test_cnn_fewer_neurons_halves_filters_and_hidden_dense(keras: ModuleType) -> None:
    model = cnn(keras, blocks=2, filters=8, padding="same", dense=16)
    result = FewerNeurons().apply(record(model))
    assert result.description == "filters halved: Conv2D 8→4, 8→4; neurons halved: Dense 16→8"
    new = rebuild_and_train(model, result.plan)
    assert [layer.filters for layer in new.layers if type(layer).__name__ == "Conv2D"] == [4, 4]
    assert dense_units(new) == [8, 3]
    assert new.count_params() < model.count_params()


# --- what never applies -----------------------------------------------------------------------


def test_functional_models_only_accept_fit_level_mutations(keras: ModuleType) -> None:
    inputs = keras.Input((8,))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(16)(inputs)))
    arch = record(model)
    for mutation in LAYER_MUTATIONS:
        assert mutation().check(arch) == "functional model: layers can't be edited; only fit-level mutations apply"
    result = ChangeEpochs().apply(arch)
    assert "layers" not in result.plan
    new = rebuild_and_train(model, result.plan)
    assert new.count_params() == model.count_params()


def test_no_dense_output_and_applying_a_rejected_mutation() -> None:
    arch = {"sequential": True, "input_shape": [8],
            "layers": [layer_spec("Flatten", "f")], "epochs": 3}
    assert "no Dense output layer" in (AddDenseLayer().check(arch) or "")
    with pytest.raises(FatalError, match="'add_dense_layer' cannot apply: no Dense output layer"):
        AddDenseLayer().apply(arch)
