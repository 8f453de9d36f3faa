"""The embedded default: run the worker as a local subprocess (no Docker needed)."""

from __future__ import annotations

import os
import signal
import subprocess

from pipeline_lib.executors.base import Executor, Handle, RunSpec

__all__ = ["LocalExecutor", "LocalHandle"]


class LocalHandle(Handle):
    """A subprocess; its exit status is negative (-signal) when a signal killed it."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    @property
    def ident(self) -> str:
        return str(self.process.pid)

    def wait(self, timeout: float | None = None) -> int | None:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


class LocalExecutor(Executor):
    """Runs the command on this machine; stdout/stderr go to the caller's console."""

    name = "local"

    def start(self, spec: RunSpec) -> LocalHandle:
        env = {**os.environ, **spec.env}
        process = subprocess.Popen(list(spec.command), env=env, cwd=spec.workdir,
                                   stdin=subprocess.DEVNULL)
        return LocalHandle(process)
