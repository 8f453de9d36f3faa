"""Keras 2 spellings that Keras 3 removed, accepted again while a pushed script runs.

Why: the training images ship Keras 3, and many real scripts were written for Keras 2. Run on
the 100-script corpus (``benchmarks/real_runs.py``), scripts failed on exactly the renames of
Keras' own migration guide: ``keras.utils.np_utils``, ``keras.layers.core``-style modules,
``Adam(lr=...)``, ``batch_input_shape=``, ``fit(nb_epoch=...)``, ``Metric.reset_states()``, ``fit_generator()``,
``predict_classes()``, ``keras.preprocessing.text.Tokenizer`` and ``ImageDataGenerator``. Each
is mapped to its Keras 3 spelling (the same object or call, nothing re-implemented but
``predict_classes``, which is one line of Keras 2's own definition), and the trial's warnings
say which spelling was translated, so the user can update the script.

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

__all__ = ["MODULE_ALIASES", "install"]

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


def _note(old: str, new: str) -> None:
    """Record, once per trial, that a Keras 2 spelling ran as its Keras 3 equivalent."""
    ctx = current()
    message = f"Keras 2 spelling {old} ran as Keras 3's {new}: update the script to run it without mlops"
    if ctx is not None and message not in ctx.warnings:
        ctx.warnings.append(message)


class _Alias(types.ModuleType):
    """A Keras 2 module name that forwards every attribute to its Keras 3 home, noting the use."""

    def __init__(self, old: str, home: types.ModuleType, names: dict[str, str] | None = None) -> None:
        super().__init__(old)
        self._home, self._names = home, names or {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        target = self._names.get(name, name)
        value = getattr(self._home, target)
        _note(f"{self.__name__}.{name}", f"{self._home.__name__}.{target}")
        return value


def _modules() -> None:
    import importlib

    import keras

    for old, new in MODULE_ALIASES.items():
        sys.modules.setdefault(old, _Alias(old, importlib.import_module(new)))
    sys.modules.setdefault("keras.utils.np_utils", _Alias("keras.utils.np_utils", keras.utils))
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
            sys.modules[name] = _Alias(name, old_home)
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
            _note("lr=", "learning_rate=")
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
            _note("batch_input_shape=", "input_shape=")
        original_init(self, *args, **kwargs)
        if shape is not None and shape[0] is not None:
            self._mlops_batch_shape = tuple(shape)
            _note("batch_input_shape=", "InputLayer(batch_shape=...)")

    @functools.wraps(original_add)
    def add(self: Any, layer: Any, *args: Any, **kwargs: Any) -> Any:
        shape = getattr(layer, "_mlops_batch_shape", None)
        if shape is not None and not self._layers:
            original_add(self, keras.layers.InputLayer(batch_shape=shape))
        return original_add(self, layer, *args, **kwargs)

    keras.layers.Layer.__init__ = __init__
    keras.Sequential.add = add


def _renamed_methods() -> None:
    import keras

    def alias(cls: type, old: str, new: str) -> None:
        if hasattr(cls, old):
            return

        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            _note(f"{old}()", f"{new}()")
            return getattr(self, new)(*args, **kwargs)  # looked up on the instance: the fit hook applies

        method.__name__ = old
        setattr(cls, old, method)

    alias(keras.metrics.Metric, "reset_states", "reset_state")
    for old, new in (("fit_generator", "fit"), ("evaluate_generator", "evaluate"),
                     ("predict_generator", "predict")):
        alias(keras.Model, old, new)

    def predict_classes(self: Any, x: Any, *args: Any, **kwargs: Any) -> Any:
        """Keras 2's definition: the arg-max class, or 0/1 for a single sigmoid output."""
        _note("predict_classes()", "predict() and an arg-max")
        probabilities = self.predict(x, *args, **kwargs)
        if probabilities.shape[-1] > 1:
            return probabilities.argmax(axis=-1)
        return (probabilities > 0.5).astype("int32")

    if not hasattr(keras.Model, "predict_classes"):
        keras.Model.predict_classes = predict_classes

    hooked_fit = keras.Model.fit  # the pipeline's fit hook, when installed first: it still runs

    # wraps: the signature stays fit's own, so a hook installed after this one binds the real parameters.
    @functools.wraps(hooked_fit)
    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        if "nb_epoch" in kwargs:  # Keras 1's name, which Keras 2 still accepted
            kwargs.setdefault("epochs", kwargs.pop("nb_epoch"))
            _note("nb_epoch=", "epochs=")
        return hooked_fit(self, *_column_x(self, args, kwargs), **kwargs)

    keras.Model.fit = fit
    for name in ("evaluate", "predict"):
        setattr(keras.Model, name, _with_column_x(getattr(keras.Model, name)))


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
    _note("a 1-D x", "a column x[:, None] (tf.keras 2 reshaped it silently)")
    if args:
        return (x[:, None], *args[1:])
    kwargs["x"] = x[:, None]
    return args


def _with_column_x(method: Any) -> Any:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        return method(self, *_column_x(self, args, kwargs), **kwargs)

    return wrapper


def install() -> None:
    """Accept the Keras 2 spellings above in this process (idempotent; Keras must be importable)."""
    global _INSTALLED
    if _INSTALLED:
        return
    _modules()
    _optimizer_lr()
    _layer_batch_input_shape()
    _renamed_methods()
    _INSTALLED = True
