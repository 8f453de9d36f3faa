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
from pipeline_lib.executors import Executor, Handle, LocalExecutor, RunSpec
from pipeline_lib.redaction import scrub_run_dir
from pipeline_lib.store import RunStatus, RunStore, TrialStatus, atomic_write_json, now_iso

__all__ = ["supervise", "worker_alive", "worker_spec"]

_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])


def worker_spec(store: RunStore, run_id: str, mode: str, worker: str | None = None,
                trial: int | None = None, peers: tuple[str, ...] = ()) -> RunSpec:
    """The RunSpec that starts the worker for ``run_id`` (pure data).

    Optional run settings ``memory`` ("4g"), ``pids``, ``file_size``, ``output_limit`` and
    ``tmp_size`` (bytes) override the executor's default limits. ``worker`` names one of
    several workers of the run (label ``mlops.worker``: an executor replaces a leftover of
    that worker only, never its siblings); ``trial`` is the one trial of ``--mode trial``.
    """
    python_path = os.pathsep.join(p for p in (_PROJECT_ROOT, os.environ.get("PYTHONPATH")) if p)
    settings = store.load(run_id).settings
    extra: tuple[str, ...] = ("--worker", worker) if worker else ()
    extra += ("--trial", str(trial)) if trial is not None else ()
    extra += ("--peers", ",".join(peers)) if peers else ()
    labels = {"mlops.run": run_id, "mlops.stage": "train" if mode == "baseline" else "retrain"}
    if worker:
        labels["mlops.worker"] = f"{run_id}.{worker}"
    return RunSpec(
        command=(sys.executable, "-m", "pipeline_lib.runtime.worker", "--runs-dir", str(store.root),
                 "--run-id", run_id, "--mode", mode, *extra),
        env={"PYTHONUNBUFFERED": "1", "TF_CPP_MIN_LOG_LEVEL": "2", "MPLBACKEND": "Agg",
             "PYTHONPATH": python_path},
        workdir=str(store.run_dir(run_id)),
        labels=labels,
        memory=settings.memory, pids=settings.pids, file_size=settings.file_size,
        output_limit=settings.output_limit, tmp_size=settings.tmp_size,
    )


def _overran(store: RunStore, run_id: str, worker: str | None = None, since: float = 0.0) -> int | None:
    """The number of the running trial (``worker``'s) if it is past its deadline plus the grace period.

    Only a deadline the current worker wrote counts (progress.json newer than ``since``, when it was
    started): a trial taken over minutes after its holder was lost still carries the old deadline.
    """
    run = store.load(run_id)
    trial = (run.unfinished_trial() if worker is None
             else next((t for t in run.trials if t.status is TrialStatus.RUNNING and t.worker == worker), None))
    if trial is None or trial.status is not TrialStatus.RUNNING:
        return None
    path = store.trial_dir(run_id, trial.number) / "progress.json"
    try:
        if path.stat().st_mtime < since:
            return None
        progress = json.loads(path.read_text())
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


def _worker_names(mode: str, workers: int, worker: str | None) -> list[str | None]:
    """One unnamed worker (the classic run), ``w1``..``wN`` for ``--parallel N``, or the given one."""
    if worker is not None:
        return [worker]
    return [f"w{i}" for i in range(1, workers + 1)] if workers > 1 and mode == "loop" else [None]


def supervise(store: RunStore, run_id: str, mode: str, executor: Executor | None = None,
              max_restarts: int = 3, backoff: float = 1.0, *, workers: int = 1, worker: str | None = None,
              trial: int | None = None) -> int:
    """Run the worker(s) until they stop on purpose; restart one after it crashed, the others go on.

    Args:
        workers: how many workers train candidates of the loop at once (``--parallel``).
        worker, trial: ``--mode trial``: the worker's name (its claim token) and its one trial.

    Returns:
        The workers' final exit status (0 when they stopped on purpose; else the worst one).
    """
    executor = executor or LocalExecutor()
    names = _worker_names(mode, workers, worker)
    peers = tuple(n for n in names if n) if mode == "loop" else ()
    # A pushed requirements.txt: installed (cached) before the sandboxes start; the only network step.
    executor, prepared = prepare_requirements(
        store, run_id, executor, [worker_spec(store, run_id, mode, name, trial, peers) for name in names])
    specs = dict(zip(names, prepared))
    handles: dict[str | None, Handle] = {}
    started: dict[str | None, float] = {}
    restart_at: dict[str | None, float] = {}
    statuses: dict[str | None, int] = {}
    crashes = 0
    shown = False

    def start(name: str | None) -> None:
        nonlocal shown
        measures = _record_measures(store, run_id, executor, specs[name])
        started[name] = time.time()
        handles[name] = executor.start(specs[name])
        for what, state in measures.items() if not shown else ():
            say(f"sandbox: {what}: {state}")
        shown = True
        idents = {str(n or "worker"): h.ident for n, h in handles.items()}
        atomic_write_json(store.run_dir(run_id) / "worker.json",
                          {"executor": executor.name, "id": handles[name].ident, "workers": idents,
                           "host": socket.gethostname(),
                           "supervisor": os.getpid(), "mode": mode, "started": now_iso()})

    for name in names:
        start(name)
    while handles or restart_at:
        for name, when in list(restart_at.items()):
            if time.monotonic() >= when:
                del restart_at[name]
                start(name)
        for name, handle in list(handles.items()):
            status = handle.wait(timeout=1.0 / len(names))
            if status is None:
                killed_trial = _overran(store, run_id, name, started[name])
                if killed_trial is None:
                    continue
                handle.kill()
                handle.wait()
                del handles[name]
                if not handles:
                    scrub_run_dir(store.run_dir(run_id))
                _mark_timed_out(store, run_id, killed_trial)
                say(f"monitor: trial {killed_trial} overran its time limit and was stopped")
                start(name)
                continue
            del handles[name]
            if not handles:
                scrub_run_dir(store.run_dir(run_id))
            if status in (0, 2) or store.load(run_id).status.is_finished() or _taken_over(store, run_id, trial, name):
                statuses[name] = int(status)
                continue
            crashes += 1
            cause = handle.reason or (f"killed by signal {-status}" if status < 0 else f"exit status {status}")
            if crashes > max_restarts:
                for other in handles.values():
                    other.kill()
                    other.wait()
                scrub_run_dir(store.run_dir(run_id))
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
                events.append({"at": now_iso(), "cause": cause, "restart": crashes,
                               **({"worker": name} if name else {})})
            who = f"worker {name}" if name else "worker"
            say(f"monitor: {who} {cause}; restart {crashes}/{max_restarts} in {delay:.0f}s "
                "(training resumes from its checkpoint)" + (", the other workers go on" if len(names) > 1 else ""))
            if len(names) == 1:
                time.sleep(delay)
                start(name)
            else:
                restart_at[name] = time.monotonic() + delay
    return max(statuses.values(), key=lambda c: (c != 0, c)) if statuses else 0


def _taken_over(store: RunStore, run_id: str, trial: int | None, name: str | None) -> bool:
    """True when ``name``'s one trial is now held by another worker (a re-queued Jenkins branch)."""
    if trial is None or name is None:
        return False
    held = store.load(run_id).trial(trial)
    return held.worker not in (None, name) or held.status.is_finished()
