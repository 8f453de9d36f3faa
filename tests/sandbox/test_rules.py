"""The rules behind the sandbox, fast: secret names, redaction, the allowlist, the local plan, --target."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from pipeline_lib.cli import main
from pipeline_lib.executors.base import RunSpec, worker_environment
from pipeline_lib.executors.docker import container_spec
from pipeline_lib.executors.local import LocalExecutor, relay
from pipeline_lib.executors.sandbox import parse_size, plan_local, run_uid
from pipeline_lib.redaction import Redactor, is_secret_name, redact, scrub_run_dir, secret_values


@pytest.mark.parametrize("name", ["MLOPS_SMTP_PASSWORD", "MLOPS_JENKINS_TOKEN", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY",
                                  "AWS_ACCESS_KEY_ID", "OPENAI_API_KEY", "DB_PASS", "GOOGLE_APPLICATION_CREDENTIALS",
                                  "SSH_AUTH_SOCK", "npm_config__authToken"])
def test_secret_names(name: str) -> None:
    assert is_secret_name(name)


@pytest.mark.parametrize("name", ["PATH", "HOME", "LANG", "OMP_NUM_THREADS", "KEYBOARD", "MONKEY", "PATCH_LEVEL",
                                  "OPENBLAS_CORETYPE", "TF_CPP_MIN_LOG_LEVEL"])
def test_ordinary_names(name: str) -> None:
    assert not is_secret_name(name)


def test_values_the_run_marks_secret_and_short_values() -> None:
    env = {"MLOPS_SECRET_NAMES": "DATABASE_URL, OTHER", "DATABASE_URL": "postgres://u:p4ss@db/x",
           "GITHUB_TOKEN": "ghp_x1", "MLOPS_SMTP_PASSWORD": "abc", "PLAIN": "postgres"}
    assert secret_values(env) == ["postgres://u:p4ss@db/x", "ghp_x1"]  # "abc" is too short to mask safely


def test_redact_masks_raw_and_json_escaped_values_and_url_credentials() -> None:
    redactor = Redactor(['pa"ss\\word'])
    text = json.dumps({"error": 'login with pa"ss\\word refused'})
    assert "pa" not in redactor.redact(text).replace("***", "")
    assert redact("clone https://bob:tok@github.com/x.git", []) == "clone https://***@github.com/x.git"
    assert redact("nothing here", ["secret-value"]) == "nothing here"


def test_scrub_run_dir_masks_every_text_file_but_the_pushed_code(tmp_path: Path) -> None:
    (tmp_path / "trials" / "001").mkdir(parents=True)
    (tmp_path / "workspace").mkdir()
    (tmp_path / "trials" / "001" / "log.txt").write_text("token s3cr3t-value\n")
    (tmp_path / "run.json").write_text('{"error": "s3cr3t-value"}')
    (tmp_path / "workspace" / "config.ini").write_text("s3cr3t-value")
    changed = scrub_run_dir(tmp_path, Redactor(["s3cr3t-value"]))
    assert sorted(p.name for p in changed) == ["log.txt", "run.json"]
    assert (tmp_path / "trials" / "001" / "log.txt").read_text() == "token ***\n"
    assert (tmp_path / "workspace" / "config.ini").read_text() == "s3cr3t-value"


def test_worker_environment_is_an_allowlist() -> None:
    host = {"PATH": "/usr/bin", "HOME": "/root", "LANG": "C.UTF-8", "LC_ALL": "C", "OPENBLAS_CORETYPE": "Haswell",
            "OPENBLAS_L2_SIZE": "262144", "OMP_NUM_THREADS": "2", "TZ": "UTC", "MLOPS_SMTP_PASSWORD": "hunter2-x",
            "GITHUB_TOKEN": "ghp_abcdef", "USER": "root", "SOME_RANDOM": "value", "MLOPS_SECRET_NAMES": "DSN_LIKE",
            "DSN_LIKE": "pg://x"}
    env, refused = worker_environment({"PYTHONPATH": "/src", "LEAK": "hunter2-x", "MY_TOKEN": "t0k3n"}, host)
    assert env == {"PATH": "/usr/bin", "LANG": "C.UTF-8", "LC_ALL": "C", "OPENBLAS_CORETYPE": "Haswell",
                   "OPENBLAS_L2_SIZE": "262144", "OMP_NUM_THREADS": "2", "TZ": "UTC", "PYTHONPATH": "/src"}
    assert refused == ["LEAK", "MY_TOKEN"]  # a secret's value under another name, a secret-named variable
    container, _ = worker_environment({}, host, host=False)
    assert "PATH" not in container and container["OPENBLAS_CORETYPE"] == "Haswell"


def test_the_container_gets_the_allowlist_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "aws-value-123")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    spec = RunSpec(command=("python", "-m", "x"), env={"PYTHONPATH": "/src", "MPLBACKEND": "Agg"}, workdir=str(tmp_path))
    env = container_spec(spec, tmp_path, "mlops/sklearn:0").env
    assert env == {"MPLBACKEND": "Agg", "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1",
                   **{k: v for k, v in os.environ.items() if k.startswith(("LANG", "LC_", "TZ", "OPENBLAS"))}}


def test_the_local_plan_says_what_is_not_available_and_why(tmp_path: Path) -> None:
    run_dir = tmp_path / "runs" / "r1"
    (run_dir / "workspace").mkdir(parents=True)
    plan = plan_local(run_id="r1", run_dir=str(run_dir), needed=[sys.base_prefix], home="/tmp/h", network=False,
                      memory="2g", pids=None, file_size=None, refused=["GITHUB_TOKEN"], root=False)
    assert plan.uid is None and plan.measures["user"].startswith("not available: mlops is not root")
    assert plan.measures["process count"].startswith("not available")
    assert plan.limits["RLIMIT_AS"] == 2 * 2**30 and plan.limits["RLIMIT_CORE"] == 0
    assert "GITHUB_TOKEN" in plan.measures["environment"]
    assert all(v.startswith(("applied", "not available", "not applied")) for v in plan.measures.values())
    asks = plan_local(run_id="r1", run_dir=str(run_dir), needed=[], home="/tmp/h", network=True, memory=None,
                      pids=None, file_size=None, refused=[], root=False)
    assert asks.measures["network"] == "not applied: the run asks for the network" and "--net" not in asks.prefix


def test_sizes_and_uids() -> None:
    assert parse_size("1500m") == 1500 * 2**20 and parse_size("4g") == 4 * 2**30 and parse_size(None) is None
    assert run_uid("a") == run_uid("a") != run_uid("b") and run_uid("a") >= 200_000


def test_relay_masks_and_caps(tmp_path: Path) -> None:
    import io

    source = io.BytesIO(b"".join(b"line %d hunter2-x\n" % i for i in range(1000)))
    sink = io.StringIO()
    relay(source, sink, Redactor(["hunter2-x"]), limit=200)
    text = sink.getvalue()
    assert "hunter2-x" not in text and "line 0 ***" in text and "is not shown" in text and len(text) < 400


def test_local_executor_keeps_secrets_out_of_the_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MLOPS_SMTP_PASSWORD", "pw-in-the-parent")
    code = "import os; print(sorted(os.environ)); print('the parent said pw-in-the-parent')"
    spec = RunSpec(command=(sys.executable, "-c", code), workdir=str(tmp_path))
    assert LocalExecutor(sandbox=False).start(spec).wait(timeout=60) == 0
    out = capfd.readouterr().out
    assert "MLOPS_SMTP_PASSWORD" not in out and "the parent said ***" in out and "'HOME'" in out


@pytest.mark.parametrize("target, suggestion", [("80", "0.80"), ("0", "0.80"), ("1.5", "0.015"), ("95", "0.95"), ("-3", "0.80")])
def test_target_outside_zero_one_is_exit_2_with_a_suggestion(target: str, suggestion: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    script = Path(__file__).resolve().parents[2] / "examples" / "kmeans.py"
    for argv in (["run", str(script)], ["stage", "fetch", "--source", str(script)]):
        assert main([*argv, "--target", target, "--runs-dir", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert f"--target {target} is outside (0, 1]" in err and f"--target {suggestion}" in err
    assert not (tmp_path / "LATEST").exists()  # nothing was created


def test_without_namespaces_the_worker_still_runs_with_limits_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    from pipeline_lib.executors import local, sandbox

    monkeypatch.setattr(local, "_WARNED", False)  # the warning is shown once per process
    monkeypatch.setattr(sandbox, "_namespaces_work", lambda root: "unshare(1) is not installed (util-linux)")
    (tmp_path / "workspace").mkdir()
    code = ("import resource; print('AS', resource.getrlimit(resource.RLIMIT_AS)[0]);"
            "print('FSIZE', resource.getrlimit(resource.RLIMIT_FSIZE)[0])")
    spec = RunSpec(command=(sys.executable, "-c", code), workdir=str(tmp_path), memory="3g", file_size=2**20,
                   labels={"mlops.run": "r-no-ns"})
    executor = LocalExecutor()
    measures = executor.measures(spec)
    assert measures["network"] == measures["processes"] == "not available: unshare(1) is not installed (util-linux)"
    assert measures["user"].startswith("not available") and measures["address space"].startswith("applied")
    assert executor.start(spec).wait(timeout=60) == 0
    out = capfd.readouterr().out
    assert f"AS {3 * 2**30}" in out and f"FSIZE {2**20}" in out and "--executor docker" in out
    mounted = [line.split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()]
    assert not [m for m in mounted if m.startswith((str(tmp_path), "/tmp/mlops-worker-"))], "mounted on the host"


def test_confine_never_mounts_outside_a_new_namespace(tmp_path: Path) -> None:
    import subprocess

    plan = {"overlays": [], "home": str(tmp_path / "home"), "writable": [str(tmp_path)], "read_only": [],
            "seeds": {}, "freeze": False, "drop_caps": False, "uid": None, "limits": {}, "workdir": None}
    result = subprocess.run([sys.executable, "-m", "pipeline_lib.executors.confine", json.dumps(plan), "--", "true"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 125 and "refusing to mount" in result.stderr
    assert str(tmp_path) not in Path("/proc/self/mountinfo").read_text()


def test_a_killed_sandboxed_worker_takes_everything_it_started_with_it(tmp_path: Path) -> None:
    import time

    (tmp_path / "workspace").mkdir()
    marker = f"sleeper-{os.getpid()}-{time.time_ns()}"
    code = (f"import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', '{marker}'],"
            " start_new_session=True);"
            "print('started', flush=True); time.sleep(300)")
    spec = RunSpec(command=(sys.executable, "-c", code), workdir=str(tmp_path), labels={"mlops.run": "r-kill"})
    executor = LocalExecutor()
    if not executor.measures(spec)["processes"].startswith("applied"):
        pytest.skip(f"no PID namespace here: {executor.measures(spec)['processes']}")
    handle = executor.start(spec)

    def sleepers() -> list[str]:
        return [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline_has(p, marker)]

    def grandchild() -> list[str]:
        # The script's own child: argv ends with the marker (unshare, confine and the worker only
        # carry it inside the -c code string).
        return [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _argv_ends_with(p, marker)]

    deadline = time.monotonic() + 30
    while not grandchild() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert grandchild(), "the worker's child never started"
    handle.kill()
    deadline = time.monotonic() + 10
    while sleepers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not sleepers() and handle.wait(timeout=5) == -9


def _argv_ends_with(proc: Path, marker: str) -> bool:
    try:
        return (proc / "cmdline").read_bytes().rstrip(b"\0").split(b"\0")[-1] == marker.encode()
    except OSError:
        return False


def _cmdline_has(proc: Path, marker: str) -> bool:
    try:
        return marker.encode() in (proc / "cmdline").read_bytes()
    except OSError:
        return False


def test_covers_hide_other_runs_even_inside_the_project_and_keep_what_is_needed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline_lib.executors import sandbox

    monkeypatch.setattr(sandbox.os.path, "isdir", lambda path: True)  # paths of another machine
    keep = [("/home/ann/project", True), ("/home/ann/.pyenv/3.11", True), ("/home/ann/project/runs/r1", False)]
    hidden = [("/tmp", 1, 0o1777), ("/home/ann", 2, 0o755), ("/home/ann/project/runs", 3, 0o755),
              ("/home/ann/project", 4, 0o755)]
    covers, skipped = sandbox._overlays(hidden, keep)
    assert [c["path"] for c in covers] == ["/tmp", "/home/ann", "/home/ann/project/runs"]
    assert covers[1]["keep"] == [["/home/ann/project", True], ["/home/ann/.pyenv/3.11", True],
                                 ["/home/ann/project/runs/r1", False]]
    assert covers[2]["keep"] == [["/home/ann/project/runs/r1", False]]
    assert skipped == ["/home/ann/project is what the worker needs"]


def test_a_token_in_the_git_url_is_not_left_where_the_worker_reads(tmp_path: Path) -> None:
    import subprocess

    from pipeline_lib.stages.fetch import fetch
    from pipeline_lib.store import RunStore

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "train.py").write_text("print('hi')\n")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "."], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "x"], check=True)
    url = f"file://bob:tok3n-value@{repo}"  # file:// ignores the userinfo, as a proxy for https
    try:
        run = fetch(RunStore(tmp_path / "runs"), url, script="train.py")
    except Exception as exc:  # noqa: BLE001 - some git builds refuse userinfo in file:// URLs
        pytest.skip(f"git refuses a file:// URL with userinfo here: {exc}")
    workspace = Path(run.source["workspace"])
    assert "tok3n-value" not in json.dumps(run.to_dict())
    assert "tok3n-value" not in (workspace / ".git" / "config").read_text()


@pytest.mark.parametrize("namespaces", [True, False])
def test_dataset_caches_of_the_host_are_readable_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capfd: pytest.CaptureFixture[str],
                                                              namespaces: bool) -> None:
    from pipeline_lib.executors import sandbox

    if not namespaces:
        monkeypatch.setattr(sandbox, "_namespaces_work", lambda root: "unshare(1) is not installed (util-linux)")
    home = tmp_path / "home"
    (home / ".keras" / "datasets").mkdir(parents=True)
    (home / ".keras" / "datasets" / "mnist.npz").write_bytes(b"cached")
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "run" / "workspace").mkdir(parents=True)
    code = ("import os; p = os.path.expanduser('~/.keras/datasets/mnist.npz'); print('READ', open(p, 'rb').read());"
            "open(os.path.expanduser('~/.keras/keras.json'), 'w').write('{}'); print('HOME WRITABLE');"
            "import contextlib\nwith contextlib.suppress(OSError): open(p, 'ab').write(b'x'); print('CACHE WRITTEN')")
    spec = RunSpec(command=(sys.executable, "-c", code), workdir=str(tmp_path / "run"), labels={"mlops.run": "r-cache"})
    executor = LocalExecutor()
    assert executor.measures(spec)["dataset caches"].startswith("applied")
    assert executor.start(spec).wait(timeout=60) == 0
    out = capfd.readouterr().out
    assert "READ b'cached'" in out and "HOME WRITABLE" in out
    assert not (home / ".keras" / "keras.json").exists()  # the private HOME took it, not the host's
    if namespaces:
        assert "CACHE WRITTEN" not in out and (home / ".keras" / "datasets" / "mnist.npz").read_bytes() == b"cached"


def test_a_worker_killed_right_after_its_start_leaves_nothing_running(tmp_path: Path) -> None:
    """The race the kill closes: ``unshare`` has forked but its child has no parent-death signal yet."""
    import time

    (tmp_path / "workspace").mkdir()
    executor = LocalExecutor()
    for attempt in range(8):
        marker = f"early-{os.getpid()}-{attempt}-{time.time_ns()}"
        spec = RunSpec(command=(sys.executable, "-c", "import time; time.sleep(300)", marker),
                       workdir=str(tmp_path), labels={"mlops.run": f"r-early-{attempt}"})
        handle = executor.start(spec)
        time.sleep(0.003 * attempt)  # kill at different moments of the start-up
        handle.kill()
        deadline = time.monotonic() + 10
        left = ["x"]
        while left and time.monotonic() < deadline:
            left = [p.name for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline_has(p, marker)]
            time.sleep(0.05)
        assert not left, f"attempt {attempt}: processes {left} survived the kill"
