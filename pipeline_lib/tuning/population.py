"""The default Keras strategy: screen a diverse population cheaply, promote survivors with warm starts.

Why not one greedy guess per step (``adaptive``): a wrong diagnosis costs a whole trial and
the next guess starts from the same wrong place. Issue 9's failed runs rationed epochs that
cost 0.05 s, widened a 2-unit layer ×2 at a time and never raised a crawling SGD rate. This
strategy instead spends the budget in *generations* (batches of independent candidates,
see :class:`~pipeline_lib.tuning.strategies.Strategy`):

1. **Screen** (generation 1). From the baseline, a population of big, different steps, each
   trained from a fresh (seeded) start: the user's optimiser at its usual rate, with and
   without the starved layers raised to a floor (32 units, 16 filters) or a hidden layer
   added, ten times the usual rate, one more layer or conv block, a smaller batch, dropout
   when the baseline overfits, and the baseline itself continued from its weights. The most
   likely fix runs first, so a run that only needs it stops after one candidate.
2. **Epoch allowances in seconds.** Each candidate may train for a share of the time budget
   (:data:`SCREEN_SHARE`), turned into epochs with the seconds per epoch measured in its
   parent (``curve["epoch_seconds"]``), so cheap epochs are never rationed. Every candidate
   stops the moment it reaches the target and is pruned once neither its metric nor its loss
   improves for a few epochs, so a generous allowance costs only the epochs that help.
3. **Promote** (generation 2 on: successive halving + PBT). The best third of the last
   generation that was still improving continues from its own weights with three times the
   allowance (or what its learning curve, extrapolated, says it needs), and the best trial
   so far is *exploited* and *explored*: warm-started children with one more change each
   (rate ×3 or ÷3, wider, deeper, dropout, ...), preferring the kinds of change that helped
   earlier in the run.

Every proposal says what changed, which generation it belongs to and why it was chosen (its
rank, the curve's extrapolation); the runner records the batch and trains it in order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pipeline_lib.config import RunConfig
from pipeline_lib.store import RunRecord, TrialRecord, TrialStatus
from pipeline_lib.tuning.architecture import Architecture
from pipeline_lib.tuning.mutations import MUTATIONS
from pipeline_lib.tuning.objective import training_key
from pipeline_lib.tuning.strategies import Proposal, Strategy

__all__ = [
    "DEFAULT_TIME_BUDGET",
    "PROMOTE_FACTOR",
    "SCREEN_SHARE",
    "PopulationStrategy",
    "epochs_to_target",
    "seconds_per_epoch",
]

DEFAULT_TIME_BUDGET = float(RunConfig().time_budget or 600.0)  # the run default: config.RunConfig
"""Training seconds assumed when the run sets no ``time_budget`` (the CLI's default)."""

SCREEN_SHARE = 1 / 10
"""Share of the time budget one screened candidate may train for (stop_at/pruning end it sooner)."""

MIN_EPOCHS, MAX_EPOCHS = 10, 300
"""Bounds of any epoch allowance."""

PROMOTE_FACTOR = 3
"""A promoted candidate gets this many times its previous allowance (successive halving's η)."""

PATIENCE_SHARE, MIN_PATIENCE = 1 / 8, 5
"""Epochs without progress before a candidate is pruned: this share of its allowance, at least 5."""

OVERFIT_GAP = 0.10
"""Training accuracy this far above validation accuracy means the parent overfits."""

EXPLORE = ("raise_learning_rate", "lower_learning_rate", "wider", "more_units", "add_dense_layer",
           "add_recurrent_layer", "add_conv_block", "more_filters", "smaller_batch_size", "add_batch_norm",
           "add_dropout", "add_recurrent_dropout")
"""Mutations a promoted generation explores from the best trial (PBT's explore), in prior order; each
run gets only those declared for its kind (``Mutation.kinds``) that apply to the trial."""

DROPOUTS = ("add_dropout", "add_recurrent_dropout")
"""Explored only from a parent that overfits."""

EXPLORE_WIDTH = 3
"""Explored children per generation."""


@dataclass(frozen=True)
class Recipe:
    """One screened candidate: the mutations composed in order, and why it is in the population."""

    steps: tuple[str, ...]
    why: str
    warm: bool = False


@dataclass
class Candidate:
    """A composed plan before the shared settings, with what was said and refused on the way."""

    plan: dict[str, Any]
    texts: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def seconds_per_epoch(trial: TrialRecord) -> float:
    """Seconds one epoch of ``trial`` cost, rounded to a power of two.

    Measured as the median epoch after the first (which also builds the graph) when the runtime
    recorded per-epoch times, else fit seconds ÷ epochs. Why rounded: allowances are derived
    from it, and a pace that wobbles by a few percent between two runs with the same seed
    must not change their epochs (so their trial tables) — only a change of ×1.4 or more does.
    """
    times = [float(s) for s in trial.curve.get("epoch_seconds", [])]
    if len(times) >= 2:
        rest = sorted(times[1:])
        pace = rest[len(rest) // 2]
    else:
        pace = trial.fit_seconds / max(1, trial.epochs_run - trial.epochs_redone)
    return float(2.0 ** round(math.log2(max(pace, 1e-3))))


def epochs_to_target(trial: TrialRecord, target: float) -> float:
    """More epochs ``trial``'s judged metric needs to reach ``target`` at its recent pace (inf: not rising).

    The pace is the average rise per epoch over the last (up to) 4 epochs: a linear
    extrapolation, optimistic for a curve that bends over, which is why a promotion gets at
    least :data:`PROMOTE_FACTOR` × its allowance rather than exactly this.
    """
    values = list(trial.curve.get(trial.metric or "", []))
    if not values:
        return math.inf
    if values[-1] >= target:
        return 0.0
    window = values[-5:]
    if len(window) < 2:
        return math.inf
    pace = (window[-1] - window[0]) / (len(window) - 1)
    return math.inf if pace <= 1e-4 else (target - values[-1]) / pace


def _overlay(arch: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    """The architecture record ``plan`` would produce from ``arch`` (so a second mutation can check it)."""
    new = dict(arch)
    for key in ("layers", "epochs", "batch_size"):
        if key in plan:
            new[key] = plan[key]
    if "learning_rate" in plan:
        new["learning_rate"], new["learning_rate_planned"] = plan["learning_rate"], True
    return new


def why_not(name: str, arch: dict[str, Any], kind: str | None) -> str | None:
    """Why mutation ``name`` does not apply to ``arch`` in a run of model ``kind`` (None: it applies).

    A mutation not declared for the kind (``Mutation.kinds``) is refused before its own check:
    a conv block is never proposed for a recurrent network, even one with a conv front end.
    """
    mutation = MUTATIONS[name]
    if kind is not None and kind not in mutation.kinds:
        return f"not a mutation for {kind} models (it applies to {', '.join(mutation.kinds)})"
    return mutation().check(arch)


def compose(arch: dict[str, Any], steps: tuple[str, ...], kind: str | None = None) -> Candidate | None:
    """Apply ``steps`` in order, skipping (and recording) those that do not apply; None if none did."""
    current, plan = dict(arch), Architecture(arch).to_plan()
    found = Candidate(plan=plan)
    for name in steps:
        why = why_not(name, current, kind)
        if why is not None:
            found.rejected.append((name, why))
            continue
        result = MUTATIONS[name]().apply(current)
        found.plan = result.plan
        found.texts.append(result.description)
        current = _overlay(current, result.plan)
    if not found.texts:
        return None
    found.plan["mutation"] = "+".join(n for n in steps if n not in {r[0] for r in found.rejected})
    return found


def _trained(trial: TrialRecord) -> bool:
    return (trial.status in (TrialStatus.COMPLETED, TrialStatus.TIMED_OUT) and trial.value is not None
            and bool(trial.architecture))


def _generation(trial: TrialRecord) -> int:
    return int(trial.plan.get("generation", 0))


def _rank_key(trial: TrialRecord) -> tuple[float, float]:
    """Higher is better: the judged value, then the lower final loss."""
    losses = trial.curve.get("val_loss") or trial.curve.get("loss") or [math.inf]
    loss = float(losses[-1])
    return float(trial.value or 0.0), -loss if math.isfinite(loss) else -math.inf


def _overfits(trial: TrialRecord) -> bool:
    train = training_key(trial.curve, trial.metric)
    judged = trial.curve.get(trial.metric or "") or []
    return train is not None and bool(judged) and trial.curve[train][-1] - judged[-1] > OVERFIT_GAP


def _epochs_behind(run: RunRecord, trial: TrialRecord) -> int:
    """Epochs behind ``trial``'s weights: its own plus those of the warm-start chain above it."""
    own = trial.epochs_run - trial.epochs_redone
    return own + (int(trial.plan.get("epochs_before", 0)) if trial.plan.get("warm_start") is not None else 0)


class PopulationStrategy(Strategy):
    """Screen a population of big steps from the baseline, then promote and explore with warm starts."""

    name = "population"
    kinds = ("ann", "cnn", "rnn")
    settings: ClassVar[tuple[str, ...]] = ("stop_at", "prune_patience", "warm_start", "epochs_before",
                                           "generation", "mutation", "epochs")

    def propose(self, run: RunRecord) -> list[Proposal]:
        trained = [t for t in run.trials if _trained(t)]
        baseline = next((t for t in trained if t.parent is None), None)
        if baseline is None:
            return []
        last = max(_generation(t) for t in run.trials)
        if last == 0:
            return self.screen(run, baseline)
        return self.promote(run, last, trained)

    # ------------------------------------------------------------------ shared settings

    @staticmethod
    def budget(run: RunRecord) -> float:
        return run.settings.time_budget or DEFAULT_TIME_BUDGET

    def allowance(self, run: RunRecord, per_epoch: float, share: float = SCREEN_SHARE) -> int:
        """Epochs that fit into ``share`` of the time budget at ``per_epoch`` seconds each."""
        return int(min(MAX_EPOCHS, max(MIN_EPOCHS, self.budget(run) * share / per_epoch)))

    def _proposal(self, run: RunRecord, parent: TrialRecord, found: Candidate, epochs: int, generation: int,
                  warm: bool, why: str) -> Proposal:
        plan = dict(found.plan)
        plan.update({k: v for k, v in parent.plan.items() if k not in plan and k not in self.settings})
        patience = max(MIN_PATIENCE, int(epochs * PATIENCE_SHARE))
        plan.update(epochs=epochs, stop_at=run.target, prune_patience=patience, generation=generation)
        start = "a fresh start"
        if warm:
            plan.update(warm_start=parent.number, epochs_before=_epochs_behind(run, parent))
            start = f"trial {parent.number}'s weights"
        change = "; ".join(found.texts)
        text = (f"generation {generation}: {change}; from {start}, up to {epochs} epochs (stop at the target, "
                f"prune after {patience} without progress) — {why}")
        return Proposal(parent=parent.number, plan=plan, description=text, rejected=found.rejected)

    # ------------------------------------------------------------------ generation 1: screen

    @staticmethod
    def recipes(baseline: TrialRecord) -> list[Recipe]:
        """The screened population, most likely fix first (steps that do not apply are skipped).

        "Deeper" and "regularise" mean the recurrent steps for a network with a recurrent stack
        (one more recurrent layer, dropout inside the recurrent layers), else the conv or Dense ones.
        """
        view = Architecture(baseline.architecture)
        recurrent = bool(view.recurrent_indexes)
        grow = (("widen_to_floor",) if view.hidden_dense_indexes or view.conv_indexes or recurrent
                else ("add_dense_layer",))
        deeper = ("add_recurrent_layer" if recurrent else "add_conv_block" if view.conv_indexes
                  else "add_dense_layer")
        found = [
            Recipe(("sane_learning_rate", *grow), "the usual rate for the optimiser and no starved layer"),
            Recipe(("sane_learning_rate",), "only the rate: the layers may be fine"),
            Recipe(("bold_learning_rate", *grow), "a loss that crawls even at the usual rate needs bigger steps"),
            Recipe(grow, "only capacity: the script's own rate may be fine"),
            Recipe(("sane_learning_rate", *grow, deeper), "one more layer of features"),
            Recipe(("sane_learning_rate", *grow, "smaller_batch_size"), "more, noisier updates per epoch"),
        ]
        if _overfits(baseline):
            found.insert(1, Recipe(("sane_learning_rate", "add_recurrent_dropout" if recurrent else "add_dropout"),
                                   "the baseline overfits: regularise instead of growing"))
        found.append(Recipe(("continue_training",), "the baseline may only need more epochs", warm=True))
        return found

    def screen(self, run: RunRecord, baseline: TrialRecord) -> list[Proposal]:
        epochs = self.allowance(run, seconds_per_epoch(baseline))
        seen: list[dict[str, Any]] = []
        batch: list[Proposal] = []
        rejected: list[tuple[str, str]] = []
        for recipe in self.recipes(baseline):
            if recipe.steps == ("continue_training",):
                found: Candidate | None = Candidate(Architecture(baseline.architecture).to_plan(),
                                                    ["continue training the script's network"])
                assert found is not None
                found.plan["mutation"] = "continue_training"
            else:
                found = compose(baseline.architecture, recipe.steps, run.kind)
            if found is None:
                rejected.extend(r for r in compose_rejections(baseline.architecture, recipe.steps, run.kind)
                                if r not in rejected)
                continue
            key = {k: v for k, v in found.plan.items() if k != "mutation"}
            if key in seen:
                continue
            seen.append(key)
            why = (f"screening {recipe.why}; baseline {baseline.metric} {baseline.value:.3f} at "
                   f"{seconds_per_epoch(baseline):.3f} s/epoch")
            batch.append(self._proposal(run, baseline, found, epochs, 1, recipe.warm, why))
        if batch and rejected:
            first = batch[0]
            batch[0] = Proposal(first.parent, first.plan, first.description, [*first.rejected, *rejected])
        return batch

    # ------------------------------------------------------------------ generation 2+: promote and explore

    def promote(self, run: RunRecord, last: int, trained: list[TrialRecord]) -> list[Proposal]:
        generation = last + 1
        previous = sorted((t for t in trained if _generation(t) == last), key=_rank_key, reverse=True)
        batch: list[Proposal] = []
        keep = max(1, math.ceil(len(previous) / PROMOTE_FACTOR))
        for place, trial in enumerate(previous[:keep], start=1):
            if trial.early_stop and "pruned" in trial.early_stop:
                continue  # a plateau gains nothing from more of the same
            needed = epochs_to_target(trial, run.target)
            allowed = int(trial.plan.get("epochs") or trial.epochs_run or MIN_EPOCHS)
            epochs = int(min(MAX_EPOCHS, max(allowed * PROMOTE_FACTOR,
                                             math.ceil(1.5 * needed) if math.isfinite(needed) else 0)))
            pace = f"about {needed:.0f} more epochs at its recent pace" if math.isfinite(needed) else "not rising"
            found = Candidate(Architecture(trial.architecture).to_plan(), ["continue training the same network"])
            found.plan["mutation"] = "continue_training"
            why = (f"promoted: rank {place} of {len(previous)} in generation {last} "
                   f"({trial.metric} {trial.value:.3f}, {pace})")
            batch.append(self._proposal(run, trial, found, epochs, generation, True, why))
        for parent in sorted(trained, key=_rank_key, reverse=True):
            if len(batch) >= EXPLORE_WIDTH + keep:
                break
            batch += self.explore(run, parent, generation, EXPLORE_WIDTH + keep - len(batch))
        return batch

    def explore(self, run: RunRecord, parent: TrialRecord, generation: int, width: int) -> list[Proposal]:
        """PBT: up to ``width`` children of ``parent`` with one more change each, the kinds that helped first."""
        tried = {str(t.plan.get("mutation")) for t in run.trials if t.parent == parent.number}
        gains = _gains(run)
        order = sorted(EXPLORE, key=lambda n: -gains.get(MUTATIONS[n].family, 0.0))
        if not _overfits(parent):
            order = [n for n in order if n not in DROPOUTS]
        epochs = self.allowance(run, seconds_per_epoch(parent))
        batch: list[Proposal] = []
        for name in order:
            if name in tried or len(batch) >= width:
                continue
            found = compose(parent.architecture, (name,), run.kind)
            if found is None:
                continue
            gain = gains.get(MUTATIONS[name].family)
            helped = f"; {MUTATIONS[name].family} changes gained {gain:+.3f} on average so far" if gain else ""
            why = f"explore trial {parent.number} ({parent.metric} {parent.value:.3f}){helped}"
            batch.append(self._proposal(run, parent, found, epochs, generation, True, why))
        return batch


def compose_rejections(arch: dict[str, Any], steps: tuple[str, ...],
                       kind: str | None = None) -> list[tuple[str, str]]:
    """Why each of ``steps`` does not apply to ``arch`` (the reasons :func:`compose` records)."""
    return [(name, why) for name in steps if name in MUTATIONS and (why := why_not(name, arch, kind)) is not None]


def _gains(run: RunRecord) -> dict[str, float]:
    """Average value gain (child − parent) per mutation family in this run, for PBT's explore order."""
    values = {t.number: t.value for t in run.trials if t.value is not None}
    found: dict[str, list[float]] = {}
    for trial in run.trials:
        if trial.parent not in values or trial.value is None:
            continue
        for name in str(trial.plan.get("mutation") or "").split("+"):
            if name in MUTATIONS:
                found.setdefault(MUTATIONS[name].family, []).append(trial.value - values[trial.parent])
    return {family: sum(g) / len(g) for family, g in found.items()}
