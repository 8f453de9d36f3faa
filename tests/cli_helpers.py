"""Run the real `mlops` CLI in a subprocess and read what it stored (used by end-to-end tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"
EXAMPLES = ROOT / "examples"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def mlops_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a child `mlops`: the source tree importable, no SMTP configured."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLOPS_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env["MLOPS_EXECUTOR"] = "local"  # tests/containers pass --executor docker explicitly
    env.update(extra or {})
    return env


def run_mlops(*args: str, timeout: float = 300, env: dict[str, str] | None = None) -> CliResult:
    """Run ``python -m pipeline_lib.cli ARGS`` to completion."""
    proc = subprocess.run([sys.executable, "-m", "pipeline_lib.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=mlops_env(env), stdin=subprocess.DEVNULL)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def start_mlops(*args: str, log: Path) -> subprocess.Popen[bytes]:
    """Start `mlops` in its own session (so a test can kill the whole process group)."""
    handle = open(log, "wb")
    return subprocess.Popen([sys.executable, "-m", "pipeline_lib.cli", *args], cwd=ROOT, stdout=handle,
                            stderr=subprocess.STDOUT, env=mlops_env(), stdin=subprocess.DEVNULL,
                            start_new_session=True)


def only_run(runs_dir: Path) -> dict[str, Any]:
    """The run.json of the single run in ``runs_dir``."""
    files = list(runs_dir.glob("*/run.json"))
    assert len(files) == 1, f"expected one run in {runs_dir}, found {files}"
    return json.loads(files[0].read_text())


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def progress(runs_dir: Path, trial: int) -> dict[str, Any]:
    """The progress.json of a trial (empty until the first epoch starts)."""
    for path in runs_dir.glob(f"*/trials/{trial:03d}/progress.json"):
        try:
            return json.loads(path.read_text())
        except json.JSONDecodeError:
            return {}
    return {}
