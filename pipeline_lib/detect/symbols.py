"""What canonical symbols mean: convolution layer, Keras layer, pretrained base, KMeans...

Predicates on canonical dotted names (see :func:`pipeline_lib.detect.imports.canonical`), kept
apart from the detectors so the catalogue of names can grow without touching the decisions.
"""

from __future__ import annotations

import re

__all__ = [
    "LIBRARY_LABELS",
    "is_conv_layer",
    "is_hub_conv_layer",
    "is_keras",
    "is_keras_layer",
    "is_keras_model",
    "is_kmeans",
    "is_known",
    "is_pretrained_base",
    "is_recurrent_layer",
    "is_saved_model_load",
    "is_tf_graph_model",
    "is_unsupported_estimator",
    "is_weightless_layer",
    "last",
    "library_of",
]

#: Every convolution layer name Keras has had (1.x ``Convolution2D`` to 3.x ``Conv2DTranspose``).
_CONV = re.compile(r"^((Atrous|Separable|Depthwise)?(Conv|Convolution)|Deconvolution)[123]D"
                   r"(Transpose)?$|^ConvLSTM[123]D$")

#: Recurrent layers and cells (Keras 1 to 3, the CuDNN variants, ``RNN(cell)`` and its cells).
#: ``ConvLSTM1D/2D/3D`` is not here: it is a convolution (``filters``, ``kernel_size`` on image
#: tensors), so it is in :data:`_CONV` and a network built from it alone is a ``cnn``.
_RECURRENT = re.compile(r"^(SimpleRNN|LSTM|GRU|CuDNNLSTM|CuDNNGRU|RNN|Bidirectional"
                        r"|(SimpleRNN|LSTM|GRU|PeepholeLSTM)Cell|StackedRNNCells)$")

#: Packages besides ``keras.applications`` that hand out pretrained convolutional backbones.
_CONV_BASE_PACKAGES = ("efficientnet", "keras_cv.models", "segmentation_models",
                       "classification_models", "keras_applications")

#: Words in a TF-Hub URL that name an image (convolutional) model.
_HUB_CONV = re.compile(r"mobilenet|resnet|efficientnet|inception|vgg|nasnet|densenet|xception"
                       r"|imagenet|/bit/|image|convnext", re.IGNORECASE)

#: Layers with nothing to learn: applying only these to data is a demo, not a network.
_WEIGHTLESS = re.compile(r"^(Global)?(Max|Average|Avg)Pool(ing)?[123]D$|^(Flatten|Dropout|Activation"
                         r"|SpatialDropout[123]D|GaussianNoise|GaussianDropout|AlphaDropout|ReLU"
                         r"|LeakyReLU|ELU|Softmax|Reshape|Permute|RepeatVector|Input|InputLayer"
                         r"|(ZeroPadding|Cropping|UpSampling)[123]D|Concatenate|Add|Subtract"
                         r"|Multiply|Rescaling|Resizing|CenterCrop|Random[A-Z]\w*)$")

#: Base classes for writing a layer yourself; subclassing one builds no network.
_LAYER_INFRASTRUCTURE = frozenset({"Layer", "InputSpec"})

_KMEANS = frozenset({"KMeans", "MiniBatchKMeans", "BisectingKMeans", "k_means"})

#: scikit-learn sub-packages whose classes are trainable estimators (models, not transforms).
_SKLEARN_MODELS = frozenset({
    "ensemble", "linear_model", "svm", "tree", "neighbors", "naive_bayes", "neural_network",
    "cluster", "mixture", "discriminant_analysis", "gaussian_process", "kernel_ridge",
    "semi_supervised", "isotonic", "cross_decomposition"})

#: Libraries whose models the pipeline cannot train, with the name users know them by.
LIBRARY_LABELS: dict[str, str] = {
    "sklearn": "scikit-learn", "xgboost": "XGBoost", "lightgbm": "LightGBM",
    "catboost": "CatBoost", "pyspark": "Spark MLlib", "torch": "PyTorch",
    "torchvision": "PyTorch", "tensorflow": "TensorFlow", "cuml": "RAPIDS cuML",
    "statsmodels": "statsmodels", "jax": "JAX", "flax": "Flax", "mxnet": "MXNet",
    "fastai": "fastai", "paddle": "PaddlePaddle", "scipy": "SciPy", "cv2": "OpenCV",
    "nltk": "NLTK",
}


def last(symbol: str) -> str:
    """The last dotted component (``Conv2D`` of ``keras.layers.Conv2D``)."""
    return symbol.rsplit(".", 1)[-1]


def library_of(symbol: str) -> str:
    """The top-level package of a symbol (``sklearn``)."""
    return symbol.split(".", 1)[0]


def _is_class(symbol: str) -> bool:
    return last(symbol)[:1].isupper()


def is_keras(symbol: str) -> bool:
    """Part of the Keras API (any spelling, already canonicalised)."""
    return library_of(symbol) == "keras"


def _in_layers(symbol: str) -> bool:
    return "layers" in symbol.split(".")[:-1]


def is_conv_layer(symbol: str) -> bool:
    """A Keras convolution layer, including legacy and transposed/separable/depthwise ones."""
    return is_keras(symbol) and _in_layers(symbol) and bool(_CONV.match(last(symbol)))


def is_recurrent_layer(symbol: str) -> bool:
    """A Keras recurrent layer: LSTM, GRU, SimpleRNN, Bidirectional, ``RNN(cell)`` or a cell."""
    return is_keras(symbol) and _in_layers(symbol) and bool(_RECURRENT.match(last(symbol)))


def is_pretrained_base(symbol: str) -> bool:
    """A pretrained convolutional network (``keras.applications.VGG16``, EfficientNet, ...)."""
    if is_keras(symbol) and symbol.startswith("keras.applications."):
        return _is_class(symbol)
    return _is_class(symbol) and any(symbol.startswith(p + ".") for p in _CONV_BASE_PACKAGES)


def is_hub_conv_layer(symbol: str, url: str | None) -> bool:
    """``hub.KerasLayer("https://tfhub.dev/.../mobilenet_v2...")``: an image model from TF-Hub."""
    return symbol == "tensorflow_hub.KerasLayer" and bool(url and _HUB_CONV.search(url))


def is_keras_model(symbol: str) -> bool:
    """``Sequential`` or ``Model`` (also as a base class of a subclassed model)."""
    return is_keras(symbol) and not _in_layers(symbol) \
        and last(symbol) in ("Sequential", "Model", "Functional")


def is_keras_layer(symbol: str) -> bool:
    """Any Keras layer class (``Dense``, ``LSTM``, ``Input``...) or a TF-Hub Keras layer."""
    if symbol == "tensorflow_hub.KerasLayer":
        return True
    if not is_keras(symbol):
        return False
    return (_in_layers(symbol) and _is_class(symbol) and last(symbol) not in _LAYER_INFRASTRUCTURE) \
        or symbol == "keras.Input"


def is_weightless_layer(symbol: str) -> bool:
    """A Keras layer that learns nothing (pooling, Flatten, Dropout, Reshape, Input, ...)."""
    return is_keras_layer(symbol) and bool(_WEIGHTLESS.match(last(symbol)))


def is_saved_model_load(symbol: str) -> bool:
    """``keras.models.load_model``: a model read from disk, not built here."""
    return is_keras(symbol) and last(symbol) == "load_model"


def is_kmeans(symbol: str) -> bool:
    """scikit-learn ``KMeans``/``MiniBatchKMeans`` (class or ``k_means`` function)."""
    return library_of(symbol) == "sklearn" and last(symbol) in _KMEANS


def is_tf_graph_model(symbol: str) -> bool:
    """TensorFlow 1 graph code that builds a network without Keras (``tf.nn.conv2d``)."""
    if library_of(symbol) != "tensorflow":
        return False
    parts = symbol.split(".")
    rest = parts[3:] if parts[1:3] == ["compat", "v1"] else parts[1:]
    return bool(rest) and (rest[0] in ("layers", "estimator", "contrib")
                           or rest[:2] in (["nn", "conv2d"], ["nn", "conv1d"])
                           or rest == ["placeholder"])


def is_unsupported_estimator(symbol: str) -> bool:
    """A trainable model from a library or family the pipeline does not train."""
    library = library_of(symbol)
    if library == "sklearn":
        parts = symbol.split(".")
        return len(parts) > 2 and parts[1] in _SKLEARN_MODELS and _is_class(symbol) \
            and not is_kmeans(symbol)
    if library in ("torch", "torchvision"):
        return (_is_class(symbol) and ".nn." in symbol) or symbol.startswith("torchvision.models.")
    if library == "pyspark":
        return _is_class(symbol) and ".ml." in symbol
    if library in ("scipy", "cv2", "nltk"):  # their own k-means, not scikit-learn's
        return last(symbol) in ("kmeans", "kmeans2", "KMeansClusterer")
    return library in LIBRARY_LABELS and library != "tensorflow" and _is_class(symbol)


def is_known(symbol: str) -> bool:
    """Whether detectors care about ``symbol`` (used to attribute wildcard-imported names)."""
    return (is_conv_layer(symbol) or is_keras_layer(symbol) or is_keras_model(symbol)
            or is_pretrained_base(symbol) or is_kmeans(symbol) or is_unsupported_estimator(symbol)
            or is_saved_model_load(symbol))
