"""State shared between the worker and the hooks while one trial's script runs.

Why a module-level "current trial": the hooks are called from inside the user's script
(through patched ``fit``/``compile``/``input``), where no argument of ours can reach them.
Exactly one trial runs at a time in a worker process, so one slot suffices.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline_lib.errors import UserInputError
from pipeline_lib.store import atomic_write_json

__all__ = ["TrialContext", "TrialTimeout", "UnansweredPrompt", "activate", "current", "deactivate"]


class UnansweredPrompt(UserInputError):
    """The script called ``input()`` and the configuration holds no answer for it."""


class TrialTimeout(Exception):
    """Raised inside the script when a trial overruns its deadline outside of ``fit()``."""


@dataclass
class FitResult:
    """What one ``fit()`` call produced."""

    history: dict[str, list[float]]
    epochs: list[int]
    seconds: float


@dataclass
class TrialContext:
    """Everything the hooks need to know about the trial being run.

    Attributes:
        number: trial number.
        trial_dir: the trial's folder (checkpoints, model, log, progress).
        plan: the mutation plan to apply (see ``pipeline_lib.tuning``); empty for the baseline.
        answers: prompt pattern -> answer for ``input()``.
        deadline: ``time.monotonic()`` value after which training stops (None: no limit).
        attempt: 1 for the first start, 2 after the first restart, ...
    """

    number: int
    trial_dir: Path
    plan: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    deadline: float | None = None
    attempt: int = 1
    fit_index: int = 0
    fits: list[FitResult] = field(default_factory=list)
    architecture: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timed_out: bool = False
    epochs_redone: int = 0
    kmeans: dict[str, Any] = field(default_factory=dict)
    progress: dict[str, Any] = field(default_factory=dict)
    resumed_from: dict[str, Any] = field(default_factory=dict)
    stopped_early: str | None = None
    """Why a fit stopped before its last epoch (target reached, pruned), when it did."""
    epoch_seconds: list[float] = field(default_factory=list)
    """Seconds of each epoch of the latest ``fit()`` (what a strategy sizes epoch allowances from)."""

    def time_left(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def fit_dir(self, index: int) -> Path:
        """Folder for the ``index``-th ``fit()`` call of the script (0-based)."""
        return self.trial_dir / "fits" / f"fit-{index}"

    def record_progress(self, **changes: Any) -> None:
        """Persist progress after each epoch so a restart knows what was lost.

        ``updated`` is stamped on every write: a restarted attempt counts the crashed one's
        seconds as ``updated - attempt_started``, so they reach the budget up to its last epoch.
        """
        self.progress.update(changes)
        self.progress["attempt"] = self.attempt
        self.progress["updated"] = time.time()
        atomic_write_json(self.trial_dir / "progress.json", self.progress)

    def previous_progress(self) -> dict[str, Any]:
        """Progress left by the previous attempt of this trial ({} on a first attempt)."""
        try:
            data = json.loads((self.trial_dir / "progress.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) and data.get("attempt") != self.attempt else {}


_CURRENT: TrialContext | None = None


def current() -> TrialContext | None:
    """The trial being run, or None when the hooks are called outside a trial."""
    return _CURRENT


def activate(ctx: TrialContext) -> None:
    global _CURRENT
    _CURRENT = ctx


def deactivate() -> None:
    global _CURRENT
    _CURRENT = None
