"""Generated stand-ins for the ``keras.datasets`` files, in the real format and layout, for a loopback mirror.

Why generated: this machine has no internet, and the question ``benchmarks/real_runs.py`` answers
is whether the *product* (fetch stage, cache, sandbox mounts, hooks) gets a script that calls
``keras.datasets.X.load_data()`` to a verdict — not how well it learns the real images. Each file
is written exactly where Keras' origin URL puts it (below the mirror's root, the origin's path
kept), with the dtypes, shapes and container format Keras 3's loader parses. Labels are
learnable (a class-dependent pattern plus noise) so a run can meet its target.

Sample counts are the real ones (MNIST and Fashion-MNIST 60 000 + 10 000, CIFAR-10 50 000 +
10 000, Boston 506), not a few hundred: real scripts hard-code them (``x_train.reshape(60000,
784)`` in two of the tuning half's MNIST scripts failed on a 600-sample stand-in), and Keras'
CIFAR loader itself hard-codes 5 batches of 10 000. The pixels use few grey levels and CIFAR
repeats a few templates in runs, so the files compress to a few MB. IMDB keeps 400 + 200 reviews
(its loader takes any count).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import pickle
import tarfile
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pipeline_lib.detect.datasets import KERAS_DATASETS

__all__ = ["GENERATORS", "write_mirror"]


def _images(rng: np.random.Generator, n: int, side: int, classes: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """``n`` uint8 images (n, side, side): class k is a bright band at a k-dependent row, plus noise."""
    y = rng.integers(0, classes, n).astype(np.uint8)
    x = (rng.integers(0, 3, (n, side, side)) * 25).astype(np.uint8)
    rows = 2 + y.astype(np.int64) * (side - 6) // classes
    for offset in range(3):
        x[np.arange(n), rows + offset, 4:side - 4] = 220
    return x, y


def _npz(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def _mnist(rng: np.random.Generator) -> dict[str, bytes]:
    (x_train, y_train), (x_test, y_test) = _images(rng, 60000, 28), _images(rng, 10000, 28)
    return {"mnist.npz": _npz(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)}


def _idx(array: np.ndarray) -> bytes:
    """An IDX file (the MNIST family's format): magic 0x0000080N (uint8, N dims), big-endian sizes."""
    header = bytes([0, 0, 8, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return gzip.compress(header + array.astype(np.uint8).tobytes(), mtime=0)


def _fashion_mnist(rng: np.random.Generator) -> dict[str, bytes]:
    (x_train, y_train), (x_test, y_test) = _images(rng, 60000, 28), _images(rng, 10000, 28)
    return {"train-labels-idx1-ubyte.gz": _idx(y_train), "train-images-idx3-ubyte.gz": _idx(x_train),
            "t10k-labels-idx1-ubyte.gz": _idx(y_test), "t10k-images-idx3-ubyte.gz": _idx(x_test)}


def _cifar_batch(rng: np.random.Generator, n: int, templates: np.ndarray) -> bytes:
    """A pickled CIFAR batch: {b"data": (n, 3072) uint8, b"labels": [int]}, samples in runs of one template."""
    per = templates.shape[0]
    labels = np.repeat(rng.integers(0, 10, n // 50), 50)
    picks = np.repeat(rng.integers(0, per // 10, n // 50), 50) * 10 + labels
    data = templates[picks]
    return pickle.dumps({b"batch_label": b"generated", b"labels": [int(v) for v in labels], b"data": data}, protocol=4)


def _cifar10(rng: np.random.Generator) -> dict[str, bytes]:
    templates = np.empty((40, 3072), dtype=np.uint8)
    for t in range(40):
        image = rng.integers(0, 60, (3, 32, 32)).astype(np.uint8)
        k = t % 10
        image[k % 3, 2 + 3 * k:5 + 3 * k, 4:28] = 230
        templates[t] = image.reshape(-1)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
        for name in names:
            payload = _cifar_batch(rng, 10000, templates)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size, info.mode = len(payload), 0o644
            tar.addfile(info, io.BytesIO(payload))
    return {"cifar-10-python.tar.gz": buffer.getvalue()}


def _imdb(rng: np.random.Generator) -> dict[str, bytes]:
    """Reviews as object arrays of int lists; positive reviews use words 2..999, negative 1000..1999 more."""
    def part(n: int) -> tuple[np.ndarray, np.ndarray]:
        y = rng.integers(0, 2, n).astype(np.int64)
        x = np.empty(n, dtype=object)
        for i, label in enumerate(y):
            length = int(rng.integers(20, 200))
            words = rng.integers(1, 4000, length)
            words[: length // 2] = rng.integers(2 + 1000 * int(label), 1000 + 1000 * int(label), length // 2)
            x[i] = [int(w) for w in rng.permutation(words)]
        return x, y

    (x_train, y_train), (x_test, y_test) = part(400), part(200)
    index = {f"word{i}": i for i in range(1, 4000)}
    return {"imdb.npz": _npz(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test),
            "imdb_word_index.json": json.dumps(index).encode()}


def _boston_housing(rng: np.random.Generator) -> dict[str, bytes]:
    x = rng.normal(size=(506, 13)) * 10 + 50
    y = x[:, :3] @ np.array([0.2, -0.1, 0.15]) + rng.normal(scale=0.5, size=506)
    return {"boston_housing.npz": _npz(x=x.astype(np.float64), y=y.astype(np.float64))}


#: ``keras.datasets`` loader -> generator of its files (origin file name -> bytes).
GENERATORS: dict[str, Callable[[np.random.Generator], dict[str, bytes]]] = {
    "mnist.load_data": _mnist, "fashion_mnist.load_data": _fashion_mnist, "cifar10.load_data": _cifar10,
    "imdb.load_data": _imdb, "boston_housing.load_data": _boston_housing,
}
_ALSO = {"imdb.get_word_index": "imdb.load_data"}


def write_mirror(root: Path, seed: int = 11) -> dict[str, list[str]]:
    """Write every generated file below ``root`` at its origin's path; returns loader -> sha256 per file.

    The digests replace the real files' hashes in the child ``mlops`` (the fetch stage checks them),
    one per :data:`~pipeline_lib.detect.datasets.KERAS_DATASETS` file, in its order.
    """
    digests: dict[str, list[str]] = {}
    made: dict[str, bytes] = {}
    for name, generate in GENERATORS.items():
        made.update(generate(np.random.default_rng(seed)))
    for name in (*GENERATORS, *_ALSO):
        files = []
        for data in KERAS_DATASETS[name]:
            origin_name = urllib.parse.urlsplit(data.origin).path.rsplit("/", 1)[-1]
            payload = made[origin_name]
            target = root / urllib.parse.urlsplit(data.origin).path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(payload)
            files.append(hashlib.sha256(payload).hexdigest())
        digests[name] = files
    return digests
