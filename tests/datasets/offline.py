"""Helpers for the runs that load data sets: a fake ``mnist.npz``, scripts, and `mlops` with its hash known.

Why a hash override: ``keras.datasets.mnist`` is checked against the hash of the real file; the
fetch stage must accept our generated stand-in, so the child `mlops` runs with that one entry
of :data:`pipeline_lib.detect.datasets.KERAS_DATASETS` replaced (nothing else changes).
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys

import numpy as np

from tests.cli_helpers import ROOT, CliResult, mlops_env

_RUNNER = """
import sys
from dataclasses import replace
from pipeline_lib.detect import datasets
name, digest = sys.argv[1], sys.argv[2]
datasets.KERAS_DATASETS[name] = tuple(replace(f, file_hash=digest) for f in datasets.KERAS_DATASETS[name])
from pipeline_lib.cli import main
sys.exit(main(sys.argv[3:]))
"""

MNIST_SCRIPT = """\
import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(len(x_train), -1) / 255.0
x_test = x_test.reshape(len(x_test), -1) / 255.0
model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(32, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=32, validation_data=(x_test, y_test), verbose=2)
"""


_DENSE = """\
from tensorflow import keras
model = keras.Sequential([keras.Input(shape=({features},)), keras.layers.Dense(16, activation="relu"),
                          keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=10, validation_split=0.2, verbose=2)
"""


def dense_script(load: str, features: int) -> str:
    """A script whose ``load`` lines make ``x, y``, then a tiny dense classifier trained on them."""
    return load + _DENSE.format(features=features)


def fake_mnist(seed: int = 0, train: int = 400, test: int = 100) -> bytes:
    """An ``mnist.npz`` in Keras' format whose digit k is a bright band at rows 2k..2k+3 (easy to learn)."""
    rng = np.random.default_rng(seed)

    def part(n: int) -> tuple[np.ndarray, np.ndarray]:
        y = rng.integers(0, 10, n).astype(np.uint8)
        x = rng.integers(0, 60, (n, 28, 28)).astype(np.uint8)
        for i, k in enumerate(y):
            x[i, 2 * k + 2: 2 * k + 5, 4:24] = 220
        return x, y

    (x_train, y_train), (x_test, y_test) = part(train), part(test)
    buffer = io.BytesIO()
    np.savez(buffer, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run_mlops_knowing(name: str, digest: str, *args: str, env: dict[str, str], timeout: float = 420) -> CliResult:
    """`mlops ARGS` in a child process whose fetch stage expects ``digest`` for ``keras.datasets.<name>``."""
    proc = subprocess.run([sys.executable, "-c", _RUNNER, name, digest, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=mlops_env(env), stdin=subprocess.DEVNULL)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
