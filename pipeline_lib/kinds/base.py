"""The small abstract base every model kind implements, and the registry that finds them.

Why a plug-in per kind instead of ``if run.kind == ...`` branches: the kind decides many small
things in many places (the image, the hooks installed in the worker, how a finished trial is
recorded, when a run stops and how the verdict is worded, what the report says about the
target). Writing them down in one class per kind means a new kind is one new class, and no
caller has to know the list of kinds (convention 2 of DESIGN.md, as for mutations).

Layering: this package is imported by the training worker (inside the training image) as well
as by the orchestration (detect, tweak, report). It therefore imports only the run records
(``pipeline_lib.store``) and, lazily inside the runtime hooks, the runtime modules that run in
the image; never a stage, the report or an executor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from pipeline_lib import __version__
from pipeline_lib.store import RunRecord, RunStatus, TrialRecord, TrialStatus

if TYPE_CHECKING:
    from pipeline_lib.runtime.context import TrialContext
    from pipeline_lib.runtime.script import ScriptOutcome
    from pipeline_lib.store import RunStore

__all__ = ["KINDS", "ModelKind", "NoModel", "find_kind", "kind_of", "register"]


class ModelKind(ABC):
    """One kind of model the pipeline trains (``ann``, ``cnn``, ``kmeans``).

    The defaults describe a model trained towards an accuracy target; a kind without a target
    (KMeans) overrides the wording and decision hooks.

    Attributes:
        name: the kind as detect reports it and run.json stores it.
        image_name: the training image's short name (``mlops/<image_name>:<version>``).
        family: the detection family; within a family the most specific detector wins, and
            between families the rule of ``pipeline_lib.detect.detectors`` settles.
        label: how detect's reasons name a model of this family (``Keras network``).
        precedence: which family wins a file where neither model is trained (higher wins).
        has_target: whether the run aims at ``run.target`` (else it reports its metric only).
        met_label: the two or three words of the report for a run that reached its goal.
    """

    name: ClassVar[str]
    image_name: ClassVar[str | None]
    family: ClassVar[str]
    label: ClassVar[str]
    precedence: ClassVar[int] = 0
    has_target: ClassVar[bool] = True
    met_label: ClassVar[str] = "target met"

    @property
    def image(self) -> str | None:
        """The training image for this kind (None: nothing to train)."""
        return f"mlops/{self.image_name}:{__version__}" if self.image_name else None

    # ------------------------------------------------------------------ runtime (in the image)

    @abstractmethod
    def prepare_process(self) -> None:
        """Import the framework once and install its hooks before any script runs."""

    def before_trial(self) -> None:
        """Reset per-trial framework state (nothing by default)."""
        return None

    def seed(self, seed: int) -> None:
        """Seed the random generators before the script runs (python's and numpy's by default)."""
        import random

        import numpy as np

        random.seed(seed)
        np.random.seed(seed)

    def runs_script(self, plan: dict[str, Any]) -> bool:
        """Whether the trial with ``plan`` runs the pushed script (else it is computed)."""
        return True

    @abstractmethod
    def finish_trial(self, store: RunStore, run: RunRecord, ctx: TrialContext,
                     outcome: ScriptOutcome | None, trial: TrialRecord) -> None:
        """Record what the trial produced into ``trial`` (and ``run``), inside ``store.update``."""

    # ------------------------------------------------------------------ decisions (pure)

    def target_met(self, run: RunRecord) -> bool:
        """Whether the best trial reached the run's target."""
        return bool(self.has_target and run.best and run.best["value"] >= run.target)

    def exhausted(self, run: RunRecord) -> tuple[RunStatus, str]:
        """The status and sentence when the strategy has nothing left to try."""
        return RunStatus.BUDGET_SPENT, "budget spent: the strategy has no applicable mutation left"

    # ------------------------------------------------------------------ wording (report, e-mail)

    def plan_sentence(self, run: RunRecord) -> str:
        """What the train stage is about to do, for its progress line."""
        settings = run.settings
        cap = f" or {settings.max_trials} trials" if settings.max_trials else ""
        return (f"baseline, then tweak → retrain until accuracy ≥ {run.target:.2f} or "
                f"{float(settings.time_budget or 0):.0f} s of training{cap} · seed {settings.seed}")

    def verdict_label(self, run: RunRecord, default: str) -> str:
        """The report's words for the run's status (``default`` is the status's own label)."""
        return self.met_label if run.status is RunStatus.TARGET_MET else default

    def headline(self, run: RunRecord, label: str, metric: str, value: str, where: str) -> str:
        """The report title / e-mail subject for a run with a best trial."""
        assert run.best is not None  # the report asks only for a run with a best trial
        best = "" if run.status is RunStatus.TARGET_MET else "best "
        sign = "≥" if float(run.best["value"]) >= run.target else "<"
        return f"{label} — {best}{metric} {value} {sign} {run.target:.2f} {where}"

    def target_fact(self, run: RunRecord, metric: str, captured: bool) -> str:
        """The report's "Target" line."""
        return f"{run.target:.2f} on {metric}" if captured else f"{run.target:.2f}"

    def target_note(self, run: RunRecord, value: float) -> str:
        """What a trial's value means against the target (JUnit output; "" without target)."""
        if not self.has_target:
            return ""
        return f" ({'≥' if value >= run.target else '<'} target {run.target:.2f})"


class NoModel(ModelKind):
    """The kind of a run whose script has no model (or that was not detected yet).

    It trains nothing; its wording is the default one, so a failed run's report still reads.
    """

    name = "none"
    image_name = None
    family = "none"
    label = "no model"

    def prepare_process(self) -> None:
        """Nothing to import: there is no framework."""

    def finish_trial(self, store: RunStore, run: RunRecord, ctx: TrialContext,
                     outcome: ScriptOutcome | None, trial: TrialRecord) -> None:
        trial.status = TrialStatus.FAILED
        trial.error = "no model kind was detected for this run: nothing to train"


#: Every trainable kind by name, in detection order (most specific first).
KINDS: dict[str, ModelKind] = {}
_NONE = NoModel()

K = TypeVar("K", bound=type[ModelKind])


def register(cls: K) -> K:
    """Class decorator: add one instance of ``cls`` to :data:`KINDS` under ``cls.name``."""
    if cls.name in KINDS:
        raise ValueError(f"model kind {cls.name!r} is registered twice")
    KINDS[cls.name] = cls()
    return cls


def find_kind(name: str | None) -> ModelKind | None:
    """The plug-in for ``name``, or None when it is not a trainable kind (``none``, unknown)."""
    return KINDS.get(name or "")


def kind_of(run: RunRecord) -> ModelKind:
    """The plug-in of ``run`` (:class:`NoModel` when its kind is unknown or ``none``)."""
    return KINDS.get(run.kind or "", _NONE)
