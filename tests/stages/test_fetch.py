"""Stage fetch: local paths are copied, git URLs cloned at a ref, errors are clear."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipeline_lib.errors import UserInputError
from pipeline_lib.stages.fetch import fetch, is_git_url, latest_run_id
from pipeline_lib.store import RunStore


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout.strip()


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, str, str]:
    src = tmp_path / "src"
    src.mkdir()
    _git(src, "init", "-q", "-b", "main")
    (src / "train.py").write_text("print('v1')\n")
    _git(src, "add", ".")
    _git(src, "commit", "-qm", "v1")
    first = _git(src, "rev-parse", "HEAD")
    (src / "train.py").write_text("print('v2')\n")
    _git(src, "commit", "-qam", "v2")
    return src, first, _git(src, "rev-parse", "HEAD")


def test_local_file_is_copied_with_its_siblings_and_never_touched(tmp_path: Path) -> None:
    src = tmp_path / "project"
    src.mkdir()
    (src / "model.py").write_text("x = 1\n")
    (src / "data.csv").write_text("a,b\n")
    store = RunStore(tmp_path / "runs")
    run = fetch(store, str(src / "model.py"), config={"target": 0.9})
    workspace = Path(run.source["workspace"])
    assert (workspace / "model.py").read_text() == "x = 1\n" and (workspace / "data.csv").exists()
    assert run.script == "model.py" and run.target == 0.9
    assert latest_run_id(store) == run.id
    assert sorted(p.name for p in src.iterdir()) == ["data.csv", "model.py"]


@pytest.mark.parametrize("pushed", ["model.py", "."])
def test_a_runs_dir_inside_the_pushed_folder_is_not_copied_into_the_workspace(tmp_path: Path, pushed: str) -> None:
    src = tmp_path / "project"
    src.mkdir()
    (src / "model.py").write_text("x = 1\n")
    store = RunStore(src / "out")  # any name, not only "runs"
    first = fetch(store, str(src / pushed))
    second = fetch(store, str(src / pushed))
    for run in (first, second):
        assert sorted(p.name for p in Path(run.source["workspace"]).iterdir()) == ["model.py"]


def test_git_url_is_cloned_at_the_ref_and_commit_recorded(tmp_path: Path, repo: tuple[Path, str, str]) -> None:
    src, first, head = repo
    store = RunStore(tmp_path / "runs")
    run = fetch(store, f"file://{src}", ref=first)
    assert run.source["commit"] == first
    assert (Path(run.source["workspace"]) / "train.py").read_text() == "print('v1')\n"
    run2 = fetch(store, f"file://{src}")
    assert run2.source["commit"] == head


def test_bad_git_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="git clone .* failed"):
        fetch(RunStore(tmp_path / "runs"), f"file://{tmp_path}/no-such-repo")


def test_bad_ref_is_a_clear_error(tmp_path: Path, repo: tuple[Path, str, str]) -> None:
    with pytest.raises(UserInputError, match="checkout --quiet no-such-branch"):
        fetch(RunStore(tmp_path / "runs"), f"file://{repo[0]}", ref="no-such-branch")


def test_missing_path_and_ref_on_local_path_are_rejected(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs")
    with pytest.raises(UserInputError, match="no such file"):
        fetch(store, str(tmp_path / "nope.py"))
    (tmp_path / "a.py").write_text("")
    with pytest.raises(UserInputError, match="--ref only applies"):
        fetch(store, str(tmp_path / "a.py"), ref="main")


@pytest.mark.parametrize(("source", "expected"), [
    ("https://github.com/u/r.git", True), ("git@github.com:u/r.git", True), ("file:///tmp/r", True),
    ("examples/cnn.py", False), ("/abs/path", False),
])
def test_is_git_url(source: str, expected: bool) -> None:
    assert is_git_url(source) is expected
