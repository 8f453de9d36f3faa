"""report/winner/ from a run record: the model, config.json, script.diff and the summary lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.handback import (
    ALREADY_BEST,
    console_lines,
    load_handback,
    write_handback,
)
from pipeline_lib.report import write_report
from pipeline_lib.store import RunRecord, RunStatus, TrialRecord, TrialStatus
from pipeline_lib.tuning.mutations import MUTATIONS
from tests.handback.records import (
    BARE,
    DENSE_BASE,
    LOOP,
)

# --------------------------------------------------------------------------- report/winner/ from a record


def make_run(tmp_path: Path, source: str, base: dict[str, Any], *mutations: str,
             values: tuple[float, ...] = (0.6, 0.9)) -> tuple[RunRecord, Path]:
    """A finished run record with a workspace copy of ``source`` and a model file per trial."""
    run_dir = tmp_path / "runs" / "20261201-000000-train-abcd"
    (run_dir / "workspace").mkdir(parents=True)
    (run_dir / "workspace" / "train.py").write_text(source)
    trials = [TrialRecord(1, TrialStatus.COMPLETED, architecture=base, value=values[0], metric="val_accuracy",
                          artifacts={"model": "model.keras"})]
    record = base
    for number, name in enumerate(mutations, start=2):
        plan = MUTATIONS[name]().apply(record).plan
        record = {**record, "layers": plan.get("layers", record["layers"]), "epochs": plan.get("epochs")}
        trials.append(TrialRecord(number, TrialStatus.COMPLETED, mutation=f"step {name}", parent=number - 1,
                                  plan=plan, architecture=record, value=values[number - 1],
                                  metric="val_accuracy", artifacts={"model": "model.keras"}))
    for trial in trials:
        folder = run_dir / "trials" / f"{trial.number:03d}"
        folder.mkdir(parents=True)
        (folder / "model.keras").write_bytes(f"model of trial {trial.number}".encode())
    run = RunRecord(id=run_dir.name, status=RunStatus.TARGET_MET, target=0.8, metric="val_accuracy", kind="ann",
                    script="train.py", source={"workspace": str(run_dir / "workspace")}, trials=trials)
    run.refresh_best()
    return run, run_dir


def test_winner_folder_holds_the_model_the_config_and_the_diff(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, BARE, DENSE_BASE, "add_dense_layer", "change_epochs",
                            values=(0.6, 0.7, 0.9))
    info = write_handback(run, run_dir)
    folder = run_dir / "report" / "winner"
    assert info is not None and info == json.loads((folder / "config.json").read_text())
    assert (folder / "model.keras").read_bytes() == b"model of trial 3"
    assert info["trial"] == 3 and info["value"] == 0.9 and info["metric"] == "val_accuracy"
    assert [m["mutation"] for m in info["mutations"]] == ["add_dense_layer", "change_epochs"]
    assert info["epochs"] == 4 and info["changed"] == {"epochs": [2, 4]} and "learning_rate" not in info
    assert info["layer_summary"] == ['Dense(16, activation="relu")', 'Dense(8, activation="relu")',
                                     'Dense(8, activation="relu")', 'Dense(1, activation="sigmoid")']
    diff = (folder / "script.diff").read_text()
    assert diff.startswith("--- a/train.py\n+++ b/train.py\n")
    assert '+model.add(Dense(8, activation="relu"))' in diff and "+model.fit(X, y, epochs=4," in diff
    assert (run_dir / "workspace" / "train.py").read_text() == BARE
    summary = write_report(run, run_dir).summary.read_text()
    assert "## Winner" in summary and "[`script.diff`](winner/script.diff)" in summary
    lines = console_lines(info, run_dir)
    assert any("git apply" in line and "script.diff" in line for line in lines)


def test_a_winning_baseline_gets_its_model_and_config_but_no_diff(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, BARE, DENSE_BASE, "add_dense_layer", values=(0.9, 0.7))
    folder = run_dir / "report" / "winner"
    folder.mkdir(parents=True)
    (folder / "script.diff").write_text("stale")
    info = write_handback(run, run_dir)
    assert info is not None and info["trial"] == 1 and info["baseline"] and info["mutations"] == []
    assert info["diff"] is None and info["no_diff_reason"] == ALREADY_BEST
    assert not (folder / "script.diff").exists()
    assert (folder / "model.keras").read_bytes() == b"model of trial 1"
    assert "The pushed script is already the best; no diff." in write_report(run, run_dir).summary.read_text()


def test_an_unmappable_script_records_why_in_config_and_summary(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, LOOP, DENSE_BASE, "add_dense_layer")
    info = write_handback(run, run_dir)
    assert info is not None and info["diff"] is None and "inside a loop" in info["no_diff_reason"]
    assert load_handback(run_dir) == info
    summary = write_report(run, run_dir).summary.read_text()
    assert "No script diff: line 9: model.add() runs inside a loop (line 8)" in summary


def test_runs_without_a_keras_winner_get_no_winner_folder(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, BARE, DENSE_BASE, "add_dense_layer")
    for trial in run.trials:
        trial.architecture = {"framework": "sklearn", "n_clusters": 3}
    assert write_handback(run, run_dir) is None
    assert not (run_dir / "report" / "winner").exists()
    assert "## Winner" not in write_report(run, run_dir).summary.read_text()


@pytest.mark.parametrize(("plan", "early_stop", "epochs", "approximate"), [
    ({"epochs": 20}, None, 20, False),                                    # ladder: trained what it was told
    ({"epochs": 20}, "val_accuracy 0.91 reached the target 0.90 at epoch 7", 7, False),
    ({"epochs": 12, "warm_start": 1, "epochs_before": 5}, "reached the target at epoch 4", 9, True),
])
def test_the_winner_is_reproduced_with_every_epoch_behind_its_weights(
        plan: dict[str, Any], early_stop: str | None, epochs: int, approximate: bool) -> None:
    from pipeline_lib.handback.winner import reproducible_architecture

    trained = 7 if early_stop and "warm_start" not in plan else (4 if early_stop else 20)
    best = TrialRecord(number=2, status=TrialStatus.COMPLETED, parent=1, plan=plan, early_stop=early_stop,
                       architecture={"framework": "keras", "epochs": plan["epochs"]}, epochs_run=trained + 1,
                       epochs_redone=1)
    arch, note = reproducible_architecture(best)
    assert arch["epochs"] == epochs
    assert (note is not None) == approximate and (note is None or "trial 1's weights" in note)
