"""`mlops run --parallel 2` end to end: two real workers (TensorFlow, tiny models) train two candidates at once."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import SCRIPTS, only_run, run_mlops, start_mlops, wait_for

pytestmark = pytest.mark.slow


def _interval(runs_dir: Path, run: dict[str, Any], number: int) -> tuple[float, float]:
    """When trial ``number``'s last attempt started and when the trial finished (epoch seconds)."""
    progress = json.loads((runs_dir / run["id"] / "trials" / f"{number:03d}" / "progress.json").read_text())
    finished = dt.datetime.fromisoformat(run["trials"][number - 1]["finished"]).timestamp() + 1.0
    return float(progress["attempt_started"]), finished


def test_two_workers_train_two_candidates_at_once(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "quick_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--parallel", "2", "--max-trials", "3", "--target", "0.99", "--time-budget", "40")
    run = only_run(runs_dir)
    assert result.code in (0, 3), result.text
    assert run["config"]["parallel"] == 2 and len(run["trials"]) == 3
    assert {t["worker"] for t in run["trials"][1:]} == {"w1", "w2"}, "each worker took one candidate"
    (a0, a1), (b0, b1) = _interval(runs_dir, run, 2), _interval(runs_dir, run, 3)
    assert a0 < b1 and b0 < a1, f"trials 2 and 3 did not overlap: {a0:.1f}-{a1:.1f} vs {b0:.1f}-{b1:.1f}"
    assert "2 at a time" in result.out and result.out.count("■ run ") == 1, result.out


def test_a_crashed_worker_is_restarted_alone_and_resumes_its_candidate(runs_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    proc = start_mlops("run", str(SCRIPTS / "slow_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--parallel", "2", "--max-trials", "3", "--target", "0.99", "--time-budget", "60", log=log)

    def w2_trained_two_epochs() -> bool:
        try:
            run = only_run(runs_dir)
        except (AssertionError, json.JSONDecodeError):
            return False
        held = [t for t in run["trials"] if t.get("worker") == "w2" and t["status"] == "running"]
        if not held:
            return False
        path = runs_dir / run["id"] / "trials" / f"{held[0]['number']:03d}" / "progress.json"
        try:
            return int(json.loads(path.read_text()).get("epochs_completed", 0)) >= 2
        except (FileNotFoundError, json.JSONDecodeError):
            return False

    try:
        wait_for(w2_trained_two_epochs, 240, "worker w2's candidate at epoch 2")
        workers = json.loads(next(runs_dir.glob("*/worker.json")).read_text())["workers"]
        victim = next(t for t in only_run(runs_dir)["trials"] if t.get("worker") == "w2" and t["status"] == "running")
        os.kill(int(workers["w2"]), signal.SIGKILL)
        assert proc.wait(timeout=300) in (0, 3), log.read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    run = only_run(runs_dir)
    text = log.read_text()
    events = run["stages"]["monitor"]["events"]
    assert run["restarts"] == 1 and [e["worker"] for e in events] == ["w2"], text
    assert "the other workers go on" in text and "resumed from checkpoint" in text
    crashed = run["trials"][victim["number"] - 1]
    assert crashed["attempts"] == 2 and crashed["status"] in ("completed", "timed_out"), crashed
    others = [t for t in run["trials"][1:] if t["number"] != victim["number"]]
    assert others and all(t["attempts"] == 1 for t in others), "the other worker's candidate was not restarted"
