"""The detector's results: pure, frozen data that the CLI, the runner and the report share."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from pipeline_lib.kinds import KINDS, NoModel, find_kind

if TYPE_CHECKING:
    from pipeline_lib.detect.datasets import DatasetLoader

__all__ = ["DETECTABLE_KINDS", "Evidence", "FileDetection"]

#: Every kind a file can be given: the registered plug-ins, and ``none`` (nothing to train).
DETECTABLE_KINDS: tuple[str, ...] = (*KINDS, NoModel.name)


@dataclass(frozen=True)
class Evidence:
    """One line of code that supports a classification.

    Attributes:
        symbol: fully resolved name, e.g. ``keras.layers.Conv2D``.
        file: path relative to the detect root.
        line: line in that file (the physical line, also for recovered files).
        why: what the line does, e.g. ``Conv2D convolution layer constructed (alias C of
            keras.layers.Convolution2D)``.
        inferred: True when no import proves the symbol (an unresolved root or a missing import
            cell): the name alone says what it is.
    """

    symbol: str
    file: str
    line: int
    why: str
    inferred: bool = False

    def __str__(self) -> str:
        flag = " [inferred]" if self.inferred else ""
        return f"{self.file}:{self.line}: {self.why}{flag}"


@dataclass(frozen=True)
class FileDetection:
    """The classification of one ``.py`` file.

    Attributes:
        file: path relative to the root given to ``detect_path`` (the file name for a file).
        kind: ``ann`` | ``cnn`` | ``kmeans`` | ``none``.
        image: the training image for ``kind`` (None for ``none``).
        evidence: the lines that decided it, most decisive first.
        reason: one sentence saying why this kind (or why none).
        framework: ``keras`` | ``sklearn`` | None.
        sequential: for Keras, whether the model is built as ``Sequential``; None otherwise.
        prompts: literal prompt texts passed to ``input()``, so the runner can warn early.
        problems: ``file:line: what went wrong, what was recovered``.
        syntax_error: ``file:line: message`` when the file does not run as pushed (Python's first
            syntax error) but was classified from what could be recovered; None otherwise.
        datasets: the data-set downloads it makes (:mod:`pipeline_lib.detect.datasets`).
    """

    file: str
    kind: str
    image: str | None
    evidence: tuple[Evidence, ...]
    reason: str
    framework: str | None = None
    sequential: bool | None = None
    prompts: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    syntax_error: str | None = None
    datasets: tuple[DatasetLoader, ...] = ()

    @property
    def trainable(self) -> bool:
        """Whether a model plug-in trains this kind (``none`` trains nothing)."""
        return find_kind(self.kind) is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (tuples become lists, evidence a list of dicts)."""
        data = asdict(self)
        data["evidence"] = [asdict(e) for e in self.evidence]
        data["prompts"] = list(self.prompts)
        data["problems"] = list(self.problems)
        data["datasets"] = [d.to_dict() for d in self.datasets]
        return data
