"""The worker's resume bookkeeping, without training: what a restarted attempt folds in from the last one."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pipeline_lib.runtime import worker
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus


@pytest.fixture()
def store(tmp_path: Path) -> RunStore:
    return RunStore(tmp_path / "runs")


def _run(store: RunStore, *trials: TrialRecord, **config: object) -> RunRecord:
    return store.create(RunRecord(id="r1", kind="none", config={"trial_timeout": 1800.0, "time_budget": None, **config},
                                  trials=list(trials)))


def _progress(store: RunStore, number: int, **values: object) -> None:
    folder = store.trial_dir("r1", number)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "progress.json").write_text(json.dumps(values), "utf-8")


def test_a_first_attempt_starts_the_trial_and_writes_its_progress(store: RunStore) -> None:
    run = _run(store, TrialRecord(number=1))
    before = time.time()
    ctx = worker._start_attempt(store, run, run.trials[0])
    trial = store.load("r1").trial(1)
    assert (trial.status, trial.attempts, trial.epochs_run, trial.seconds) == (TrialStatus.RUNNING, 1, 0, 0.0)
    assert trial.started and ctx.attempt == 1 and ctx.resumed_from == {}
    written = json.loads((store.trial_dir("r1", 1) / "progress.json").read_text("utf-8"))
    assert written["attempt"] == 1 and before <= written["attempt_started"] <= time.time()
    assert written["deadline_epoch"] == pytest.approx(before + 1800.0, abs=5)


def test_a_restarted_attempt_folds_in_what_the_crashed_one_did(store: RunStore) -> None:
    crashed = TrialRecord(number=2, status=TrialStatus.RUNNING, attempts=1, epochs_run=1, fit_seconds=1.0,
                          seconds=4.0, started="2026-01-01T00:00:00+00:00", plan={"epochs": 9})
    run = _run(store, TrialRecord(number=1, status=TrialStatus.COMPLETED, seconds=10.0), crashed)
    _progress(store, 2, attempt=1, epochs_completed=3, fit_seconds=2.5, attempt_started=100.0, updated=112.0,
              fit=0, epoch_started=3)
    ctx = worker._start_attempt(store, run, crashed)
    trial = store.load("r1").trial(2)
    assert (trial.attempts, trial.epochs_run, trial.fit_seconds, trial.seconds) == (2, 4, 3.5, 16.0)
    assert trial.started == "2026-01-01T00:00:00+00:00", "the first start is kept"
    assert ctx.attempt == 2 and ctx.plan == {"epochs": 9} and ctx.resumed_from["epochs_completed"] == 3
    assert {k: ctx.progress[k] for k in ("fit", "epoch_started", "attempt")} == {"fit": 0, "epoch_started": 3,
                                                                                 "attempt": 2}
    assert "epochs_completed" not in ctx.progress, "the new attempt counts its own epochs"


def test_progress_already_folded_in_is_not_counted_twice(store: RunStore) -> None:
    trial = TrialRecord(number=1, status=TrialStatus.RUNNING, attempts=1, epochs_run=3)
    run = _run(store, trial)
    _progress(store, 1, attempt=2, epochs_completed=3, attempt_started=0.0, updated=50.0)  # written by attempt 2
    ctx = worker._start_attempt(store, run, trial)
    assert ctx.resumed_from == {} and store.load("r1").trial(1).epochs_run == 3


def test_an_unreadable_progress_file_is_a_fresh_start(store: RunStore) -> None:
    trial = TrialRecord(number=1, status=TrialStatus.RUNNING, attempts=1)
    run = _run(store, trial)
    _progress(store, 1)
    (store.trial_dir("r1", 1) / "progress.json").write_text("{half", "utf-8")
    assert worker._start_attempt(store, run, trial).resumed_from == {}
    assert store.load("r1").trial(1).attempts == 2


@pytest.mark.parametrize(("spent", "left"), [(95.0, 5.0), (100.0, 1.0), (0.0, 60.0)])
def test_the_deadline_is_the_trial_timeout_or_what_the_time_budget_leaves(store: RunStore, spent: float,
                                                                           left: float) -> None:
    run = _run(store, TrialRecord(number=1, status=TrialStatus.COMPLETED, seconds=spent), TrialRecord(number=2),
               time_budget=100.0, trial_timeout=60.0)
    ctx = worker._start_attempt(store, run, run.trials[1])
    assert ctx.deadline is not None and ctx.deadline - time.monotonic() == pytest.approx(left, abs=1)


def test_a_finished_run_makes_the_worker_stop_without_touching_a_trial(store: RunStore) -> None:
    _run(store, TrialRecord(number=1, status=TrialStatus.PENDING))
    with store.update("r1") as record:
        record.status = RunStatus.BUDGET_SPENT
    assert worker.work(store, "r1", "loop") == 0
    assert store.load("r1").trial(1).status is TrialStatus.PENDING and store.load("r1").trial(1).attempts == 0


def test_a_crashed_attempts_seconds_up_to_its_last_epoch_reach_the_budget(store: RunStore) -> None:
    # The attempt's progress is written at each epoch; its `updated` stamp is what the restart counts.
    trial = TrialRecord(number=1)
    run = _run(store, trial)
    ctx = worker._start_attempt(store, run, run.trials[0])
    time.sleep(0.3)
    ctx.record_progress(epochs_completed=1)  # what the Keras hooks write at an epoch's end; then the worker dies
    restarted = store.load("r1")
    worker._start_attempt(store, restarted, restarted.trial(1))
    assert store.load("r1").trial(1).seconds >= 0.3
