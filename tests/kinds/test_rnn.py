"""The rnn kind end to end: examples/rnn.py is detected as rnn, searched and handed back, locally and in Docker.

Real TensorFlow on the example's tiny stacked LSTM/GRU (3 units each, SGD at 1e-3: under the
target as pushed); the default search must lift it to the target with the recurrent mutations.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.executors.docker import find_run_container
from pipeline_lib.kinds import KINDS
from tests.cli_helpers import EXAMPLES, only_run, run_mlops

pytestmark = pytest.mark.slow

SCRIPT = EXAMPLES / "rnn.py"


def recurrent_units(layers: list[dict[str, Any]]) -> list[int]:
    return [int(layer["config"]["units"]) for layer in layers if layer["class_name"] in ("LSTM", "GRU")]


def check_run(run: dict[str, Any], runs_dir: Path) -> None:
    """What every executor must give: an rnn run in the Keras image that reaches the target and hands back a patch."""
    assert run["kind"] == "rnn" and run["image"] == KINDS["rnn"].image
    assert run["status"] == "target_met", [(t["number"], t["mutation"], t["value"]) for t in run["trials"]]
    baseline = run["trials"][0]
    assert baseline["value"] < 0.8 <= run["best"]["value"]
    assert recurrent_units(baseline["architecture"]["layers"]) == [3, 3]
    best = run["trials"][run["best"]["trial"] - 1]
    assert best["early_stop"] and "reached the target" in best["early_stop"]
    winner = runs_dir / run["id"] / "report" / "winner"
    config = json.loads((winner / "config.json").read_text())
    assert config["trial"] == best["number"] and (winner / "model.keras").is_file()
    assert config["layer_summary"][0].startswith("LSTM("), config["layer_summary"]
    diff = (winner / "script.diff").read_text()
    units = recurrent_units(best["architecture"]["layers"])
    assert units != [3, 3] and f"+model.add(LSTM({units[0]}, return_sequences=True" in diff, diff


def test_rnn_example_detects_and_reaches_the_target_locally(tmp_path: Path) -> None:
    detected = run_mlops("detect", str(SCRIPT), "--json")
    assert detected.code == 0 and json.loads(detected.out)[0]["kind"] == "rnn", detected.text
    runs_dir = tmp_path / "runs"
    result = run_mlops("run", str(SCRIPT), "--runs-dir", str(runs_dir), "--no-notify", "--executor", "local")
    assert result.code == 0, result.text
    assert "(rnn)" in result.out and "LSTM 3→32" in result.out
    check_run(only_run(runs_dir), runs_dir)


def test_rnn_example_reaches_the_target_in_the_keras_container(keras_image: str, tmp_path: Path) -> None:
    runs_dir = tmp_path / "runs"
    result = run_mlops("run", str(SCRIPT), "--runs-dir", str(runs_dir), "--no-notify", "--executor", "docker")
    assert result.code == 0, result.text
    assert f"executor: docker: engine at {os.environ['DOCKER_HOST']} answers and {keras_image}" in result.out
    run = only_run(runs_dir)
    check_run(run, runs_dir)
    assert json.loads((runs_dir / run["id"] / "worker.json").read_text())["executor"] == "docker"
    assert find_run_container(run["id"], all_states=True) is None, "a container was left behind"
