"""The tweak step of the tweak/retrain loop (stage 4): decide whether to stop, else record the next trials.

This module only decides and records (convention 1): a strategy proposes the mutation, the
store records the pending trial, and the worker (stage 5) executes it. The same functions
serve ``mlops stage tweak`` in Jenkins and the tweak/retrain loop inside the worker.

Why here and not in ``stages/``: the worker runs this loop inside the training image, and the
code there imports no orchestration module (the layer contract in setup.cfg). The verdict
rules are pure functions of the run record; :func:`tweak` is the only one that writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline_lib.kinds import kind_of
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus

__all__ = ["Verdict", "budget_verdict", "seconds_spent", "stop_verdict", "tweak"]


@dataclass(frozen=True)
class Verdict:
    """Why a run stops: the final status and a sentence for the console and the report."""

    status: RunStatus
    reason: str


def seconds_spent(run: RunRecord) -> float:
    """Training time spent so far (sum of trial seconds: robust to pauses and resumes)."""
    return sum(t.seconds for t in run.trials)


def stop_verdict(run: RunRecord) -> Verdict | None:
    """Stop because of results: target met, or the pushed script itself fails."""
    if run.best and kind_of(run).target_met(run):
        return Verdict(RunStatus.TARGET_MET,
                       f"{run.metric} {run.best['value']:.4f} ≥ target {run.target:.2f} "
                       f"(trial {run.best['trial']})")
    baseline = run.trials[0] if run.trials else None
    if baseline and baseline.status in (TrialStatus.FAILED, TrialStatus.INVALID):
        return Verdict(RunStatus.FAILED, f"the pushed script failed: {baseline.error}")
    return None


def budget_verdict(run: RunRecord) -> Verdict | None:
    """Stop because the budget (training seconds, or the optional cap on trials) is spent."""
    settings = run.settings
    budget = settings.time_budget
    if budget is not None and seconds_spent(run) >= budget:
        return Verdict(RunStatus.BUDGET_SPENT,
                       f"budget spent: {seconds_spent(run):.0f}s of {budget:.0f}s training time")
    max_trials = settings.max_trials
    finished = sum(t.status.is_finished() for t in run.trials)
    if max_trials is not None and finished >= max_trials:
        return Verdict(RunStatus.BUDGET_SPENT, f"budget spent: {finished} of {max_trials} trials run")
    return None


def _exhausted(run: RunRecord) -> Verdict:
    return Verdict(*kind_of(run).exhausted(run))


def tweak(store: RunStore, run_id: str) -> tuple[TrialRecord | None, Verdict | None]:
    """Record the next batch of trials, or the verdict that ends the run.

    A strategy proposes a batch of independent candidates; all of them are recorded as
    pending trials at once and run in order. Before each pending trial the verdicts are
    checked again, so a candidate that reaches the target, or the budget running out, ends
    the run there: the candidates still queued are dropped (they never started, so nothing
    finished is modified) and the verdict says how many.

    Returns:
        ``(trial, None)`` with the next pending trial to run, ``(None, verdict)`` when the run
        is over (the verdict is also written to the run), or ``(running, None)`` when a trial
        was interrupted and must resume (tweak is idempotent: a re-run proposes nothing new).
    """
    from pipeline_lib.tuning import get_strategy

    run = store.load(run_id)
    waiting = run.unfinished_trial()
    if run.status.is_finished() or (waiting is not None and waiting.status is TrialStatus.RUNNING):
        return waiting, None
    verdict = stop_verdict(run) or budget_verdict(run)
    if verdict is None and waiting is not None:
        return waiting, None
    proposals = []
    if verdict is None:
        proposals = get_strategy(run.kind or "ann", run.settings.strategy).propose(run)
        max_trials = run.settings.max_trials
        if max_trials is not None:
            proposals = proposals[:max(0, max_trials - len(run.trials))]
        if not proposals:
            verdict = _exhausted(run)
    with store.update(run_id) as record:
        if verdict is not None:
            queued = [t for t in record.trials if t.status is TrialStatus.PENDING]
            record.trials = [t for t in record.trials if t.status is not TrialStatus.PENDING]
            if queued:
                verdict = Verdict(verdict.status, f"{verdict.reason}; {len(queued)} queued candidate(s) not run "
                                                  f"(trial {queued[0].number}–{queued[-1].number})")
            record.status = verdict.status
            record.verdict = verdict.reason
            if verdict.status is RunStatus.FAILED and not record.error:
                record.error = verdict.reason
            return None, verdict
        first = len(record.trials) + 1
        for proposal in proposals:
            trial = TrialRecord(number=len(record.trials) + 1, parent=proposal.parent,
                                plan=proposal.plan, mutation=proposal.description)
            trial.warnings.extend(f"skipped {name}: {why}" for name, why in proposal.rejected)
            record.trials.append(trial)
        return record.trial(first), None
