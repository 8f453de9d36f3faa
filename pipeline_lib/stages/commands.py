"""What ``mlops stage NAME`` does for each stage: the handlers the stage declaration names.

Why here and not in the CLI: the declaration (:mod:`pipeline_lib.stages.declaration`) is the one
source of the stage list, so each :class:`~pipeline_lib.stages.declaration.StageSpec` carries its
handler and the CLI only looks the stage up, with no if-chain on stage names. Each handler imports
its stage module when called, so reading the declaration (the Jenkins renderer, ``mlops --help``)
stays cheap.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline_lib.console import say
from pipeline_lib.errors import UserInputError
from pipeline_lib.store import RunStore

__all__ = ["StageRequest", "detect_command", "fetch_command", "monitor_command", "retrain_command",
           "train_command", "tweak_command", "watch_run"]


@dataclass(frozen=True)
class StageRequest:
    """One ``mlops stage`` call: the store, the run and the options the stage may use.

    Attributes:
        store: where runs live.
        run_id: the run given on the command line (None: ``$MLOPS_RUN_ID``, else the latest).
        settings: the run settings, computed only by the stage that creates the run (fetch).
        source, ref, script: fetch's source, git ref and script.
        notify: whether retrain/monitor may send the e-mail.
        watch: monitor: supervise until the run ends.
        trial, worker: retrain: train only queued trial ``trial``, claimed as ``worker``.
        queue_file: tweak: where to write the numbers of the queued trials (for the Jenkinsfile's fan-out).
    """

    store: RunStore
    run_id: str | None = None
    settings: Callable[[], dict[str, Any]] = field(default=dict)
    source: str | None = None
    ref: str | None = None
    script: str | None = None
    notify: bool = True
    watch: bool = False
    trial: int | None = None
    worker: str | None = None
    queue_file: str | None = None

    def existing_run(self) -> str:
        """The run this stage works on: the given id, ``$MLOPS_RUN_ID``, else the one fetch made last."""
        from pipeline_lib.stages.fetch import latest_run_id

        return self.run_id or os.environ.get("MLOPS_RUN_ID") or latest_run_id(self.store)


def fetch_command(request: StageRequest) -> int:
    """Create the run from ``--source`` and print its id (the next jobs read it)."""
    from pipeline_lib.stages.fetch import fetch

    if not request.source:
        raise UserInputError("mlops stage fetch needs --source")
    run = fetch(request.store, request.source, ref=request.ref, run_id=request.run_id,
                config=request.settings(), script=request.script)
    say(run.id)
    return 0


def detect_command(request: StageRequest) -> int:
    from pipeline_lib.stages.detect import detect_stage

    run = detect_stage(request.store, request.existing_run())
    say(f"{run.script}: {run.kind} → {run.image}")
    return 0


def train_command(request: StageRequest) -> int:
    from pipeline_lib.stages.train import train_stage

    return train_stage(request.store, request.existing_run())


def tweak_command(request: StageRequest) -> int:
    from pipeline_lib.stages.train import exit_code_for
    from pipeline_lib.loop import tweak

    run_id = request.existing_run()
    trial, verdict = tweak(request.store, run_id)
    run = request.store.load(run_id)
    if request.queue_file:
        # What the Jenkinsfile fans out: every queued or interrupted trial, one parallel branch each.
        queued = [str(t.number) for t in run.trials if not t.status.is_finished()]
        Path(request.queue_file).write_text(" ".join(queued) + "\n", encoding="utf-8")
    if verdict is not None:
        say(verdict.reason)
        return exit_code_for(run)
    say(f"trial {trial.number}: {trial.mutation or 'baseline'}" if trial else "nothing to do")
    return 0


def retrain_command(request: StageRequest) -> int:
    from pipeline_lib.stages.train import retrain_stage, trial_stage

    if request.trial is not None:
        worker = request.worker or f"{socket.gethostname()}-{os.getpid()}"
        return trial_stage(request.store, request.existing_run(), request.trial, worker)
    return retrain_stage(request.store, request.existing_run(), notify=request.notify)


def monitor_command(request: StageRequest) -> int:
    return watch_run(request.store, request.existing_run(), request.watch, notify=request.notify)


def watch_run(store: RunStore, run_id: str, watch: bool, notify: bool = True) -> int:
    """One look (or, with ``watch``, until the run ends): restart a dead, unfinished run."""
    from pipeline_lib.stages.monitor import worker_alive
    from pipeline_lib.stages.train import retrain_stage

    while True:
        run = store.load(run_id)
        if run.status.is_finished():
            # Nothing to supervise: not an error, or a periodic monitor job would go red every tick.
            say(f"monitor: run {run_id} is finished ({run.status.value}); nothing to do")
            return 0
        if not worker_alive(store, run_id):
            say(f"monitor: no live worker for unfinished run {run_id}; restarting (resumes from checkpoint)")
            with store.update(run_id) as record:
                record.restarts += 1
            return retrain_stage(store, run_id, notify=notify)
        if not watch:
            say(f"monitor: run {run_id} is training (worker alive)")
            return 0
        time.sleep(2.0)
