"""The hostile-script lab: real pipeline runs of scripts that attack the sandbox.

Every hostile script is a tiny KMeans script (seconds, no TensorFlow) with an attack in front.
:class:`Lab` runs each one once per executor through the real pipeline (fetch, detect, the
monitored worker, report, e-mail to a real aiosmtpd server on 127.0.0.1) with secrets in the
trusted process's environment, a secret in a file in the host's home, in another run and in
the runs root, and a loopback server of its own that the script tries to reach. The tests
read what the script saw (it prints its findings hex-encoded, so the redactor cannot hide a
leak from the test) and what the run wrote. The summary prints the behaviour × executor table.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

import pipeline_lib
from pipeline_lib.pipeline import run_source
from pipeline_lib.store import RunRecord, RunStore
from tests.containers.conftest import engine, images  # noqa: F401  (fixtures for the docker runs)
from tests.smtp_helpers import Inbox, free_port

#: Secrets of the trusted process: named like secrets, and one only the run marks secret.
SECRETS = {
    "MLOPS_SMTP_PASSWORD": f"smtp-{secrets.token_hex(8)}",
    "MLOPS_JENKINS_TOKEN": f"jenkins-{secrets.token_hex(8)}",
    "GITHUB_TOKEN": f"ghp_{secrets.token_hex(12)}",
    "AWS_SECRET_ACCESS_KEY": f"aws-{secrets.token_hex(10)}",
    "MY_DATABASE_URL": f"postgres://app:{secrets.token_hex(6)}@db/app",
}
#: Secrets in files the script must not see (host's home, another run, the runs root).
FILE_SECRETS = {"home": f"home-{secrets.token_hex(8)}", "other_run": f"other-{secrets.token_hex(8)}",
                "runs_root": f"root-{secrets.token_hex(8)}"}
ALL_SECRETS = [*SECRETS.values(), *FILE_SECRETS.values()]
MEASURES_OF: dict[str, str] = {}
RESULTS: dict[tuple[str, str], str] = {}


def record(behaviour: str, executor: str, contained: bool, detail: str = "") -> None:
    """One cell of the summary table (and what the assertion is about)."""
    RESULTS[(behaviour, executor)] = ("yes" if contained else "NO") + (f" ({detail})" if detail else "")


@dataclass
class HostileRun:
    """What one hostile run left: the record, its folder, the console and the e-mail."""

    run: RunRecord
    run_dir: Path
    console: str
    mail: str
    code: int
    extra: dict[str, Any] = field(default_factory=dict)

    def log(self) -> str:
        return "".join(p.read_text(errors="replace") for p in sorted(self.run_dir.glob("trials/*/log.txt")))

    def measure(self, name: str) -> str:
        return str(self.run.stages.get("sandbox", {}).get("measures", {}).get(name, "not reported"))


class _Listener:
    """A TCP server on the host's 127.0.0.1 that counts the connections it accepted."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.accepted = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


class Lab:
    """Runs hostile scripts (once per name and executor) in a prepared world."""

    def __init__(self, root: Path, inbox: Inbox, smtp_port: int, listener: _Listener) -> None:
        self.root, self.inbox, self.smtp_port, self.listener = root, inbox, smtp_port, listener
        self.runs = root / "runs"
        self.cache: dict[tuple[str, str], HostileRun] = {}
        other = self.runs / "20260101-000000-other-run-0000"
        (other / "report").mkdir(parents=True)
        self.other_run_file = other / "report" / "notification.eml"
        self.other_run_file.write_text(f"password: {FILE_SECRETS['other_run']}\n")
        self.runs_root_file = self.runs / "credentials.txt"
        self.runs_root_file.write_text(f"token={FILE_SECRETS['runs_root']}\n")
        self.home_file = Path.home() / f".mlops-hostile-{secrets.token_hex(4)}"
        self.home_file.write_text(f"secret={FILE_SECRETS['home']}\n")

    def close(self) -> None:
        self.home_file.unlink(missing_ok=True)

    @property
    def docker_socket(self) -> str:
        host = os.environ.get("DOCKER_HOST", "")
        return host[len("unix://"):] if host.startswith("unix://") else "/var/run/docker.sock"

    def values(self) -> dict[str, str]:
        """Placeholders the hostile scripts use (paths and the port are not secret)."""
        return {"PORT": str(self.listener.port), "HOME_FILE": str(self.home_file),
                "CODE_DIR": str(Path(pipeline_lib.__file__).parent), "DOCKER_SOCKET": self.docker_socket,
                "OTHER_RUN_FILE": str(self.other_run_file), "RUNS_ROOT_FILE": str(self.runs_root_file),
                "RUNS_ROOT": str(self.runs)}

    def run(self, name: str, script: str, executor: str, pushed: dict[str, str] | None = None,
            **config: Any) -> HostileRun:
        key = (name, executor)
        if key in self.cache:
            return self.cache[key]
        source = self.root / "pushed" / f"{name}-{executor}"
        source.mkdir(parents=True)
        for placeholder, value in self.values().items():
            script = script.replace(f"@{placeholder}@", value)
        (source / "hostile.py").write_text(script)
        for file, text in (pushed or {}).items():
            (source / file).write_text(text)
        env = {**SECRETS, "MLOPS_SECRET_NAMES": "MY_DATABASE_URL", "MLOPS_SMTP_HOST": "127.0.0.1",
               "MLOPS_SMTP_PORT": str(self.smtp_port), "MLOPS_SMTP_STARTTLS": "0",
               "MLOPS_NOTIFY_TO": "admin@example.com", "MLOPS_SMTP_FROM": "mlops@example.com"}
        before = len(self.inbox.envelopes)
        settings = {"executor": executor, "max_restarts": 0, "restart_backoff": 0.2, "time_budget": 120.0,
                    "trial_timeout": 60.0, **config}
        store = RunStore(self.runs)
        capture = _Console()
        with pytest.MonkeyPatch.context() as patch, capture:
            for key_, value in env.items():
                patch.setenv(key_, value)
            code = run_source(store, str(source / "hostile.py"), settings, run_id=f"{name}-{executor}")
        run = store.load(f"{name}-{executor}")
        mails = [e.original_content.decode(errors="replace") for e in self.inbox.envelopes[before:]
                 if e.original_content]
        result = HostileRun(run, store.run_dir(run.id), capture.text(), "".join(mails), code)
        MEASURES_OF.setdefault(executor, str(run.stages.get("sandbox", {}).get("measures")))
        self.cache[key] = result
        return result


class _Console:
    """Capture this process's stdout/stderr (where the worker's relayed output goes) and echo nothing."""

    def __enter__(self) -> _Console:
        import io
        import sys

        self._saved = sys.stdout, sys.stderr
        self._buffer = io.StringIO()
        sys.stdout = sys.stderr = self._buffer
        return self

    def __exit__(self, *exc: object) -> None:
        import sys

        sys.stdout, sys.stderr = self._saved

    def text(self) -> str:
        return self._buffer.getvalue()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    listener = _Listener()
    world = Lab(tmp_path_factory.mktemp("hostile"), inbox, port, listener)
    try:
        yield world
    finally:
        world.close()
        listener.close()
        controller.stop()


@pytest.fixture(scope="session", params=["local", "docker"])
def executor(request: pytest.FixtureRequest) -> str:
    """Each hostile test runs once per executor; docker ones skip (with the reason) without an engine."""
    if request.param == "docker":
        request.getfixturevalue("images")
    return str(request.param)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not RESULTS:
        return
    behaviours = list(dict.fromkeys(b for b, _ in RESULTS))
    executors = [e for e in ("local", "docker") if any(x == e for _, x in RESULTS)]
    write = terminalreporter.write_line
    write("")
    write("hostile behaviour × executor — contained?")
    write("| behaviour | " + " | ".join(executors) + " |")
    write("|---|" + "---|" * len(executors))
    for behaviour in behaviours:
        cells = [RESULTS.get((behaviour, e), "not run") for e in executors]
        write(f"| {behaviour} | " + " | ".join(cells) + " |")
    for name, measures in MEASURES_OF.items():
        write(f"{name} measures: {measures}")
