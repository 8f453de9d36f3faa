"""Run and trial records on disk: ``<runs-dir>/<run-id>/run.json`` plus one folder per trial.

Why this shape: resuming is just reloading the store (a finished trial is never touched
again), and every write is atomic (temp file, fsync, rename) so a crash at any instant
leaves either the old or the new record, never half of one. Several processes update a run
(the supervisor and one or more training workers, on Jenkins agents sharing the runs folder
too), so read-modify-write happens under an exclusive ``fcntl`` lock on ``run.lock``: a
worker claims a queued trial inside that lock (as Optuna's RDB storage claims a row), so no
two workers ever run the same trial.
"""

from __future__ import annotations

from collections.abc import Iterable

import contextlib
import dataclasses
import datetime as _dt
import enum
import fcntl
import json
import os
import re
import secrets
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from pipeline_lib.config import RunConfig
from pipeline_lib.errors import UserInputError

__all__ = [
    "RunRecord",
    "RunStatus",
    "RunStore",
    "TrialRecord",
    "TrialStatus",
    "atomic_write_bytes",
    "atomic_write_json",
    "atomic_write_text",
    "best_trial",
    "now_iso",
    "trial_path",
]


def now_iso() -> str:
    """UTC timestamp with seconds, the only time format in records."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def trial_path(run_dir: Path, number: int) -> Path:
    """The folder of trial ``number`` inside a run's folder (``trials/001``): the one place it is spelt."""
    return run_dir / "trials" / f"{number:03d}"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old or the new content, never a mix.

    A file that exists keeps its owner and mode: with parallel workers the supervisor (root)
    rewrites ``run.json`` while sandboxed workers (the run's uid) still read and lock it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        before: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        before = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if before is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(before.st_mode))
                if os.geteuid() == 0 and (before.st_uid, before.st_gid) != (os.getuid(), os.getgid()):
                    os.fchown(handle.fileno(), before.st_uid, before.st_gid)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Text flavour of :func:`atomic_write_bytes` (UTF-8)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_json(path: Path, data: Any) -> None:
    """JSON flavour of :func:`atomic_write_text` (sorted keys: stable diffs)."""
    atomic_write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


class RunStatus(str, enum.Enum):
    """Where a whole run stands."""

    RUNNING = "running"
    TARGET_MET = "target_met"
    BUDGET_SPENT = "budget_spent"
    FAILED = "failed"

    def is_finished(self) -> bool:
        """True once the run reached a verdict; a finished run is only reported, never re-run."""
        return self is not RunStatus.RUNNING


class TrialStatus(str, enum.Enum):
    """Where one trial stands."""

    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    INVALID = "invalid"

    def is_finished(self) -> bool:
        """True when the trial must never be modified or run again."""
        return self not in (TrialStatus.PENDING, TrialStatus.RUNNING)


@dataclass
class TrialRecord:
    """One training of one architecture.

    Attributes:
        number: 1-based; trial 1 is the script exactly as pushed.
        status: see :class:`TrialStatus`.
        mutation: in words, what changed against the parent trial ("" for the baseline).
        parent: the trial this one was derived from (None for the baseline).
        plan: what the runtime applies: ``{"layers": [...], "fit": {...}, "kmeans": {...}}``;
            empty for the baseline. Pure data, built by a strategy.
        architecture: what actually trained (layer configs, epochs, input shape, ...).
        value: the captured metric (None until known).
        metric: which metric ``value`` is (e.g. ``val_accuracy``) and why it was chosen.
        seconds: wall seconds of the trial, all attempts together.
        fit_seconds: seconds spent inside ``fit()``.
        epochs_run: epochs trained in total, attempts together (re-done epochs count twice).
        epochs_redone: epochs trained again after a restart (0 when nothing crashed).
        attempts: how many times the trial was started (1 + restarts).
        params: trainable + non-trainable parameter count of the trained model.
        error: why the trial failed, when it did.
        warnings: non-fatal problems (e.g. the script failed after training finished).
        artifacts: file names inside the trial folder (model, log, plots).
        curve: per-epoch history of the judged fit (metric name → values): what a strategy
            reads to tell "still learning" from "stuck" or "overfitting".
        early_stop: why training ended before its last epoch (target reached, pruned).
        worker: who holds the trial while it runs (``w2``: the second local worker; a Jenkins
            branch's token). A claim is taken under the run lock, so two workers never run one
            trial; a restarted worker finds its own trial by it and resumes it.
        queued: when a strategy queued it (its ``started`` minus this is the wait for a worker:
            a Jenkins agent, a container, the framework's import).
    """

    number: int
    status: TrialStatus = TrialStatus.PENDING
    mutation: str = ""
    parent: int | None = None
    plan: dict[str, Any] = field(default_factory=dict)
    architecture: dict[str, Any] = field(default_factory=dict)
    value: float | None = None
    metric: str | None = None
    metric_reason: str | None = None
    seconds: float = 0.0
    fit_seconds: float = 0.0
    epochs_run: int = 0
    epochs_redone: int = 0
    attempts: int = 0
    params: int | None = None
    started: str | None = None
    finished: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    artifacts: dict[str, str] = field(default_factory=dict)
    curve: dict[str, list[float]] = field(default_factory=dict)
    early_stop: str | None = None
    worker: str | None = None
    queued: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrialRecord:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["status"] = TrialStatus(values.get("status", "pending"))
        return cls(**values)


@dataclass
class RunRecord:
    """One pipeline run: one script pushed, its trials and verdict.

    ``verdict`` is the sentence that ended the run (None while it runs); run.json files written
    before it existed kept it in ``stages["retrain"]["verdict"]`` and are read the same.
    """

    id: str
    status: RunStatus = RunStatus.RUNNING
    target: float = 0.8
    metric: str | None = None
    kind: str | None = None
    image: str | None = None
    script: str | None = None
    source: dict[str, Any] = field(default_factory=dict)
    detection: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    restarts: int = 0
    best: dict[str, Any] | None = None
    trials: list[TrialRecord] = field(default_factory=list)
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    kmeans: dict[str, Any] = field(default_factory=dict)
    notification: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    verdict: str | None = None
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["status"] = self.status.value
        data["trials"] = [t.to_dict() for t in self.trials]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunRecord:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["status"] = RunStatus(values.get("status", "running"))
        values["trials"] = [TrialRecord.from_dict(t) for t in values.get("trials", [])]
        retrain = dict(values.get("stages", {}).get("retrain", {}))
        if "verdict" in retrain:  # a run.json from before the verdict field
            values.setdefault("verdict", retrain.pop("verdict"))
            values["stages"] = {**values["stages"], "retrain": retrain}
            if not retrain:
                del values["stages"]["retrain"]
        return cls(**values)

    @property
    def settings(self) -> RunConfig:
        """The run's settings, typed and checked (raises UserInputError naming a bad one)."""
        return RunConfig.from_dict({**self.config, "target": self.target}, where=f"run {self.id}: run.json config")

    def trial(self, number: int) -> TrialRecord:
        """The trial numbered ``number`` (raises KeyError when absent)."""
        for trial in self.trials:
            if trial.number == number:
                return trial
        raise KeyError(f"run {self.id} has no trial {number}")

    def unfinished_trial(self) -> TrialRecord | None:
        """The first pending/running trial: what a resumed run must do next."""
        return next((t for t in self.trials if not t.status.is_finished()), None)

    def refresh_best(self) -> None:
        """Recompute ``best`` from trials with a value: the best trial is kept, not the last.

        A trial stopped at its time limit counts: its model was saved and its value measured
        at the epoch it reached, so the budget running out never throws away a better model.
        """
        top = best_trial(self.trials, (TrialStatus.COMPLETED, TrialStatus.TIMED_OUT))
        self.best = None if top is None else {"trial": top.number, "value": top.value}


def best_trial(trials: Iterable[TrialRecord], statuses: Iterable[TrialStatus] = (TrialStatus.COMPLETED,),
               *, with_architecture: bool = False) -> TrialRecord | None:
    """The one best-trial rule: the highest value among ``statuses``, the earliest on a tie.

    Why the earliest: a later trial that only matches an earlier one is no improvement, so the
    report names the trial that got there first and a search keeps building on it (and tries
    its untried mutations first). ``with_architecture`` keeps only trials whose model was
    recorded, which a strategy needs to mutate it.
    """
    wanted = set(statuses)
    scored = [t for t in trials if t.status in wanted and t.value is not None
              and (t.architecture or not with_architecture)]
    return max(scored, key=lambda t: (t.value, -t.number)) if scored else None


_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class RunStore:
    """All runs below one ``runs_dir``."""

    def __init__(self, runs_dir: Path | str) -> None:
        self.root = Path(runs_dir).resolve()

    def new_id(self, label: str) -> str:
        """A sortable, unique run id: ``20261122-063700-cnn-3fa2``."""
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        slug = re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-").lower()[:32] or "run"
        return f"{stamp}-{slug}-{secrets.token_hex(2)}"

    def run_dir(self, run_id: str) -> Path:
        if not _RUN_ID.match(run_id):
            raise UserInputError(f"invalid run id {run_id!r}",
                                 hint="use the id printed by 'mlops run' (see 'ls RUNS_DIR').")
        return self.root / run_id

    def trial_dir(self, run_id: str, number: int) -> Path:
        return trial_path(self.run_dir(run_id), number)

    def exists(self, run_id: str) -> bool:
        return (self.run_dir(run_id) / "run.json").is_file()

    def create(self, record: RunRecord) -> RunRecord:
        """Write a new run; refuses to overwrite an existing one (nothing is lost)."""
        path = self.run_dir(record.id) / "run.json"
        if path.exists():
            raise UserInputError(f"run {record.id} already exists at {path}",
                                 hint=f"continue it with 'mlops run --resume {record.id}'.")
        with self._locked(record.id):
            atomic_write_json(path, record.to_dict())
        return record

    def load(self, run_id: str) -> RunRecord:
        path = self.run_dir(run_id) / "run.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UserInputError(f"no run {run_id!r} in {self.root}",
                                 hint="check --runs-dir; 'mlops status' lists the runs.") from None
        except json.JSONDecodeError as exc:
            raise UserInputError(f"{path}:{exc.lineno}: run record is not valid JSON ({exc.msg})",
                                 hint="restore it from the .tmp file beside it or start a new run.") from None
        return RunRecord.from_dict(data)

    def list_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.parent.name for p in self.root.glob("*/run.json"))

    @contextlib.contextmanager
    def update(self, run_id: str) -> Iterator[RunRecord]:
        """Lock, load, let the caller change the record, save atomically, unlock."""
        with self._locked(run_id):
            record = self.load(run_id)
            yield record
            record.updated = now_iso()
            record.refresh_best()
            atomic_write_json(self.run_dir(run_id) / "run.json", record.to_dict())

    @contextlib.contextmanager
    def _locked(self, run_id: str) -> Iterator[None]:
        lock_path = self.run_dir(run_id) / "run.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
