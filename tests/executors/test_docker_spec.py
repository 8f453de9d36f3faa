"""The container RunSpec and the sandbox options as pure data: no engine needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline_lib.errors import FatalError
from pipeline_lib.executors.base import Mount, RunSpec
from pipeline_lib.executors.docker import (
    DEFAULT_MEMORY,
    DEFAULT_PIDS,
    IMAGE_PYTHON,
    container_spec,
    exit_status,
    run_options,
    sandbox_user,
)
from pipeline_lib.stages.monitor import worker_spec
from pipeline_lib.store import RunRecord, RunStore

IMAGE = "mlops/keras:0.1.0"


@pytest.fixture()
def store(tmp_path: Path) -> RunStore:
    store = RunStore(tmp_path / "runs")
    store.create(RunRecord(id="run-1", kind="cnn", script="cnn.py",
                           source={"workspace": str(store.run_dir("run-1") / "workspace")}))
    return store


def test_the_worker_spec_runs_with_the_images_python_and_same_paths(store: RunStore) -> None:
    local = worker_spec(store, "run-1", "loop")
    run_dir = store.run_dir("run-1")
    spec = container_spec(local, run_dir, IMAGE)
    assert local.command[0] == sys.executable
    assert spec.command == (IMAGE_PYTHON, *local.command[1:])
    assert "--runs-dir" in spec.command and str(store.root) in spec.command
    assert spec.image == IMAGE and spec.workdir == str(run_dir) == local.workdir
    assert spec.labels == {"mlops.run": "run-1", "mlops.stage": "retrain"}
    assert "PYTHONPATH" in local.env and "PYTHONPATH" not in spec.env
    assert spec.env["HOME"] == "/tmp" and spec.env["PYTHONUNBUFFERED"] == "1"


def test_run_dir_is_writable_and_the_workspace_read_only_at_their_own_paths(store: RunStore) -> None:
    run_dir = store.run_dir("run-1")
    spec = container_spec(worker_spec(store, "run-1", "baseline"), run_dir, IMAGE)
    assert spec.mounts[:2] == (Mount(str(run_dir), str(run_dir), read_only=False),
                           Mount(str(run_dir / "workspace"), str(run_dir / "workspace"), read_only=True))
    # run.json's stored workspace path is valid inside the container as it is outside.
    assert store.load("run-1").source["workspace"] == spec.mounts[1].target


def test_default_limits_and_the_specs_own_limits_win(store: RunStore) -> None:
    run_dir = store.run_dir("run-1")
    default = container_spec(worker_spec(store, "run-1", "loop"), run_dir, IMAGE)
    assert (default.memory, default.pids) == (DEFAULT_MEMORY, DEFAULT_PIDS)
    assert default.cpus is not None and default.cpus >= 1 and default.network is False
    own = RunSpec(command=("python3", "-c", "pass"), memory="256m", cpus=0.5, pids=32, network=True)
    limited = container_spec(own, run_dir, IMAGE, memory="8g")
    assert (limited.memory, limited.cpus, limited.pids, limited.network) == ("256m", 0.5, 32, True)
    assert limited.workdir == str(run_dir)


def test_a_command_that_is_not_python_is_kept(tmp_path: Path) -> None:
    spec = container_spec(RunSpec(command=("sh", "-c", "id")), tmp_path, IMAGE)
    assert spec.command == ("sh", "-c", "id")


def test_run_options_always_apply_the_sandbox(store: RunStore, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "no-keras-cache"))  # no data-set folders to mount
    spec = container_spec(worker_spec(store, "run-1", "loop"), store.run_dir("run-1"), IMAGE, cpus=1.5, pids=99)
    options = run_options(spec, "1000:1000")
    assert options["network_mode"] == "none"
    assert options["read_only"] is True and options["tmpfs"]["/tmp"].startswith("rw,")
    assert "noexec" in options["tmpfs"]["/tmp"] and "size=" in options["tmpfs"]["/tmp"]
    assert options["cap_drop"] == ["ALL"] and options["security_opt"] == ["no-new-privileges"]
    assert options["user"] == "1000:1000"
    assert options["mem_limit"] == options["memswap_limit"] == DEFAULT_MEMORY
    assert options["nano_cpus"] == 1_500_000_000 and options["pids_limit"] == 99
    assert options["labels"] == {"mlops.run": "run-1", "mlops.stage": "retrain"}
    assert options["name"].startswith("mlops-run-1-")
    run_dir = str(store.run_dir("run-1"))
    assert options["volumes"] == {run_dir: {"bind": run_dir, "mode": "rw"},
                                  f"{run_dir}/workspace": {"bind": f"{run_dir}/workspace", "mode": "ro"}}
    assert options["command"][0] == IMAGE_PYTHON and options["working_dir"] == run_dir


def test_network_only_when_the_spec_asks_for_it(tmp_path: Path) -> None:
    spec = container_spec(RunSpec(command=("python3",), network=True), tmp_path, IMAGE)
    assert "network_mode" not in run_options(spec, "1000:1000")


def test_run_options_refuse_a_spec_without_image() -> None:
    with pytest.raises(FatalError, match="needs an image"):
        run_options(RunSpec(command=("python3",)), "1000:1000")


@pytest.mark.parametrize(("state", "expected"), [
    ({"ExitCode": 0}, (0, None)),
    ({"ExitCode": 2}, (2, None)),
    ({"ExitCode": 137}, (-9, "killed by signal 9")),
    ({"ExitCode": 143}, (-15, "killed by signal 15")),
    ({"ExitCode": 137, "OOMKilled": True}, (-9, "OOM-killed: it used more memory than its limit")),
    ({"ExitCode": 0, "OOMKilled": True}, (-9, "OOM-killed: it used more memory than its limit")),
    ({"ExitCode": 0, "Error": "oci runtime error"}, (1, "oci runtime error")),
])
def test_exit_status_reports_kills_like_the_local_executor(state: dict[str, object],
                                                           expected: tuple[int, str | None]) -> None:
    assert exit_status(state) == expected


def test_the_sandbox_user_is_the_hosts_unless_root() -> None:
    assert sandbox_user(0, 0) == "1000:1000"
    assert sandbox_user(1234, 55) == "1234:55"


def test_a_gpu_agent_asks_the_engine_for_every_gpu(store: RunStore) -> None:
    from docker.types import HostConfig

    spec = container_spec(worker_spec(store, "run-1", "loop"), store.run_dir("run-1"), IMAGE)
    assert "device_requests" not in run_options(spec, "1000:1000")
    requests = run_options(spec, "1000:1000", gpus="all")["device_requests"]
    built = HostConfig(version="1.41", device_requests=requests)["DeviceRequests"]
    assert built == [{"Driver": "", "Count": -1, "DeviceIDs": [], "Capabilities": [["gpu"]], "Options": {}}]
