"""`mlops run` end to end on one machine: real TensorFlow and scikit-learn, tiny models."""

from __future__ import annotations

import json
import os
import pickle
import signal
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import EXAMPLES, SCRIPTS, only_run, progress, run_mlops, start_mlops, wait_for

pytestmark = pytest.mark.slow


def test_cnn_example_starts_under_target_and_reaches_it_through_tweaks(runs_dir: Path) -> None:
    result = run_mlops("run", str(EXAMPLES / "cnn.py"), "--runs-dir", str(runs_dir), "--no-notify")
    run = only_run(runs_dir)
    assert result.code == 0, result.text
    assert run["status"] == "target_met" and run["kind"] == "cnn" and run["metric"] == "val_accuracy"
    trials = run["trials"]
    assert trials[0]["value"] < 0.8 <= run["best"]["value"]
    assert len(trials) >= 2 and all(t["mutation"] for t in trials[1:])
    assert all(t["status"] == "completed" and t["params"] and t["epochs_run"] > 0 for t in trials)
    report = runs_dir / run["id"] / "report"
    assert {"summary.md", "accuracy.png", "junit.xml"} <= {p.name for p in report.iterdir()}
    assert (runs_dir / run["id"] / "trials" / f"{run['best']['trial']:03d}" / "model.keras").is_file()
    assert "[2/6 detect]" in result.out and "trial 2" in result.out and "best: trial" in result.out


def test_a_prompt_without_answer_fails_at_once_naming_it(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "asks_units.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       timeout=120)
    run = only_run(runs_dir)
    assert result.code == 2, result.text
    assert "Hidden units" in result.text and "--answer" in result.text
    assert "asks_units.py:5" in run["trials"][0]["error"]
    assert run["status"] == "failed" and run["trials"][0]["attempts"] == 1


def test_a_configured_answer_is_used(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "asks_units.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--answer", "hidden units=6", "--max-trials", "1")
    run = only_run(runs_dir)
    assert result.code in (0, 3), result.text
    assert "Hidden units: 6  [answered by mlops]" in result.out
    dense = [layer for layer in run["trials"][0]["architecture"]["layers"] if layer["class_name"] == "Dense"]
    assert dense[0]["config"]["units"] == 6


def test_script_failing_after_training_keeps_the_trial_with_a_warning(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "saves_to_absolute_path.py"), "--runs-dir", str(runs_dir),
                       "--no-notify", "--max-trials", "1")
    trial = only_run(runs_dir)["trials"][0]
    assert trial["status"] == "completed" and trial["value"] is not None, result.text
    assert any("after training finished" in w and "saves_to_absolute_path.py:9" in w for w in trial["warnings"])


def test_killed_worker_is_restarted_and_resumes_from_its_checkpoint(runs_dir: Path, tmp_path: Path) -> None:
    proc = start_mlops("run", str(SCRIPTS / "slow_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--max-trials", "1", log=tmp_path / "log.txt")
    try:
        wait_for(lambda: int(progress(runs_dir, 1).get("epochs_completed", 0)) >= 4, 120, "4 epochs")
        worker = json.loads(next(runs_dir.glob("*/worker.json")).read_text())
        os.kill(int(worker["id"]), signal.SIGKILL)
        assert proc.wait(timeout=180) in (0, 3), (tmp_path / "log.txt").read_text()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    run = only_run(runs_dir)
    trial = run["trials"][0]
    log = (tmp_path / "log.txt").read_text()
    assert run["restarts"] == 1 and trial["attempts"] == 2, log
    assert "resumed from checkpoint at epoch" in log
    assert trial["status"] == "completed" and trial["epochs_redone"] <= 1
    assert 30 <= trial["epochs_run"] <= 31


def test_killed_pipeline_resumes_and_reruns_no_finished_trial(runs_dir: Path, tmp_path: Path) -> None:
    # Target 0.99: trial 2 (the population's first candidate reaches 0.8 within 2 epochs) is still training
    # when it is killed; the 40 s budget keeps its allowance at the 10-epoch minimum.
    proc = start_mlops("run", str(SCRIPTS / "slow_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--max-trials", "2", "--target", "0.99", "--time-budget", "40", log=tmp_path / "log.txt")
    try:
        wait_for(lambda: int(progress(runs_dir, 2).get("epochs_completed", 0)) >= 2, 180, "trial 2 epochs")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    before = only_run(runs_dir)
    assert before["status"] == "running" and before["trials"][0]["status"] == "completed"
    result = run_mlops("run", "--resume", before["id"], "--runs-dir", str(runs_dir), "--no-notify")
    after = only_run(runs_dir)
    assert result.code in (0, 3), result.text
    assert after["status"] in ("target_met", "budget_spent")
    assert after["trials"][0] == before["trials"][0], "a finished trial was touched"
    assert after["trials"][1]["attempts"] == 2 and after["trials"][1]["status"] == "completed"
    assert "resumed from checkpoint" in result.out


def test_a_trial_over_its_time_limit_is_stopped_and_recorded(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "slow_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--max-trials", "1", "--trial-timeout", "3")
    run = only_run(runs_dir)
    trial = run["trials"][0]
    assert trial["status"] == "timed_out" and trial["value"] is not None, result.text
    assert trial["epochs_run"] < 30
    assert result.code == 3 and run["status"] == "budget_spent"


def test_the_time_budget_stops_the_trial_that_would_overrun_it_and_keeps_its_model(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "slow_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--max-trials", "4", "--time-budget", "4")
    run = only_run(runs_dir)
    assert result.code == 3 and run["status"] == "budget_spent", result.text
    assert len(run["trials"]) == 1 and run["trials"][0]["status"] == "timed_out"
    assert run["trials"][0]["epochs_run"] < 30
    assert run["best"] == {"trial": 1, "value": run["trials"][0]["value"]}
    assert (runs_dir / run["id"] / "trials" / "001" / "model.keras").is_file()
    assert "training time" in run["verdict"]


def test_kmeans_example_chooses_k_with_the_clusters_estimator(runs_dir: Path) -> None:
    result = run_mlops("run", str(EXAMPLES / "kmeans.py"), "--runs-dir", str(runs_dir), "--no-notify")
    run = only_run(runs_dir)
    assert result.code == 0, result.text
    assert run["kind"] == "kmeans" and run["status"] == "target_met"
    assert run["kmeans"]["user_k"] == 3 and run["kmeans"]["chosen_k"] == 4
    # The same estimator as `mlops clusters`: every criterion's vote is recorded, all six name 4 here
    # (the dip test abstains: it votes only on data too small for G-means).
    assert run["kmeans"]["votes"] == {**{name: 4 for name in ("gap", "bic", "gmeans", "calinski_harabasz", "wcss",
                                                              "silhouette")}, "dip": None}
    assert run["verdict"].startswith("k=4, chosen by gap, bic, gmeans")
    assert [t["architecture"]["n_clusters"] for t in run["trials"]] == [3, 4]
    assert run["trials"][1]["value"] > run["trials"][0]["value"]
    assert (runs_dir / run["id"] / "report" / "elbow.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_kmeans_on_structureless_data_keeps_the_scripts_k_and_exits_3(runs_dir: Path) -> None:
    # Uniform noise holds no clusters: no k is claimed, the script's own fitted model (k=3) is handed
    # back, and the run ends "budget_spent" (exit 3, Jenkins UNSTABLE): it ran, but found no k to trust.
    result = run_mlops("run", str(SCRIPTS / "kmeans_noise.py"), "--runs-dir", str(runs_dir), "--no-notify")
    run = only_run(runs_dir)
    assert result.code == 3, result.text
    assert run["status"] == "budget_spent" and run["kmeans"]["chosen_k"] is None
    assert run["verdict"].startswith("no clear cluster structure: the script's k=3 is kept as the model")
    assert [t["architecture"]["n_clusters"] for t in run["trials"]] == [3], "nothing is refitted"
    report = runs_dir / run["id"] / "report"
    assert "no clear cluster structure" in (report / "summary.md").read_text()
    junit = (report / "junit.xml").read_text()
    assert '<failure type="budget_spent" message="no clear cluster structure: the script' in junit
    with open(runs_dir / run["id"] / "trials" / "001" / "model.pkl", "rb") as handle:
        model = pickle.load(handle)  # the script's own KMeans, as it trained it
    assert model.n_clusters == 3 and model.cluster_centers_.shape == (3, 2)


def test_kmeans_on_columns_in_different_units_finds_k_on_standardised_columns_and_warns(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "kmeans_units.py"), "--runs-dir", str(runs_dir), "--no-notify")
    run = only_run(runs_dir)
    assert result.code == 0, result.text
    assert run["kmeans"]["chosen_k"] == 3 and run["kmeans"]["standardised"] is True
    assert "on standardised columns; scale your features" in run["verdict"]
    assert any(w.startswith("the k was found on standardised columns") for w in run["trials"][0]["warnings"])
    assert [t["architecture"]["n_clusters"] for t in run["trials"]] == [2, 3]


def test_kmeans_with_groups_in_two_of_six_columns_finds_k_in_those_columns_and_says_so(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "kmeans_some_columns.py"), "--runs-dir", str(runs_dir), "--no-notify")
    run = only_run(runs_dir)
    assert result.code == 0, result.text
    assert run["kmeans"]["chosen_k"] == 4 and run["kmeans"]["columns"] == [0, 1]
    assert "in column(s) 1, 2 only" in run["verdict"]
    assert any(w.startswith("the k was found in column(s) 1, 2 only") for w in run["trials"][0]["warnings"])
    assert [t["architecture"]["n_clusters"] for t in run["trials"]] == [2, 4]


def test_kmeans_with_a_few_far_rows_warns_that_the_k_counts_them_as_clusters(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "kmeans_outliers.py"), "--runs-dir", str(runs_dir), "--no-notify")
    run = only_run(runs_dir)
    assert result.code == 0, result.text
    assert run["kmeans"]["outliers"] == 3
    assert any("data rows 301, 302, 303, counting from 1" in r for r in run["kmeans"]["reasons"])
    warnings = run["trials"][0]["warnings"]
    assert any(w.startswith("the chosen k puts 3 rows in clusters too small to be groups") for w in warnings)


def test_a_keras_2_script_runs_with_its_spellings_translated_and_named(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "keras2_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--max-trials", "1")
    run = only_run(runs_dir)
    assert run["kind"] == "ann" and run["trials"][0]["status"] == "completed", result.text
    warned = " | ".join(run["trials"][0]["warnings"])
    for spelling in ("keras.utils.np_utils.to_categorical", "keras.layers.core.Dense", "lr=", "batch_input_shape=",
                     "nb_epoch=", "fit_generator()", "predict_classes()", "reset_states()", "Dense(init=)",
                     "Dropout(p=)", "decay="):
        assert f"Keras 2 spelling {spelling}" in warned, warned
    assert run["trials"][0]["epochs_run"] == 4  # fit_generator went through the fit hook


def test_a_script_that_does_not_parse_is_bad_input_with_its_line(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "broken.py"), "--runs-dir", str(runs_dir), "--no-notify")
    assert result.code == 2  # detect still classifies it (issue 11); the run stops naming the line
    assert "broken.py:3: detected ann, but the file is not valid Python 3" in result.text, result.text


def test_jenkins_stage_by_stage_flow(runs_dir: Path) -> None:
    common = ("--runs-dir", str(runs_dir))
    fetched = run_mlops("stage", "fetch", "--source", str(SCRIPTS / "quick_dense.py"), "--target", "0.99",
                        "--max-trials", "2", *common)
    assert fetched.code == 0, fetched.text
    run_id = fetched.out.strip()
    detected = run_mlops("stage", "detect", *common)
    assert detected.code == 0 and "ann" in detected.out, detected.text
    assert (runs_dir / run_id / "image.txt").read_text().startswith("mlops/keras:")
    assert run_mlops("stage", "train", *common).code == 0
    tweaked = run_mlops("stage", "tweak", *common)
    assert tweaked.code == 0 and "trial 2" in tweaked.out, tweaked.text
    retrained = run_mlops("stage", "retrain", "--no-notify", *common)
    run = only_run(runs_dir)
    assert retrained.code == 3 and run["status"] == "budget_spent", retrained.text
    assert [t["status"] for t in run["trials"]] == ["completed", "completed"]
    monitored = run_mlops("stage", "monitor", *common)
    assert monitored.code == 0 and "is finished (budget_spent); nothing to do" in monitored.out
    status = run_mlops("status", run_id, *common)
    assert "budget_spent" in status.out and "trial" in status.out


def test_the_pipeline_emails_the_admin_through_a_real_smtp_server(runs_dir: Path, smtp_server: Any) -> None:
    inbox, port = smtp_server()
    result = run_mlops("run", str(EXAMPLES / "kmeans.py"), "--runs-dir", str(runs_dir),
                       env={"MLOPS_SMTP_HOST": "127.0.0.1", "MLOPS_SMTP_PORT": str(port),
                            "MLOPS_SMTP_STARTTLS": "0", "MLOPS_NOTIFY_TO": "admin@example.com"})
    assert result.code == 0, result.text
    message = inbox.only_message()
    assert inbox.envelopes[0].rcpt_tos == ["admin@example.com"]
    assert "kmeans.py" in message["Subject"]
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and "n_clusters 3→4" in body.get_content()
    assert "KMeans: the script asked for k=3; the data show k=4 (confidence 1.00" in body.get_content()
    assert only_run(runs_dir)["notification"]["sent"] is True


def test_an_unreadable_checkpoint_retrains_that_fit_instead_of_failing(runs_dir: Path, tmp_path: Path) -> None:
    proc = start_mlops("run", str(SCRIPTS / "slow_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--max-trials", "1", log=tmp_path / "log.txt")
    try:
        wait_for(lambda: int(progress(runs_dir, 1).get("epochs_completed", 0)) >= 3, 120, "3 epochs")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    checkpoints = list(runs_dir.glob("*/trials/001/fits/fit-0/backup/latest.weights.h5*"))
    assert checkpoints, "no checkpoint was written"
    for path in checkpoints:  # as if the kill hit while both copies were being written
        path.write_bytes(b"not an hdf5 file")
    result = run_mlops("run", "--resume", only_run(runs_dir)["id"], "--runs-dir", str(runs_dir), "--no-notify")
    trial = only_run(runs_dir)["trials"][0]
    assert trial["status"] == "completed", result.text
    assert any("could not be read after the restart" in w for w in trial["warnings"])
    assert trial["epochs_redone"] >= 3 and trial["attempts"] == 2


def test_adaptive_strategy_continues_from_the_parent_and_stops_at_the_target(runs_dir: Path) -> None:
    result = run_mlops("run", str(SCRIPTS / "quick_dense.py"), "--runs-dir", str(runs_dir), "--no-notify",
                       "--strategy", "adaptive", "--target", "0.9", "--max-trials", "3")
    run = only_run(runs_dir)
    assert result.code == 0, result.text
    first, second = run["trials"][:2]
    assert first["value"] < 0.9 and len(first["curve"]["val_accuracy"]) == 2
    assert second["plan"]["mutation"] == "continue_training" and second["plan"]["warm_start"] == 1
    assert any("warm start from trial 1: 2 layer(s) reuse its weights" in w for w in second["warnings"])
    assert second["early_stop"] and "reached the target 0.90" in second["early_stop"]
    assert second["value"] >= 0.9 and second["epochs_run"] < second["plan"]["epochs"]
    assert second["epochs_run"] == len(second["curve"]["val_accuracy"])
