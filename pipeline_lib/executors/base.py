"""What to run, as pure data, and the small interface every executor implements.

Why pure data: a ``RunSpec`` can be built, inspected and tested without Docker or even a
subprocess; only the last call (``Executor.start``) touches the outside world (convention 9).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

__all__ = ["Executor", "Handle", "Mount", "RunSpec"]


@dataclass(frozen=True)
class Mount:
    """A host path made visible to the run (containers); ignored by the local executor."""

    source: str
    target: str
    read_only: bool = True


@dataclass(frozen=True)
class RunSpec:
    """Everything needed to start a training worker.

    Attributes:
        command: argv of the process.
        env: variables added to the environment.
        workdir: working directory.
        image: container image (None for the local executor).
        mounts: host paths to mount (containers).
        memory: memory limit like ``"4g"`` (containers).
        cpus: CPU limit (containers).
        pids: process-count limit (containers).
        network: whether the run may reach the network.
        labels: metadata (run id, stage) to find the run again.
    """

    command: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    workdir: str | None = None
    image: str | None = None
    mounts: tuple[Mount, ...] = ()
    memory: str | None = None
    cpus: float | None = None
    pids: int | None = None
    network: bool = False
    labels: dict[str, str] = field(default_factory=dict)


class Handle(ABC):
    """A started run."""

    @property
    @abstractmethod
    def ident(self) -> str:
        """Process id or container id, for the run record and for `mlops monitor`."""

    @abstractmethod
    def wait(self, timeout: float | None = None) -> int | None:
        """Exit status, or None if still running after ``timeout`` seconds."""

    @abstractmethod
    def kill(self) -> None:
        """Stop the run at once (SIGKILL)."""


class Executor(ABC):
    """Starts RunSpecs."""

    name: str = "base"

    @abstractmethod
    def start(self, spec: RunSpec) -> Handle:
        """Start ``spec`` and return its handle without waiting."""
