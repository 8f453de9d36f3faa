"""Keras 2 spellings that Keras 3 removed, accepted again while a pushed script runs.

Why: the training images ship Keras 3, and many real scripts were written for Keras 2. Run on
the 100-script corpus (``benchmarks/real_runs.py``), scripts failed on exactly the renames of
Keras' own migration guide: ``keras.utils.np_utils``, ``keras.layers.core``-style modules,
``Adam(lr=...)``, ``batch_input_shape=``, ``fit(nb_epoch=...)``, ``Metric.reset_states()``, ``fit_generator()``,
``predict_classes()``, ``keras.preprocessing.text.Tokenizer`` and ``ImageDataGenerator``. Each
is mapped to its Keras 3 spelling (the same object or call, nothing re-implemented but
``predict_classes``, which is one line of Keras 2's own definition), and the trial's warnings
say which spelling was translated, so the user can update the script.

Keras 2 also still took Keras 1's layer arguments (``Dense(output_dim=…, init=…)``,
``Convolution2D(32, 3, 3, border_mode=…)``, ``Dropout(p=…)``, ``LSTM(dropout_U=…)``: its
``legacy.interfaces``), and the old tutorials people copy use them; they are renamed the same way
(:data:`RENAMED_ARGUMENTS`). ``SGD(decay=…)``, which Keras 3 accepts and silently ignores, becomes
Keras 2's own rule, ``InverseTimeDecay(rate, 1, decay)``.

One behaviour is translated too: tf.keras 2 made a 1-D ``x`` a column (``expand_1d`` in its data
adapter) in ``fit``, ``evaluate`` and ``predict``; Keras 3 refuses it (``Dense`` expects
``min_ndim=2``). A real regression script fed ``np.linspace(0, 10, 1000)`` straight to ``fit``.
What is *not* translated: APIs removed without a successor (``keras.wrappers.scikit_learn``).
"""

from __future__ import annotations

import functools
import sys
import types
from typing import Any

from pipeline_lib.runtime.context import current

__all__ = ["FIT_ARGUMENTS", "MODULE_ALIASES", "RENAMED_ARGUMENTS", "WORKER_ARGUMENTS", "AliasModule", "install",
           "note_translation"]

MODULE_ALIASES = {
    "keras.layers.core": "keras.layers",
    "keras.layers.convolutional": "keras.layers",
    "keras.layers.pooling": "keras.layers",
    "keras.layers.recurrent": "keras.layers",
    "keras.layers.embeddings": "keras.layers",
    "keras.layers.normalization": "keras.layers",
    "keras.layers.merge": "keras.layers",
    "keras.layers.advanced_activations": "keras.layers",
    "keras.layers.wrappers": "keras.layers",
}
"""Keras 2 submodules whose names all live in the Keras 3 module named (``from keras.layers.core import Dense``)."""

_INSTALLED = False


def note_translation(old: str, new: str) -> None:
    """Record, once per trial, that a Keras 2 spelling ran as its Keras 3 equivalent."""
    ctx = current()
    message = f"Keras 2 spelling {old} ran as Keras 3's {new}: update the script to run it without mlops"
    if ctx is not None and message not in ctx.warnings:
        ctx.warnings.append(message)


class AliasModule(types.ModuleType):
    """A Keras 2 module name that forwards every attribute to its Keras 3 home, noting the use."""

    def __init__(self, old: str, home: types.ModuleType, names: dict[str, str] | None = None) -> None:
        super().__init__(old)
        self._home, self._names = home, names or {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        target = self._names.get(name, name)
        value = getattr(self._home, target)
        note_translation(f"{self.__name__}.{name}", f"{self._home.__name__}.{target}")
        return value


def _modules() -> None:
    import importlib

    import keras

    for old, new in MODULE_ALIASES.items():
        sys.modules.setdefault(old, AliasModule(old, importlib.import_module(new)))
    sys.modules.setdefault("keras.utils.np_utils", AliasModule("keras.utils.np_utils", keras.utils))
    legacy = {"text": "keras.src.legacy.preprocessing.text", "image": "keras.src.legacy.preprocessing.image",
              "sequence": "keras.src.legacy.preprocessing.sequence"}
    for part, home in legacy.items():
        name = f"keras.preprocessing.{part}"
        try:
            current_module = importlib.import_module(name)
        except ImportError:
            current_module = None
        old_home = importlib.import_module(home)
        if current_module is None:
            sys.modules[name] = AliasModule(name, old_home)
            setattr(keras.preprocessing, part, sys.modules[name])
            continue
        for attribute in dir(old_home):  # Tokenizer, ImageDataGenerator, TimeseriesGenerator: legacy only
            value = getattr(old_home, attribute)
            defined_there = getattr(value, "__module__", None) == old_home.__name__  # not its imports (np, os)
            if defined_there and not attribute.startswith("_") and not hasattr(current_module, attribute):
                setattr(current_module, attribute, value)


def _optimizer_lr() -> None:
    from keras.src.optimizers.base_optimizer import BaseOptimizer

    original = BaseOptimizer.__init__

    def __init__(self: Any, learning_rate: Any = 0.001, *args: Any, **kwargs: Any) -> None:
        if "lr" in kwargs:
            learning_rate = kwargs.pop("lr")
            note_translation("lr=", "learning_rate=")
        decay = kwargs.pop("decay", None)  # Keras 3 accepts it and ignores it, which trains another model
        if decay and isinstance(learning_rate, (int, float)):
            import keras

            # Keras 2's own rule: rate / (1 + decay * iterations).
            learning_rate = keras.optimizers.schedules.InverseTimeDecay(learning_rate, 1, decay)
            note_translation("decay=", "learning_rate=InverseTimeDecay(rate, 1, decay)")
        original(self, learning_rate, *args, **kwargs)

    BaseOptimizer.__init__ = __init__


def _layer_batch_input_shape() -> None:
    """``batch_input_shape=`` on a Sequential model's first layer: an input of that shape.

    With a batch size (a stateful RNN needs one) the input becomes ``InputLayer(batch_shape=…)``,
    added by ``Sequential.add`` before the layer; without one it is Keras 3's ``input_shape=``.
    """
    import keras

    original_init = keras.layers.Layer.__init__
    original_add = keras.Sequential.add

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        shape = kwargs.pop("batch_input_shape", None)
        if shape is not None and shape[0] is None:
            kwargs.setdefault("input_shape", tuple(shape[1:]))
            note_translation("batch_input_shape=", "input_shape=")
        original_init(self, *args, **kwargs)
        if shape is not None and shape[0] is not None:
            self._mlops_batch_shape = tuple(shape)
            note_translation("batch_input_shape=", "InputLayer(batch_shape=...)")

    @functools.wraps(original_add)
    def add(self: Any, layer: Any, *args: Any, **kwargs: Any) -> Any:
        shape = getattr(layer, "_mlops_batch_shape", None)
        if shape is not None and not self._layers:
            original_add(self, keras.layers.InputLayer(batch_shape=shape))
        return original_add(self, layer, *args, **kwargs)

    keras.layers.Layer.__init__ = __init__
    keras.Sequential.add = add


RENAMED_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "output_dim": ("units",), "nb_filter": ("filters",), "filter_length": ("kernel_size",), "p": ("rate",),
    "init": ("kernel_initializer", "embeddings_initializer", "depthwise_initializer"),
    "inner_init": ("recurrent_initializer",), "beta_init": ("beta_initializer",),
    "gamma_init": ("gamma_initializer",),
    "W_regularizer": ("kernel_regularizer", "embeddings_regularizer"), "U_regularizer": ("recurrent_regularizer",),
    "b_regularizer": ("bias_regularizer",), "W_constraint": ("kernel_constraint", "embeddings_constraint"),
    "U_constraint": ("recurrent_constraint",), "b_constraint": ("bias_constraint",), "bias": ("use_bias",),
    "border_mode": ("padding",), "subsample": ("strides",), "subsample_length": ("strides",),
    "stride": ("strides",), "pool_length": ("pool_size",), "dim_ordering": ("data_format",),
    "dropout_W": ("dropout",), "dropout_U": ("recurrent_dropout",),
}
"""Keras 1 layer arguments Keras 2 still accepted (its ``legacy.interfaces``): old name -> the new name, the first
that the layer takes (``init`` is a Dense's ``kernel_initializer`` but an Embedding's ``embeddings_initializer``)."""

_DATA_FORMATS = {"th": "channels_first", "tf": "channels_last", "default": None}


def _legacy_kwargs(cls: type, accepted: frozenset[str], args: tuple[Any, ...],
                   kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Rename the Keras 1 arguments of one layer call in place; returns the positional arguments, fixed too."""
    legacy = [k for k in kwargs if k in RENAMED_ARGUMENTS and k not in accepted]
    for old in legacy:
        new = next((n for n in RENAMED_ARGUMENTS[old] if n in accepted and n not in kwargs), None)
        if new is None:
            continue
        value = kwargs.pop(old)
        kwargs[new] = _DATA_FORMATS.get(value, value) if old == "dim_ordering" else value
        note_translation(f"{cls.__name__}({old}=)", f"{new}=")
    if kwargs.get("consume_less") is not None and "consume_less" not in accepted:  # a speed hint, nothing more
        kwargs.pop("consume_less")
        note_translation(f"{cls.__name__}(consume_less=)", "its default implementation")
    if kwargs.get("mode") == 0 and "mode" not in accepted:  # BatchNormalization's only mode Keras 2 kept
        kwargs.pop("mode")
        note_translation(f"{cls.__name__}(mode=0)", "its default")
    # Keras 1's Convolution2D(filters, rows, cols): Keras 3 reads cols as the strides. Taken as Keras 1 when the
    # kernel is square (3, 3: the usual case) or the call uses other Keras 1 names; Conv2D(8, 3, 2) stays Keras 3's.
    kernel_positional = len(args) >= 3 and all(isinstance(a, int) for a in args[1:3]) and (
        args[1] == args[2] or bool(legacy))
    if cls.__name__ in ("Conv2D", "Conv2DTranspose") and kernel_positional and "kernel_size" not in kwargs:
        note_translation(f"{cls.__name__}(filters, rows, cols)", f"{cls.__name__}(filters, (rows, cols))")
        return (args[0], (args[1], args[2]), *args[3:])
    return args


def _legacy_layer_arguments() -> None:
    """Every ``keras.layers`` class takes the Keras 1 argument names again (see :data:`RENAMED_ARGUMENTS`).

    Each class's own ``__init__`` is wrapped, because the arguments must be renamed before it
    runs (``Dense(output_dim=4)`` fails for want of ``units``). No ``functools.wraps`` here: Keras
    binds a layer's arguments to ``__init__``'s signature, and the old names would not bind.
    """
    import inspect

    import keras

    layers = {c for c in vars(keras.layers).values() if isinstance(c, type) and issubclass(c, keras.layers.Layer)}
    for cls in layers - {keras.layers.Layer}:
        original = cls.__dict__.get("__init__")
        if original is not None:
            cls.__init__ = _renaming_init(cls, original, frozenset(inspect.signature(original).parameters))  # type: ignore[misc]


def _renaming_init(cls: type, original: Any, accepted: frozenset[str]) -> Any:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *_legacy_kwargs(cls, accepted, args, kwargs), **kwargs)

    return __init__


def _renamed_methods() -> None:
    import keras

    def alias(cls: type, old: str, new: str) -> None:
        if hasattr(cls, old):
            return

        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            note_translation(f"{old}()", f"{new}()")
            return getattr(self, new)(*args, **kwargs)  # looked up on the instance: the fit hook applies

        method.__name__ = old
        setattr(cls, old, method)

    alias(keras.metrics.Metric, "reset_states", "reset_state")
    for old, new in (("fit_generator", "fit"), ("evaluate_generator", "evaluate"),
                     ("predict_generator", "predict")):
        alias(keras.Model, old, new)

    def predict_classes(self: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
        """Keras 2's definition: the arg-max class, or 0/1 for a single sigmoid output."""
        note_translation("predict_classes()", "predict() and an arg-max")
        probabilities = self.predict(x, *args, **kwargs)
        if probabilities.shape[-1] > 1:
            return probabilities.argmax(axis=-1)
        return (probabilities > 0.5).astype("int32")

    if not hasattr(keras.Model, "predict_classes"):
        keras.Model.predict_classes = predict_classes

    for name in ("fit", "evaluate", "predict"):  # the pipeline's fit hook, when installed first, still runs
        setattr(keras.Model, name, _keras2_call(getattr(keras.Model, name)))


FIT_ARGUMENTS = {"nb_epoch": "epochs", "samples_per_epoch": "steps_per_epoch", "nb_val_samples": "validation_steps",
                 "val_samples": "steps"}
"""``fit``/``evaluate``/``predict`` (and their ``*_generator`` forms) arguments renamed, as Keras 2 renamed them."""

WORKER_ARGUMENTS = ("workers", "use_multiprocessing", "max_queue_size", "nb_worker", "pickle_safe", "max_q_size")
"""Loading hints Keras 3's ``fit`` refuses (they moved to ``PyDataset``): dropped, the data load in one process."""


def _keras2_call(method: Any) -> Any:
    """``method`` taking the Keras 2 arguments above, and a 1-D ``x`` as a column.

    ``functools.wraps``: the signature stays the method's own, so a hook installed after this one
    binds the real parameters.
    """
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        for old, new in FIT_ARGUMENTS.items():
            if old in kwargs:
                kwargs.setdefault(new, kwargs.pop(old))
                note_translation(f"{old}=", f"{new}=")
        for hint in [k for k in WORKER_ARGUMENTS if k in kwargs]:
            kwargs.pop(hint)
            note_translation(f"{method.__name__}({hint}=)", f"{method.__name__}() without it (a PyDataset's setting now)")
        return method(self, *_column_x(self, args, kwargs), **kwargs)

    return wrapper


def _column_x(model: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """The call's positional arguments with a 1-D NumPy ``x`` made a column, as tf.keras 2 did.

    Left alone when the built model itself takes rank-1 input (``keras.Input(shape=())``).
    """
    import numpy as np

    x = args[0] if args else kwargs.get("x")
    if not isinstance(x, np.ndarray) or x.ndim != 1:
        return args
    try:
        if len(model.input_shape) == 1:
            return args
    except (AttributeError, ValueError):  # not built yet: tf.keras 2 expanded regardless
        pass
    note_translation("a 1-D x", "a column x[:, None] (tf.keras 2 reshaped it silently)")
    if args:
        return (x[:, None], *args[1:])
    kwargs["x"] = x[:, None]
    return args


def install() -> None:
    """Accept the Keras 2 spellings above in this process (idempotent; Keras must be importable)."""
    global _INSTALLED
    if _INSTALLED:
        return
    _modules()
    _optimizer_lr()
    _layer_batch_input_shape()
    _legacy_layer_arguments()
    _renamed_methods()
    from pipeline_lib.runtime.keras2_names import install_names

    install_names()
    _INSTALLED = True
