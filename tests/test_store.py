"""The run store: atomic records, locking, resume-relevant invariants."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from pipeline_lib.errors import UserInputError
from pipeline_lib.store import (best_trial, RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus,
                                atomic_write_json)


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    run = RunRecord(id="r1", target=0.9, kind="cnn", config={"max_trials": 4})
    run.trials.append(TrialRecord(number=1, status=TrialStatus.COMPLETED, value=0.7, mutation="",
                                  epochs_run=5, seconds=1.5, warnings=["w"]))
    store.create(run)
    loaded = store.load("r1")
    assert loaded.to_dict() == run.to_dict()
    data = json.loads((tmp_path / "r1" / "run.json").read_text())
    for key in ("id", "status", "target", "metric", "restarts", "best", "trials"):
        assert key in data
    for key in ("number", "status", "mutation", "value", "seconds", "epochs_run"):
        assert key in data["trials"][0]


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.create(RunRecord(id="r1"))
    with pytest.raises(UserInputError, match="already exists"):
        store.create(RunRecord(id="r1"))


def test_best_is_the_best_trial_with_a_model_not_the_last(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.create(RunRecord(id="r1"))
    with store.update("r1") as run:
        run.trials += [TrialRecord(1, TrialStatus.COMPLETED, value=0.6),
                       TrialRecord(2, TrialStatus.COMPLETED, value=0.75),
                       TrialRecord(3, TrialStatus.FAILED, value=0.9),
                       TrialRecord(4, TrialStatus.COMPLETED, value=0.7)]
    assert store.load("r1").best == {"trial": 2, "value": 0.75}
    with store.update("r1") as run:  # stopped at the time budget: its model and value are real
        run.trials.append(TrialRecord(5, TrialStatus.TIMED_OUT, value=0.8))
    assert store.load("r1").best == {"trial": 5, "value": 0.8}


def test_status_enums_know_when_they_are_finished() -> None:
    assert not TrialStatus.PENDING.is_finished() and not TrialStatus.RUNNING.is_finished()
    assert all(s.is_finished() for s in (TrialStatus.COMPLETED, TrialStatus.FAILED,
                                         TrialStatus.TIMED_OUT, TrialStatus.INVALID))
    assert not RunStatus.RUNNING.is_finished() and RunStatus.BUDGET_SPENT.is_finished()


def test_unfinished_trial_is_what_a_resume_runs_next() -> None:
    run = RunRecord(id="r", trials=[TrialRecord(1, TrialStatus.COMPLETED), TrialRecord(2, TrialStatus.RUNNING)])
    assert run.unfinished_trial() is run.trials[1]
    run.trials[1].status = TrialStatus.FAILED
    assert run.unfinished_trial() is None


def test_corrupt_record_names_file_and_line(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "run.json").write_text('{\n  "id": "bad",\n  oops\n}')
    with pytest.raises(UserInputError, match=r"run.json:3"):
        store.load("bad")


def test_invalid_run_id_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="invalid run id"):
        RunStore(tmp_path).run_dir("../etc")


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    atomic_write_json(target, {"x": 1})
    atomic_write_json(target, {"x": 2})
    assert json.loads(target.read_text()) == {"x": 2}
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


def _bump(root: str) -> None:
    store = RunStore(root)
    for _ in range(50):
        with store.update("r1") as run:
            run.restarts += 1


def test_concurrent_updates_from_two_processes_lose_nothing(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.create(RunRecord(id="r1"))
    procs = [multiprocessing.Process(target=_bump, args=(str(tmp_path),)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert store.load("r1").restarts == 100


def test_the_verdict_is_a_field_and_an_old_run_json_keeps_its_verdict(tmp_path: Path) -> None:
    old = {"id": "r1", "status": "budget_spent",
           "stages": {"retrain": {"verdict": "budget spent: 4 of 4 trials run", "seconds": 9.5}, "sandbox": {}}}
    run = RunRecord.from_dict(old)
    assert run.verdict == "budget spent: 4 of 4 trials run"
    assert run.stages == {"retrain": {"seconds": 9.5}, "sandbox": {}}, "the verdict is not kept twice"
    assert old["stages"]["retrain"]["verdict"], "the loaded dict is not modified"
    assert RunRecord.from_dict({"id": "r2", "stages": {"retrain": {"verdict": "x"}}}).stages == {}
    again = RunRecord.from_dict(json.loads(json.dumps(run.to_dict())))
    assert again.to_dict()["verdict"] == "budget spent: 4 of 4 trials run" and "verdict" not in again.stages["retrain"]
    assert RunRecord(id="r3").verdict is None


def test_one_best_trial_rule_highest_value_earliest_on_a_tie() -> None:
    trials = [TrialRecord(1, TrialStatus.COMPLETED, value=0.7),
              TrialRecord(2, TrialStatus.COMPLETED, value=0.8, architecture={"layers": []}),
              TrialRecord(3, TrialStatus.COMPLETED, value=0.8),
              TrialRecord(4, TrialStatus.TIMED_OUT, value=0.9),
              TrialRecord(5, TrialStatus.FAILED, value=None)]
    assert best_trial(trials).number == 2                      # the tie goes to the earlier trial
    assert best_trial(trials, (TrialStatus.COMPLETED, TrialStatus.TIMED_OUT)).number == 4
    assert best_trial(trials[2:3] + trials[1:2], with_architecture=True).number == 2
    assert best_trial(trials[2:3], with_architecture=True) is None
    assert best_trial([]) is None
