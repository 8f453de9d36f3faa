"""`mlops run` of a script that needs a package only its requirements.txt names: locally and in Docker."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from pipeline_lib.containers.requirements import USED_FILE
from tests.cli_helpers import only_run, run_mlops
from tests.datasets.conftest import Mirror
from tests.datasets.offline import dense_script

pytestmark = pytest.mark.slow

SCRIPT = dense_script("from mlops_demo_data import blobs\nx, y = blobs()\n", features=4)


def _pushed(tmp_path: Path, requirements: str) -> Path:
    folder = tmp_path / "pushed"
    folder.mkdir(exist_ok=True)
    (folder / "train.py").write_text(SCRIPT)
    (folder / "requirements.txt").write_text(requirements)
    return folder


@pytest.fixture(params=["local", "docker"])
def executor(request: pytest.FixtureRequest) -> str:
    """The executor to train on; for docker the images are checked (and built) before pip_env points pip away."""
    if request.param == "docker":
        request.getfixturevalue("images")  # skipped with the reason when no engine answers
    return str(request.param)


def test_the_requirements_are_installed_once_then_reused(executor: str, index: Mirror, pip_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    # A comment unique to this test run gives a key no earlier run (same engine, same cache) has built.
    pushed = _pushed(tmp_path, f"# {uuid.uuid4().hex}\nnumpy\nmlops-demo-data==1.0\n")
    args = ("--executor", executor, "--no-notify", "--max-trials", "1")
    first = run_mlops("run", str(pushed), "--runs-dir", str(tmp_path / "runs1"), *args, env=pip_env)
    run = only_run(tmp_path / "runs1")
    assert first.code == 0, first.text
    assert run["stages"]["requirements"]["status"] == "installed" and run["status"] == "target_met"
    assert run["stages"]["sandbox"]["measures"]["network"].startswith("applied")  # training itself: no network
    asked = len(index.requests)
    second = run_mlops("run", str(pushed), "--runs-dir", str(tmp_path / "runs2"), *args, env=pip_env)
    again = only_run(tmp_path / "runs2")
    assert second.code == 0, second.text
    assert again["stages"]["requirements"]["status"] == "cached" and len(index.requests) == asked
    if executor == "docker":  # the cache hit is recorded for `mlops images prune`
        used = json.loads((Path(pip_env["XDG_CACHE_HOME"]) / "mlops" / "requirements" / USED_FILE).read_text())
        assert again["stages"]["requirements"]["where"] in used


def test_a_requirements_file_that_includes_another_installs_both(executor: str, index: Mirror,
                                                                 pip_env: dict[str, str], tmp_path: Path) -> None:
    # pip reads `-r base.txt` relative to requirements.txt: the Docker install must have base.txt beside it.
    pushed = _pushed(tmp_path, f"# {uuid.uuid4().hex}\n-r base.txt\n")
    (pushed / "base.txt").write_text("mlops-demo-data==1.0\n")
    result = run_mlops("run", str(pushed), "--runs-dir", str(tmp_path / "runs"), "--executor", executor,
                       "--no-notify", "--max-trials", "1", env=pip_env)
    run = only_run(tmp_path / "runs")
    assert result.code == 0, result.text
    assert run["stages"]["requirements"]["status"] == "installed" and run["status"] == "target_met"


def test_a_bad_line_stops_the_run_with_exit_2_naming_it(index: Mirror, pip_env: dict[str, str],
                                                        tmp_path: Path) -> None:
    pushed = _pushed(tmp_path, "mlops-demo-data==1.0\nmlops-demo-data-typo>=1\n")
    result = run_mlops("run", str(pushed), "--runs-dir", str(tmp_path / "runs"), "--no-notify", env=pip_env)
    run = only_run(tmp_path / "runs")
    assert result.code == 2, result.text
    assert "requirements.txt:2: cannot install 'mlops-demo-data-typo>=1'" in result.text
    assert run["status"] == "failed" and run["stages"]["requirements"]["status"] == "failed"
    assert not run["trials"][0].get("started")  # training never started
