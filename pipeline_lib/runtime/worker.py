"""The training worker: one process per run that imports TensorFlow once and runs every trial.

Started by the monitor (``pipeline_lib.stages.monitor``) through an executor, locally or in a
container. It reloads the store on start, so after a crash it resumes the unfinished trial
(from its Keras checkpoint) and never re-runs a finished one.

With ``--worker NAME`` it is one of several (``--parallel N``): each claims the next queued
candidate of the batch under the run lock (:func:`pipeline_lib.loop.claim_next`), so N
long-lived workers — each importing TensorFlow once — train N candidates at once; with
``--mode trial --trial N`` it runs that one candidate (a Jenkins branch on an agent). A
watcher thread stops a parallel worker's trial at its next batch when the run ends (another
candidate met the target), the budget is spent counting every concurrent trial, or the
trial was taken over (a Jenkins branch re-queued after its agent was lost).

Exit status: 0 when it stopped on purpose (verdict reached, or baseline done in
``--mode baseline``), 2 for bad user input (an unanswered prompt), anything else is a crash
and the monitor restarts it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

from pipeline_lib.console import say
from pipeline_lib.errors import PipelineError, UserInputError
from pipeline_lib.kinds import ModelKind, kind_of
from pipeline_lib.runtime import script as script_runner
from pipeline_lib.runtime.context import TrialContext, UnansweredPrompt, activate, deactivate
from pipeline_lib.runtime.downloads import install_download_guard, trust_fetched_files
from pipeline_lib.loop import budget_verdict, claim_next, claim_trial, live_seconds, seconds_spent, stop_verdict, tweak
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus, now_iso

__all__ = ["main", "run_trial", "trial_seed"]


def _prepare_process(kind: ModelKind) -> None:
    """Import the framework once and install the hooks before any script runs."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    from pipeline_lib.runtime.prompts import install_input_hook

    install_input_hook()
    kind.prepare_process()


def _start_attempt(store: RunStore, run: RunRecord, trial: TrialRecord) -> TrialContext:
    """Mark the trial running; fold in what a crashed previous attempt had done."""
    trial_dir = store.trial_dir(run.id, trial.number)
    settings = run.settings
    limit = settings.trial_timeout or None
    budget = settings.time_budget
    if budget is not None:
        left = max(1.0, float(budget) - seconds_spent(run))
        limit = left if limit is None else min(limit, left)
    ctx = TrialContext(number=trial.number, trial_dir=trial_dir, plan=dict(trial.plan),
                       answers=dict(settings.answers),
                       deadline=None if limit is None else time.monotonic() + limit,
                       attempt=trial.attempts + 1)
    previous = ctx.previous_progress()
    ctx.resumed_from = previous
    with store.update(run.id) as record:
        t = record.trial(trial.number)
        t.status = TrialStatus.RUNNING
        t.attempts += 1
        t.started = t.started or now_iso()
        if previous:
            t.epochs_run += int(previous.get("epochs_completed", 0))
            t.fit_seconds += float(previous.get("fit_seconds", 0.0))
            t.seconds += max(0.0, float(previous.get("updated", 0)) - float(previous.get("attempt_started", 0)))
    ctx.progress = {k: previous[k] for k in ("fit", "epoch_started") if k in previous}
    ctx.record_progress(attempt_started=time.time(), updated=time.time(),
                        deadline_epoch=None if limit is None else time.time() + limit)
    return ctx


def _watch(store: RunStore, run_id: str, ctx: TrialContext, worker: str, done: threading.Event) -> None:
    """While a parallel worker's trial runs: stop it when the run no longer needs it.

    Why a thread and not a hook: the trial is inside the user's ``fit()``; moving the
    trial's deadline to now makes the progress callback stop it at its next batch, the same
    way as its own time limit (the trial is recorded timed out, with its value so far).
    """
    while not done.wait(1.0):
        try:
            run = store.load(run_id)
            trial = run.trial(ctx.number)
        except (PipelineError, KeyError):
            continue
        if trial.worker != worker:
            say(f"  trial {ctx.number}: taken over by {trial.worker}; this worker stops without recording")
            sys.stdout.flush()
            os._exit(0)
        why = (f"the run ended ({run.verdict or run.status.value})" if run.status.is_finished()
               else (budget_verdict(run, live_seconds(store, run)) or stop_verdict(run) or None))
        if why is not None and not done.is_set():
            reason = why if isinstance(why, str) else why.reason
            ctx.warnings.append(f"stopped while training: {reason}")
            say(f"  trial {ctx.number}: stopping, {reason}")
            ctx.deadline = time.monotonic() - 1.0
            return


def run_trial(store: RunStore, run: RunRecord, trial: TrialRecord, worker: str | None = None) -> None:
    """Run one trial in this process and record its result (raises UnansweredPrompt).

    ``worker``: this process is one of several holding trials of the run (see :func:`_watch`).
    """
    ctx = _start_attempt(store, run, trial)
    done = threading.Event()
    if worker is not None:
        threading.Thread(target=_watch, args=(store, run.id, ctx, worker, done), daemon=True,
                         name=f"watch-{trial.number}").start()
    kind = kind_of(run)
    workspace = Path(run.source["workspace"])
    script = workspace / str(run.script)
    label = trial.mutation or "baseline: the script as pushed"
    say(f"▶ trial {trial.number} (attempt {ctx.attempt}) · {label}")
    started = time.perf_counter()
    outcome: script_runner.ScriptOutcome | None = None
    activate(ctx)
    try:
        kind.before_trial()
        kind.seed(trial_seed(run, trial))
        if kind.runs_script(ctx.plan):
            outcome = script_runner.run_script(script, workspace, ctx.trial_dir / "log.txt",
                                               run.settings.output_limit)
    finally:
        deactivate()
        done.set()
    with store.update(run.id) as record:
        t = record.trial(trial.number)
        if outcome is not None and isinstance(outcome.error, UnansweredPrompt):
            t.status, t.error = TrialStatus.FAILED, str(outcome.error)
        else:
            kind.finish_trial(store, record, ctx, outcome, t)
        if record.metric is None and t.metric:
            record.metric = t.metric
        t.seconds += time.perf_counter() - started
        t.epochs_run += int(ctx.progress.get("epochs_completed", 0))
        t.epochs_redone += ctx.epochs_redone
        t.warnings.extend(ctx.warnings)
        t.finished = now_iso()
        t.artifacts["log"] = "log.txt"
        shown = f"{t.metric} {t.value:.4f}" if t.value is not None else (t.error or "")
        say(f"■ trial {t.number} {t.status.value} · {shown} · {t.seconds:.1f}s")
    if outcome is not None and isinstance(outcome.error, UnansweredPrompt):
        raise outcome.error


def _announce_batch(run: RunRecord, before: int, parallel: int | None = None) -> None:
    """Say which candidates a strategy just queued (a population's generation), one line each."""
    added = run.trials[before:]
    if len(added) < 2:
        return
    generation = added[0].plan.get("generation")
    label = f"generation {generation}" if generation is not None else "batch"
    how = f"{parallel} at a time" if parallel and parallel > 1 else "run in order"
    say(f"◆ {label}: {len(added)} candidates queued, {how} until one reaches the target")
    for trial in added:
        say(f"  #{trial.number} from trial {trial.parent}: {trial.mutation.split(' — ')[0]}")


def trial_seed(run: RunRecord, trial: TrialRecord) -> int:
    """The seed of one trial: the run's seed (``--seed``, recorded in run.json) plus the trial number.

    Why per trial: the candidates of a batch must be independent draws, yet the same run
    seed must give the same trials again (and the same on a resumed attempt).
    """
    return run.settings.seed + trial.number


def _work_parallel(store: RunStore, run_id: str, worker: str, peers: tuple[str, ...] = ()) -> int:
    """One of N workers: claim, train, record, until the run has its verdict."""
    while True:
        claim = claim_next(store, run_id, worker, peers)
        if claim.verdict is not None:
            if claim.ended:
                say(f"■ run {run_id}: {claim.verdict.reason}")
            return 0
        if claim.trial is None:
            time.sleep(0.5)  # the batch's last candidates still train elsewhere
            continue
        run = store.load(run_id)
        if claim.queued:
            _announce_batch(run, len(run.trials) - claim.queued, parallel=run.settings.parallel)
        say(f"  [{worker}] takes trial {claim.trial.number}")
        run_trial(store, run, run.trial(claim.trial.number), worker)


def _work_one(store: RunStore, run_id: str, number: int, worker: str) -> int:
    """One candidate (a Jenkins branch): train it, and end the run if it met the target."""
    before = store.load(run_id).trial(number).worker
    trial = claim_trial(store, run_id, number, worker)
    if trial is None:
        say(f"trial {number} of run {run_id} is already finished (or the run is): nothing to do")
        return 0
    if before not in (None, worker):
        say(f"trial {number}: taken over from {before} (its branch was lost); resuming from its checkpoint")
        time.sleep(2.0)  # the old holder's watcher (1 s) sees the claim change and stops before we read its files
    run_trial(store, store.load(run_id), trial, worker)
    _record_stop_verdict(store, run_id)
    return 0


def _record_stop_verdict(store: RunStore, run_id: str) -> None:
    """When the trial just run decided the run (target met, script broken), say so in the record."""
    verdict = stop_verdict(store.load(run_id))
    if verdict is not None:
        with store.update(run_id) as record:
            if record.status.is_finished():
                return
            record.status = verdict.status
            record.verdict = record.verdict or verdict.reason
            if verdict.status is RunStatus.FAILED:
                record.error = record.error or verdict.reason


def work(store: RunStore, run_id: str, mode: str, worker: str | None = None, number: int | None = None,
         peers: tuple[str, ...] = ()) -> int:
    """The trial loop; returns the process exit status."""
    run = store.load(run_id)
    fetched = list(run.stages.get("fetch", {}).get("datasets", []))
    install_download_guard(fetched)  # before Keras imports urllib's functions
    _prepare_process(kind_of(run))
    trust_fetched_files(fetched)
    if mode == "trial":
        if number is None or worker is None:
            raise UserInputError("--mode trial needs --trial N and --worker NAME")
        return _work_one(store, run_id, number, worker)
    if worker is not None:
        return _work_parallel(store, run_id, worker, peers)
    while True:
        run = store.load(run_id)
        if run.status.is_finished():
            return 0
        trial = run.unfinished_trial()
        if mode == "loop" and (trial is None or trial.status is TrialStatus.PENDING):
            # Every pending trial passes the verdicts first: a batch ends where the target is met.
            queued = len(run.trials)
            trial, verdict = tweak(store, run_id)
            if verdict is not None:
                say(f"■ run {run_id}: {verdict.reason}")
                return 0
            assert trial is not None
            run = store.load(run_id)
            _announce_batch(run, queued)
        if trial is None:
            return 0
        run_trial(store, run, trial)
        if mode == "baseline":
            # The baseline alone may already decide the run (target met, script broken).
            _record_stop_verdict(store, run_id)
            return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline_lib.runtime.worker")
    parser.add_argument("--runs-dir", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--mode", choices=("baseline", "loop", "trial"), default="loop")
    parser.add_argument("--worker", help="this worker's name when several share the run (claims trials)")
    parser.add_argument("--trial", type=int, help="--mode trial: the one trial to run")
    parser.add_argument("--peers", default="", help="comma-separated names of all the workers of this supervisor")
    args = parser.parse_args(argv)
    store = RunStore(args.runs_dir)
    try:
        return work(store, args.run_id, args.mode, args.worker, args.trial,
                    tuple(p for p in args.peers.split(",") if p))
    except UserInputError as exc:
        with store.update(args.run_id) as record:
            record.status = RunStatus.FAILED
            record.error = str(exc)
        say(f"error: {exc}", err=True)
        return exc.exit_code
    except PipelineError as exc:
        say(f"error: {exc}", err=True)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
