"""Each sandbox restriction, proved from inside a real container and from the engine's view."""

from __future__ import annotations

import json
import socket
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.executors.base import RunSpec
from pipeline_lib.executors.docker import DockerExecutor, container_spec, find_run_container

# Runs inside the container; records what it may and may not do into <run-dir>/probe.json.
PROBE = textwrap.dedent('''
    import json, os, socket, sys, threading, time
    run_dir, port, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    facts = {"uid": os.getuid(), "gid": os.getgid()}
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    facts.update({k: status[k].strip() for k in ("CapEff", "CapPrm", "CapBnd", "NoNewPrivs")})
    facts["interfaces"] = sorted(l.split(":")[0].strip() for l in open("/proc/net/dev").readlines()[2:])
    facts["routes"] = len(open("/proc/net/route").readlines()) - 1
    def attempt(action):
        try:
            action()
            return "ok"
        except OSError as exc:
            return f"{type(exc).__name__}: {exc.strerror}"
    facts["host_loopback"] = attempt(lambda: socket.create_connection(("127.0.0.1", port), timeout=3).close())
    facts["write_rootfs"] = attempt(lambda: open("/usr/probe.txt", "w").close())
    facts["write_tmp"] = attempt(lambda: open("/tmp/probe.txt", "w").close())
    facts["write_workspace"] = attempt(lambda: open(os.path.join(run_dir, "workspace", "x.py"), "w").close())
    facts["write_run_dir"] = attempt(lambda: open(os.path.join(run_dir, "written.txt"), "w").close())
    started = []
    try:
        for _ in range(threads):
            t = threading.Thread(target=time.sleep, args=(2,), daemon=True)
            t.start()
            started.append(t)
    except RuntimeError as exc:
        facts["thread_error"] = str(exc)
    facts["threads_started"] = len(started)
    json.dump(facts, open(os.path.join(run_dir, "probe.json"), "w"))
    print("probe done")
''')


def _spec(run_dir: Path, image: str, *args: str, **limits: Any) -> RunSpec:
    local = RunSpec(command=("python3", *args), workdir=str(run_dir),
                    labels={"mlops.run": f"sandbox-{run_dir.parent.parent.name}", "mlops.stage": "train"})
    return container_spec(local, run_dir, image, **limits)


@pytest.fixture()
def probe(engine: Any, images: dict[str, str], run_dir: Path, host_server: int) -> dict[str, Any]:
    """Run PROBE with small limits (64 pids, 256 MB) and return what it saw."""
    socket.create_connection(("127.0.0.1", host_server), timeout=3).close()  # the host reaches it
    spec = _spec(run_dir, images["sklearn"], "-c", PROBE, str(run_dir), str(host_server), "200",
                 memory="256m", pids=64)
    assert DockerExecutor(engine).start(spec).wait(timeout=120) == 0
    return dict(json.loads((run_dir / "probe.json").read_text()))


def test_no_network_not_even_the_hosts_loopback(probe: dict[str, Any]) -> None:
    assert probe["interfaces"] == ["lo"] and probe["routes"] == 0
    assert probe["host_loopback"].startswith("ConnectionRefusedError"), probe


def test_read_only_root_filesystem_with_a_writable_tmp(probe: dict[str, Any]) -> None:
    assert probe["write_rootfs"] == "OSError: Read-only file system"
    assert probe["write_tmp"] == "ok"


def test_source_read_only_and_run_dir_writable(probe: dict[str, Any], run_dir: Path) -> None:
    assert probe["write_workspace"] == "OSError: Read-only file system"
    assert probe["write_run_dir"] == "ok" and (run_dir / "written.txt").is_file()
    assert not (run_dir / "workspace" / "x.py").exists()


def test_non_root_with_no_capabilities_and_no_new_privileges(probe: dict[str, Any]) -> None:
    assert probe["uid"] != 0 and probe["gid"] != 0
    assert probe["CapEff"] == probe["CapPrm"] == probe["CapBnd"] == "0000000000000000"
    assert probe["NoNewPrivs"] == "1"


def test_the_pids_limit_stops_a_thread_storm(probe: dict[str, Any]) -> None:
    assert probe["threads_started"] < 64 and "can't start new thread" in probe["thread_error"]


def test_the_engine_holds_the_sandbox_settings_labels_and_streams_logs(
        engine: Any, images: dict[str, str], run_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = "print('hello from the sandbox', flush=True); import time; time.sleep(60)"
    handle = DockerExecutor(engine).start(_spec(run_dir, images["sklearn"], "-c", code, memory="300m",
                                                cpus=1.0, pids=77))
    try:
        container = engine.containers.get(handle.ident)
        for _ in range(240):  # a loaded machine may take a while to start Python: wait for the line, then kill
            if b"hello from the sandbox" in container.logs():
                break
            time.sleep(0.25)
        attrs = container.attrs
        run_id = attrs["Config"]["Labels"]["mlops.run"]
        assert find_run_container(run_id, engine).id == handle.ident
    finally:
        handle.kill()
    host = attrs["HostConfig"]
    assert host["NetworkMode"] == "none" and host["ReadonlyRootfs"] is True
    assert host["CapDrop"] == ["ALL"] and host["SecurityOpt"] == ["no-new-privileges"]
    assert host["PidsLimit"] == 77 and host["Memory"] == 300 * 2**20 and host["NanoCpus"] == 10**9
    assert "/tmp" in host["Tmpfs"] and attrs["Config"]["User"] != "0"
    assert attrs["Config"]["Labels"]["mlops.stage"] == "train"
    assert handle.wait() == -9 and handle.reason == "killed by signal 9"
    assert find_run_container(run_id, engine, all_states=True) is None, "the container was not removed"
    assert "hello from the sandbox" in capsys.readouterr().out


def test_over_the_memory_limit_the_run_is_oom_killed_and_reported(
        engine: Any, images: dict[str, str], run_dir: Path) -> None:
    hog = "blocks = [bytearray(16 * 2**20) for _ in range(64)]"  # 1 GB against a 96 MB limit
    handle = DockerExecutor(engine).start(_spec(run_dir, images["sklearn"], "-c", hog, memory="96m"))
    assert handle.wait(timeout=120) == -9
    assert handle.reason is not None and handle.reason.startswith("OOM-killed")
