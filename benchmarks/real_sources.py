"""Where a real script's data come from, decided statically (pure :mod:`ast` plus the product's detector).

Classes (``benchmarks/real_runs.py`` runs only the first two):

- ``shipped``: scikit-learn's bundled ``load_*`` sets, ``make_*`` generators, or data the script
  builds itself (numpy literals, ``np.random``, a literal list of samples) — nothing to download;
- ``keras.datasets X``: a loader the fetch stage caches (served here from generated files);
- ``files``: the script reads files (CSV, images, ``np.load``, ``open``) or downloads with
  ``get_file``/TFDS/``fetch_*`` — the data are not in the pushed folder here;
- ``other``: nothing is loaded and the arrays ``fit`` trains on are never defined (a fragment
  of a notebook or a tutorial), or the loader is one this benchmark does not serve.

Why static: the class must be fixed before anything runs (the table reports runs per class).
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

from pipeline_lib.detect import detect_path

__all__ = ["data_source"]

_FILE_CALLS = {"read_csv", "read_excel", "read_table", "read_json", "read_parquet", "read_pickle", "read_sql",
               "loadtxt", "genfromtxt", "load", "open", "imread", "load_img", "flow_from_directory",
               "flow_from_dataframe", "image_dataset_from_directory", "text_dataset_from_directory",
               "timeseries_dataset_from_array_file", "loadmat", "File", "listdir", "glob", "load_files",
               "load_svmlight_file", "DataReader", "download", "get_data_home"}
_NUMPY_MAKERS = {"array", "arange", "linspace", "rand", "randn", "randint", "random", "normal", "uniform",
                 "random_sample", "choice", "sin", "cos"}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _defined(trees: list[ast.Module]) -> tuple[set[str], bool]:
    """Every name bound anywhere in ``trees``, and whether a star import hides some."""
    names, star = set(dir(builtins)), False
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    star = star or alias.name == "*"
                    names.add((alias.asname or alias.name).split(".")[0])
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return names, star


def _parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except (SyntaxError, ValueError):
        return None


def data_source(folder: Path, script: str, served: set[str]) -> tuple[str, str]:
    """(class, detail) for ``folder/script``; ``served`` names the ``keras.datasets`` loaders served."""
    results = detect_path(folder)
    loaders = [d for r in results for d in r.datasets]
    keras_sets = sorted({d.name for d in loaders if d.loader == "keras.datasets"})
    if any(d.loader != "keras.datasets" for d in loaders):
        other = next(d for d in loaders if d.loader != "keras.datasets")
        return "files", f"{other.loader} {other.name} (line {other.line}): downloads outside keras.datasets"
    if keras_sets:
        missing = [n for n in keras_sets if n not in served]
        if missing:
            return "other", f"keras.datasets.{missing[0]} is not served by this benchmark"
        return f"keras.datasets {keras_sets[0].split('.')[0]}", ", ".join(keras_sets)
    trees = [t for p in sorted(folder.rglob("*.py")) if (t := _parse(p)) is not None]
    main = _parse(folder / script)
    if main is None:
        return "other", "the script does not parse"
    calls = [(n, _name(n.func)) for t in trees for n in ast.walk(t) if isinstance(n, ast.Call)]
    reads = sorted({name for _, name in calls if name in _FILE_CALLS or name.startswith(("read_", "fetch_"))})
    if reads:
        return "files", f"reads files: {', '.join(reads[:4])}"
    sklearn = sorted({name for _, name in calls if name.startswith(("load_", "make_"))
                      and name not in ("load_model", "load_weights")})
    if sklearn:
        return "shipped", f"scikit-learn {', '.join(sklearn)}"
    names, star = _defined(trees)
    for node in ast.walk(main):
        if isinstance(node, ast.Call) and _name(node.func) == "fit" and node.args:
            for arg in node.args[:2]:
                if isinstance(arg, ast.Name) and arg.id not in names and not star:
                    return "other", f"fragment: fit's data {arg.id} is never defined"
    makers = sorted({name for call, name in calls if name in _NUMPY_MAKERS})
    if makers:
        return "shipped", f"built in the script ({', '.join(makers[:3])})"
    literal = next((n.targets[0] for t in trees for n in ast.walk(t) if isinstance(n, ast.Assign)
                    and isinstance(n.value, (ast.List, ast.Tuple)) and len(n.value.elts) >= 3
                    and all(isinstance(e, ast.Constant) for e in n.value.elts)), None)
    if literal is not None:
        return "shipped", f"built in the script (a literal list: {ast.unparse(literal)})"
    return "other", "no data loaded or built in the folder"
