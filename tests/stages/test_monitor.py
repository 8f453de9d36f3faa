"""The monitor's restart policy, with real processes that crash (no TensorFlow needed)."""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from pipeline_lib.executors import LocalExecutor, RunSpec
from pipeline_lib.executors.local import LocalHandle
from pipeline_lib.stages.monitor import supervise, worker_alive, worker_spec
from pipeline_lib.store import RunRecord, RunStatus, RunStore


class ScriptedExecutor(LocalExecutor):
    """Runs a given Python snippet instead of the worker: the n-th start runs codes[n]."""

    def __init__(self, snippets: list[str]) -> None:
        self.snippets = snippets
        self.starts = 0

    def start(self, spec: RunSpec) -> LocalHandle:
        snippet = self.snippets[min(self.starts, len(self.snippets) - 1)]
        self.starts += 1
        return super().start(replace(spec, command=(sys.executable, "-c", snippet)))


CRASH = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"


def _store(tmp_path: Path) -> RunStore:
    store = RunStore(tmp_path)
    store.create(RunRecord(id="r1"))
    return store


def test_worker_spec_is_pure_data(tmp_path: Path) -> None:
    spec = worker_spec(_store(tmp_path), "r1", "loop")
    assert spec.command[1:4] == ("-m", "pipeline_lib.runtime.worker", "--runs-dir")
    assert spec.labels == {"mlops.run": "r1", "mlops.stage": "retrain"}
    assert spec.env["MPLBACKEND"] == "Agg" and spec.image is None


def test_crashes_are_restarted_with_backoff_then_succeed(tmp_path: Path) -> None:
    store = _store(tmp_path)
    executor = ScriptedExecutor([CRASH, "raise SystemExit(7)", "pass"])
    started = time.monotonic()
    assert supervise(store, "r1", "loop", executor, max_restarts=3, backoff=0.2) == 0
    assert executor.starts == 3
    assert time.monotonic() - started >= 0.2 + 0.4  # exponential backoff: 0.2 s then 0.4 s
    run = store.load("r1")
    assert run.restarts == 2
    causes = [e["cause"] for e in run.stages["monitor"]["events"]]
    assert causes == ["killed by signal 9", "exit status 7"]


def test_restarts_are_bounded_and_the_run_fails_with_a_reason(tmp_path: Path) -> None:
    store = _store(tmp_path)
    executor = ScriptedExecutor([CRASH])
    assert supervise(store, "r1", "loop", executor, max_restarts=2, backoff=0.01) == 1
    run = store.load("r1")
    assert executor.starts == 3 and run.restarts == 2
    assert run.status is RunStatus.FAILED and "crashed 3 times" in (run.error or "")


def test_bad_input_exit_is_not_retried(tmp_path: Path) -> None:
    store = _store(tmp_path)
    executor = ScriptedExecutor(["raise SystemExit(2)"])
    assert supervise(store, "r1", "loop", executor, backoff=0.01) == 2
    assert executor.starts == 1 and store.load("r1").restarts == 0


def test_worker_alive_sees_the_recorded_process(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert not worker_alive(store, "r1")
    supervise(store, "r1", "loop", ScriptedExecutor(["pass"]), backoff=0.01)
    # The worker has exited, but the supervisor recorded there (this test process) still lives.
    assert worker_alive(store, "r1")
