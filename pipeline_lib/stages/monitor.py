"""Stage 6, monitor: supervise the training worker; restart it after a crash.

The worker resumes on its own (it reloads the store and Keras restores the checkpoint), so
the monitor only has to notice an abnormal exit, count it, wait a little and start the same
spec again — bounded, with exponential backoff. A trial that overruns its time limit by more
than a grace period is killed and marked timed out; that is not a crash and not retried.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from pathlib import Path

from pipeline_lib.console import say
from pipeline_lib.containers.requirements import prepare_requirements
from pipeline_lib.executors import Executor, LocalExecutor, RunSpec
from pipeline_lib.redaction import scrub_run_dir
from pipeline_lib.store import RunStatus, RunStore, TrialStatus, atomic_write_json, now_iso

__all__ = ["supervise", "worker_alive", "worker_spec"]

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])


def worker_spec(store: RunStore, run_id: str, mode: str) -> RunSpec:
    """The RunSpec that starts the worker for ``run_id`` (pure data).

    Optional run settings ``memory`` ("4g"), ``pids``, ``file_size``, ``output_limit`` and
    ``tmp_size`` (bytes) override the executor's default limits.
    """
    python_path = os.pathsep.join(p for p in (_PROJECT_ROOT, os.environ.get("PYTHONPATH")) if p)
    settings = store.load(run_id).settings
    return RunSpec(
        command=(sys.executable, "-m", "pipeline_lib.runtime.worker", "--runs-dir", str(store.root),
                 "--run-id", run_id, "--mode", mode),
        env={"PYTHONUNBUFFERED": "1", "TF_CPP_MIN_LOG_LEVEL": "2", "MPLBACKEND": "Agg",
             "PYTHONPATH": python_path},
        workdir=str(store.run_dir(run_id)),
        labels={"mlops.run": run_id, "mlops.stage": "train" if mode == "baseline" else "retrain"},
        memory=settings.memory, pids=settings.pids, file_size=settings.file_size,
        output_limit=settings.output_limit, tmp_size=settings.tmp_size,
    )


def _overran(store: RunStore, run_id: str) -> int | None:
    """The number of the running trial if it is past its deadline plus the grace period."""
    run = store.load(run_id)
    trial = run.unfinished_trial()
    if trial is None or trial.status is not TrialStatus.RUNNING:
        return None
    try:
        progress = json.loads((store.trial_dir(run_id, trial.number) / "progress.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    deadline = progress.get("deadline_epoch")
    return trial.number if deadline and time.time() > float(deadline) + run.settings.timeout_grace else None


def _mark_timed_out(store: RunStore, run_id: str, number: int) -> None:
    with store.update(run_id) as record:
        trial = record.trial(number)
        trial.status = TrialStatus.TIMED_OUT
        trial.error = (f"killed: the trial ran more than {record.settings.timeout_grace:.0f}s past its time limit "
                       "outside fit() (a loop that never ends?)")
        trial.finished = now_iso()


def _pid_alive(pid: object) -> bool:
    try:
        os.kill(int(str(pid)), 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def worker_alive(store: RunStore, run_id: str) -> bool:
    """True when the run's worker or its supervisor still lives (what `mlops monitor` checks).

    A live supervisor will restart its worker itself, so the monitor job must not start a
    second one.
    """
    try:
        info = json.loads((store.run_dir(run_id) / "worker.json").read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    same_host = info.get("host") == socket.gethostname()
    if info.get("executor") == "docker":
        from pipeline_lib.executors.docker import container_alive

        return container_alive(run_id) or (same_host and _pid_alive(info.get("supervisor")))
    if info.get("executor") != "local" or not same_host:
        return False
    return _pid_alive(info.get("id")) or _pid_alive(info.get("supervisor"))


def _record_measures(store: RunStore, run_id: str, executor: Executor, spec: RunSpec) -> dict[str, str]:
    """Write the executor's isolation measures into the run record before the worker starts."""
    measures = executor.measures(spec)
    with store.update(run_id) as record:
        record.stages["sandbox"] = {"executor": executor.name, "measures": measures}
    return measures


def supervise(store: RunStore, run_id: str, mode: str, executor: Executor | None = None,
              max_restarts: int = 3, backoff: float = 1.0) -> int:
    """Run the worker until it stops on purpose; restart it after crashes.

    Returns:
        The worker's final exit status (0 when it stopped on purpose).
    """
    executor = executor or LocalExecutor()
    spec = worker_spec(store, run_id, mode)
    # A pushed requirements.txt: installed (cached) before the sandbox starts; the only network step.
    executor, spec = prepare_requirements(store, run_id, executor, spec)
    crashes = 0
    shown = False
    while True:
        measures = _record_measures(store, run_id, executor, spec)
        handle = executor.start(spec)
        for name, state in measures.items() if not shown else ():
            say(f"sandbox: {name}: {state}")
        shown = True
        atomic_write_json(store.run_dir(run_id) / "worker.json",
                          {"executor": executor.name, "id": handle.ident, "host": socket.gethostname(),
                           "supervisor": os.getpid(),
                           "mode": mode, "started": now_iso()})
        status: int | None = None
        killed_trial: int | None = None
        while status is None:
            status = handle.wait(timeout=1.0)
            if status is None:
                killed_trial = _overran(store, run_id)
                if killed_trial is not None:
                    handle.kill()
                    status = handle.wait()
        scrub_run_dir(store.run_dir(run_id))
        if killed_trial is not None:
            _mark_timed_out(store, run_id, killed_trial)
            say(f"monitor: trial {killed_trial} overran its time limit and was stopped")
            continue
        if status in (0, 2) or store.load(run_id).status.is_finished():
            return int(status)
        crashes += 1
        cause = handle.reason or (f"killed by signal {-status}" if status < 0 else f"exit status {status}")
        if crashes > max_restarts:
            with store.update(run_id) as record:
                record.status = RunStatus.FAILED
                record.error = (f"training crashed {crashes} times (last: {cause}); "
                                f"gave up after {max_restarts} restarts — see trials/*/log.txt")
            say(f"monitor: worker {cause}; giving up after {max_restarts} restarts")
            return 1
        delay = backoff * 2 ** (crashes - 1)
        with store.update(run_id) as record:
            record.restarts += 1
            events = record.stages.setdefault("monitor", {}).setdefault("events", [])
            events.append({"at": now_iso(), "cause": cause, "restart": crashes})
        say(f"monitor: worker {cause}; restart {crashes}/{max_restarts} in {delay:.0f}s "
              "(training resumes from its checkpoint)")
        time.sleep(delay)
