"""Static spotting of data-set loaders: every spelling, literal arguments only, no TensorFlow import."""

from __future__ import annotations

import ast
import json
import sys
import textwrap
from pathlib import Path

from pipeline_lib.detect import detect_path, to_json
from pipeline_lib.detect.datasets import KERAS_ORIGIN, find_loaders


def _loaders(code: str) -> list[tuple[int, str, str]]:
    found = find_loaders(ast.parse(textwrap.dedent(code)), "s.py")
    return [(loader.line, loader.loader, loader.name) for loader in found]


def test_keras_datasets_in_every_spelling() -> None:
    assert _loaders("""
        import tensorflow as tf
        from tensorflow import keras as K
        from keras.datasets import cifar10 as c10
        from tensorflow.keras.datasets.fashion_mnist import load_data as fm
        import keras
        tf.keras.datasets.mnist.load_data()
        K.datasets.imdb.load_data(num_words=100)
        c10.load_data()
        fm()
        keras.datasets.reuters.get_word_index()
        ds = keras.datasets
        ds.boston_housing.load_data()
        """) == [(7, "keras.datasets", "mnist.load_data"), (8, "keras.datasets", "imdb.load_data"),
                 (9, "keras.datasets", "cifar10.load_data"), (10, "keras.datasets", "fashion_mnist.load_data"),
                 (11, "keras.datasets", "reuters.get_word_index"), (13, "keras.datasets", "boston_housing.load_data")]


def test_a_notebook_export_without_its_import_cell_still_counts() -> None:
    assert _loaders("(x, y), _ = tf.keras.datasets.mnist.load_data()\n") == [(1, "keras.datasets", "mnist.load_data")]


def test_mnist_is_the_file_keras_downloads_with_its_hash() -> None:
    (loader,) = find_loaders(ast.parse("import keras\nkeras.datasets.mnist.load_data()\n"), "s.py")
    (data,) = loader.files
    assert (data.fname, data.origin, data.cache_subdir) == ("mnist.npz", KERAS_ORIGIN + "mnist.npz", "datasets")
    assert data.file_hash is not None and len(data.file_hash) == 64


def test_get_file_with_literal_arguments_positional_or_keyword() -> None:
    found = find_loaders(ast.parse(textwrap.dedent("""
        from tensorflow.keras.utils import get_file
        import keras.utils as U
        a = get_file("data.csv", "https://example.com/x/data.csv", file_hash="abababababababababababababababababababababababababababababababab")
        b = U.get_file(origin="https://example.com/y.zip", extract=True, cache_subdir="zips")
        """)), "s.py")
    assert [(f.fname, f.origin, f.file_hash, f.cache_subdir, f.extract, f.named) for loader in found
            for f in loader.files] == [
        ("data.csv", "https://example.com/x/data.csv", "ab" * 32, "datasets", False, True),
        ("y.zip", "https://example.com/y.zip", None, "zips", True, False)]


def test_what_cannot_be_fetched_ahead_is_recorded_with_the_reason() -> None:
    found = find_loaders(ast.parse(textwrap.dedent("""
        import keras, tensorflow_datasets as tfds
        keras.utils.get_file("z.npz", origin=BASE + "z.npz")
        keras.utils.get_file("w.npz", "https://example.com/w.npz", cache_dir="/data")
        tfds.load("mnist", split="train")
        keras.datasets.not_a_dataset.load_data()
        """)), "s.py")
    assert [(loader.line, loader.files) for loader in found] == [(3, ()), (4, ()), (5, ()), (6, ())]
    problems = [loader.problem or "" for loader in found]
    assert "origin is not a literal (BASE + 'z.npz')" in problems[0]
    assert "cache_dir" in problems[1] and "TensorFlow Datasets" in problems[2] and "not a data set" in problems[3]


def test_a_local_function_named_load_data_is_not_a_download() -> None:
    assert _loaders("def load_data():\n    return 1\nload_data()\nx.load_data()\n") == []


def test_detect_json_lists_the_loaders_and_tensorflow_is_not_imported(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("import keras\n(x, y), _ = keras.datasets.mnist.load_data()\n")
    before = set(sys.modules)
    data = json.loads(to_json(detect_path(tmp_path)))
    assert data[0]["datasets"][0]["name"] == "mnist.load_data" and data[0]["datasets"][0]["line"] == 2
    assert data[0]["datasets"][0]["files"][0]["fname"] == "mnist.npz"
    assert not {m for m in set(sys.modules) - before if m.split(".")[0] in ("tensorflow", "keras")}


def test_a_path_argument_renames_the_cached_file_as_keras_stores_it() -> None:
    found = find_loaders(ast.parse(textwrap.dedent("""
        from keras.datasets import mnist, imdb, california_housing
        mnist.load_data('mymnist.db')
        imdb.load_data(path="imdb-copy.npz", num_words=100)
        california_housing.load_data("small", "ch.npz")
        imdb.get_word_index()
        mnist.load_data(path="/data/mnist.npz")
        mnist.load_data(NAME)
        """)), "s.py")
    assert [[f.fname for f in loader.files] for loader in found] == [
        ["mymnist.db"], ["imdb-copy.npz"], ["ch.npz"], ["imdb_word_index.json"], [], []]
    assert all(f.origin == KERAS_ORIGIN + "mnist.npz" for f in found[0].files)
    assert found[4].problem is not None and "plain file name" in found[4].problem
    assert found[5].problem is not None and "NAME" in found[5].problem
