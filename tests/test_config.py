"""RunConfig: the run settings, their defaults in one place, checked when a run is made or read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_lib.config import RunConfig
from pipeline_lib.errors import UserInputError
from pipeline_lib.stages.fetch import fetch
from pipeline_lib.store import RunRecord, RunStore
from tests.cli_helpers import run_mlops


def test_defaults_are_the_documented_ones_and_unknown_settings_are_kept() -> None:
    config = RunConfig.from_dict({"max_trials": 4, "seeds": [0, 1]})
    assert (config.target, config.max_trials, config.time_budget, config.trial_timeout) == (0.8, 4, 600.0, 1800.0)
    assert RunConfig().max_trials is None and RunConfig().seed == 0, "no cap on trials by default"
    assert (config.max_restarts, config.k_max, config.executor, config.timeout_grace) == (3, 15, "auto", 30.0)
    assert config.extra == {"seeds": [0, 1]} and config.to_dict()["seeds"] == [0, 1]
    assert RunConfig.from_dict(config.to_dict()) == config, "a round trip through run.json changes nothing"
    assert "target" not in config.to_dict(target=False)


def test_none_is_the_default_except_where_it_means_no_limit() -> None:
    config = RunConfig.from_dict({"max_trials": None, "time_budget": None, "trial_timeout": None, "memory": None})
    assert config.max_trials is None and config.time_budget is None and config.trial_timeout is None
    assert config.memory is None


@pytest.mark.parametrize(("setting", "value", "says"), [
    ("max_trials", 0, "max_trials=0 must be at least 1"),
    ("max_trials", 2.5, "max_trials=2.5 is not an integer"),
    ("time_budget", -60, "time_budget=-60 must be above 0"),
    ("target", "high", "target='high' is not a number"),
    ("target", 80.0, "target=80.0 is above 1"),
    ("target", 0, "target=0 must be above 0"),
    ("max_restarts", -1, "max_restarts=-1 must be at least 0"),
    ("k_max", "ten", "k_max='ten' is not an integer"),
    ("pids", True, "pids=True is not an integer"),
    ("executor", 3, "executor=3 is not a text"),
    ("answers", ["epochs=5"], "answers=['epochs=5'] is not a mapping"),
])
def test_a_bad_value_is_bad_input_naming_the_setting(setting: str, value: object, says: str) -> None:
    with pytest.raises(UserInputError, match="run.json") as caught:
        RunConfig.from_dict({setting: value}, where="run.json")
    assert says in caught.value.message and caught.value.exit_code == 2 and caught.value.hint


def test_the_target_is_stored_once_and_read_back_with_the_settings(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "model.py").write_text("print('hi')\n")
    store = RunStore(tmp_path / "runs")
    run = fetch(store, str(src / "model.py"), config={"target": 0.9, "max_trials": 2})
    stored = store.load(run.id)
    assert stored.target == 0.9 and "target" not in stored.config
    assert stored.settings.target == 0.9 and stored.settings.max_trials == 2 and stored.settings.k_max == 15


def test_a_bad_setting_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs")
    with pytest.raises(UserInputError, match="max_trials=0"):
        fetch(store, str(tmp_path), config={"max_trials": 0}, run_id="r1")
    assert not store.run_dir("r1").exists()


def test_a_hand_edited_run_json_names_the_bad_setting_when_read() -> None:
    run = RunRecord(id="r7", config={"trial_timeout": "soon"})
    with pytest.raises(UserInputError, match=r"run r7: run.json config: setting trial_timeout='soon' is not a number"):
        assert run.settings is None, "unreachable: reading the settings raises"


def test_the_cli_refuses_a_bad_flag_value_with_exit_2(tmp_path: Path) -> None:
    result = run_mlops("run", "examples/ann.py", "--max-restarts", "-1", "--runs-dir", str(tmp_path / "runs"))
    assert result.code == 2 and "max_restarts=-1 must be at least 0" in result.err, result.err
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").glob("*/run.json"))
