"""Real tiny Keras models and the runtime's own architecture record, shared by the tuning tests.

Why real models: the plans must survive ``Sequential.from_config`` exactly as the runtime
applies them, and shape inference must agree with Keras itself; hand-written dicts alone
would only test our assumptions about Keras. Keras is imported once per session.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from pipeline_lib.runtime.keras_hooks import describe_model

Builder = Callable[..., Any]


@pytest.fixture(scope="session")
def keras() -> ModuleType:
    import keras as keras_module

    return keras_module


def record(model: Any, epochs: int = 5, batch_size: int | None = None) -> dict[str, Any]:
    """The architecture record the runtime writes after ``fit()`` (its own function)."""
    return describe_model(model, {"epochs": epochs, "batch_size": batch_size})


def ann(keras: ModuleType, hidden: tuple[int, ...] = (16,), n_in: int = 8, n_out: int = 3) -> Any:
    """Input(n_in) → Dense(h, relu)… → Dense(n_out, softmax)."""
    layers = [keras.layers.Dense(h, activation="relu") for h in hidden]
    return keras.Sequential([keras.Input((n_in,)), *layers, keras.layers.Dense(n_out, activation="softmax")])


def cnn(keras: ModuleType, size: int = 8, blocks: int = 1, filters: int = 8, padding: str = "valid",
        dense: int = 16) -> Any:
    """Input(size×size×1) → blocks × [Conv2D(3×3) + MaxPooling2D(2)] → Flatten → Dense → Dense(3)."""
    body: list[Any] = []
    for _ in range(blocks):
        body += [keras.layers.Conv2D(filters, 3, activation="relu", padding=padding),
                 keras.layers.MaxPooling2D(2)]
    return keras.Sequential([keras.Input((size, size, 1)), *body, keras.layers.Flatten(),
                             keras.layers.Dense(dense, activation="relu"),
                             keras.layers.Dense(3, activation="softmax")])


def rebuild_and_train(model: Any, plan: dict[str, Any]) -> Any:
    """Apply ``plan`` the way the runtime does, compile with the user's loss, train 1 epoch.

    The plan goes through JSON first because that is how it reaches the runtime (run.json).
    """
    plan = json.loads(json.dumps(plan))
    cfg = model.get_config()
    if "layers" in plan:
        cfg["layers"] = plan["layers"]
    new = type(model).from_config(cfg)
    new.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    rng = np.random.default_rng(0)
    x = rng.random((6, *model.input_shape[1:]), dtype="float32")
    y = rng.integers(0, model.output_shape[-1], size=6)
    new.fit(x, y, epochs=1, batch_size=plan.get("batch_size", 3), verbose=0)
    return new


def rnn(keras: ModuleType, cells: tuple[str, ...] = ("LSTM",), units: int = 8, bidirectional: bool = False,
        steps: int = 6, features: int = 2, last_sequences: bool = False, head: int | None = None) -> Any:
    """Input(steps×features) → a stack of recurrent layers (each but the last returning sequences) → Dense(3).

    ``bidirectional`` wraps every layer in ``Bidirectional``; ``last_sequences`` makes the last layer
    return sequences too (then a ``GlobalAveragePooling1D`` reads them); ``head`` adds a hidden Dense.
    The recurrent layers are named ``rec0``, ``rec1``, ... (their wrappers ``bi0``, ...), so what a
    mutation says about them does not depend on Keras' name counters.
    """
    stack: list[Any] = []
    for i, cls in enumerate(cells):
        layer = getattr(keras.layers, cls)(units, return_sequences=last_sequences or i < len(cells) - 1,
                                           name=f"rec{i}")
        stack.append(keras.layers.Bidirectional(layer, name=f"bi{i}") if bidirectional else layer)
    if last_sequences:
        stack.append(keras.layers.GlobalAveragePooling1D())
    if head:
        stack.append(keras.layers.Dense(head, activation="relu"))
    return keras.Sequential([keras.Input((steps, features)), *stack, keras.layers.Dense(3, activation="softmax")])
