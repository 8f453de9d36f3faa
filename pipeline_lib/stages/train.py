"""Stages 3 and 5, train and retrain: run the worker under the monitor, then conclude.

``train`` runs the baseline (the script exactly as pushed); ``retrain`` runs the tweak/retrain
loop until the target is met or the budget is spent, then writes the report and notifies.
Both go through :func:`pipeline_lib.stages.monitor.supervise`, so a crash is restarted and
resumed in every mode.
"""

from __future__ import annotations

import os

from pipeline_lib.errors import EXIT_CODES, RemoteError
from pipeline_lib.executors import Executor
from pipeline_lib.stages.monitor import supervise
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialStatus

__all__ = ["conclude", "default_parallel", "exit_code_for", "retrain_stage", "send_notification", "train_stage",
           "trial_stage"]


def exit_code_for(run: RunRecord) -> int:
    """0 target met, 3 budget spent, 2 when the pushed script itself is at fault, else 1."""
    if run.status is RunStatus.TARGET_MET:
        return EXIT_CODES["target_met"]
    if run.status is RunStatus.BUDGET_SPENT:
        return EXIT_CODES["budget_spent"]
    if run.status is RunStatus.RUNNING:
        return EXIT_CODES["target_met"]  # stage finished its part; the run goes on
    baseline = run.trials[0] if run.trials else None
    if baseline is not None and baseline.status is TrialStatus.FAILED:
        return EXIT_CODES["bad_input"]
    return EXIT_CODES["failed"]


def _executor(store: RunStore, run_id: str, executor: Executor | None) -> Executor:
    """The given executor, else the one the run's ``executor`` setting chooses (says which and why)."""
    if executor is not None:
        return executor
    from pipeline_lib.containers.choose import choose_executor

    run = store.load(run_id)
    chosen, why = choose_executor(run.settings.executor, run.kind or "none")
    print(f"executor: {why}", flush=True)
    return chosen


def train_stage(store: RunStore, run_id: str, executor: Executor | None = None) -> int:
    """Run the baseline trial (resuming it if it was interrupted)."""
    executor = _executor(store, run_id, executor)
    status = supervise(store, run_id, "baseline", executor, *_restart_policy(store, run_id))
    return status or exit_code_for(store.load(run_id))


def retrain_stage(store: RunStore, run_id: str, executor: Executor | None = None,
                  notify: bool = True) -> int:
    """Loop tweak + retrain to a verdict, then write the report and notify the admin.

    A run the baseline already decided (target met, script broken) starts no worker: that
    would cost a container and a TensorFlow import only to find the run finished.
    """
    status = 0
    if not store.load(run_id).status.is_finished():
        executor = _executor(store, run_id, executor)
        workers = store.load(run_id).settings.parallel or default_parallel(executor)
        if workers > 1:
            print(f"parallel: {workers} workers, each trains one candidate of a batch at a time", flush=True)
        status = supervise(store, run_id, "loop", executor, *_restart_policy(store, run_id), workers=workers)
    run = conclude(store, run_id, notify=notify)
    return exit_code_for(run) if run.status.is_finished() else (status or EXIT_CODES["failed"])


def default_parallel(executor: Executor) -> int:
    """Candidates at once when ``--parallel`` is not given: 1 locally; half the cores in containers.

    Why 1 locally: each worker imports TensorFlow (~6.5 s of CPU) and TensorFlow already uses
    every core, so on a laptop a second worker mostly competes with the first. Sandboxed
    containers on a Docker host are the scale-out case: half the host's cores (1 on 2 cores).
    """
    if executor.name == "docker":
        return max(1, (os.cpu_count() or 1) // 2)
    return 1


def trial_stage(store: RunStore, run_id: str, number: int, worker: str, executor: Executor | None = None) -> int:
    """Train one queued candidate (a Jenkins parallel branch), supervised: a crash resumes it.

    ``worker`` is the branch's claim token: trial ``number`` is taken from any earlier holder
    (a branch lost with its agent), which then stops without recording.
    """
    run = store.load(run_id)
    if run.status.is_finished():
        print(f"run {run_id} is finished ({run.status.value}); trial {number} is not needed", flush=True)
        return 0
    executor = _executor(store, run_id, executor)
    return supervise(store, run_id, "trial", executor, *_restart_policy(store, run_id), worker=worker, trial=number)


def _restart_policy(store: RunStore, run_id: str) -> tuple[int, float]:
    """(max restarts, first backoff seconds) from the run's settings."""
    settings = store.load(run_id).settings
    return settings.max_restarts, settings.restart_backoff


def conclude(store: RunStore, run_id: str, notify: bool = True) -> RunRecord:
    """Hand-back (report/winner/), report (summary.md, plot, junit.xml) and e-mail; idempotent."""
    from pipeline_lib.handback import write_handback
    from pipeline_lib.report import write_report

    run = store.load(run_id)
    run_dir = store.run_dir(run_id)
    if run.status.is_finished():
        write_handback(run, run_dir)
    write_report(run, run_dir)
    if notify and run.status.is_finished():
        run = send_notification(store, run_id)
    return run


def send_notification(store: RunStore, run_id: str) -> RunRecord:
    """E-mail the admin the report of a finished run (``report/`` must be written) and record it.

    Why apart from :func:`conclude`: on Jenkins the SMTP login is bound only around this step,
    which runs in the trusted tools container, never around the stages that start training
    (``mlops stage retrain --no-notify`` then ``mlops notify``).
    """
    from pipeline_lib.notify import SmtpSettings
    from pipeline_lib.notify import notify as send

    run = store.load(run_id)
    run_dir = store.run_dir(run_id)
    try:
        result = send(run, run_dir, SmtpSettings.from_env(os.environ))
        outcome = {"sent": result.sent, "detail": result.detail, "recipients": list(result.recipients),
                   "path": str(result.path) if result.path else None}
    except RemoteError as exc:
        # The verdict stands; the message is already saved to report/notification.eml.
        outcome = {"sent": False, "detail": f"FAILED: {exc}", "recipients": [],
                   "path": str(run_dir / "report" / "notification.eml")}
    with store.update(run_id) as record:
        record.notification = outcome
        run = record
    print(f"notify: {outcome['detail']}", flush=True)
    return run
