"""The tweak step of the tweak/retrain loop (stage 4): decide whether to stop, else record the next trials.

This module only decides and records (convention 1): a strategy proposes the mutation, the
store records the pending trial, and the worker (stage 5) executes it. The same functions
serve ``mlops stage tweak`` in Jenkins and the tweak/retrain loop inside the worker.

Why here and not in ``stages/``: the worker runs this loop inside the training image, and the
code there imports no orchestration module (the layer contract in setup.cfg). The verdict
rules are pure functions of the run record; :func:`tweak` is the only one that writes.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline_lib.kinds import kind_of
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus, now_iso

if TYPE_CHECKING:
    from pipeline_lib.tuning import Proposal

__all__ = ["Claim", "Verdict", "budget_verdict", "claim_next", "claim_trial", "live_seconds", "seconds_spent",
           "stop_verdict", "tweak", "waiting_for"]


@dataclass(frozen=True)
class Verdict:
    """Why a run stops: the final status and a sentence for the console and the report."""

    status: RunStatus
    reason: str


def seconds_spent(run: RunRecord, live: float = 0.0) -> float:
    """Training time spent so far (sum of trial seconds: robust to pauses and resumes).

    ``live`` adds what trials still running have trained (:func:`live_seconds`): with
    parallel candidates the budget is compute, every concurrent trial's seconds counted.
    """
    return sum(t.seconds for t in run.trials) + live


def live_seconds(store: RunStore, run: RunRecord) -> float:
    """Seconds the running trials' current attempts have trained so far (from their progress.json).

    Why the file's time and not the clock: progress.json is rewritten at every epoch, so a
    trial whose worker died stops counting at its last epoch instead of draining the budget
    until it is restarted.
    """
    total = 0.0
    for trial in run.trials:
        if trial.status is not TrialStatus.RUNNING:
            continue
        path = store.trial_dir(run.id, trial.number) / "progress.json"
        try:
            started = float(json.loads(path.read_text()).get("attempt_started", 0))
            total += max(0.0, path.stat().st_mtime - started) if started else 0.0
        except (OSError, json.JSONDecodeError, TypeError, ValueError, AttributeError):
            continue
    return total


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


def budget_verdict(run: RunRecord, live: float = 0.0) -> Verdict | None:
    """Stop because the budget (training seconds, or the optional cap on trials) is spent."""
    settings = run.settings
    budget = settings.time_budget
    if budget is not None and seconds_spent(run, live) >= budget:
        return Verdict(RunStatus.BUDGET_SPENT,
                       f"budget spent: {seconds_spent(run, live):.0f}s of {budget:.0f}s training time")
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
    run = store.load(run_id)
    waiting = run.unfinished_trial()
    if run.status.is_finished() or (waiting is not None and waiting.status is TrialStatus.RUNNING):
        return waiting, None
    verdict = stop_verdict(run) or budget_verdict(run)
    if verdict is None and waiting is not None:
        return waiting, None
    proposals: list[Proposal] = []
    if verdict is None:
        proposals = _propose(run)
        if not proposals:
            verdict = _exhausted(run)
    with store.update(run_id) as record:
        if verdict is not None:
            return None, _end_run(record, verdict)
        first = len(record.trials) + 1
        _queue(record, proposals)
        return record.trial(first), None


def _propose(run: RunRecord) -> list[Proposal]:
    """The strategy's next batch, cut to the optional cap on trials."""
    from pipeline_lib.tuning import get_strategy

    proposals = get_strategy(run.kind or "ann", run.settings.strategy).propose(run)
    max_trials = run.settings.max_trials
    if max_trials is not None:
        proposals = proposals[:max(0, max_trials - len(run.trials))]
    return proposals


def _end_run(record: RunRecord, verdict: Verdict) -> Verdict:
    """Write the verdict; drop the candidates still queued (they never started) and say how many."""
    queued = [t for t in record.trials if t.status is TrialStatus.PENDING]
    record.trials = [t for t in record.trials if t.status is not TrialStatus.PENDING]
    if queued:
        verdict = Verdict(verdict.status, f"{verdict.reason}; {len(queued)} queued candidate(s) not run "
                                          f"(trial {queued[0].number}–{queued[-1].number})")
    record.status = verdict.status
    record.verdict = verdict.reason
    if verdict.status is RunStatus.FAILED and not record.error:
        record.error = verdict.reason
    return verdict


def _queue(record: RunRecord, proposals: list[Proposal]) -> None:
    """Append a batch of proposals as pending trials."""
    for proposal in proposals:
        trial = TrialRecord(number=len(record.trials) + 1, parent=proposal.parent,
                            plan=proposal.plan, mutation=proposal.description, queued=now_iso())
        trial.warnings.extend(f"skipped {name}: {why}" for name, why in proposal.rejected)
        record.trials.append(trial)


@dataclass(frozen=True)
class Claim:
    """What :func:`claim_next` gave one of several parallel workers.

    Attributes:
        trial: the trial this worker now holds (None: nothing to run yet, or the run is over).
        verdict: why the run is over (None while it goes on).
        queued: how many candidates this call queued (a new batch), for the console.
        ended: this call wrote the verdict (the one worker that says it).
    """

    trial: TrialRecord | None = None
    verdict: Verdict | None = None
    queued: int = 0
    ended: bool = False


def _shape(run: RunRecord) -> list[tuple[int, str]]:
    return [(t.number, t.status.value) for t in run.trials]


def claim_next(store: RunStore, run_id: str, worker: str, peers: Collection[str] = ()) -> Claim:
    """For one of N parallel workers: its own interrupted trial, else the next queued one, else a new batch.

    The same rules as :func:`tweak` (verdicts first, a batch ends where the target is met),
    with every concurrent trial's seconds in the budget. The strategy proposes outside the
    run lock and the batch is written only if the record did not change meanwhile (else the
    caller asks again), so a slow proposal never blocks the other workers' records and two
    workers never queue two batches. ``Claim()`` (nothing, no verdict): wait for the
    candidates still running, then ask again. ``peers`` names every worker of this
    supervisor: a trial held by anyone else (a Jenkins branch that is gone, a worker of an
    earlier supervisor with more workers) is orphaned, and this worker takes it over.
    """
    run = store.load(run_id)
    if run.status.is_finished():
        return Claim(verdict=Verdict(run.status, run.verdict or run.status.value))
    verdict = stop_verdict(run) or budget_verdict(run, live_seconds(store, run))
    pending = [t for t in run.trials if t.status is TrialStatus.PENDING]
    running = [t for t in run.trials if t.status is TrialStatus.RUNNING]
    mine = next((t for t in running if t.worker == worker), None)
    if mine is None and peers:
        mine = next((t for t in running if t.worker not in peers), None)
    proposals: list[Proposal] = []
    if mine is None and verdict is None and not pending:
        if running:
            return Claim()
        proposals = _propose(run)
        if not proposals:
            verdict = _exhausted(run)
    with store.update(run_id) as record:
        if record.status.is_finished() or _shape(record) != _shape(run):
            return Claim()  # another worker moved first: look again
        if verdict is not None:
            return Claim(verdict=_end_run(record, verdict), ended=True)
        if mine is not None:
            held = record.trial(mine.number)
            held.worker = worker
            return Claim(trial=held)
        before = len(record.trials)
        _queue(record, proposals)
        trial = next(t for t in record.trials if t.status is TrialStatus.PENDING)
        trial.status, trial.worker = TrialStatus.RUNNING, worker
        return Claim(trial=trial, queued=len(record.trials) - before)


def claim_trial(store: RunStore, run_id: str, number: int, worker: str) -> TrialRecord | None:
    """Take trial ``number`` for ``worker`` (a Jenkins branch), from whoever held it; None when it is done.

    Why taking over is right: the pipeline re-queues a trial only after the branch that held
    it was lost with its agent; the old holder sees the claim change and stops writing.
    """
    with store.update(run_id) as record:
        trial = record.trial(number)
        if record.status.is_finished() or trial.status.is_finished():
            return None
        trial.status, trial.worker = TrialStatus.RUNNING, worker
        return trial


def waiting_for(run: RunRecord) -> bool:
    """True while a trial of ``run`` is claimed and running (a parallel worker must not end the run)."""
    return any(t.status is TrialStatus.RUNNING for t in run.trials)
