"""Static spotting of the data sets a script downloads (pure :mod:`ast`, no TensorFlow import).

Why: the sandbox has no network, so ``keras.datasets.mnist.load_data()`` or
``keras.utils.get_file(...)`` would fail there. The fetch stage (trusted code, with network)
reads these records and downloads the files into the shared Keras cache first; the sandbox
mounts that cache read-only where Keras looks.

Three loaders are spotted, however they are spelled (``tf.keras``, ``keras``, from-imports,
aliases; resolved by :class:`~pipeline_lib.detect.imports.ImportTable`):

- ``keras.datasets.X.load_data()`` (and ``X.get_word_index()``): the files Keras downloads for
  ``X`` are known (:data:`KERAS_DATASETS`, copied from Keras 3's ``keras/src/datasets``);
- ``keras.utils.get_file(fname, origin, file_hash=..., cache_subdir=..., extract=...)``: only
  with literal ``origin`` (and literal ``fname``/``cache_subdir`` when given); anything else is
  recorded with the reason it cannot be fetched ahead;
- ``tfds.load("name")``: recorded only; TensorFlow Datasets downloads are not fetched ahead.
"""

from __future__ import annotations

import ast
import urllib.parse
from dataclasses import asdict, dataclass, replace
from typing import Any

from pipeline_lib.detect.imports import ImportTable, canonical

__all__ = ["KERAS_DATASETS", "KERAS_ORIGIN", "DataFile", "DatasetLoader", "find_loaders"]

#: Where Keras downloads most of ``keras.datasets`` from (a mirror replaces its host).
KERAS_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
_TORONTO = "https://www.cs.toronto.edu/~kriz/"


@dataclass(frozen=True)
class DataFile:
    """One file a loader downloads, in Keras' cache layout (``KERAS_HOME/<cache_subdir>/<fname>``).

    Attributes:
        fname: the name Keras stores it under.
        origin: the URL it comes from.
        file_hash: expected sha256 (64 hex digits) or md5 (32), None when Keras checks none.
        cache_subdir: folder below KERAS_HOME (``datasets`` unless the loader says otherwise).
        extract: Keras extracts the archive next to it (``<fname>`` is then the folder, the
            archive ``<fname>_archive``).
        named: the script gave ``fname`` (Keras names an extracted archive's files by it).
    """

    fname: str
    origin: str
    file_hash: str | None = None
    cache_subdir: str = "datasets"
    extract: bool = False
    named: bool = True


def _keras(fname: str, file_hash: str | None, subdir: str = "datasets") -> DataFile:
    return DataFile(fname, KERAS_ORIGIN + fname, file_hash, subdir)


#: ``keras.datasets.<name>.<function>`` -> the files Keras 3 downloads for it.
KERAS_DATASETS: dict[str, tuple[DataFile, ...]] = {
    "mnist.load_data": (_keras("mnist.npz", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"),),
    "fashion_mnist.load_data": tuple(_keras(f, None, "datasets/fashion-mnist") for f in (
        "train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz")),
    "imdb.load_data": (_keras("imdb.npz", "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"),),
    "imdb.get_word_index": (_keras("imdb_word_index.json", "bfafd718b763782e994055a2d397834f"),),
    "reuters.load_data": (_keras("reuters.npz", "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"),),
    "reuters.get_word_index": (_keras("reuters_word_index.json", "4d44cc38712099c9e383dc6e5f11a921"),),
    "boston_housing.load_data": (
        _keras("boston_housing.npz", "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"),),
    "california_housing.load_data": (
        _keras("california_housing.npz", "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f"),),
    "cifar10.load_data": (DataFile("cifar-10-batches-py-target", _TORONTO + "cifar-10-python.tar.gz",
                                   "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
                                   extract=True),),
    "cifar100.load_data": (DataFile("cifar-100-python-target", _TORONTO + "cifar-100-python.tar.gz",
                                    "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7",
                                    extract=True),),
}

#: Loaders whose ``path`` argument (at this position, or ``path=``) renames the cached file.
_PATH_ARGUMENT = {"mnist.load_data": 0, "imdb.load_data": 0, "imdb.get_word_index": 0, "reuters.load_data": 0,
                  "reuters.get_word_index": 0, "boston_housing.load_data": 0, "california_housing.load_data": 1}

_GET_FILE = ("keras.utils.get_file", "keras.utils.data_utils.get_file", "keras.utils.file_utils.get_file")
_GET_FILE_ARGS = ("fname", "origin", "untar", "md5_hash", "file_hash", "cache_subdir", "hash_algorithm", "extract")


@dataclass(frozen=True)
class DatasetLoader:
    """One call that downloads a data set.

    Attributes:
        loader: ``keras.datasets`` | ``get_file`` | ``tfds``.
        name: ``mnist.load_data``, the get_file ``fname`` (or origin), the TFDS name.
        file: the script, relative to the detect root.
        line: the call's line.
        files: what the fetch stage downloads for it (empty when it cannot).
        problem: why it cannot be fetched ahead (non-literal arguments, TFDS), else None.
    """

    loader: str
    name: str
    file: str
    line: int
    files: tuple[DataFile, ...] = ()
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["files"] = [asdict(f) for f in self.files]
        return data


def _literal(node: ast.expr | None) -> tuple[bool, Any]:
    """(True, value) for a literal argument, (False, None) otherwise."""
    if node is None:
        return True, None
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _arguments(call: ast.Call, names: tuple[str, ...]) -> dict[str, ast.expr]:
    given = {names[i]: arg for i, arg in enumerate(call.args[:len(names)]) if not isinstance(arg, ast.Starred)}
    given.update({k.arg: k.value for k in call.keywords if k.arg})
    return given


def _get_file(call: ast.Call, file: str) -> DatasetLoader:
    """A ``get_file`` call: its file when ``origin`` (and ``fname``, ``cache_subdir``) are literal."""
    args = _arguments(call, _GET_FILE_ARGS)
    values: dict[str, Any] = {}
    for key in ("fname", "origin", "file_hash", "md5_hash", "cache_subdir", "extract", "untar"):
        ok, value = _literal(args.get(key))
        if not ok:
            if key in ("fname", "origin", "cache_subdir"):
                spelled = ast.unparse(args[key])
                return DatasetLoader("get_file", spelled, file, call.lineno, problem=(
                    f"get_file's {key} is not a literal ({spelled}), so the fetch stage cannot download it ahead"))
            value = None
        values[key] = value
    origin, fname = values["origin"], values["fname"]
    if not isinstance(origin, str) or not origin:
        return DatasetLoader("get_file", str(fname or "?"), file, call.lineno,
                             problem="get_file without a literal origin URL")
    if "cache_dir" in {k.arg for k in call.keywords}:
        return DatasetLoader("get_file", str(fname or origin), file, call.lineno,
                             problem="get_file with its own cache_dir (outside the Keras cache the sandbox mounts)")
    named = bool(fname)
    fname = fname or urllib.parse.urlsplit(origin).path.rsplit("/", 1)[-1]
    digest = values["file_hash"] or values["md5_hash"]
    extract = bool(values["extract"] or values["untar"])
    subdir = values["cache_subdir"] if isinstance(values["cache_subdir"], str) else "datasets"
    data = DataFile(str(fname), origin, str(digest) if digest else None, subdir, extract, named)
    return DatasetLoader("get_file", str(fname), file, call.lineno, (data,))


def _keras_dataset(call: ast.Call, name: str, file: str) -> DatasetLoader:
    """A ``keras.datasets`` call: its files, renamed when the script passes ``path`` (Keras stores it so)."""
    files = KERAS_DATASETS[name]
    position = _PATH_ARGUMENT.get(name)
    if position is None:
        return DatasetLoader("keras.datasets", name, file, call.lineno, files)
    given = _arguments(call, ("_",) * position + ("path",)).get("path")
    if given is None:
        return DatasetLoader("keras.datasets", name, file, call.lineno, files)
    ok, path = _literal(given)
    if not ok or not isinstance(path, str) or not path or "/" in path or "\\" in path or path in (".", ".."):
        return DatasetLoader("keras.datasets", name, file, call.lineno, problem=(
            f"keras.datasets.{name}(path={ast.unparse(given)}): only a plain file name (a literal, no folder) "
            "is cached ahead, because Keras stores the file at that path"))
    return DatasetLoader("keras.datasets", name, file, call.lineno, tuple(replace(f, fname=path) for f in files))


def find_loaders(tree: ast.Module, file: str) -> list[DatasetLoader]:
    """Every data-set download in ``tree`` (``file`` names it in the records), in line order."""
    table = ImportTable.build(tree)
    found: list[DatasetLoader] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        resolved = table.resolve(node.func, lambda symbol: symbol.startswith(("keras.", "tensorflow_datasets.")))
        symbol = canonical(resolved.qualified) if resolved else ""
        if symbol.startswith("keras.datasets."):
            name = symbol[len("keras.datasets."):]
            if name in KERAS_DATASETS:
                found.append(_keras_dataset(node, name, file))
            elif name.endswith((".load_data", ".get_word_index")):
                found.append(DatasetLoader("keras.datasets", name, file, node.lineno,
                                           problem=f"keras.datasets.{name}: not a data set this pipeline knows"))
        elif symbol in _GET_FILE:
            found.append(_get_file(node, file))
        elif symbol in ("tensorflow_datasets.load", "tensorflow_datasets.builder"):
            ok, name = _literal(node.args[0] if node.args else None)
            found.append(DatasetLoader("tfds", str(name) if ok and name else "?", file, node.lineno, problem=(
                "TensorFlow Datasets downloads are not fetched ahead (and tensorflow-datasets is not in the "
                "images): ship the data in the pushed folder or load it with keras.utils.get_file")))
    return sorted(found, key=lambda loader: loader.line)
