"""Stage 2's analysis: classify every script statically as ann, cnn, kmeans or none.

Nothing here imports or runs the user's code: files are parsed with :mod:`ast` (after the
repairs in :mod:`~pipeline_lib.detect.recover`), names are resolved through their imports
(:mod:`~pipeline_lib.detect.imports`), and small detectors decide from the collected facts
(:mod:`~pipeline_lib.detect.detectors`). File names never decide anything.

Example::

    from pipeline_lib.detect import detect_path, format_table
    print(format_table(detect_path("my_project")))
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline_lib.detect.datasets import find_loaders
from pipeline_lib.detect.detectors import classify
from pipeline_lib.detect.recover import parse_file
from pipeline_lib.detect.report import format_table, to_json
from pipeline_lib.detect.results import DETECTABLE_KINDS, Evidence, FileDetection
from pipeline_lib.detect.scan import scan
from pipeline_lib.detect.symbols import is_keras_model, is_known
from pipeline_lib.errors import UserInputError
from pipeline_lib.images import image_for_kind
from pipeline_lib.kinds import find_kind

__all__ = [
    "DETECTABLE_KINDS",
    "SKIP_DIRS",
    "Evidence",
    "FileDetection",
    "detect_file",
    "detect_path",
    "format_table",
    "model_files",
    "to_json",
]

#: Directories that hold other people's code or tool state, never the user's scripts.
SKIP_DIRS = frozenset({".git", "venv", ".venv", "env", "site-packages", "__pycache__",
                       "node_modules", ".ipynb_checkpoints", ".tox", ".nox", ".mypy_cache",
                       ".pytest_cache", ".ruff_cache", ".eggs", ".hg", ".svn"})


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.name


def detect_file(path: Path, root: Path | None = None) -> FileDetection:
    """Classify one file.

    Args:
        path: the script (normally ``.py``; a notebook saved under any name works too).
        root: the directory ``file`` and evidence paths are relative to; None uses the name.

    Returns:
        The detection; a file that cannot be parsed is ``none`` with the error in ``problems``.
    """
    path = Path(path)
    display = _display(path, root)
    try:
        parsed = parse_file(path, display)
        if parsed.tree is None:
            return FileDetection(display, "none", None, (), parsed.error or "not analysed",
                                 problems=parsed.problems)
        facts = scan(parsed.tree, is_known)
        finding = classify(facts, display)
    except (RecursionError, MemoryError) as exc:  # generated code nested thousands deep
        return FileDetection(display, "none", None, (), "the file is nested too deeply to analyse",
                             problems=(f"{display}:1: {type(exc).__name__}: nested too deeply to "
                                       "analyse; not analysed",))
    keras = finding.framework == "keras" and find_kind(finding.kind) is not None
    sequential = any(u.name == "Sequential" and is_keras_model(u.symbol)
                     for u in facts.uses) if keras else None
    return FileDetection(
        file=display, kind=finding.kind, image=image_for_kind(finding.kind),
        evidence=finding.evidence, reason=finding.reason, framework=finding.framework,
        sequential=sequential, prompts=tuple(facts.prompts), problems=parsed.problems,
        datasets=tuple(find_loaders(parsed.tree, display)))


def _python_files(root: Path) -> list[Path]:
    """Every ``.py`` under ``root``, skipping tool/venv folders (a folder with pyvenv.cfg too)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                         and not (Path(folder, d) / "pyvenv.cfg").exists())
        found.extend(Path(folder, f) for f in files if f.endswith(".py"))
    return found


def detect_path(path: Path | str) -> list[FileDetection]:
    """Classify a file, or every ``.py`` file under a directory, sorted by file.

    Raises:
        UserInputError: if ``path`` does not exist.
    """
    target = Path(path)
    if not target.exists():
        raise UserInputError(f"{target}: no such file or directory",
                             hint="give the path of a .py script or of a folder of scripts.")
    if target.is_file():
        return [detect_file(target, target.parent)]
    results = [detect_file(p, target) for p in _python_files(target)]
    return sorted(results, key=lambda r: r.file)


def model_files(results: list[FileDetection]) -> list[FileDetection]:
    """The detections that found a trainable model (kind other than ``none``)."""
    return [r for r in results if r.trainable]
