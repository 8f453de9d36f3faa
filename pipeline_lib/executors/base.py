"""What to run, as pure data, and the small interface every executor implements.

Why pure data: a ``RunSpec`` can be built, inspected and tested without Docker or even a
subprocess; only the last call (``Executor.start``) touches the outside world (convention 9).
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipeline_lib.redaction import is_secret_name, marked_secret_names, secret_values

__all__ = ["HOST_VARIABLES", "PASSED_THROUGH", "Executor", "Handle", "Mount", "RunSpec", "worker_environment"]

#: Host variables a worker gets wherever it runs: thread counts, locale, time zone, and the
#: OpenBLAS settings some machines need (an old OpenBLAS crashes without them).
PASSED_THROUGH = re.compile(
    r"(OMP|MKL|OPENBLAS|NUMEXPR|VECLIB_MAXIMUM|TF_NUM_INTEROP|TF_NUM_INTRAOP)_NUM_THREADS"
    r"|OPENBLAS_(CORETYPE|L2_SIZE|VERBOSE)|TF_CPP_MIN_LOG_LEVEL|TF_ENABLE_ONEDNN_OPTS|CUDA_VISIBLE_DEVICES"
    r"|LANG|LANGUAGE|LC_[A-Z]+|TZ|PYTHONHASHSEED|PYTHONIOENCODING")
#: Host variables only a worker on this machine gets (a container has its own PATH and libraries).
HOST_VARIABLES = ("PATH", "LD_LIBRARY_PATH", "VIRTUAL_ENV")


def worker_environment(spec_env: Mapping[str, str], host_env: Mapping[str, str] | None = None, *,
                       host: bool = True) -> tuple[dict[str, str], list[str]]:
    """The complete environment of a training worker: an allowlist, never the caller's whole one.

    The worker runs pushed (untrusted) code, so it gets only: the variables of
    :data:`PASSED_THROUGH` from ``host_env``; with ``host`` (a local worker) also
    :data:`HOST_VARIABLES`; then what the RunSpec sets (``PYTHONPATH``, ``MPLBACKEND``, a private
    ``HOME``/``TMPDIR`` ...). Whatever its origin, a variable named like a secret
    (:func:`pipeline_lib.redaction.is_secret_name`), one the run marks secret
    (``MLOPS_SECRET_NAMES``), or one whose value equals a secret of ``host_env`` is left out.
    This is the rule the Jenkins side reuses for the training stage.

    Args:
        spec_env: what the RunSpec adds.
        host_env: the trusted process's environment (default ``os.environ``).
        host: include :data:`HOST_VARIABLES` (False for a container).

    Returns:
        (the environment, the names left out because they are or carry secrets).
    """
    host_env = os.environ if host_env is None else host_env
    marked = marked_secret_names(host_env)
    secrets = set(secret_values(host_env))
    chosen = {k: v for k, v in host_env.items() if PASSED_THROUGH.fullmatch(k) or (host and k in HOST_VARIABLES)}
    chosen.update(spec_env)
    refused = sorted(k for k, v in chosen.items() if is_secret_name(k) or k in marked or v in secrets)
    return {k: v for k, v in chosen.items() if k not in refused}, refused


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
        file_size: largest file the run may write, in bytes (local executor: ``RLIMIT_FSIZE``).
        output_limit: console bytes shown per start; the rest is dropped with one notice.
        tmp_size: bytes of the private /tmp.
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
    file_size: int | None = None
    output_limit: int | None = None
    tmp_size: int | None = None


class Handle(ABC):
    """A started run.

    Attributes:
        reason: why it stopped abnormally, in words ("OOM-killed: ..."), when the executor knows.
    """

    reason: str | None = None

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

    def measures(self, spec: RunSpec) -> dict[str, str]:
        """Each isolation measure ``start(spec)`` will take -> "applied: ..." or "not available: why".

        Why before the start: the supervisor records them in the run record while it still
        owns the run's files (a sandboxed worker must not find them changed under it).
        """
        return {}
