"""The training worker: one process per run that imports TensorFlow once and runs every trial.

Started by the monitor (``pipeline_lib.stages.monitor``) through an executor, locally or in a
container. It reloads the store on start, so after a crash it resumes the unfinished trial
(from its Keras checkpoint) and never re-runs a finished one.

Exit status: 0 when it stopped on purpose (verdict reached, or baseline done in
``--mode baseline``), 2 for bad user input (an unanswered prompt), anything else is a crash
and the monitor restarts it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pipeline_lib.console import say
from pipeline_lib.errors import PipelineError, UserInputError
from pipeline_lib.kinds import ModelKind, kind_of
from pipeline_lib.runtime import script as script_runner
from pipeline_lib.runtime.context import TrialContext, UnansweredPrompt, activate, deactivate
from pipeline_lib.runtime.downloads import install_download_guard, trust_fetched_files
from pipeline_lib.loop import seconds_spent, stop_verdict, tweak
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


def run_trial(store: RunStore, run: RunRecord, trial: TrialRecord) -> None:
    """Run one trial in this process and record its result (raises UnansweredPrompt)."""
    ctx = _start_attempt(store, run, trial)
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


def _announce_batch(run: RunRecord, before: int) -> None:
    """Say which candidates a strategy just queued (a population's generation), one line each."""
    added = run.trials[before:]
    if len(added) < 2:
        return
    generation = added[0].plan.get("generation")
    label = f"generation {generation}" if generation is not None else "batch"
    say(f"◆ {label}: {len(added)} candidates queued, run in order until one reaches the target")
    for trial in added:
        say(f"  #{trial.number} from trial {trial.parent}: {trial.mutation.split(' — ')[0]}")


def trial_seed(run: RunRecord, trial: TrialRecord) -> int:
    """The seed of one trial: the run's seed (``--seed``, recorded in run.json) plus the trial number.

    Why per trial: the candidates of a batch must be independent draws, yet the same run
    seed must give the same trials again (and the same on a resumed attempt).
    """
    return run.settings.seed + trial.number


def work(store: RunStore, run_id: str, mode: str) -> int:
    """The trial loop; returns the process exit status."""
    run = store.load(run_id)
    fetched = list(run.stages.get("fetch", {}).get("datasets", []))
    install_download_guard(fetched)  # before Keras imports urllib's functions
    _prepare_process(kind_of(run))
    trust_fetched_files(fetched)
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
            verdict = stop_verdict(store.load(run_id))
            if verdict is not None:
                with store.update(run_id) as record:
                    record.status = verdict.status
                    if verdict.status is RunStatus.FAILED:
                        record.error = record.error or verdict.reason
            return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline_lib.runtime.worker")
    parser.add_argument("--runs-dir", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--mode", choices=("baseline", "loop"), default="loop")
    args = parser.parse_args(argv)
    store = RunStore(args.runs_dir)
    try:
        return work(store, args.run_id, args.mode)
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
