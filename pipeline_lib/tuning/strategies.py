"""Search strategies: given a run's history, decide the next trial (or that nothing is left).

Why so small a base class: a strategy only decides (convention 1) — the worker trains and the
store records — so its whole contract is one method, ``propose``, in the spirit of optuna's
``BasePruner``. A new strategy is one subclass with a ``name``; :func:`get_strategy` finds it.

Why ``propose`` returns a list: a strategy proposes a *batch* of independent candidates (a
population's generation); the runner records them all as pending trials and, today, trains
them one after another. Nothing in a batch depends on another member's result, so a later
runner can train a batch in parallel (worker processes, containers, Jenkins agents) without
changing any strategy. One-at-a-time strategies return a batch of one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pipeline_lib.errors import UserInputError
from pipeline_lib.store import RunRecord, TrialRecord, TrialStatus, best_trial
from pipeline_lib.tuning.mutations import MUTATIONS

__all__ = [
    "DEFAULT_STRATEGY",
    "STRATEGIES",
    "ClustersStrategy",
    "LadderStrategy",
    "Proposal",
    "Strategy",
    "best_completed",
    "get_strategy",
]

STRATEGIES: dict[str, type[Strategy]] = {}
"""Strategy name → class; filled by defining a subclass with a ``name``."""

DEFAULT_STRATEGY: dict[str, str] = {"ann": "population", "cnn": "population", "rnn": "population",
                                    "kmeans": "clusters"}
"""Model kind → the strategy used when the user names none (population: the held-out half of
benchmarks/tasks_suite favours it, see benchmarks/RESULTS.md)."""


@dataclass(frozen=True)
class Proposal:
    """The next trial a strategy wants run.

    Attributes:
        parent: number of the trial whose architecture the plan starts from.
        plan: the new trial's plan (``TrialRecord.plan``).
        description: what changes against the parent, in words.
        rejected: ``(mutation name, reason)`` for each mutation skipped on the way, so the
            user sees why a step of the ladder did not happen.
    """

    parent: int
    plan: dict[str, Any]
    description: str
    rejected: list[tuple[str, str]] = field(default_factory=list)


class Strategy(ABC):
    """Decides the next trial from the run history; never trains and never writes the store."""

    name: ClassVar[str]
    kinds: ClassVar[tuple[str, ...]]
    """Model kinds the strategy can search (checked by :func:`get_strategy`)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            STRATEGIES[cls.name] = cls

    @abstractmethod
    def propose(self, run: RunRecord) -> list[Proposal]:
        """The next batch of independent trials, most promising first; empty when nothing is left to try.

        Called when no trial of the run is pending, so every finished trial is in ``run``.
        """


def _last_completed(run: RunRecord) -> TrialRecord | None:
    """The most recent completed trial: failed, invalid or timed-out trials are no parents."""
    done = [t for t in run.trials if t.status is TrialStatus.COMPLETED]
    return max(done, key=lambda t: t.number) if done else None


def best_completed(run: RunRecord) -> TrialRecord | None:
    """The completed trial with the best value (the store's one rule: the earliest on a tie)."""
    return best_trial(run.trials)


class LadderStrategy(Strategy):
    """The original projects' fixed order of mutations, applied cumulatively to the best trial.

    Each proposal starts from the architecture of the best completed trial so far (a step
    that made the model worse is not built upon: hill climbing) and takes the
    ladder step after the one the latest trial took (whatever became of that trial), so a
    crashed step is not retried forever. A step whose ``check`` fails is skipped and
    recorded; after the last step the ladder starts again from the first. When no step
    applies there is nothing left to try.
    """

    name = "ladder"
    kinds = ("ann", "cnn", "rnn")
    ladders: ClassVar[dict[str, tuple[str, ...]]] = {
        "ann": ("add_dense_layer", "change_epochs", "add_two_dense_layers", "fewer_neurons"),
        "cnn": ("add_conv_block", "change_epochs", "add_dense_layer", "fewer_neurons"),
        "rnn": ("add_recurrent_layer", "change_epochs", "more_units", "fewer_neurons"),
    }

    @staticmethod
    def next_step(run: RunRecord, steps: tuple[str, ...]) -> int:
        """Index of the step after the one the latest mutated trial took (0 at the start)."""
        for trial in sorted(run.trials, key=lambda t: t.number, reverse=True):
            taken = trial.plan.get("mutation")
            if taken in steps:
                return (steps.index(taken) + 1) % len(steps)
        return 0

    def propose(self, run: RunRecord) -> list[Proposal]:
        steps = self.ladders.get(run.kind or "")
        parent = best_completed(run)
        if not steps or parent is None or not parent.architecture:
            return []
        start = self.next_step(run, steps)
        rejected: list[tuple[str, str]] = []
        for offset in range(len(steps)):
            name = steps[(start + offset) % len(steps)]
            mutation = MUTATIONS[name]()
            why = mutation.check(parent.architecture)
            if why is not None:
                rejected.append((name, why))
                continue
            result = mutation.apply(parent.architecture)
            return [Proposal(parent=parent.number, plan=result.plan,
                             description=result.description, rejected=rejected)]
        return []


class ClustersStrategy(Strategy):
    """KMeans: one refit with the k the data support, then stop.

    The runtime estimates k during the baseline (:func:`pipeline_lib.clusters.estimate_k`) and
    stores it in ``run.kmeans`` (``chosen_k``: a k or ``None`` for no clear cluster structure,
    ``user_k``, ``votes``, ``confidence``); this strategy only reads them. Nothing is proposed when
    the data support no k (the user's model is kept) or when they support the user's own k.
    """

    name = "clusters"
    kinds = ("kmeans",)

    def propose(self, run: RunRecord) -> list[Proposal]:
        baseline = _last_completed(run)
        chosen = run.kmeans.get("chosen_k")
        if len(run.trials) != 1 or baseline is None or chosen is None:
            return []
        user_k = run.kmeans.get("user_k", baseline.architecture.get("n_clusters"))
        if user_k is not None and int(user_k) == int(chosen):
            return []
        votes = run.kmeans.get("votes") or {}
        voters = [name for name, k in votes.items() if k == chosen]
        by = f"chosen by {', '.join(voters)}" if voters else "the data's k"
        searched = run.kmeans.get("k_searched")
        over = f" over k=1..{searched}" if searched else ""
        return [Proposal(parent=baseline.number, plan={"n_clusters": int(chosen)},
                         description=f"n_clusters {user_k}→{chosen} ({by}{over})")]


def get_strategy(kind: str, name: str | None = None) -> Strategy:
    """The strategy called ``name`` (default: the one for ``kind``), ready to propose.

    Raises:
        UserInputError: unknown kind, unknown strategy name, or a strategy that cannot
            search this kind of model; the message lists the valid names.
    """
    if kind not in DEFAULT_STRATEGY:
        raise UserInputError(f"no search strategy for model kind {kind!r}",
                             hint=f"kinds with a strategy: {', '.join(sorted(DEFAULT_STRATEGY))}.")
    chosen = name or DEFAULT_STRATEGY[kind]
    valid = sorted(n for n, cls in STRATEGIES.items() if kind in cls.kinds)
    if chosen not in STRATEGIES:
        raise UserInputError(f"unknown strategy {chosen!r} (setting 'strategy', option --strategy)",
                             hint=f"valid strategies for {kind}: {', '.join(valid)}.")
    if kind not in STRATEGIES[chosen].kinds:
        raise UserInputError(f"strategy {chosen!r} (setting 'strategy', option --strategy) "
                             f"can't search a {kind} model",
                             hint=f"valid strategies for {kind}: {', '.join(valid)}.")
    return STRATEGIES[chosen]()
