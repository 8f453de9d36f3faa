"""Shape inference and the read-only architecture view, checked against Keras itself."""

from __future__ import annotations

from types import ModuleType

import pytest

from pipeline_lib.tuning.architecture import (
    Architecture,
    ShapeError,
    infer_shapes,
    layer_spec,
)
from tests.tuning.conftest import ann, cnn, record


def keras_shapes(model: object) -> list[tuple[int | None, ...]]:
    return [tuple(layer.output.shape[1:]) for layer in model.layers]  # type: ignore[attr-defined]


@pytest.mark.parametrize("build", [
    lambda k: cnn(k, size=12, blocks=2, padding="valid"),
    lambda k: cnn(k, size=9, blocks=2, padding="same"),
    lambda k: k.Sequential([k.Input((11, 7, 2)),
                            k.layers.Conv2D(4, (3, 2), strides=(2, 1), padding="same"),
                            k.layers.AveragePooling2D((2, 3), strides=1, padding="valid"),
                            k.layers.BatchNormalization(), k.layers.Dropout(0.1),
                            k.layers.Conv2D(5, 3, dilation_rate=2, padding="valid"),
                            k.layers.GlobalAveragePooling2D(), k.layers.Dense(3)]),
    lambda k: k.Sequential([k.Input((20, 3)), k.layers.Conv1D(6, 5, strides=2, padding="valid"),
                            k.layers.MaxPooling1D(3, padding="same"), k.layers.Conv1D(4, 3, padding="causal"),
                            k.layers.AveragePooling1D(2), k.layers.Flatten(), k.layers.Dense(2)]),
    lambda k: k.Sequential([k.Input((4, 6)), k.layers.Dense(5), k.layers.Dropout(0.5), k.layers.Dense(2)]),
], ids=["cnn-valid", "cnn-same", "strides-dilation-avgpool", "conv1d", "dense-on-sequence"])
def test_inferred_shapes_match_keras(keras: ModuleType, build: object) -> None:
    model = build(keras)  # type: ignore[operator]
    arch = Architecture(record(model))
    # The recorded layer list starts with the InputLayer; Keras' model.layers does not.
    assert arch.class_at(0) == "InputLayer"
    assert arch.shapes()[1:] == keras_shapes(model)


def test_pooling_below_one_by_one_is_a_shape_error() -> None:
    layers = [layer_spec("Conv2D", "c", filters=4, kernel_size=[3, 3], padding="same"),
              layer_spec("MaxPooling2D", "p", pool_size=[2, 2])]
    assert infer_shapes(layers, (2, 2, 1))[-1] == (1, 1, 4)
    with pytest.raises(ShapeError, match=r"MaxPooling2D 'p' would take the 1×1×4 input below 1×1"):
        infer_shapes(layers, (1, 1, 1))


def test_wrong_rank_and_unknown_layers() -> None:
    conv = layer_spec("Conv2D", "c", filters=4, kernel_size=3)
    with pytest.raises(ShapeError, match="Conv2D 'c' expects a 3-D input but gets 64"):
        infer_shapes([conv], (64,))
    custom = {"class_name": "MyBlock", "config": {"name": "mine"}}
    shapes = infer_shapes([layer_spec("Dense", "d", units=8), custom, layer_spec("Dense", "o", units=2)], (5,))
    assert shapes == [(8,), None, None]
    assert infer_shapes([layer_spec("Dense", "d", units=8)], None) == [None]


def test_channels_first_and_variable_length() -> None:
    conv = layer_spec("Conv2D", "c", filters=6, kernel_size=[3, 3], data_format="channels_first")
    assert infer_shapes([conv], (2, 10, 10)) == [(6, 8, 8)]
    seq = [layer_spec("Conv1D", "c", filters=3, kernel_size=[3]), layer_spec("Flatten", "f")]
    assert infer_shapes(seq, (None, 2)) == [(None, 3), (None,)]


def test_view_of_a_cnn(keras: ModuleType) -> None:
    arch = Architecture(record(cnn(keras, blocks=2, padding="same")))
    names = [arch.class_at(i) for i in range(len(arch.layers))]
    assert names == ["InputLayer", "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten",
                     "Dense", "Dense"]
    assert arch.conv_indexes == [1, 3]
    assert arch.last_feature_index == 4
    assert arch.hidden_dense_indexes == [6]
    assert arch.output_index == 7
    assert arch.input_shape == (8, 8, 1)
    assert arch.editable_reason is None


def test_plan_reproduces_the_architecture_without_build_config(keras: ModuleType) -> None:
    arch_record = record(ann(keras, hidden=(16, 8)), epochs=7, batch_size=16)
    assert any("build_config" in layer for layer in arch_record["layers"])
    plan = Architecture(arch_record).to_plan()
    assert plan["epochs"] == 7 and plan["batch_size"] == 16
    assert [layer["config"]["name"] for layer in plan["layers"]] == \
        [layer["config"]["name"] for layer in arch_record["layers"]]
    assert not any("build_config" in layer for layer in plan["layers"])
    plan["layers"][1]["config"]["units"] = 99
    assert arch_record["layers"][1]["config"]["units"] == 16, "the view must copy, not alias"


def test_functional_model_has_no_editable_layers(keras: ModuleType) -> None:
    inputs = keras.Input((8,))
    model = keras.Model(inputs, keras.layers.Dense(3)(keras.layers.Dense(4)(inputs)))
    arch = Architecture(record(model))
    assert arch.layers == [] and arch.output_index is None
    assert arch.editable_reason is not None and "functional model" in arch.editable_reason
    assert arch.to_plan() == {"epochs": 5}
