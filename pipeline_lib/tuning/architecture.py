"""A read-only view over the architecture record the runtime writes for each Keras trial.

Why a view instead of loading Keras: strategies run in the supervisor (and in Jenkins'
tweak stage), where importing TensorFlow would cost seconds and a GPU-less image may not
even have it. Everything a mutation needs to decide — which layers are hidden, where the
conv blocks end, whether one more pooling still leaves a 1×1 feature map — can be read
from the layer configs (``keras.Sequential.get_config()["layers"]``) alone.

Shape inference follows Keras' own rules for the layers listed in :data:`SHAPE_RULES`;
any other layer class stops inference (its shape and all later ones are ``None``) rather
than guessing.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = [
    "CONV_CLASSES",
    "POOL_CLASSES",
    "RECURRENT_CLASSES",
    "SHAPE_RULES",
    "WRAPPER_CLASSES",
    "Architecture",
    "Shape",
    "ShapeError",
    "format_shape",
    "infer_shapes",
    "layer_spec",
    "recurrent_configs",
    "without_build_config",
]

Shape = tuple[int | None, ...]
"""A tensor shape without the batch dimension; ``None`` marks a variable dimension."""

CONV_CLASSES: dict[str, int] = {"Conv1D": 1, "Conv2D": 2}
"""Convolution class name → number of spatial dimensions."""

POOL_CLASSES: dict[str, int] = {"MaxPooling1D": 1, "AveragePooling1D": 1,
                                "MaxPooling2D": 2, "AveragePooling2D": 2}
"""Pooling class name → number of spatial dimensions."""

RECURRENT_CLASSES = frozenset({"LSTM", "GRU", "SimpleRNN"})
"""Recurrent layers whose ``units``, ``dropout``, ``recurrent_dropout`` and ``return_sequences`` a mutation edits."""

WRAPPER_CLASSES = frozenset({"Bidirectional"})
"""Wrappers whose settings live in the wrapped layer's config (``layer``, and ``backward_layer`` when recorded)."""

_GLOBAL_POOL_CLASSES = {"GlobalMaxPooling1D", "GlobalAveragePooling1D",
                        "GlobalMaxPooling2D", "GlobalAveragePooling2D"}
_SAME_SHAPE_CLASSES = {"Dropout", "BatchNormalization", "Activation", "LayerNormalization",
                       "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise"}


def recurrent_configs(layer: Mapping[str, Any]) -> list[Any]:
    """The config dicts that hold a recurrent layer's settings, in place (empty: not recurrent).

    Why a list: ``LSTM(8)`` keeps its ``units`` in its own config, but ``Bidirectional(LSTM(8))``
    keeps them in the wrapped layer's and again in its ``backward_layer``'s, and the two must
    agree (Keras checks ``return_sequences``; a mutation changes both). Editing the returned
    dicts edits ``layer``; ``keras.layers.RNN(cell)`` is not edited (its settings sit in a cell).
    """
    cls = str(layer.get("class_name"))
    config = layer.get("config") or {}
    if cls in RECURRENT_CLASSES:
        return [config]
    if cls in WRAPPER_CLASSES:
        inner = [config.get(key) for key in ("layer", "backward_layer")]
        return [c["config"] for c in inner if isinstance(c, Mapping)
                and c.get("class_name") in RECURRENT_CLASSES and isinstance(c.get("config"), Mapping)]
    return []


def without_build_config(value: Any) -> Any:
    """A deep copy of a layer entry without any ``build_config``, nested ones included.

    Why nested too: ``Bidirectional`` serialises its wrapped layers with their own
    ``build_config``, and Keras builds them with it on ``from_config``; once an edit upstream
    changes the features a wrapper receives, that pinned shape would break the rebuilt model.
    """
    if isinstance(value, Mapping):
        return {k: without_build_config(v) for k, v in value.items() if k != "build_config"}
    if isinstance(value, list):
        return [without_build_config(v) for v in value]
    return copy.deepcopy(value)


class ShapeError(ValueError):
    """A layer would produce an empty or impossible tensor (e.g. pooling below 1×1)."""


def format_shape(shape: Sequence[int | None]) -> str:
    """``(3, 3, 8)`` → ``"3×3×8"`` (``?`` for variable dimensions), as users read shapes."""
    return "×".join("?" if d is None else str(d) for d in shape)


def _ints(value: Any, rank: int) -> tuple[int, ...]:
    """Keras stores sizes as lists; hand-written configs may use a bare int."""
    if isinstance(value, int):
        return (value,) * rank
    return tuple(int(v) for v in value)


def _spatial_split(cfg: Mapping[str, Any], shape: Shape, rank: int,
                   what: str) -> tuple[Shape, int | None, bool]:
    """Split ``shape`` into spatial dims and channels, honouring ``data_format``."""
    if len(shape) != rank + 1:
        raise ShapeError(f"{what} expects a {rank + 1}-D input but gets {format_shape(shape)}")
    first = cfg.get("data_format") == "channels_first"
    return (shape[1:], shape[0], True) if first else (shape[:-1], shape[-1], False)


def _window(n: int | None, size: int, stride: int, dilation: int, padding: str) -> int | None:
    """Output length of a sliding window along one axis (Keras' conv/pool arithmetic)."""
    if n is None:
        return None
    if padding in ("same", "causal"):
        return math.ceil(n / stride)
    return (n - dilation * (size - 1) - 1) // stride + 1


def _windowed(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str,
              size_key: str, channels_out: int | None) -> Shape:
    """Shared rule of convolution and pooling: slide a window over each spatial axis.

    Convolutions default to stride 1; poolings (``channels_out`` None) to their pool size.
    """
    spatial, channels, first = _spatial_split(cfg, shape, rank, what)
    sizes = _ints(cfg[size_key], rank)
    strides = _ints(cfg.get("strides") or (sizes if channels_out is None else 1), rank)
    dilations = _ints(cfg.get("dilation_rate", 1), rank)
    padding = str(cfg.get("padding", "valid")).lower()
    out = tuple(_window(n, k, s, d, padding) for n, k, s, d in zip(spatial, sizes, strides, dilations, strict=True))
    if any(d is not None and d < 1 for d in out):
        raise ShapeError(f"{what} would take the {format_shape(shape)} input below "
                         f"{format_shape((1,) * rank)} ({size_key.replace('_', ' ')} "
                         f"{format_shape(sizes)}, strides {format_shape(strides)}, padding {padding})")
    kept = channels if channels_out is None else channels_out
    return (kept, *out) if first else (*out, kept)


def _conv(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str) -> Shape:
    return _windowed(cfg, shape, rank, what, "kernel_size", int(cfg["filters"]))


def _pool(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str) -> Shape:
    return _windowed(cfg, shape, rank, what, "pool_size", None)


def _global_pool(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str) -> Shape:
    spatial, channels, first = _spatial_split(cfg, shape, rank, what)
    if not cfg.get("keepdims"):
        return (channels,)
    ones = (1,) * len(spatial)
    return (channels, *ones) if first else (*ones, channels)


def _flatten(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str) -> Shape:
    if any(d is None for d in shape):
        return (None,)
    return (math.prod(d for d in shape if d is not None),)


def _dense(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str) -> Shape:
    if not shape:
        raise ShapeError(f"{what} needs at least a 1-D input")
    return (*shape[:-1], int(cfg["units"]))


def _same(cfg: Mapping[str, Any], shape: Shape, rank: int, what: str) -> Shape:
    return shape


_Rule = Callable[[Mapping[str, Any], Shape, int, str], Shape]

SHAPE_RULES: dict[str, tuple[_Rule, int]] = {
    **{name: (_conv, rank) for name, rank in CONV_CLASSES.items()},
    **{name: (_pool, rank) for name, rank in POOL_CLASSES.items()},
    **{name: (_global_pool, int(name[-2])) for name in _GLOBAL_POOL_CLASSES},
    **{name: (_same, 0) for name in _SAME_SHAPE_CLASSES},
    "Flatten": (_flatten, 0),
    "Dense": (_dense, 0),
}
"""Layer class name → (output-shape rule, spatial rank) for the layers shape inference knows."""


def infer_shapes(layers: Sequence[Mapping[str, Any]], input_shape: Shape | None) -> list[Shape | None]:
    """Output shape (without batch) after each layer, in order.

    Args:
        layers: layer configs as in ``Sequential.get_config()["layers"]``; an ``InputLayer``
            entry sets the shape from its ``batch_shape``.
        input_shape: the model input without the batch dimension, or None when unknown.

    Returns:
        One entry per layer; ``None`` from the first layer whose class has no rule (or while
        the input shape is unknown) onwards — unknown is never guessed.

    Raises:
        ShapeError: a layer would produce a dimension below 1, or gets an input of the
            wrong rank; the message names the layer and the shapes.
    """
    shape = input_shape
    shapes: list[Shape | None] = []
    for layer in layers:
        cls = str(layer.get("class_name"))
        cfg = layer.get("config") or {}
        if cls == "InputLayer" and cfg.get("batch_shape"):
            shape = tuple(cfg["batch_shape"][1:])
        elif shape is not None and cls in SHAPE_RULES:
            rule, rank = SHAPE_RULES[cls]
            shape = rule(cfg, shape, rank, f"{cls} {cfg.get('name', '?')!r}")
        else:
            shape = None
        shapes.append(shape)
    return shapes


def layer_spec(class_name: str, name: str, **config: Any) -> dict[str, Any]:
    """A new built-in layer entry in the same serialized form Keras writes, without weights."""
    return {"module": "keras.layers", "class_name": class_name,
            "config": {"name": name, **config}, "registered_name": None}


class Architecture:
    """Read-only questions about one trial's architecture record.

    Why indexes instead of layer objects: mutations edit a copy of the layer list (see
    :meth:`to_plan`) and the indexes here refer to the same positions in it.
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.sequential = bool(data.get("sequential", False))
        self.layers: list[Mapping[str, Any]] = list(data.get("layers") or []) if self.sequential else []

    def class_at(self, index: int) -> str:
        """The Keras class name of layer ``index``."""
        return str(self.layers[index].get("class_name"))

    def config_at(self, index: int) -> Mapping[str, Any]:
        """The config dict of layer ``index`` (read it, never edit it)."""
        return self.layers[index].get("config") or {}

    def _indexes(self, classes: Mapping[str, Any] | set[str]) -> list[int]:
        return [i for i in range(len(self.layers)) if self.class_at(i) in classes]

    @property
    def editable_reason(self) -> str | None:
        """Why the layer list cannot be edited, or None when it can."""
        if not self.sequential:
            return "functional model: layers can't be edited; only fit-level mutations apply"
        if not self.layers:
            return "the architecture records no layers (the model was never built)"
        return None

    @property
    def input_shape(self) -> Shape | None:
        """The model input without the batch dimension (recorded, else from the InputLayer)."""
        recorded = self.data.get("input_shape")
        if recorded:
            return tuple(recorded)
        for i in self._indexes({"InputLayer"}):
            batch_shape = self.config_at(i).get("batch_shape")
            if batch_shape:
                return tuple(batch_shape[1:])
        return None

    @property
    def epochs(self) -> int | None:
        """Epochs passed to ``fit()`` (None when unknown)."""
        value = self.data.get("epochs")
        return int(value) if isinstance(value, int) and value >= 1 else None

    @property
    def output_index(self) -> int | None:
        """The output layer: the last Dense layer (None when there is none)."""
        dense = self._indexes({"Dense"})
        return dense[-1] if dense else None

    @property
    def conv_indexes(self) -> list[int]:
        """All Conv1D/Conv2D layers."""
        return self._indexes(CONV_CLASSES)

    @property
    def last_feature_index(self) -> int | None:
        """The end of the last conv block: the last convolution or pooling layer."""
        found = self._indexes({**CONV_CLASSES, **POOL_CLASSES})
        return found[-1] if found else None

    @property
    def recurrent_indexes(self) -> list[int]:
        """Every LSTM/GRU/SimpleRNN layer, wrapped in a Bidirectional or not (see :func:`recurrent_configs`)."""
        return [i for i in range(len(self.layers)) if recurrent_configs(self.layers[i])]

    def recurrent_label(self, index: int) -> str:
        """``LSTM`` or ``Bidirectional(LSTM)``: how the report names recurrent layer ``index``."""
        cls = self.class_at(index)
        if cls in WRAPPER_CLASSES:
            return f"{cls}({self.config_at(index)['layer']['class_name']})"
        return cls

    def size_at(self, index: int, key: str) -> int:
        """``units``/``filters`` of layer ``index``, read from the wrapped layer for a Bidirectional."""
        found = recurrent_configs(self.layers[index]) or [self.config_at(index)]
        return int(found[0][key])

    @property
    def hidden_dense_indexes(self) -> list[int]:
        """Dense layers after the conv blocks and the recurrent stack (if any) and before the output layer."""
        out = self.output_index
        ends = [i for i in (self.last_feature_index, *self.recurrent_indexes[-1:]) if i is not None]
        start = max(ends) if ends else None
        return [i for i in self._indexes({"Dense"})
                if out is not None and i < out and (start is None or i > start)]

    @property
    def layer_names(self) -> set[str]:
        """Every layer name in use (new layers must not collide with them)."""
        return {str(self.config_at(i).get("name")) for i in range(len(self.layers))}

    def shapes(self) -> list[Shape | None]:
        """Output shape after each layer (see :func:`infer_shapes`)."""
        return infer_shapes(self.layers, self.input_shape)

    def to_plan(self) -> dict[str, Any]:
        """The plan that rebuilds exactly this architecture; mutations edit a copy of it.

        Why carry everything: plans are cumulative — the parent's architecture already
        contains the mutations before it, so the child's plan must repeat them. ``build_config``
        is dropped (nested ones too: see :func:`without_build_config`) because it pins input shapes.
        A learning rate is carried only when an earlier plan set it (``learning_rate_planned``):
        otherwise the script's own optimizer settings stay untouched, e.g. a second
        ``compile()`` with a smaller rate for fine-tuning.
        """
        plan: dict[str, Any] = {}
        if self.sequential and self.layers:
            plan["layers"] = [without_build_config(layer) for layer in self.layers]
        if self.epochs is not None:
            plan["epochs"] = self.epochs
        if self.data.get("batch_size") is not None:
            plan["batch_size"] = int(self.data["batch_size"])
        if self.data.get("learning_rate_planned") and self.data.get("learning_rate") is not None:
            plan["learning_rate"] = float(self.data["learning_rate"])
        return plan
