"""Stage 2's analysis: classify every script statically as ann, cnn, rnn, kmeans or none.

Nothing here imports or runs the user's code: files are parsed with :mod:`ast` (after the
repairs in :mod:`~pipeline_lib.detect.recover`), names are resolved through their imports
(:mod:`~pipeline_lib.detect.imports`), also into the pushed folder's own modules
(:mod:`~pipeline_lib.detect.project`), and small detectors decide from the collected facts
(:mod:`~pipeline_lib.detect.detectors`). File names never decide anything.

Example::

    from pipeline_lib.detect import detect_path, format_table
    print(format_table(detect_path("my_project")))
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline_lib.detect.datasets import find_loaders
from pipeline_lib.detect.detectors import classify
from pipeline_lib.detect.project import SKIP_DIRS, Project, python_files
from pipeline_lib.detect.report import format_table, to_json
from pipeline_lib.detect.results import DETECTABLE_KINDS, Evidence, FileDetection
from pipeline_lib.detect.symbols import is_keras_model
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


def _detect(project: Project, path: Path) -> tuple[FileDetection, int | None]:
    """The detection of one file of ``project`` and the line its model is trained at (or None)."""
    display = path.name
    try:
        module = project.load(path)
        parsed, display = module.parsed, module.display
        facts = project.analyse(module)
        if facts is None:
            return FileDetection(display, "none", None, (), parsed.error or "not analysed",
                                 problems=parsed.problems), None
        finding = classify(facts, display)
    except (RecursionError, MemoryError) as exc:  # generated code nested thousands deep
        return FileDetection(display, "none", None, (), "the file is nested too deeply to analyse",
                             problems=(f"{display}:1: {type(exc).__name__}: nested too deeply to "
                                       "analyse; not analysed",)), None
    keras = finding.framework == "keras" and find_kind(finding.kind) is not None
    sequential = any(u.name == "Sequential" and is_keras_model(u.symbol)
                     for u in facts.uses) if keras else None
    reason = finding.reason
    if parsed.syntax_error:
        reason += (f"; the file does not run as pushed (SyntaxError at "
                   f"{parsed.syntax_error}), so it was classified from what could be recovered")
    return FileDetection(
        file=display, kind=finding.kind, image=image_for_kind(finding.kind),
        evidence=finding.evidence, reason=reason, framework=finding.framework,
        sequential=sequential, prompts=tuple(facts.prompts), problems=parsed.problems,
        syntax_error=parsed.syntax_error,
        datasets=tuple(find_loaders(parsed.tree, display)) if parsed.tree else ()), finding.trained_at


def detect_file(path: Path, root: Path | None = None) -> FileDetection:
    """Classify one file, resolving its imports of the folder it is in (or ``root``).

    Args:
        path: the script (normally ``.py``; a notebook saved under any name works too).
        root: the pushed folder; ``file`` and evidence paths are relative to it. None uses the
            file's own folder.

    Returns:
        The detection; a file that cannot be parsed at all is ``none`` with the error in
        ``problems``.
    """
    path = Path(path)
    return _detect(Project(Path(root) if root is not None else path.parent), path)[0]


def _library(result: FileDetection, importers: list[FileDetection]) -> FileDetection:
    """A module whose network another script of the folder imports and uses is not a script."""
    names = ", ".join(r.file for r in importers)
    return replace(result, kind="none", image=None, framework=None, sequential=None,
                   reason=f"a module of the pushed folder: {names} imports it and uses the "
                          f"{result.kind} it builds, and it trains nothing itself; "
                          "run the script that imports it")


def detect_path(path: Path | str) -> list[FileDetection]:
    """Classify a file, or every ``.py`` file under a directory as one project, sorted by file.

    In a directory, a file whose network is only defined there (no training call of its own) and
    used by another file that is itself a model script is reported as ``none``: the script to run
    is the one that imports it.

    Raises:
        UserInputError: if ``path`` does not exist.
    """
    target = Path(path)
    if not target.exists():
        raise UserInputError(f"{target}: no such file or directory",
                             hint="give the path of a .py script or of a folder of scripts.")
    if target.is_file():
        return [detect_file(target, target.parent)]
    project = Project(target)
    found = [_detect(project, p) for p in python_files(target)]
    by_file = {r.file: r for r, _ in found}
    results = []
    for result, trained_at in found:
        importers = [by_file[f] for f in sorted(project.users(result.file))
                     if f in by_file and by_file[f].trainable]
        if result.trainable and trained_at is None and importers:
            result = _library(result, importers)
        results.append(result)
    return sorted(results, key=lambda r: r.file)


def model_files(results: list[FileDetection]) -> list[FileDetection]:
    """The detections that found a trainable model (kind other than ``none``)."""
    return [r for r in results if r.trainable]
