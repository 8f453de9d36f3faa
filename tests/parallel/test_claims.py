"""Claims of parallel workers on one run, without training: who gets which trial, and when the run ends.

The concurrency test is real: several processes claim and finish trials of one run.json at once
through the store's lock, and no trial is run twice or lost.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from pipeline_lib.loop import claim_next, claim_trial, live_seconds
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus, atomic_write_json


@pytest.fixture()
def store(tmp_path: Path) -> RunStore:
    return RunStore(tmp_path / "runs")


def _run(store: RunStore, pending: int, **config: object) -> RunRecord:
    baseline = TrialRecord(number=1, status=TrialStatus.COMPLETED, value=0.5, seconds=1.0)
    queued = [TrialRecord(number=n, parent=1, mutation=f"candidate {n}") for n in range(2, 2 + pending)]
    return store.create(RunRecord(id="r1", kind="ann", target=0.9, trials=[baseline, *queued],
                                  config={"time_budget": None, **config}))


def _finish(store: RunStore, number: int, value: float, seconds: float = 1.0) -> None:
    with store.update("r1") as record:
        trial = record.trial(number)
        trial.status, trial.value, trial.seconds = TrialStatus.COMPLETED, value, seconds


def test_two_workers_get_different_trials_and_a_third_waits(store: RunStore) -> None:
    _run(store, pending=2)
    first, second = claim_next(store, "r1", "w1"), claim_next(store, "r1", "w2")
    assert first.trial and second.trial and {first.trial.number, second.trial.number} == {2, 3}
    assert claim_next(store, "r1", "w3").trial is None, "nothing queued: wait for the running ones"
    again = claim_next(store, "r1", "w1")
    assert again.trial is not None and again.trial.number == first.trial.number, "a restarted worker resumes its own"
    held = {t.number: t.worker for t in store.load("r1").trials}
    assert held == {1: None, 2: "w1", 3: "w2"}


def test_a_candidate_that_meets_the_target_ends_the_run_and_drops_the_queue(store: RunStore) -> None:
    _run(store, pending=4)
    claim_next(store, "r1", "w1")
    claim_next(store, "r1", "w2")
    _finish(store, 2, 0.95)
    claim = claim_next(store, "r1", "w1")
    run = store.load("r1")
    assert claim.trial is None and claim.ended and claim.verdict and claim.verdict.status is RunStatus.TARGET_MET
    assert "2 queued candidate(s) not run (trial 4–5)" in claim.verdict.reason
    assert [t.number for t in run.trials] == [1, 2, 3], "trial 3 still runs elsewhere and is kept"
    assert claim_next(store, "r1", "w2").verdict is not None and not claim_next(store, "r1", "w2").ended


def test_the_budget_counts_the_seconds_of_every_running_trial(store: RunStore) -> None:
    _run(store, pending=3, time_budget=10.0)
    claim_next(store, "r1", "w1")
    claim_next(store, "r1", "w2")
    for number in (2, 3):  # both have trained 4 s so far; with the baseline's 1 s, 9 s of 10
        path = store.trial_dir("r1", number) / "progress.json"
        atomic_write_json(path, {"attempt_started": time.time() - 4.0})
    assert live_seconds(store, store.load("r1")) == pytest.approx(8.0, abs=0.5)
    _finish(store, 2, 0.6, seconds=5.0)  # now 1 + 5 finished + 4 live = 10 s: spent
    claim = claim_next(store, "r1", "w1")
    assert claim.verdict is not None and claim.verdict.status is RunStatus.BUDGET_SPENT, claim


def test_a_trial_taken_over_changes_hands(store: RunStore) -> None:
    _run(store, pending=1)
    claim_next(store, "r1", "agent1-token")
    taken = claim_trial(store, "r1", 2, "agent2-token")
    assert taken is not None and store.load("r1").trial(2).worker == "agent2-token"
    _finish(store, 2, 0.5)
    assert claim_trial(store, "r1", 2, "agent3-token") is None, "a finished trial is never run again"


def _claim_and_finish(root: str, worker: str) -> list[int]:
    """Claim and finish trials until the run ends; a short "training" keeps the others in the race.

    Without it one process could claim and finish all 40 before the others have started (the
    machine may be loaded), and the test would no longer be about concurrency.
    """
    store, mine = RunStore(root), []
    while True:
        claim = claim_next(store, "r1", worker)
        if claim.verdict is not None:
            return mine
        if claim.trial is None:
            time.sleep(0.01)
            continue
        mine.append(claim.trial.number)
        time.sleep(0.05)
        _finish(store, claim.trial.number, 0.5)


def test_concurrent_processes_never_run_one_trial_twice_nor_lose_one(store: RunStore) -> None:
    _run(store, pending=40, max_trials=41)
    # spawn, not fork: forking a pytest process whose other tests left threads (servers, TensorFlow) can copy a held
    # lock into a child, which then hangs (seen once in a full run).
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.starmap(_claim_and_finish, [(str(store.root), f"w{i}") for i in range(4)])
    claimed = sorted(n for numbers in results for n in numbers)
    run = store.load("r1")
    assert claimed == list(range(2, 42)), "each queued trial claimed exactly once"
    assert all(t.status is TrialStatus.COMPLETED for t in run.trials), "no update lost"
    assert {t.worker for t in run.trials[1:]} <= {f"w{i}" for i in range(4)}
    assert run.status is RunStatus.BUDGET_SPENT and sum(1 for r in results if r) >= 2


def test_a_trial_held_by_a_worker_that_is_gone_is_taken_over(store: RunStore) -> None:
    _run(store, pending=1)
    claim_trial(store, "r1", 2, "agent1-b3-a1")  # a Jenkins branch lost with its agent
    assert claim_next(store, "r1", "w1", ("w1", "w2")).trial is not None
    assert store.load("r1").trial(2).worker == "w1", "orphaned: no worker of this supervisor held it"
    assert claim_next(store, "r1", "w2", ("w1", "w2")).trial is None, "w1's trial is not orphaned"


def test_a_deadline_left_by_an_earlier_holder_does_not_kill_the_new_one(store: RunStore) -> None:
    from pipeline_lib.stages.monitor import _overran

    _run(store, pending=1)
    claim_trial(store, "r1", 2, "agent2-b1-a2")  # taken over minutes after agent1 was lost
    atomic_write_json(store.trial_dir("r1", 2) / "progress.json", {"deadline_epoch": time.time() - 600})
    assert _overran(store, "r1", "agent2-b1-a2", since=time.time() + 1) is None, "agent1's deadline"
    assert _overran(store, "r1", "agent2-b1-a2", since=time.time() - 5) == 2, "a deadline this worker wrote"
