"""The default strategy end to end through `mlops run`: real TensorFlow on a tiny starved network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import only_run, run_mlops

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parent / "fixtures" / "starved_circles.py"


def table(run: dict) -> list[tuple]:
    """What the trial table shows, without the timings (those differ from run to run): the change
    itself, not the reason after " — " (which quotes the measured seconds per epoch)."""
    return [(t["number"], t["status"], t["mutation"].split(" — ")[0], t["value"], t["epochs_run"], t["params"])
            for t in run["trials"]]


def test_default_run_screens_a_population_explains_every_trial_and_hands_back_the_winner(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPT), "--runs-dir", str(runs_dir), "--no-notify", "--seed", "1")
    run = only_run(runs_dir)
    assert result.code == 0 and run["status"] == "target_met", result.text
    assert run["config"]["seed"] == 1 and run["config"]["time_budget"] == 600.0 and run["config"]["max_trials"] is None
    assert "or 600 s of training · seed 1" in result.out
    assert "◆ generation 1:" in result.out and "#2 from trial 1: generation 1:" in result.out
    baseline, *children = run["trials"]
    assert baseline["value"] < 0.8 <= run["best"]["value"]
    assert len(baseline["curve"]["epoch_seconds"]) == 3
    for trial in children:
        assert trial["mutation"].startswith("generation ") and " — " in trial["mutation"], trial["mutation"]
        assert trial["plan"]["epochs"] >= 10, "cheap epochs are not rationed"
    best = run["trials"][run["best"]["trial"] - 1]
    assert best["early_stop"] and "reached the target" in best["early_stop"]
    summary = (runs_dir / run["id"] / "report" / "summary.md").read_text()
    assert best["mutation"].split(" — ")[0][:60] in summary
    winner = runs_dir / run["id"] / "report" / "winner"
    config = json.loads((winner / "config.json").read_text())
    assert config["trial"] == best["number"] and (winner / "script.diff").is_file()
    assert "Dense(32" in (winner / "script.diff").read_text(), "the hand-back builds the widened winner"


def test_the_same_seed_gives_the_same_trial_table(tmp_path: Path) -> None:
    """Seeded: same seed, same table. The budget is large enough that every allowance is the
    300-epoch cap whatever the machine's pace, so only the seed decides what is trained."""
    runs = []
    for attempt, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        result = run_mlops("run", str(SCRIPT), "--runs-dir", str(tmp_path / attempt), "--no-notify",
                           "--seed", seed, "--time-budget", "6000", "--target", "0.9")
        assert result.code == 0, result.text
        runs.append(only_run(tmp_path / attempt))
    assert runs[0]["config"]["seed"] == 7 and runs[0]["trials"][1]["plan"]["epochs"] == 300
    assert table(runs[0]) == table(runs[1])
    assert [t["curve"]["loss"] for t in runs[0]["trials"]] == [t["curve"]["loss"] for t in runs[1]["trials"]]
    assert runs[2]["trials"][0]["curve"]["loss"] != runs[0]["trials"][0]["curve"]["loss"], \
        "another seed draws other initial weights"


def test_a_budget_in_seconds_ends_the_batch_and_drops_the_queued_candidates(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPT), "--runs-dir", str(runs_dir), "--no-notify", "--target", "0.999",
                       "--time-budget", "6")
    run = only_run(runs_dir)
    assert result.code == 3 and run["status"] == "budget_spent", result.text
    verdict = run["verdict"]
    assert "training time" in verdict and "queued candidate(s) not run" in verdict
    spent = sum(t["seconds"] for t in run["trials"])
    assert 6 <= spent < 6 + 3, "the last trial is stopped at the budget, not allowed its full allowance"
    assert all(t["status"] in ("completed", "timed_out") for t in run["trials"])
