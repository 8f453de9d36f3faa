"""Executors run a :class:`RunSpec` somewhere (a local subprocess, later a container)."""

from pipeline_lib.executors.base import Executor, Handle, Mount, RunSpec, worker_environment
from pipeline_lib.executors.local import LocalExecutor

__all__ = ["Executor", "Handle", "LocalExecutor", "Mount", "RunSpec", "worker_environment"]
