"""handback.codegen: the layer calls written into a patched script."""

from __future__ import annotations

from pipeline_lib.handback.codegen import call_arguments


def test_codegen_skips_recorded_defaults() -> None:
    config = {"name": "mlops_conv2d_1", "filters": 8, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
              "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
              "use_bias": True, "trainable": True, "kernel_regularizer": None,
              "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}}}
    assert call_arguments("Conv2D", config) == ('8, (3, 3), padding="same", activation="relu"', [])
    custom = {**config, "kernel_initializer": {"class_name": "HeNormal", "config": {"seed": 1}}}
    assert call_arguments("Conv2D", custom)[1] == ["kernel_initializer"]
