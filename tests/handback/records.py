"""Records, scripts and helpers the hand-back tests share (no Keras: pure data and text)."""

from __future__ import annotations

import re
from typing import Any

from pipeline_lib.handback import (
    rewrite_script,
    unified_diff,
)
from pipeline_lib.tuning.mutations import MUTATIONS

# --------------------------------------------------------------------------- records


def _snake(cls: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", cls).lower()


def arch(*layers: tuple[str, dict[str, Any]], input_shape: tuple[int, ...] = (4,), epochs: int | None = 2,
         batch_size: int | None = 8, sequential: bool = True) -> dict[str, Any]:
    """An architecture record as the runtime writes it, with Keras' automatic layer names."""
    seen: dict[str, int] = {}
    out: list[dict[str, Any]] = [{"class_name": "InputLayer",
                                  "config": {"name": "input_layer", "batch_shape": [None, *input_shape]}}]
    for cls, cfg in layers:
        base = _snake(cls)
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append({"module": "keras.layers", "class_name": cls, "registered_name": None,
                    "config": {"name": base if count == 0 else f"{base}_{count}", **cfg}})
    return {"framework": "keras", "sequential": sequential, "layers": out if sequential else [],
            "input_shape": list(input_shape), "epochs": epochs, "batch_size": batch_size}


def mutate(base: dict[str, Any], *names: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply real mutations one after the other; the winner's record and its plan."""
    record, plan = base, {}
    for name in names:
        plan = MUTATIONS[name]().apply(record).plan
        record = {**record, "layers": plan.get("layers", record["layers"]), "epochs": plan.get("epochs"),
                  "batch_size": plan.get("batch_size")}
    return record, plan


def relu(units: int) -> tuple[str, dict[str, Any]]:
    return "Dense", {"units": units, "activation": "relu"}


SIGMOID = ("Dense", {"units": 1, "activation": "sigmoid"})
DENSE_BASE = arch(relu(16), relu(8), SIGMOID)
CONV_BASE = arch(("Conv2D", {"filters": 4, "kernel_size": [3, 3], "activation": "relu"}), ("Flatten", {}),
                 ("Dense", {"units": 3, "activation": "softmax"}), input_shape=(8, 8, 1))


def wrapped(cls: str, units: int, return_sequences: bool = False) -> tuple[str, dict[str, Any]]:
    """``Bidirectional(cls(units))`` as Keras records it: the wrapped layer twice, forward and backward."""
    def inner(direction: str) -> dict[str, Any]:
        return {"module": "keras.layers", "class_name": cls, "registered_name": None,
                "config": {"name": f"{direction}_{_snake(cls)}", "units": units, "return_sequences": return_sequences,
                           "go_backwards": direction == "backward"}}
    return "Bidirectional", {"merge_mode": "concat", "layer": inner("forward"), "backward_layer": inner("backward")}


SOFTMAX3 = ("Dense", {"units": 3, "activation": "softmax"})
RNN_BASE = arch(("LSTM", {"units": 8, "return_sequences": True}), ("GRU", {"units": 8, "return_sequences": False}),
                SOFTMAX3, input_shape=(6, 2))
BI_BASE = arch(wrapped("LSTM", 8), SOFTMAX3, input_shape=(6, 2))

SEQUENCES = """\
import numpy as np
X = np.random.default_rng(0).normal(size=(12, 6, 2)).astype("float32")
y = np.arange(12) % 3
"""

DATA = """\
import numpy as np
X = np.random.default_rng(0).normal(size=(16, 4))
y = (X[:, 0] > 0).astype(int)
"""
IMAGES = """\
import numpy as np
X = np.random.default_rng(0).random((12, 8, 8, 1))
y = np.arange(12) % 3
"""

# --------------------------------------------------------------------------- scripts

BARE = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

# A small dense network.
model = Sequential()
model.add(Dense(16, activation="relu", input_shape=(4,)))  # first hidden layer
model.add(Dense(8, activation="relu"))

model.add(Dense(1, activation="sigmoid"))  # output: one probability
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)  # train
"""

LAYERS_MODULE = DATA + """\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Dense(16, activation='relu', input_shape=(4,)))
model.add(layers.Dense(8, activation='relu'))
model.add(layers.Dense(1, activation='sigmoid'))
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
history = model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

TF_KERAS = DATA + """\
import tensorflow as tf

def build():
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(16, activation="relu", input_shape=(4,)))
    model.add(tf.keras.layers.Dense(8, activation="relu"))
    model.add(tf.keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=2, batch_size=8, verbose=0)
    return model

model = build()
"""

LISTED = DATA + """\
import keras
from keras import layers

model = keras.Sequential([
    layers.Dense(16, activation="relu", input_shape=(4,)),  # hidden
    layers.Dense(8, activation="relu"),
    layers.Dense(1, activation="sigmoid")  # output
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

ONE_LINE_LIST = DATA + """\
import keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"), \
keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

CONV = IMAGES + """\
from keras.models import Sequential
from keras.layers import Conv2D, Flatten, Dense

model = Sequential()
model.add(Conv2D(4, (3, 3), activation='relu', input_shape=(8, 8, 1)))  # features
model.add(Flatten())
model.add(Dense(3, activation='softmax'))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

RNN_STACK = SEQUENCES + """\
from keras.models import Sequential
from keras.layers import LSTM, GRU, Dense

model = Sequential()
model.add(LSTM(8, return_sequences=True, input_shape=(6, 2)))
model.add(GRU(8))
model.add(Dense(3, activation='softmax'))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(X, y, epochs=2, batch_size=4, verbose=0)
"""

BIDIRECTIONAL = SEQUENCES + """\
import keras
from keras import layers

model = keras.Sequential([
    keras.Input((6, 2)),
    layers.Bidirectional(layers.LSTM(8)),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=4, verbose=0)
"""

EPOCHS_VARIABLE = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

epochs = int(input("Number of epochs: "))
model = Sequential()
model.add(Dense(16, activation="relu", input_shape=(4,)))
model.add(Dense(8, activation="relu"))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=epochs, batch_size=8, verbose=0)
"""

LOOP = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
for units in (16, 8):
    model.add(Dense(units, activation="relu"))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, y, epochs=2, batch_size=8)
"""

HELPER = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

def hidden(units):
    return Dense(units, activation="relu")

model = Sequential([hidden(16), hidden(8), Dense(1, activation="sigmoid")])
model.fit(X, y, epochs=2, batch_size=8)
"""

FUNCTIONAL = DATA + """\
import keras
inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(16, activation="relu")(inputs)
x = keras.layers.Dense(8, activation="relu")(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

# --------------------------------------------------------------------------- helpers


def rewritten(source: str, base: dict[str, Any], *mutations: str) -> tuple[str, Any]:
    """The rewritten script (asserting there is one) and the winner's record."""
    winner, plan = mutate(base, *mutations)
    result = rewrite_script(source, base, winner, plan)
    assert result.text is not None, (result.reason, result.notes)
    assert result.reason is None
    return result.text, winner


def added_lines(before: str, after: str) -> list[str]:
    diff = unified_diff(before, after, "train.py").splitlines()
    return [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]


def removed_lines(before: str, after: str) -> list[str]:
    diff = unified_diff(before, after, "train.py").splitlines()
    return [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]


def comments(text: str) -> list[str]:
    return re.findall(r"#.*", text)
