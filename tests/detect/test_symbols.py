"""Canonical names and what they mean (the catalogue the detectors decide on)."""

from __future__ import annotations

import pytest

from pipeline_lib.detect.imports import canonical
from pipeline_lib.detect.symbols import (
    is_conv_layer,
    is_keras_layer,
    is_keras_model,
    is_kmeans,
    is_pretrained_base,
    is_recurrent_layer,
    is_tf_graph_model,
    is_unsupported_estimator,
)


@pytest.mark.parametrize(("spelled", "expected"), [
    ("tensorflow.keras.layers.Conv2D", "keras.layers.Conv2D"),
    ("tensorflow.python.keras.layers.Dense", "keras.layers.Dense"),
    ("tensorflow.compat.v1.keras.models.Sequential", "keras.models.Sequential"),
    ("tf_keras.layers.Conv1D", "keras.layers.Conv1D"),
    ("keras_core.layers.Dense", "keras.layers.Dense"),
    ("keras.layers.Dense", "keras.layers.Dense"),
    ("tensorflow.nn.conv2d", "tensorflow.nn.conv2d"),
    ("kerastuner.RandomSearch", "kerastuner.RandomSearch"),
])
def test_canonical(spelled: str, expected: str) -> None:
    assert canonical(spelled) == expected


@pytest.mark.parametrize("symbol", [
    "keras.layers.Conv2D", "keras.layers.Convolution2D", "keras.layers.Conv1D",
    "keras.layers.Conv3D", "keras.layers.SeparableConv2D", "keras.layers.DepthwiseConv2D",
    "keras.layers.Conv2DTranspose", "keras.layers.Deconvolution2D", "keras.layers.ConvLSTM2D",
    "keras.layers.convolutional.Convolution2D", "keras.layers.AtrousConvolution2D",
])
def test_convolution_layers(symbol: str) -> None:
    assert is_conv_layer(symbol) and is_keras_layer(symbol)


@pytest.mark.parametrize("symbol", [
    "keras.layers.Dense", "keras.layers.MaxPooling2D", "keras.layers.ConvolutionalThing",
    "keras.models.Conv2D", "torch.nn.Conv2d", "keras.layers.conv2d",
])
def test_not_convolution_layers(symbol: str) -> None:
    assert not is_conv_layer(symbol)


@pytest.mark.parametrize(("symbol", "expected"), [
    ("keras.applications.VGG16", True),
    ("keras.applications.resnet50.ResNet50", True),
    ("keras.applications.vgg16.preprocess_input", False),
    ("efficientnet.keras.EfficientNetB0", True),
    ("torchvision.models.ResNet", False),
])
def test_pretrained_bases(symbol: str, expected: bool) -> None:
    assert is_pretrained_base(symbol) is expected


@pytest.mark.parametrize(("symbol", "model", "layer"), [
    ("keras.models.Sequential", True, False),
    ("keras.Sequential", True, False),
    ("keras.Model", True, False),
    ("keras.Input", False, True),
    ("keras.layers.Input", False, True),
    ("keras.layers.LSTM", False, True),
    ("keras.utils.to_categorical", False, False),
    ("torch.nn.Sequential", False, False),
])
def test_models_and_layers(symbol: str, model: bool, layer: bool) -> None:
    assert is_keras_model(symbol) is model and is_keras_layer(symbol) is layer


@pytest.mark.parametrize(("symbol", "kmeans", "unsupported"), [
    ("sklearn.cluster.KMeans", True, False),
    ("sklearn.cluster.MiniBatchKMeans", True, False),
    ("sklearn.cluster.k_means", True, False),
    ("sklearn.cluster.DBSCAN", False, True),
    ("sklearn.ensemble.RandomForestClassifier", False, True),
    ("sklearn.preprocessing.StandardScaler", False, False),
    ("sklearn.model_selection.GridSearchCV", False, False),
    ("pyspark.ml.clustering.KMeans", False, True),
    ("cv2.kmeans", False, True),
    ("scipy.cluster.vq.kmeans2", False, True),
    ("xgboost.XGBClassifier", False, True),
    ("torch.nn.Linear", False, True),
    ("torch.optim.Adam", False, False),
])
def test_estimators(symbol: str, kmeans: bool, unsupported: bool) -> None:
    assert is_kmeans(symbol) is kmeans and is_unsupported_estimator(symbol) is unsupported


@pytest.mark.parametrize(("symbol", "expected"), [
    ("tensorflow.nn.conv2d", True), ("tensorflow.compat.v1.layers.dense", True),
    ("tensorflow.estimator.DNNClassifier", True), ("tensorflow.placeholder", True),
    ("tensorflow.nn.relu", False), ("tensorflow.random.normal", False),
])
def test_tf_graph_code(symbol: str, expected: bool) -> None:
    assert is_tf_graph_model(symbol) is expected


@pytest.mark.parametrize(("symbol", "expected"), [
    ("keras.layers.LSTM", True), ("keras.layers.GRU", True), ("keras.layers.SimpleRNN", True),
    ("keras.layers.Bidirectional", True), ("keras.layers.RNN", True),
    ("keras.layers.LSTMCell", True), ("keras.layers.recurrent.LSTM", True),
    ("keras.layers.CuDNNLSTM", True), ("keras.layers.wrappers.Bidirectional", True),
    ("keras.layers.ConvLSTM2D", False), ("keras.layers.TimeDistributed", False),
    ("keras.layers.Embedding", False), ("torch.nn.LSTM", False), ("keras.models.LSTM", False),
])
def test_recurrent_layers(symbol: str, expected: bool) -> None:
    assert is_recurrent_layer(symbol) is expected
