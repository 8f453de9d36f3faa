"""The default Keras strategy: read the parent's learning curve, then spend as few epochs as possible.

Why not the ladder: the ladder retrains from scratch with a fixed order of changes, so it
pays full price for every step, including "train longer" (which starts over with twice the
epochs) and steps that cannot help the problem at hand. This strategy differs in four ways,
each aimed at the compute the issue measures (epochs × model size until the target):

1. **Diagnose before mutating.** The parent's per-epoch curve (``TrialRecord.curve``) says
   whether it was still *rising* (under-trained: keep training), *overfitting* (train
   accuracy well above validation: regularise or shrink) or *stuck* (a plateau under the
   target: more capacity or a bigger learning rate). Each diagnosis ranks the mutation
   families differently (:data:`PRIORS`).
2. **Warm start.** Every child starts from its parent's weights wherever a layer keeps its
   name and shape (``plan["warm_start"]``), so "train longer" continues instead of
   restarting, and a widened head keeps the features learnt below it.
3. **Stop at the target, prune plateaus.** Every child stops the moment its judged metric
   reaches the target (``plan["stop_at"]``) and once it stopped improving for
   :data:`PATIENCE` epochs (``plan["prune_patience"]``), so a generous epoch allowance
   (:data:`MIN_EPOCHS`) costs only the epochs that help.
4. **Learn which mutations help.** A mutation already tried from the same parent is not
   tried again, and each mutation's average gain in this run raises or lowers its rank.

Like every strategy it only decides: the runtime applies the plan keys (see
``pipeline_lib.runtime.fit_controls``) and the store records the outcome.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, ClassVar

from pipeline_lib.store import RunRecord, TrialRecord, best_trial
from pipeline_lib.tuning.architecture import Architecture
from pipeline_lib.tuning.mutations import MUTATIONS
from pipeline_lib.tuning.objective import training_key
from pipeline_lib.tuning.strategies import Proposal, Strategy

__all__ = [
    "CAPACITY_BOOST",
    "CONTINUE",
    "HIGH_RATE",
    "MIN_EPOCHS",
    "PATIENCE",
    "PRIORS",
    "AdaptiveStrategy",
    "Diagnosis",
    "capacity_first",
    "diagnose",
]

CONTINUE = "continue_training"
"""The pseudo-mutation "same network, more epochs from the parent's weights"."""

MIN_EPOCHS = 12
"""Epoch allowance of every child (the parent's epochs when larger): stop_at and pruning end it early."""

MAX_EPOCHS = 200
"""No child trains longer than this in one trial."""

PATIENCE = 3
"""Epochs without improvement of the judged metric before a child is pruned."""

OVERFIT_GAP = 0.10
"""Training accuracy this far above validation accuracy means the parent overfits."""

RISING = 0.01
"""The judged metric rose at least this much over the last epochs: the parent was still learning."""

LOSS_FALL = 0.02
"""...or its loss fell at least this fraction: still learning even while accuracy sits still."""

PRIORS: dict[str, dict[str, float]] = {
    "rising": {CONTINUE: 4.0, "jump_learning_rate": 1.7, "raise_learning_rate": 1.6, "conv": 1.5,
               "width": 1.2, "depth": 1.0, "optimiser": 0.6, "regularise": 0.2, "shrink": 0.1, "epochs": 0.0},
    "slow": {"jump_learning_rate": 3.0, "raise_learning_rate": 2.8, CONTINUE: 2.5, "smaller_batch_size": 2.0,
             "conv": 1.5, "width": 1.2, "depth": 1.0, "optimiser": 0.6, "regularise": 0.2, "shrink": 0.1,
             "epochs": 0.0},
    "overfit": {"regularise": 3.0, "shrink": 2.5, "lower_learning_rate": 1.2, "larger_batch_size": 1.0,
                "optimiser": 0.4, "conv": 1.0, "depth": 0.5, "width": 0.0, CONTINUE: 0.0, "epochs": 0.0},
    "stuck": {"jump_learning_rate": 2.7, "raise_learning_rate": 2.6, "smaller_batch_size": 2.4, "conv": 2.2,
              "width": 2.0, "depth": 1.8, "optimiser": 0.8, "regularise": 0.8, "shrink": 0.3, "epochs": 0.0,
              CONTINUE: -9.0},
}
"""Diagnosis → mutation name or family → rank before anything was learnt (higher is tried first)."""

HIGH_RATE = 0.01
"""From this learning rate on, a plateau is treated as a capacity problem first (:func:`capacity_first`)."""

CAPACITY_BOOST = 1.5
"""Rank added to depth, width and conv mutations when :func:`capacity_first` holds."""

LEARNING_RATE = 1.5
"""Rank change per 0.1 of average gain a mutation achieved earlier in the run..."""

LEARNT_CAP = 4.5
"""...capped, so one lucky step cannot outvote the diagnosis of the current parent."""


@dataclass(frozen=True)
class Diagnosis:
    """What the parent's curve says, and the numbers behind it (shown to the user)."""

    kind: str
    reason: str


def diagnose(trial: TrialRecord, target: float = 1.0) -> Diagnosis:
    """Classify a finished trial as ``rising``, ``slow``, ``overfit`` or ``stuck`` from its curve.

    ``slow`` is a rise that, extrapolated linearly, would need more than :data:`MIN_EPOCHS`
    further epochs to reach ``target``: bigger steps pay off more than patience there.
    """
    curve = trial.curve
    values = list(curve.get(trial.metric or "", []))
    if trial.early_stop and "pruned" in trial.early_stop:
        return Diagnosis("stuck", f"trial {trial.number} was pruned: {trial.early_stop}")
    train_key = training_key(curve, trial.metric)
    if values and train_key and curve.get(train_key):
        gap = curve[train_key][-1] - values[-1]
        if gap > OVERFIT_GAP:
            return Diagnosis("overfit", f"trial {trial.number}: {train_key} {curve[train_key][-1]:.3f} is "
                                        f"{gap:.2f} above {trial.metric} {values[-1]:.3f}")
    if len(values) < 3:
        return Diagnosis("rising", f"trial {trial.number} trained {len(values)} epoch(s): too few to call a plateau")
    rise = values[-1] - values[-3]
    if rise >= RISING and values[-1] >= max(values) - 1e-9:
        needed = (target - values[-1]) / (rise / 2)
        kind = "slow" if needed > MIN_EPOCHS else "rising"
        return Diagnosis(kind, f"trial {trial.number}: {trial.metric} rose {rise:+.3f} over its last 2 epochs "
                               f"(about {max(needed, 0):.0f} more epochs to the target at that pace)")
    losses = list(curve.get("val_loss") or curve.get("loss") or [])
    if len(losses) >= 3 and losses[-3] > 0 and losses[-1] < losses[-3] * (1 - LOSS_FALL):
        return Diagnosis("rising", f"trial {trial.number}: the loss still fell {1 - losses[-1] / losses[-3]:.1%} "
                                   f"over its last 2 epochs ({trial.metric} {values[-1]:.3f})")
    return Diagnosis("stuck", f"trial {trial.number}: {trial.metric} changed {rise:+.3f} over its last 2 epochs "
                              f"at {values[-1]:.3f}")


def capacity_first(trial: TrialRecord) -> bool:
    """A plateau that bigger steps are unlikely to fix: the rate is already high, or there is no hidden layer.

    Why: with a learning rate of 0.01 or more, or a model that is only an output layer (a
    linear model cannot bend around XOR-like data), a stuck curve says "too little capacity"
    more often than "too small a step".
    """
    view = Architecture(trial.architecture)
    rate = trial.architecture.get("learning_rate")
    bare = (view.sequential and bool(view.layers) and not view.hidden_dense_indexes and not view.conv_indexes
            and not view.recurrent_indexes)
    return bare or (isinstance(rate, (int, float)) and rate >= HIGH_RATE)


def _family(name: str) -> str:
    if name == CONTINUE:
        return CONTINUE
    return MUTATIONS[name].family


def _learnt(run: RunRecord) -> dict[str, float]:
    """Average gain (child value − parent value) of each mutation tried in this run."""
    values = {t.number: t.value for t in run.trials if t.value is not None}
    gains: dict[str, list[float]] = {}
    for trial in run.trials:
        name = trial.plan.get("mutation")
        if name and trial.parent in values:
            child = trial.value if trial.value is not None else 0.0
            gains.setdefault(str(name), []).append(child - values[trial.parent])
    return {name: statistics.fmean(g) for name, g in gains.items()}


def _epochs_before(run: RunRecord, trial: TrialRecord) -> int:
    """Epochs behind ``trial``'s weights: its own plus those of the warm-start chain above it."""
    own = trial.epochs_run - trial.epochs_redone
    if trial.plan.get("warm_start") is None:
        return own
    return own + int(trial.plan.get("epochs_before", 0))


class AdaptiveStrategy(Strategy):
    """Diagnose the best trial, try the best-ranked untried change, warm-started and stopped early."""

    name = "adaptive"
    kinds = ("ann", "cnn", "rnn")
    settings: ClassVar[tuple[str, ...]] = ("stop_at", "prune_patience", "warm_start", "epochs_before")

    @staticmethod
    def parent(run: RunRecord) -> TrialRecord | None:
        """The best completed trial, the earliest on a tie: a child that only matched its parent
        is no better a starting point, and its parent's untried mutations come first."""
        return best_trial(run.trials, with_architecture=True)

    def candidates(self, run: RunRecord, parent: TrialRecord,
                   diagnosis: Diagnosis | None = None) -> list[tuple[float, str, str | None]]:
        """``(rank, mutation name, rejection reason or None)`` for every mutation of this kind."""
        tried = {str(t.plan.get("mutation")) for t in run.trials if t.parent == parent.number}
        learnt = _learnt(run)
        diagnosis = diagnosis or diagnose(parent, run.target)
        priors = dict(PRIORS[diagnosis.kind])
        if diagnosis.kind == "stuck" and capacity_first(parent):
            for family in ("depth", "width", "conv"):
                priors[family] = priors.get(family, 0.0) + CAPACITY_BOOST
        names = [CONTINUE, *(n for n, cls in MUTATIONS.items() if run.kind in cls.kinds)]
        ranked: list[tuple[float, str, str | None]] = []
        for order, name in enumerate(names):
            if name in tried:
                ranked.append((-99.0, name, f"already tried from trial {parent.number}"))
                continue
            bonus = max(-LEARNT_CAP, min(LEARNT_CAP, LEARNING_RATE * learnt.get(name, 0.0) / 0.1))
            rank = priors.get(name, priors.get(_family(name), 0.5)) + bonus - order * 1e-3
            why = self.reject(name, parent)
            ranked.append((rank, name, why))
        return sorted(ranked, key=lambda r: -r[0])

    @staticmethod
    def reject(name: str, parent: TrialRecord) -> str | None:
        """Why ``name`` cannot apply to ``parent`` (None when it can)."""
        if name == CONTINUE:
            if Architecture(parent.architecture).epochs is None:
                return "the epochs passed to fit() were not recorded"
            return None
        return MUTATIONS[name]().check(parent.architecture)

    def propose(self, run: RunRecord) -> list[Proposal]:
        parent = self.parent(run)
        if parent is None:
            return []
        diagnosis = diagnose(parent, run.target)
        ranked = self.candidates(run, parent, diagnosis)
        # Every mutation that cannot apply is reported, not only those ranked above the choice.
        rejected = [(name, why) for rank, name, why in ranked if why is not None and rank > -99.0]
        for _, name, why in ranked:
            if why is not None:
                continue
            plan, text = self._plan(name, parent)
            plan.update(stop_at=run.target, prune_patience=PATIENCE, warm_start=parent.number,
                        epochs_before=_epochs_before(run, parent))
            description = (f"{text}; from trial {parent.number}'s weights, up to {plan['epochs']} epochs "
                           f"(stop at the target or after {PATIENCE} without progress) — {diagnosis.reason}")
            return [Proposal(parent=parent.number, plan=plan, description=description, rejected=rejected)]
        return []

    @staticmethod
    def _plan(name: str, parent: TrialRecord) -> tuple[dict[str, Any], str]:
        """The child's plan and a description of the change (before the shared settings).

        Plan keys the parent got from earlier mutations but that its architecture record
        does not hold (e.g. a learning rate) are carried over, so changes accumulate.
        """
        view = Architecture(parent.architecture)
        allowance = min(MAX_EPOCHS, max(view.epochs or 1, MIN_EPOCHS))
        if name == CONTINUE:
            plan, text = view.to_plan(), "continue training the same network"
            plan["mutation"] = CONTINUE
        else:
            result = MUTATIONS[name]().apply(parent.architecture)
            plan, text = dict(result.plan), result.description
        plan.update({k: v for k, v in parent.plan.items()
                     if k not in plan and k not in AdaptiveStrategy.settings})
        if name != "change_epochs":
            plan["epochs"] = max(int(plan.get("epochs") or 1), allowance)
        return plan, text
