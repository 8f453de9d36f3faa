"""What the Jenkins jobs rely on from the product, fast: ``mlops notify``, the commit of a checkout
without git, and the clear error for a runs folder the sandbox cannot enter.

The same paths run for real in test_live_build.py (a real Jenkins, real SMTP, real containers).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.cli import main
from pipeline_lib.errors import UserInputError
from pipeline_lib.executors import Executor, Handle, RunSpec
from pipeline_lib.executors.docker import container_spec
from pipeline_lib.stages import fetch as fetch_module
from pipeline_lib.store import RunStatus, RunStore
from tests.test_report import load_run

SMTP_ENV = ("MLOPS_SMTP_HOST", "MLOPS_SMTP_PORT", "MLOPS_SMTP_STARTTLS", "MLOPS_NOTIFY_TO")


@pytest.fixture()
def finished_run(tmp_path: Path) -> tuple[RunStore, str]:
    """A finished run (target met) in a runs folder, its report not written yet."""
    run, _ = load_run("ann_target_met", tmp_path / "fixture")
    store = RunStore(tmp_path / "runs")
    run.notification = {}
    store.create(run)
    return store, run.id


def _smtp_env(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    for name, value in zip(SMTP_ENV, ("127.0.0.1", str(port), "0", "admin@example.com"), strict=True):
        monkeypatch.setenv(name, value)


def test_notify_sends_a_finished_runs_report_once(finished_run: tuple[RunStore, str], smtp_server: Any,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    store, run_id = finished_run
    inbox, port = smtp_server()
    _smtp_env(monkeypatch, port)
    args = ["notify", "--runs-dir", str(store.root), "--run-id", run_id]
    assert main(args) == 0
    assert "target met" in str(inbox.only_message()["Subject"])
    assert (store.run_dir(run_id) / "report" / "summary.md").is_file()  # written for the attachment
    assert store.load(run_id).notification["sent"] is True
    assert main(args) == 0  # Jenkins calls it after every stage that may end a run: no second e-mail
    assert len(inbox.envelopes) == 1 and "already notified" in capsys.readouterr().out
    assert main([*args, "--again"]) == 0
    assert len(inbox.envelopes) == 2


def test_notify_leaves_a_running_run_alone(finished_run: tuple[RunStore, str], smtp_server: Any,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    store, run_id = finished_run
    with store.update(run_id) as record:
        record.status = RunStatus.RUNNING
    inbox, port = smtp_server()
    _smtp_env(monkeypatch, port)
    assert main(["notify", "--runs-dir", str(store.root), "--run-id", run_id]) == 0
    assert inbox.envelopes == [] and "no verdict to send yet" in capsys.readouterr().out
    assert store.load(run_id).notification == {}


def _git(args: list[str], cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_the_commit_of_a_checkout_is_read_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(["init", "--quiet", "--initial-branch=main"], repo)
    (repo / "a.txt").write_text("a")
    _git(["add", "a.txt"], repo)
    _git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "a"], repo)
    sha = _git(["rev-parse", "HEAD"], repo)
    assert fetch_module.head_commit(repo) == sha  # with git
    monkeypatch.setattr(fetch_module.shutil, "which", lambda name: None)  # the tools image: no git binary
    assert fetch_module.head_commit(repo) == sha  # a branch, loose ref
    _git(["pack-refs", "--all"], repo)
    assert fetch_module.head_commit(repo) == sha  # a branch, packed ref
    _git(["checkout", "--quiet", "--detach"], repo)
    assert fetch_module.head_commit(repo) == sha  # what a Jenkins checkout is: a detached head
    assert fetch_module.head_commit(tmp_path) is None  # not a checkout


def test_a_runs_folder_under_root_is_refused_with_what_to_do() -> None:
    spec = RunSpec(command=("python", "-m", "pipeline_lib.runtime.worker"))
    with pytest.raises(UserInputError) as caught:
        container_spec(spec, "/root/mlops-runs/r1", "mlops/keras:0.1.0")
    assert "/root/mlops-runs" in caught.value.message and "MLOPS_RUNS_DIR" in str(caught.value)
    assert container_spec(spec, "/var/lib/jenkins/workspace/mlops-runs/r1", "mlops/keras:0.1.0").image


class _NoStart(Executor):
    name = "refuses"

    def start(self, spec: RunSpec) -> Handle:
        raise AssertionError(f"a worker was started for a finished run: {spec.command}")


def test_retrain_of_a_run_the_baseline_decided_starts_no_worker(finished_run: tuple[RunStore, str]) -> None:
    from pipeline_lib.stages.train import retrain_stage

    store, run_id = finished_run
    assert retrain_stage(store, run_id, _NoStart(), notify=False) == 0
    assert (store.run_dir(run_id) / "report" / "junit.xml").is_file()
