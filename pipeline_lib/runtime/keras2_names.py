"""Keras 2 names Keras 3 removed but whose successor is plain, accepted again (installed by ``keras2.install``).

Why apart from :mod:`~pipeline_lib.runtime.keras2`: these are names, not arguments or methods, and they
live on two module trees at once — standalone ``keras.*`` and ``tf.keras.*`` (``keras._tf_keras.keras.*``
in Keras 3), which are different module objects — so each is set on both.

* ``keras.layers.experimental.preprocessing.X`` (TF 2.3–2.5 tutorials): ``keras.layers.X``.
* ``CuDNNLSTM`` / ``CuDNNGRU``: ``LSTM`` / ``GRU``, which use cuDNN by themselves when they can.
* ``keras.backend.set_image_dim_ordering('th'|'tf')`` and ``image_dim_ordering()``: the
  ``image_data_format`` of ``'channels_first'`` / ``'channels_last'``.
* Keras 2's lower-case optimizer aliases (``from keras.optimizers import adam``).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from pipeline_lib.runtime.keras2 import AliasModule, note_translation

__all__ = ["install_names"]

_ORDERINGS = {"th": "channels_first", "tf": "channels_last"}

_OPTIMIZERS = {"sgd": "SGD", "rmsprop": "RMSprop", "adagrad": "Adagrad", "adadelta": "Adadelta", "adam": "Adam",
               "adamax": "Adamax", "nadam": "Nadam"}


def _trees() -> list[str]:
    """The Keras packages a script may import from: ``keras`` and, when TensorFlow ships it, ``tf.keras``'s."""
    trees = ["keras"]
    try:
        importlib.import_module("keras._tf_keras.keras")
        trees.append("keras._tf_keras.keras")
    except ImportError:
        pass
    return trees


def _experimental(tree: str, layers: types.ModuleType) -> None:
    """``layers.experimental.preprocessing`` as an attribute and as importable modules, forwarding to ``layers``."""
    preprocessing = AliasModule(f"{tree}.layers.experimental.preprocessing", layers)
    experimental = AliasModule(f"{tree}.layers.experimental", layers)
    experimental.preprocessing = preprocessing  # type: ignore[attr-defined]
    names = [tree, "tensorflow.keras"] if tree != "keras" else [tree]
    for root in names:
        sys.modules.setdefault(f"{root}.layers.experimental", experimental)
        sys.modules.setdefault(f"{root}.layers.experimental.preprocessing", preprocessing)
    if not hasattr(layers, "experimental"):
        layers.experimental = experimental  # type: ignore[attr-defined]


def _cudnn(layers: types.ModuleType) -> None:
    for old, new in (("CuDNNLSTM", "LSTM"), ("CuDNNGRU", "GRU")):
        if hasattr(layers, old):
            continue

        def make(*args: Any, _old: str = old, _new: str = new, **kwargs: Any) -> Any:
            note_translation(f"{_old}", f"{_new} (cuDNN when available)")
            return getattr(layers, _new)(*args, **kwargs)

        make.__name__ = old
        setattr(layers, old, make)


def _orderings(backend: types.ModuleType) -> None:
    if hasattr(backend, "set_image_dim_ordering"):
        return

    def set_image_dim_ordering(ordering: str) -> None:
        note_translation("set_image_dim_ordering()", "set_image_data_format()")
        backend.set_image_data_format(_ORDERINGS.get(ordering, ordering))

    def image_dim_ordering() -> str:
        note_translation("image_dim_ordering()", "image_data_format()")
        return "th" if backend.image_data_format() == "channels_first" else "tf"

    backend.set_image_dim_ordering = set_image_dim_ordering  # type: ignore[attr-defined]
    backend.image_dim_ordering = image_dim_ordering  # type: ignore[attr-defined]


def install_names() -> None:
    """Set the names above on every Keras tree of this process (idempotent)."""
    for tree in _trees():
        layers = importlib.import_module(f"{tree}.layers")
        _experimental(tree, layers)
        _cudnn(layers)
        _orderings(importlib.import_module(f"{tree}.backend"))
        optimizers = importlib.import_module(f"{tree}.optimizers")
        for old, new in _OPTIMIZERS.items():
            if not hasattr(optimizers, old):
                setattr(optimizers, old, getattr(optimizers, new))
