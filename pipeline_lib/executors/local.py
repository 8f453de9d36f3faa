"""The embedded default: run the worker as a local subprocess (no Docker needed), confined
as far as this machine allows (:mod:`pipeline_lib.executors.sandbox`).

The worker's output is relayed to the console line by line through the redactor (a secret
value the script found and printed never reaches the terminal or a CI log), and only up to
the spec's ``output_limit``; the rest is dropped with one notice.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import zlib
from pathlib import Path
from typing import IO

from pipeline_lib.console import say
from pipeline_lib.executors.base import Executor, Handle, RunSpec, worker_environment
from pipeline_lib.executors.sandbox import SandboxPlan, hand_back, hand_over, plan_local, wrap_command
from pipeline_lib.redaction import Redactor

__all__ = ["DEFAULT_OUTPUT_LIMIT", "UNSANDBOXED_WARNING", "LocalExecutor", "LocalHandle", "relay"]

#: Console bytes shown per worker start (a script printing without end must not flood a CI log).
DEFAULT_OUTPUT_LIMIT = 64 * 2**20
UNSANDBOXED_WARNING = (
    "warning: the local executor runs the pushed code on this machine, without a container: it is "
    "confined only as far as this OS allows (measures below). To sandbox it, train in Docker: "
    "--executor docker (mlops images build first).")
_WARNED = False


def relay(source: IO[bytes], sink: IO[str], redactor: Redactor, limit: int) -> None:
    """Copy ``source`` to ``sink`` line by line, masked, up to ``limit`` bytes; drain the rest."""
    shown = 0
    for line in iter(source.readline, b""):
        if shown >= limit:
            continue
        shown += len(line)
        text = redactor.redact(line.decode("utf-8", "replace"))
        if shown >= limit:
            text += f"[mlops: output past {limit} bytes is not shown; the trial log keeps its own copy]\n"
        with contextlib.suppress(ValueError, OSError):
            sink.write(text)
            sink.flush()
    source.close()


def _private_home(run_id: str) -> Path:
    """A new private HOME/TMPDIR for the worker; ones an earlier, killed supervisor of this run left go.

    ``run_id`` is the worker's key: the run id, or ``RUN.wN`` for one of several workers, whose
    siblings' homes must stay.
    """
    prefix = f"mlops-worker-{run_id[:48]}-{zlib.crc32(run_id.encode()):08x}-"
    for old in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        with contextlib.suppress(OSError):
            info = old.lstat()
            if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
                shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=prefix))


#: Run directory -> how many of its workers run under the run's uid; it is handed back at 0.
_HANDED: dict[Path, int] = {}


class LocalHandle(Handle):
    """A subprocess; its exit status is negative (-signal) when a signal killed it."""

    def __init__(self, process: subprocess.Popen[bytes], plan: SandboxPlan | None = None,
                 relays: tuple[threading.Thread, ...] = (), cleanup: tuple[Path, ...] = (),
                 run_dir: Path | None = None) -> None:
        self.process = process
        self.plan = plan
        self._relays = relays
        self._cleanup = cleanup
        self._run_dir = run_dir
        self._finished = False

    @property
    def ident(self) -> str:
        return str(self.process.pid)

    def wait(self, timeout: float | None = None) -> int | None:
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self._finish()
        if self.plan is not None and code == 125:
            self.reason = "the sandbox could not be set up (the 'sandbox:' line above says why)"
        # The sandbox's first process reports a worker killed by signal N as 128+N.
        return -(code - 128) if self.plan is not None and 128 < code <= 128 + 64 else code

    def kill(self) -> None:
        """SIGKILL the worker and its direct children.

        Why the children too: right after a start, ``unshare --fork`` may have forked the
        namespace's first process but not yet given it its parent-death signal; killing
        ``unshare`` alone then leaves that process (and the worker it starts) running. Stopping
        the parent first means no child can appear between the look-up and the kill.
        """
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGSTOP)
            for pid in (self.process.pid, *_children(self.process.pid)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.wait()
        self._finish()

    def _finish(self) -> None:
        """Once: let the relays drain, give the run directory back, remove the private HOME."""
        if self._finished:
            return
        self._finished = True
        for thread in self._relays:
            thread.join(timeout=10)
        if self._run_dir is not None and self.plan is not None and self.plan.uid is not None:
            _HANDED[self._run_dir] = _HANDED.get(self._run_dir, 1) - 1
            if _HANDED[self._run_dir] <= 0:  # the last of the run's parallel workers stopped
                del _HANDED[self._run_dir]
                hand_back(self._run_dir)
        for path in self._cleanup:
            shutil.rmtree(path, ignore_errors=True)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc; empty where /proc can't tell)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (2nd field) may hold spaces and parentheses: split after its last ')'.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and fields[1] == str(pid):
            found.append(int(entry.name))
    return found


class LocalExecutor(Executor):
    """Runs the command on this machine with the allowlisted environment, confined where possible.

    Args:
        sandbox: False runs the bare command with the allowlisted environment only (what
            tests of the executor itself use); the measures then say "not applied".
    """

    name = "local"
    sandbox: bool = True

    def __init__(self, sandbox: bool = True) -> None:
        self.sandbox = sandbox

    def _environment(self, spec: RunSpec, home: str) -> tuple[dict[str, str], list[str]]:
        return worker_environment({**spec.env, "HOME": home, "TMPDIR": home})

    def _plan(self, spec: RunSpec, home: str) -> SandboxPlan:
        env, refused = self._environment(spec, home)
        # What the worker reads: the interpreter (a venv and the Python it was made from) and PYTHONPATH.
        command = os.path.dirname(spec.command[0]) if os.path.isabs(spec.command[0]) else ""
        needed = [sys.base_prefix, sys.prefix, command, *env.get("PYTHONPATH", "").split(os.pathsep)]
        return plan_local(run_id=spec.labels.get("mlops.run", "run"), run_dir=spec.workdir,
                          needed=[p for p in needed if p], home=home, network=spec.network,
                          memory=spec.memory, pids=spec.pids, file_size=spec.file_size, refused=refused,
                          tmp_size=spec.tmp_size)

    def measures(self, spec: RunSpec) -> dict[str, str]:
        if not self.sandbox:
            return {"environment": "applied: allowlist", "sandbox": "not applied: LocalExecutor(sandbox=False)"}
        return dict(self._plan(spec, os.path.join(tempfile.gettempdir(), "mlops-worker-X")).measures)

    def start(self, spec: RunSpec) -> LocalHandle:
        global _WARNED
        home = _private_home(spec.labels.get("mlops.worker") or spec.labels.get("mlops.run", "run"))
        env, _refused = self._environment(spec, str(home))
        run_dir = Path(spec.workdir) if spec.workdir else None
        plan: SandboxPlan | None = None
        command = list(spec.command)
        if self.sandbox:
            plan = self._plan(spec, str(home))
            command = wrap_command(plan, spec.command)
            if plan.uid is not None and run_dir is not None:
                hand_over(run_dir, plan.uid)
                _HANDED[run_dir] = _HANDED.get(run_dir, 0) + 1
            if not _WARNED:
                _WARNED = True
                say(UNSANDBOXED_WARNING)
        redactor = Redactor.from_env()
        process = subprocess.Popen(command, env=env, cwd=spec.workdir, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        limit = spec.output_limit or DEFAULT_OUTPUT_LIMIT
        relays = tuple(threading.Thread(target=relay, args=(stream, sink, redactor, limit), daemon=True,
                                        name=f"relay-{process.pid}-{which}")
                       for stream, sink, which in ((process.stdout, sys.stdout, "out"),
                                                   (process.stderr, sys.stderr, "err")))
        for thread in relays:
            thread.start()
        return LocalHandle(process, plan, relays, (home,), run_dir)
