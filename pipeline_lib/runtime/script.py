"""Run a user's script unmodified, as ``__main__``, inside the current (worker) process.

Why in-process: TensorFlow's import costs ~6.5 s of CPU; a worker that imports it once and
runs every trial with :func:`run_script` keeps the pipeline's overhead small.
"""

from __future__ import annotations

import contextlib
import io
import os
import runpy
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from collections.abc import Iterator

__all__ = ["LOG_LIMIT", "ScriptOutcome", "run_script", "user_location"]

#: Bytes of a trial's log.txt (a script printing without end must not fill the disk).
LOG_LIMIT = 64 * 2**20


@dataclass
class ScriptOutcome:
    """How the script ended: ``error`` is None when it ran to the end (or exited with 0)."""

    error: BaseException | None
    location: str | None
    summary: str | None


class _Tee(io.TextIOBase):
    """Write to the console and the trial log at once."""

    def __init__(self, *streams: IO[str] | io.TextIOBase) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()

    def isatty(self) -> bool:
        return False


class _Capped(io.TextIOBase):
    """The trial log: everything up to ``limit`` characters, then one line saying the rest was cut."""

    def __init__(self, stream: IO[str], limit: int) -> None:
        self.stream, self.left = stream, limit

    def write(self, text: str) -> int:
        if self.left > 0:
            self.stream.write(text[: self.left])
            self.left -= len(text)
            if self.left <= 0:
                self.stream.write("\n[mlops: the log is cut here: it reached its size limit]\n")
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def user_location(exc: BaseException, script: Path) -> str | None:
    """``file:line`` of the innermost frame inside the user's code (not Python's, not ours)."""
    frames = traceback.extract_tb(exc.__traceback__)
    root = str(script.parent.resolve())
    inside = [f for f in frames if f.filename.startswith(root)]
    chosen = inside[-1] if inside else (frames[-1] if frames else None)
    if chosen is None:
        return None
    name = os.path.relpath(chosen.filename, root) if chosen.filename.startswith(root) else chosen.filename
    return f"{name}:{chosen.lineno}"


@contextlib.contextmanager
def _script_environment(script: Path, cwd: Path, log: IO[str], log_limit: int) -> Iterator[None]:
    """argv, sys.path, cwd, stdin and stdout/stderr as the script expects; restored after."""
    saved = (sys.argv[:], sys.path[:], os.getcwd(), sys.stdin, sys.stdout, sys.stderr)
    sys.argv = [str(script)]
    sys.path.insert(0, str(script.parent))
    os.chdir(cwd)
    sys.stdin = io.StringIO("")  # sys.stdin.read() returns at once; input() is answered by a hook
    capped = _Capped(log, log_limit)
    sys.stdout = _Tee(saved[4], capped)
    sys.stderr = _Tee(saved[5], capped)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.argv, sys.path[:] = saved[0], saved[1]
        os.chdir(saved[2])
        sys.stdin, sys.stdout, sys.stderr = saved[3], saved[4], saved[5]


def _missing_module_hint(exc: BaseException, cwd: Path) -> str:
    """What to do about a module the image lacks: a package goes in requirements.txt, a module of yours is pushed.

    Why here: ``No module named 'X'`` alone does not say that a ``requirements.txt`` beside the
    script is installed before training, which is the one fix a user can make from their repository.
    """
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return ""
    import importlib.metadata
    import importlib.util

    top = exc.name.split(".")[0]
    if (cwd / f"{top}.py").exists() or (cwd / top).is_dir():
        return ""  # it is in the pushed folder: the error is inside it, the message is the user's own
    if importlib.util.find_spec(top) is not None:
        try:
            version = f" {importlib.metadata.version(top)}"
        except importlib.metadata.PackageNotFoundError:
            version = ""
        return f" ({top}{version} is installed but has no {exc.name}: the script was written for another version)"
    return (f" (not installed in the training image and not a file of the pushed folder: if it is a package, "
            f"name it in a requirements.txt beside the script, which is installed before training; if it is "
            f"your module, push {top}.py too)")


def run_script(script: Path, cwd: Path, log_path: Path, log_limit: int | None = None) -> ScriptOutcome:
    """Execute ``script`` as ``__main__``; never raises for the script's own errors.

    Args:
        log_limit: characters the trial log keeps (default :data:`LOG_LIMIT`); the console
            still gets all (the executor caps and masks what it shows).
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "a", encoding="utf-8") as log, _script_environment(script, cwd, log, log_limit or LOG_LIMIT):
        try:
            runpy.run_path(str(script), run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                return ScriptOutcome(exc, user_location(exc, script), f"script exited with status {exc.code}")
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # the user's error is data for the report, not a crash of ours
            traceback.print_exc()
            summary = f"{type(exc).__name__}: {exc}" + _missing_module_hint(exc, cwd)
            return ScriptOutcome(exc, user_location(exc, script), summary)
    return ScriptOutcome(None, None, None)
