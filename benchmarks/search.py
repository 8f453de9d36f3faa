"""Search strategies: trials and training compute to reach the target, ours against Keras Tuner and Optuna.

Run from the repository root (the peers come with the ``bench`` extra: ``.venv/bin/pip install -e '.[bench]'``)::

    .venv/bin/python benchmarks/search.py > search.md             # every task, 3 seeds, adaptive+ladder, all peers
    .venv/bin/python benchmarks/search.py --quick --strategies ladder   # 1 seed, 2 tasks: while developing
    .venv/bin/python benchmarks/search.py --tasks ann_wine,cnn_digits --seeds 0,1 --peers hyperband
    .venv/bin/python benchmarks/search.py --seeds 0,1 --time-budget 60 --out results.jsonl   # what RESULTS.md ran
    .venv/bin/python benchmarks/search.py --report results.jsonl  # re-print the tables from a saved run
    .venv/bin/python benchmarks/search.py --calibrate --seeds 0   # pipeline fit_seconds vs a bare fit(), per script
    .venv/bin/python benchmarks/search.py --code worktree ...     # the shared checkout as it is, not a HEAD snapshot
    .venv/bin/python benchmarks/search.py --suite held_out --code inprocess --strategies population \
        --peers random,hyperband,tpe --seeds 0,1,2 --max-trials 0 --time-budget 60 --out held.jsonl  # issue 9's figures

``--suite tuning|held_out`` picks a half of the 24-script suite in ``benchmarks/tasks_suite/`` (``split.json``, target
0.80, ``input()`` answers); tune only on ``tuning``. ``--suite rnn_tuning|rnn_held_out`` does the same for the 10
recurrent-network scripts in ``benchmarks/tasks_rnn/`` (the peers' search space has no recurrent layers: ``--peers none``). ``--code inprocess`` runs the pipeline's trial loop in this
process (no TensorFlow import per search) and ``--max-trials 0`` leaves only the compute cap.

For every task × seed × method it runs one search and records the training compute (seconds inside
``fit()``) and the trials it took to reach the task's target validation accuracy:

* our strategies (``--strategies``) through the real pipeline, from a ``git archive`` snapshot of ``--code``
  (default HEAD: the checkout is shared and changes while a benchmark runs): ``mlops run TASK --strategy NAME
  --max-trials N --time-budget S --runs-dir <tmp>``, read back from ``run.json`` (``fit_seconds`` of each
  trial; a trial counts when it completed, or stopped at the time limit, with ``value >= target``, as the
  pipeline's own verdict does).
  A strategy the pipeline does not know (``pipeline_lib.tuning.STRATEGIES``) is reported as unavailable;
* Keras Tuner ``RandomSearch`` and ``Hyperband`` (max_epochs 40, factor 3) and Optuna TPE with a
  ``MedianPruner`` fed the validation accuracy after every epoch (``--peers``), in this process.

The peers get the equivalent search space: the task script is executed with ``compile``/``fit`` intercepted
(never trained), so they train on exactly the script's data, split, output layer, loss and optimizer class,
and tune what our mutations can reach: hidden Dense layers 0–4, units 4–256 (one width for all of them), conv
blocks 1–3 and filters 4–64 (CNN tasks), dropout 0/0.25, batch norm on/off, learning rate 1e-4–1e-1 (log),
batch size 8–128 and epochs 1–40 (Hyperband schedules epochs itself). A peer trial reaches the target when its
best epoch's validation accuracy does (Keras Tuner keeps that epoch's weights); the pipeline judges the last
epoch.

Every method gets the same trial budget (``--max-trials``; each Hyperband round is a trial, the pipeline's
baseline is a trial) and the same per-search cap (``--time-budget`` seconds of training). A search stops at
the first trial that reaches the target; its compute is the sum of fit seconds of all trials up to and
including that one. A search that never reaches it reports the compute it spent, marked "not reached".
Peers' fit seconds are measured by a Keras callback (``on_train_begin`` → ``on_train_end``); the
pipeline's ``fit_seconds`` are its own wall time around ``fit()`` (which includes the pipeline's
per-epoch checkpoint and progress writes).

Progress goes to stderr, the Markdown tables to stdout; ``--out FILE`` also keeps one JSON line per search.
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import datetime as _dt
import inspect
import io
import json
import math
import os
import platform
import runpy
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TASK_DIR = Path(__file__).resolve().parent / "tasks"
SEED_ENV = "MLOPS_BENCH_SEED"

#: Task name → (kind, target validation accuracy). The script is ``benchmarks/tasks/<name>.py``.
TASKS: dict[str, tuple[str, float]] = {
    "ann_breast_cancer": ("ann", 0.95),
    "ann_wine": ("ann", 0.95),
    "ann_digits": ("ann", 0.9),
    "ann_moons": ("ann", 0.95),
    "cnn_digits": ("cnn", 0.9),
    "cnn_shapes": ("cnn", 0.9),
}
LEGACY = tuple(TASKS)
"""The first 6 tasks: the adaptive strategy was tuned on them, so they may only ever tune."""

SUITE_DIR = Path(__file__).resolve().parent / "tasks_suite"
SPLIT: dict[str, Any] = json.loads((SUITE_DIR / "split.json").read_text())
"""The 24-script suite's fixed tuning/held-out split (drawn with a recorded seed before anything ran)."""
for _name in [*SPLIT["tuning"], *SPLIT["held_out"]]:
    TASKS[_name] = ("cnn" if "cnn" in _name else "ann", float(SPLIT["target"]))
SUITES: dict[str, list[str]] = {"legacy": list(LEGACY), "tuning": list(SPLIT["tuning"]),
                                "held_out": list(SPLIT["held_out"])}
ANSWERS: dict[str, dict[str, str]] = SPLIT.get("answers", {})
"""Task → the ``input()`` answers a user would type (``--answer PROMPT=VALUE``)."""

RNN_DIR = Path(__file__).resolve().parent / "tasks_rnn"
RNN_SPLIT: dict[str, Any] = json.loads((RNN_DIR / "split.json").read_text())
"""Issue 11's 10 recurrent-network scripts (kind rnn), split 5/5 the same way before anything ran."""
RNN_TASKS = [*RNN_SPLIT["tuning"], *RNN_SPLIT["held_out"]]
for _name in RNN_TASKS:
    TASKS[_name] = ("rnn", float(RNN_SPLIT["target"]))
SUITES.update(rnn_tuning=list(RNN_SPLIT["tuning"]), rnn_held_out=list(RNN_SPLIT["held_out"]))


def task_path(task: str) -> Path:
    return (TASK_DIR if task in LEGACY else RNN_DIR if task in RNN_TASKS else SUITE_DIR) / f"{task}.py"


QUICK_TASKS = ["ann_wine", "cnn_digits"]
PEERS = ("random", "hyperband", "tpe")
PEER_LABELS = {"random": "Keras Tuner RandomSearch", "hyperband": "Keras Tuner Hyperband",
               "tpe": "Optuna TPE + MedianPruner"}

#: The peers' search space (what our mutations can reach).
SPACE: dict[str, Any] = {
    "dense_layers": (0, 4), "units": (4, 256), "conv_blocks": (1, 3), "filters": (4, 64),
    "dropout": (0.0, 0.25), "learning_rate": (1e-4, 0.5), "batch_size": (8, 16, 32, 64, 128),
    "epochs": (1, 40),
}
HYPERBAND_MAX_EPOCHS = 27
"""With factor 3, Hyperband's first (most exploratory) bracket is 27 models × 1 epoch → 9 × 3 → 3 × 9 → 1 × 27:
40 trials and 108 epochs, which fits in the compute cap on these tasks (the table says when it did not)."""
HYPERBAND_FACTOR = 3
HYPERBAND_BRACKET_TRIALS = 27 + 9 + 3 + 1


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- results


@dataclass
class Trial:
    number: int
    fit_seconds: float
    value: float | None
    status: str = "completed"
    epochs: int = 0
    note: str = ""


@dataclass
class Search:
    """One search: a method on a task with a seed."""

    task: str
    method: str
    seed: int
    target: float
    status: str = "not_reached"  # reached | not_reached | unavailable | failed
    trials: list[Trial] = field(default_factory=list)
    wall_seconds: float = 0.0
    note: str = ""

    @property
    def hit(self) -> int | None:
        """Index of the first trial reaching the target (None when none did).

        As the pipeline's verdict: a trial stopped at the time limit counts with the value it reached.
        """
        return next((i for i, t in enumerate(self.trials) if t.status in ("completed", "timed_out")
                     and t.value is not None and t.value >= self.target), None)

    @property
    def counted(self) -> list[Trial]:
        """Trials up to and including the first hit (all trials when none hit)."""
        hit = self.hit
        return self.trials if hit is None else self.trials[:hit + 1]

    @property
    def compute(self) -> float:
        return sum(t.fit_seconds for t in self.counted)

    @property
    def reached(self) -> bool:
        return self.hit is not None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(reached=self.reached, compute=round(self.compute, 3), trials_counted=len(self.counted))
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Search:
        trials = [Trial(**t) for t in data.get("trials", [])]
        keep = {k: data[k] for k in ("task", "method", "seed", "target", "status", "wall_seconds", "note")}
        return cls(trials=trials, **keep)


class Ledger:
    """Collects a peer search's trials as they finish; says when the search must stop."""

    def __init__(self, search: Search, budget: int, cap_seconds: float) -> None:
        self.search = search
        self.budget = budget or 10**6  # 0: no trial cap, only the compute cap
        self.cap = cap_seconds
        # The cap is compute (seconds inside fit(), as for our pipeline's budget); the wall deadline only
        # guards against a tuner spending minutes outside fit().
        self.deadline = time.monotonic() + 3 * cap_seconds + 60
        self.fit_seconds = 0.0
        self.fit_started: float | None = None
        self.values: list[float] = []
        self.capped = False

    def start_trial(self) -> None:
        self.fit_seconds, self.values = 0.0, []

    def end_trial(self, status: str = "completed", note: str = "") -> None:
        value = max(self.values) if self.values else None
        number = len(self.search.trials) + 1
        self.search.trials.append(Trial(number, round(self.fit_seconds, 3), value, status, len(self.values), note))
        s = self.search
        shown = "-" if value is None else f"{value:.4f}"
        flag = " ✓ target" if s.reached and s.hit == number - 1 else ""
        say(f"  [{s.task} · {s.method} · seed {s.seed}] trial {number} {status}: val_accuracy {shown} "
            f"· {self.fit_seconds:.1f}s fit · running compute {s.compute:.1f}s{flag}")
        self.start_trial()

    def over_time(self) -> bool:
        running = 0.0 if self.fit_started is None else time.perf_counter() - self.fit_started
        spent = sum(t.fit_seconds for t in self.search.trials) + self.fit_seconds + running
        if spent >= self.cap or time.monotonic() >= self.deadline:
            self.capped = True
        return self.capped

    def should_stop(self) -> bool:
        return self.search.reached or len(self.search.trials) >= self.budget or self.over_time()


# --------------------------------------------------------------------------------------------- our pipeline


@dataclass(frozen=True)
class Code:
    """The pipeline code under test: a ``git archive`` snapshot (``path``) or the shared checkout (None).

    Why a snapshot: the checkout is shared and the strategies change while a benchmark runs; every
    ``mlops`` process (and the worker it starts) imports ``pipeline_lib`` from ``path`` through PYTHONPATH.
    """

    path: Path | None
    label: str

    def env(self) -> dict[str, str]:
        if self.path is None:
            return {}
        return {"PYTHONPATH": os.pathsep.join([str(self.path), *filter(None, [os.environ.get("PYTHONPATH")])])}

    @property
    def cwd(self) -> Path:
        return self.path or ROOT  # ``python -m`` puts the cwd first on sys.path


WORKTREE = Code(None, "worktree")


def snapshot(ref: str, into: Path) -> Code:
    """Export ``pipeline_lib/`` at ``ref`` with ``git archive`` (read-only for the shared repository)."""
    sha = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", "--format=tar", sha, "pipeline_lib"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subject = subprocess.run(["git", "log", "-1", "--format=%cd %s", "--date=format:%Y-%m-%d %H:%M", sha],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    return Code(into, f"{sha[:10]} ({subject[:90]})")


def available_strategies(code: Code = WORKTREE) -> list[str]:
    """Strategy names the pipeline under test knows (asked in a subprocess, so from ``code``)."""
    probe = "from pipeline_lib.tuning import STRATEGIES; print(' '.join(sorted(STRATEGIES)))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=code.cwd, env={**os.environ, **code.env()},
                          capture_output=True, text=True)
    return done.stdout.split() if done.returncode == 0 else []


def run_pipeline(task: str, strategy: str, seed: int, budget: int, cap: float, workdir: Path,
                 code: Code = WORKTREE, known: list[str] | None = None) -> Search:
    """``mlops run`` on the task script with ``strategy``; the trials come back from run.json."""
    kind, target = TASKS[task]
    search = Search(task, strategy, seed, target)
    if strategy not in (known if known is not None else available_strategies(code)):
        search.status, search.note = "unavailable", f"pipeline has no strategy {strategy!r}"
        say(f"  [{task} · {strategy} · seed {seed}] unavailable: {search.note}")
        return search
    runs_dir = workdir / f"runs-{task}-{strategy}-{seed}"
    command = [sys.executable, "-m", "pipeline_lib.cli", "run", str(task_path(task)),
               "--target", str(target), "--max-trials", str(budget), "--time-budget", str(cap),
               "--strategy", strategy, "--runs-dir", str(runs_dir), "--executor", "local", "--no-notify",
               "--seed", str(seed), *(f"--answer={k}={v}" for k, v in ANSWERS.get(task, {}).items())]
    env = {**os.environ, **code.env(), SEED_ENV: str(seed), "TF_CPP_MIN_LOG_LEVEL": "2"}
    started = time.monotonic()
    log = workdir / f"{runs_dir.name}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=code.cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        assert process.stdout is not None
        # Wall cap: the time budget covers training; allow the fixed costs (TF import, report) on top.
        deadline = started + cap + 120
        for line in process.stdout:
            out.write(line)
            if line.startswith("■ trial"):
                fit = _fit_so_far(runs_dir, int(line.split()[2]))
                say(f"  [{task} · {strategy} · seed {seed}] {line.strip()[2:]} · running compute {fit:.1f}s")
            if time.monotonic() > deadline:
                os.killpg(process.pid, 15)
                search.note = "killed at the wall-clock cap"
                break
        process.wait()
    search.wall_seconds = round(time.monotonic() - started, 1)
    run = _load_run(runs_dir)
    if run is None:
        search.status, search.note = "failed", f"no run.json (exit {process.returncode}); log {log}"
        return search
    for t in sorted(run["trials"], key=lambda t: t["number"]):
        search.trials.append(Trial(t["number"], round(float(t.get("fit_seconds") or 0.0), 3), t.get("value"),
                                   t["status"], int(t.get("epochs_run") or 0), t.get("mutation") or "baseline"))
    search.status = "reached" if search.reached else ("failed" if run["status"] == "failed" else "not_reached")
    if run["status"] == "failed":
        search.note = (run.get("error") or "")[:200]
    elif not search.reached:
        search.note = (run.get("verdict") or run["status"])[:200]
    return search


def run_pipeline_here(task: str, strategy: str, seed: int, budget: int, cap: float, workdir: Path) -> Search:
    """The pipeline's own stages in this process (fetch, detect, the worker's trial loop), no TF re-import.

    Why in-process: a fresh ``mlops run`` pays TensorFlow's import (~6.5 s of CPU) per search,
    which on 2 shared cores is most of a small task's cost. The worker loop is the same code
    ``mlops run`` supervises (``pipeline_lib.runtime.worker.work``); the report/hand-back and
    the e-mail (not training) are skipped. The code is the worktree as imported at start.
    """
    from pipeline_lib.pipeline import DEFAULTS
    from pipeline_lib.runtime import worker
    from pipeline_lib.stages.detect import detect_stage
    from pipeline_lib.stages.fetch import fetch
    from pipeline_lib.store import RunStore
    from pipeline_lib.tuning import STRATEGIES

    kind, target = TASKS[task]
    search = Search(task, strategy, seed, target)
    if strategy not in STRATEGIES:
        search.status, search.note = "unavailable", f"pipeline has no strategy {strategy!r}"
        return search
    store = RunStore(workdir / f"runs-{task}-{strategy}-{seed}")
    config = {**DEFAULTS, "target": target, "max_trials": budget or None, "time_budget": cap, "seed": seed,
              "strategy": strategy, "answers": dict(ANSWERS.get(task, {})), "executor": "local"}
    started = time.monotonic()
    log = workdir / f"runs-{task}-{strategy}-{seed}.log"
    previous = os.environ.get(SEED_ENV)
    os.environ[SEED_ENV] = str(seed)
    try:
        with open(log, "w") as out, contextlib.redirect_stdout(out):
            run = fetch(store, str(task_path(task)), config=config)
            run = detect_stage(store, run.id)
            worker.work(store, run.id, "loop")
    finally:
        _restore_env(SEED_ENV, previous)
    search.wall_seconds = round(time.monotonic() - started, 1)
    record = store.load(run.id)
    for t in sorted(record.trials, key=lambda t: t.number):
        search.trials.append(Trial(t.number, round(float(t.fit_seconds or 0.0), 3), t.value, t.status.value,
                                   int(t.epochs_run or 0), t.mutation or "baseline"))
        say(f"  [{task} · {strategy} · seed {seed}] trial {t.number} {t.status.value}: "
            f"{t.metric} {t.value if t.value is None else round(t.value, 4)} · {t.fit_seconds:.1f}s fit")
    failed = record.status.value == "failed"
    search.status = "reached" if search.reached else ("failed" if failed else "not_reached")
    if not search.reached:
        search.note = (record.error if failed else record.verdict) or ""
        search.note = search.note[:200]
    return search


def _fit_so_far(runs_dir: Path, number: int) -> float:
    """Fit seconds of the finished trials once trial ``number`` is recorded (the worker prints first)."""
    for _ in range(20):
        run = _load_run(runs_dir)
        done = [t for t in (run or {}).get("trials", []) if t.get("finished")]
        if any(t["number"] == number for t in done):
            break
        time.sleep(0.1)
    return sum(float(t.get("fit_seconds") or 0.0) for t in done)


def _load_run(runs_dir: Path) -> dict[str, Any] | None:
    found = sorted(runs_dir.glob("*/run.json"))
    if not found:
        return None
    with contextlib.suppress(json.JSONDecodeError, OSError):
        return json.loads(found[-1].read_text())
    return None


# --------------------------------------------------------------------------------------------- the peers


class _Captured(Exception):
    """Raised by the intercepted ``fit()``: the script's data and model are known, nothing trained."""


@dataclass
class TaskSpec:
    """What the peers reuse from the weak script."""

    kind: str
    input_shape: tuple[int, ...]
    output: dict[str, Any]          # the output Dense layer's config
    loss: Any
    optimizer: dict[str, Any]       # keras.optimizers.serialize() of the script's optimizer
    fit_args: dict[str, Any]        # x, y and validation_data / validation_split
    script_fit: dict[str, Any]      # the script's own epochs and batch_size (for the record)


def _restore_env(name: str, previous: str | None) -> None:
    if previous is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = previous


def capture(task: str, seed: int) -> TaskSpec:
    """Execute the task script with ``compile``/``fit`` intercepted: its data, split, head, loss, optimizer."""
    import keras

    seen: dict[str, Any] = {}
    original_compile, original_fit = keras.Model.compile, keras.Model.fit
    # The signature of Keras' own fit(): in-process runs install the pipeline's (*args, **kwargs) hook on Model.
    real_fit = next(vars(k)["fit"] for k in keras.Model.__mro__[1:] if "fit" in vars(k))
    fit_sig = inspect.signature(real_fit)

    def compile(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original_compile(self, *args, **kwargs)
        seen["model"] = self
        return result

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        bound = fit_sig.bind(self, *args, **kwargs)
        seen["fit"] = {k: v for k, v in bound.arguments.items() if k != "self"}
        seen["model"] = self
        raise _Captured

    previous = os.environ.get(SEED_ENV)
    os.environ[SEED_ENV] = str(seed)
    keras.Model.compile, keras.Model.fit = compile, fit
    answers = list(ANSWERS.get(task, {}).values())
    original_input = builtins.input
    builtins.input = lambda prompt="": answers[0] if answers else original_input(prompt)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            runpy.run_path(str(task_path(task)), run_name="__main__")
        raise RuntimeError(f"{task}: the script finished without calling fit()")
    except _Captured:
        pass
    finally:
        keras.Model.compile, keras.Model.fit = original_compile, original_fit
        builtins.input = original_input
        _restore_env(SEED_ENV, previous)
    model, fit_kw = seen["model"], seen["fit"]
    fit_kw.update(fit_kw.pop("kwargs", {}))
    head = model.layers[-1]
    if not isinstance(head, keras.layers.Dense):
        raise RuntimeError(f"{task}: the last layer is {type(head).__name__}, not Dense")
    try:
        input_shape = tuple(model.input_shape[1:])
    except (AttributeError, ValueError):
        input_shape = tuple(fit_kw["x"].shape[1:])
    fit_args = {k: fit_kw[k] for k in ("x", "y", "validation_data", "validation_split", "shuffle")
                if fit_kw.get(k) is not None}
    return TaskSpec(kind=TASKS[task][0], input_shape=input_shape,
                    output={"units": head.units, "activation": keras.activations.serialize(head.activation)},
                    loss=model.loss, optimizer=keras.optimizers.serialize(model.optimizer), fit_args=fit_args,
                    script_fit={"epochs": fit_kw.get("epochs"), "batch_size": fit_kw.get("batch_size")})


def build_model(spec: TaskSpec, hp: dict[str, Any]) -> Any:
    """A Sequential model from the searched values, with the script's head, loss and optimizer class."""
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input(shape=spec.input_shape)])
    if spec.kind == "cnn":
        side = min(spec.input_shape[:2])
        for _ in range(hp["conv_blocks"]):
            model.add(layers.Conv2D(hp["filters"], 3, padding="same", activation="relu"))
            if hp["batchnorm"]:
                model.add(layers.BatchNormalization())
            if side >= 2:  # as our add_conv_block: no pooling below 1×1
                model.add(layers.MaxPooling2D(2))
                side //= 2
            if hp["dropout"]:
                model.add(layers.Dropout(hp["dropout"]))
    if len(spec.input_shape) > 1:
        model.add(layers.Flatten())
    for _ in range(hp["dense_layers"]):
        model.add(layers.Dense(hp["units"], activation="relu"))
        if hp["batchnorm"]:
            model.add(layers.BatchNormalization())
        if hp["dropout"]:
            model.add(layers.Dropout(hp["dropout"]))
    model.add(layers.Dense(spec.output["units"], activation=spec.output["activation"]))
    config = json.loads(json.dumps(spec.optimizer))
    config["config"]["learning_rate"] = float(hp["learning_rate"])
    model.compile(optimizer=keras.optimizers.deserialize(config), loss=spec.loss, metrics=["accuracy"])
    return model


def _callbacks(ledger: Ledger, on_epoch: Callable[[int, float], bool] | None = None) -> list[Any]:
    """Fit timer (on_train_begin → on_train_end), per-epoch val accuracy, and the search's wall cap."""
    import keras

    class Meter(keras.callbacks.Callback):
        def on_train_begin(self, logs: Any = None) -> None:
            self.t0 = ledger.fit_started = time.perf_counter()

        def on_train_end(self, logs: Any = None) -> None:
            ledger.fit_seconds += time.perf_counter() - self.t0
            ledger.fit_started = None

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            logs = logs or {}
            # As the pipeline judges: validation accuracy, else (a script with no validation) training accuracy.
            value = float(logs.get("val_accuracy", logs.get("accuracy", float("nan"))))
            ledger.values.append(value)
            if on_epoch is not None and on_epoch(epoch, value):
                self.model.stop_training = True

        def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
            if ledger.over_time():
                self.model.stop_training = True

    return [Meter()]


class _StopSearch(Exception):
    """Target reached, trial budget or wall cap spent: leave the tuner's search loop."""


def run_keras_tuner(which: str, spec: TaskSpec, search: Search, budget: int, cap: float, workdir: Path) -> None:
    import keras
    import keras_tuner as kt

    ledger = Ledger(search, budget, cap)
    tune_epochs = which == "random"

    class Model(kt.HyperModel):
        def build(self, hp: Any) -> Any:
            values = {
                "dense_layers": hp.Int("dense_layers", *SPACE["dense_layers"]),
                "units": hp.Int("units", *SPACE["units"], sampling="log"),
                "dropout": hp.Choice("dropout", list(SPACE["dropout"])),
                "batchnorm": hp.Boolean("batchnorm"),
                "learning_rate": hp.Float("learning_rate", *SPACE["learning_rate"], sampling="log"),
            }
            if spec.kind == "cnn":
                values["conv_blocks"] = hp.Int("conv_blocks", *SPACE["conv_blocks"])
                values["filters"] = hp.Int("filters", *SPACE["filters"], sampling="log")
            return build_model(spec, values)

        def fit(self, hp: Any, model: Any, *args: Any, **kwargs: Any) -> Any:
            kwargs["batch_size"] = hp.Choice("batch_size", list(SPACE["batch_size"]))
            if tune_epochs:
                kwargs["epochs"] = hp.Int("epochs", *SPACE["epochs"])
            kwargs["callbacks"] = [*kwargs.get("callbacks", []), *_callbacks(ledger)]
            return model.fit(*args, **kwargs)

    base = kt.RandomSearch if which == "random" else kt.Hyperband

    class Counting(base):  # type: ignore[misc, valid-type]
        def _configure_tensorboard_dir(self, callbacks: Any, trial: Any, execution: int = 0) -> None:
            """No TensorBoard callback here; Keras Tuner would import tensorboard (not a tensorflow-cpu dependency)."""

        def on_trial_begin(self, trial: Any) -> None:
            super().on_trial_begin(trial)
            ledger.start_trial()

        def on_trial_end(self, trial: Any) -> None:
            super().on_trial_end(trial)
            status = str(getattr(trial.status, "value", trial.status)).lower()
            ledger.end_trial("completed" if status == "completed" else status,
                             "" if status == "completed" else (trial.message or "")[-200:])
            if ledger.should_stop():
                raise _StopSearch

    validated = "validation_data" in spec.fit_args or "validation_split" in spec.fit_args
    options: dict[str, Any] = {"objective": "val_accuracy" if validated else "accuracy", "seed": search.seed,
                               "overwrite": True,
                               "directory": str(workdir), "project_name": f"{which}-{search.task}-{search.seed}"}
    if which == "random":
        options["max_trials"] = budget or 10**6
    else:
        options.update(max_epochs=HYPERBAND_MAX_EPOCHS, factor=HYPERBAND_FACTOR)
    keras.utils.set_random_seed(search.seed)
    tuner = Counting(Model(), **options)
    with contextlib.suppress(_StopSearch):
        tuner.search(**spec.fit_args, epochs=HYPERBAND_MAX_EPOCHS, verbose=0)
    if ledger.capped:
        search.note = f"stopped at the {cap:.0f}s cap"
    if which == "hyperband":
        bracket = HYPERBAND_BRACKET_TRIALS
        done = "complete" if len(search.trials) >= bracket else f"{len(search.trials)} of its {bracket} trials"
        search.note = "; ".join(filter(None, [search.note, f"first bracket {done}"]))


def run_optuna(spec: TaskSpec, search: Search, budget: int, cap: float) -> None:
    import keras
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    ledger = Ledger(search, budget, cap)

    def objective(trial: Any) -> float:
        hp = {
            "dense_layers": trial.suggest_int("dense_layers", *SPACE["dense_layers"]),
            "units": trial.suggest_int("units", *SPACE["units"], log=True),
            "dropout": trial.suggest_categorical("dropout", list(SPACE["dropout"])),
            "batchnorm": trial.suggest_categorical("batchnorm", [False, True]),
            "learning_rate": trial.suggest_float("learning_rate", *SPACE["learning_rate"], log=True),
            "batch_size": trial.suggest_categorical("batch_size", list(SPACE["batch_size"])),
            "epochs": trial.suggest_int("epochs", *SPACE["epochs"]),
        }
        if spec.kind == "cnn":
            hp["conv_blocks"] = trial.suggest_int("conv_blocks", *SPACE["conv_blocks"])
            hp["filters"] = trial.suggest_int("filters", *SPACE["filters"], log=True)
        ledger.start_trial()
        pruned = []

        def on_epoch(epoch: int, value: float) -> bool:
            trial.report(value, epoch)
            if value < search.target and trial.should_prune():
                pruned.append(epoch)
                return True
            return False

        keras.backend.clear_session()
        try:
            model = build_model(spec, hp)
            model.fit(**spec.fit_args, epochs=hp["epochs"], batch_size=hp["batch_size"], verbose=0,
                      callbacks=_callbacks(ledger, on_epoch))
        except Exception as exc:
            ledger.end_trial("failed", f"{type(exc).__name__}: {exc}"[:200])
            raise
        best = max(ledger.values) if ledger.values else 0.0
        if pruned:
            ledger.end_trial("pruned", f"pruned after epoch {pruned[0] + 1}")
            raise optuna.TrialPruned
        ledger.end_trial()
        return best

    def stopper(study: Any, frozen: Any) -> None:
        if ledger.should_stop():
            study.stop()

    keras.utils.set_random_seed(search.seed)
    study = optuna.create_study(direction="maximize",
                                sampler=optuna.samplers.TPESampler(seed=search.seed, n_startup_trials=4),
                                pruner=optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=2))
    study.optimize(objective, n_trials=budget or None, callbacks=[stopper], catch=(Exception,))
    if ledger.capped:
        search.note = f"stopped at the {cap:.0f}s cap"


def run_peer(peer: str, task: str, seed: int, budget: int, cap: float, workdir: Path) -> Search:
    search = Search(task, peer, seed, TASKS[task][1])
    started = time.monotonic()
    try:
        spec = capture(task, seed)
        if peer == "tpe":
            run_optuna(spec, search, budget, cap)
        else:
            run_keras_tuner(peer, spec, search, budget, cap, workdir)
        search.status = "reached" if search.reached else "not_reached"
    except Exception as exc:  # a broken peer must not lose the whole benchmark
        search.status, search.note = ("reached" if search.reached else "failed"), f"{type(exc).__name__}: {exc}"[:300]
        say(f"  [{task} · {peer} · seed {seed}] error: {search.note}")
    finally:
        import keras

        keras.backend.clear_session()
    search.wall_seconds = round(time.monotonic() - started, 1)
    return search


# --------------------------------------------------------------------------------------------- calibration


def bare_fit(task: str, seed: int) -> tuple[float, int]:
    """The task script run in this process with no pipeline: (fit seconds by the peers' callback, epochs)."""
    import keras

    original_fit = keras.Model.fit
    timing = {"seconds": 0.0, "epochs": 0}

    class Meter(keras.callbacks.Callback):
        def on_train_begin(self, logs: Any = None) -> None:
            self.t0 = time.perf_counter()

        def on_train_end(self, logs: Any = None) -> None:
            timing["seconds"] += time.perf_counter() - self.t0

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            timing["epochs"] += 1

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs["callbacks"] = [*(kwargs.get("callbacks") or []), Meter()]
        kwargs["verbose"] = 0
        return original_fit(self, *args, **kwargs)

    previous = os.environ.get(SEED_ENV)
    os.environ[SEED_ENV] = str(seed)
    keras.Model.fit = fit
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            keras.backend.clear_session()
            runpy.run_path(str(task_path(task)), run_name="__main__")
    finally:
        keras.Model.fit = original_fit
        _restore_env(SEED_ENV, previous)
    return timing["seconds"], timing["epochs"]


def calibrate(task_names: list[str], seeds: list[int], workdir: Path, code: Code) -> str:
    """Each weak script once through the pipeline (baseline only) and once bare: what fit seconds mean."""
    rows = ["| task | seed | epochs | pipeline fit_seconds | bare fit s (callback) | pipeline ÷ bare |",
            "|---|---:|---:|---:|---:|---:|"]
    for task in task_names:
        for seed in seeds:
            ours = run_pipeline(task, "ladder", seed, 1, 600.0, workdir, code)
            bare, epochs = bare_fit(task, seed)
            base = ours.trials[0] if ours.trials else None
            if base is None:
                rows.append(f"| {task} | {seed} | {epochs} | failed | {bare:.2f} | — |")
                continue
            rows.append(f"| {task} | {seed} | {epochs} | {base.fit_seconds:.2f} | {bare:.2f} "
                        f"| {base.fit_seconds / bare:.2f} |")
            say(f"calibration {task} seed {seed}: pipeline {base.fit_seconds:.2f}s, bare {bare:.2f}s")
    return "\n".join(rows)


# --------------------------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    uname = platform.uname()
    return {"uname": f"{uname.system} {uname.release} {uname.machine}", "cpus": str(os.cpu_count()),
            "python": platform.python_version(), "tensorflow": version("tensorflow-cpu") if version(
                "tensorflow") == "not installed" else version("tensorflow"),
            "keras": version("keras"), "keras-tuner": version("keras-tuner"), "optuna": version("optuna"),
            "pipeline code": _git_state(),
            "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def _git_state() -> str:
    """HEAD and whether the pipeline's code differs from it (the checkout is shared and moves)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "pipeline_lib"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}" + (f" + {len(dirty)} uncommitted file(s) in pipeline_lib/" if dirty else "")


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def _median_of(searches: list[Search], what: Callable[[Search], float]) -> tuple[float, bool]:
    """Median over seeds, and whether it is only a lower bound (a not-reached search is in the middle)."""
    ordered = sorted(searches, key=what)
    n = len(ordered)
    middle = ordered[(n - 1) // 2: n // 2 + 1]
    return statistics.median(what(s) for s in ordered), any(not s.reached for s in middle)


def _cell(searches: list[Search], what: Callable[[Search], float], fmt: str) -> str:
    """Median over seeds; not-reached searches count what they spent, and a median among them is marked ≥."""
    if not searches:
        return "—"
    value, lower = _median_of(searches, what)
    return f"{'≥ ' if lower else ''}{value:{fmt}}"


def _per_seed(runs: list[Search]) -> str:
    return ", ".join(f"{r.compute:.1f}" + ("" if r.reached else "✗") for r in sorted(runs, key=lambda r: r.seed))


def tables(results: list[Search], methods: list[str], default: str | None, budget: int, cap: float) -> str:
    """The per-task table and the overall table, in Markdown."""
    tasks = list(dict.fromkeys(r.task for r in results))
    label = {m: PEER_LABELS.get(m, f"ours: {m}") for m in methods}
    runs = {(t, m): [r for r in results if r.task == t and r.method == m and r.status != "unavailable"]
            for t in tasks for m in methods}
    medians = {key: _median_of(rs, lambda s: s.compute) for key, rs in runs.items() if rs}

    def ratio(task: str, method: str) -> tuple[float, str] | None:
        """Method's median compute ÷ our default's, with "" (both reached), "≥", "≤" or "?" (neither did)."""
        base, mine = medians.get((task, default or "")), medians.get((task, method))
        if not base or not mine or not base[0]:
            return None
        if method == default:
            return 1.0, ""
        mark = {(False, False): "", (True, False): "≥ ", (False, True): "≤ ", (True, True): "? "}[mine[1], base[1]]
        return mine[0] / base[0], mark

    lines = ["| task (target) | method | reached | median trials to target | median fit s to target "
             "| fit s per seed | × our default |", "|---|---|---:|---:|---:|---|---:|"]
    for task in tasks:
        target = next(r.target for r in results if r.task == task)
        for method in methods:
            rs = runs[task, method]
            head = f"{task} ({target:.2f})"
            if not rs:
                note = next((r.note for r in results if r.task == task and r.method == method), "not run")
                lines.append(f"| {head} | {label[method]} | unavailable | — | — | {note} | — |")
                continue
            r_ = ratio(task, method)
            lines.append(f"| {head} | {label[method]} | {sum(r.reached for r in rs)}/{len(rs)} "
                         f"| {_cell(rs, lambda s: len(s.counted), '.0f')} | {_cell(rs, lambda s: s.compute, '.1f')} "
                         f"| {_per_seed(rs)} | {'—' if r_ is None else f'{r_[1]}{r_[0]:.2f}'} |")
    lines += ["", f"✗ = target not reached within {budget} trials / {cap:.0f} s of training: the compute it spent is "
              "shown, and a median marked ≥ includes such a search (the compute to reach the target is higher "
              "or unknown). Trials and fit seconds count up to and including the first trial that reached the "
              f"target. × our default = the method's median fit s on the task ÷ {default or 'our default'}'s: "
              "≥ when only the method's median is a lower bound, ≤ when only ours is, ? when both are.", ""]
    lines += ["| method | runs reaching target | tasks reached in all seeds / any seed | median fit s over all runs "
              "| × our default, median over tasks both reached (tasks) | tasks only ours reached "
              "| tasks only this reached |", "|---|---:|---:|---:|---:|---:|---:|"]
    for method in methods:
        every = [r for t in tasks for r in runs[t, method]]
        if not every:
            lines.append(f"| {label[method]} | unavailable | — | — | — | — | — |")
            continue
        ratios = {t: x for t in tasks if (x := ratio(t, method)) is not None}
        both = [x for x, mark in ratios.values() if not mark]
        only_ours = sum(mark == "≥ " for _, mark in ratios.values())
        only_this = sum(mark == "≤ " for _, mark in ratios.values())
        every_seed = sum(1 for t in tasks if runs[t, method] and all(r.reached for r in runs[t, method]))
        any_seed = sum(1 for t in tasks if any(r.reached for r in runs[t, method]))
        lines.append(f"| {label[method]} | {sum(r.reached for r in every)}/{len(every)} "
                     f"| {every_seed} / {any_seed} of {len(tasks)} "
                     f"| {_cell(every, lambda s: s.compute, '.1f')} "
                     f"| {f'{_median(both):.2f} ({len(both)})' if both else '— (0)'} | {only_ours} | {only_this} |")
    lines += ["", *pairs_table(results, methods, default)]
    return "\n".join(lines)


def pairs_table(results: list[Search], methods: list[str], default: str | None) -> list[str]:
    """Per method over (script, seed) pairs: how many reach the target, their median compute to it, and
    the median over pairs both reached of (method's compute ÷ our default's) — the issue's goal figures."""
    label = {m: PEER_LABELS.get(m, f"ours: {m}") for m in methods}
    by = {(r.method, r.task, r.seed): r for r in results if r.status != "unavailable"}
    out = ["| method | (script, seed) pairs reaching the target | median fit s to the target (pairs reached) "
           "| median fit s, all pairs | × our default, median over pairs both reached (pairs) |",
           "|---|---:|---:|---:|---:|"]
    for method in methods:
        mine = [r for (m, _, _), r in by.items() if m == method]
        if not mine:
            out.append(f"| {label[method]} | unavailable | — | — | — |")
            continue
        hits = [r.compute for r in mine if r.reached]
        ratios = [r.compute / base.compute for (m, t, sd), r in by.items() if m == method and r.reached
                  and (base := by.get((default or "", t, sd))) is not None and base.reached and base.compute > 0]
        share = f"{len(hits)}/{len(mine)} ({100 * len(hits) / len(mine):.0f} %)"
        out.append(f"| {label[method]} | {share} | {_median(hits):.1f} | {_cell(mine, lambda x: x.compute, '.1f')} "
                   f"| {f'{_median(ratios):.2f} ({len(ratios)})' if ratios else '— (0)'} |")
    return out


# --------------------------------------------------------------------------------------------- main


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", choices=sorted(SUITES), default="legacy",
                        help="task set: legacy (the 6 old tasks, tuned on), tuning or held_out (halves of the "
                             "24-script suite in benchmarks/tasks_suite/, split.json); default legacy")
    parser.add_argument("--tasks", type=_csv, help="comma-separated (default: every task of --suite)")
    parser.add_argument("--seeds", type=lambda s: [int(x) for x in _csv(s)], help="comma-separated (default 0,1,2)")
    parser.add_argument("--strategies", type=_csv, default=["adaptive", "ladder"],
                        help="our strategies, the first is 'our default' in the ratios (default adaptive,ladder)")
    parser.add_argument("--peers", type=_csv, default=list(PEERS), help=f"subset of {','.join(PEERS)} or 'none'")
    parser.add_argument("--max-trials", type=int, default=12,
                        help="trial budget of every search; 0 = no cap, only --time-budget (default 12)")
    parser.add_argument("--time-budget", type=float, default=150.0,
                        help="training seconds per search before it is stopped (default 150)")
    parser.add_argument("--quick", action="store_true", help=f"1 seed, 2 tasks ({', '.join(QUICK_TASKS)})")
    parser.add_argument("--out", type=Path, help="also write one JSON line per search here")
    parser.add_argument("--report", type=Path, help="only print the tables of a saved --out file")
    parser.add_argument("--code", default="HEAD",
                        help="pipeline code to benchmark: a git commit, exported with git archive (default HEAD), "
                             "'worktree' for the shared checkout as it is (it may change during the run), or "
                             "'inprocess': the checkout as imported by this process, run without a TF re-import")
    parser.add_argument("--calibrate", action="store_true",
                        help="instead of searching: each weak script's baseline fit seconds, pipeline vs bare fit()")
    args = parser.parse_args(argv)
    args.peers = [] if args.peers == ["none"] else args.peers
    unknown = [p for p in args.peers if p not in PEERS] + [t for t in (args.tasks or []) if t not in TASKS]
    if unknown:
        parser.error(f"unknown peer/task: {', '.join(unknown)}")
    if args.quick:
        args.tasks = args.tasks or QUICK_TASKS
        args.seeds = args.seeds or [0]
    args.tasks = args.tasks or SUITES[args.suite]
    args.seeds = args.seeds if args.seeds is not None else [0, 1, 2]
    return args


@contextlib.contextmanager
def _quiet_tensorflow() -> Iterator[None]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    methods = [*args.strategies, *args.peers]
    if args.report:
        saved = [json.loads(line) for line in args.report.read_text().splitlines() if line.strip()]
        header = next((d for d in saved if "machine" in d), {})
        meta = header.get("settings", {})
        wall = next((d["wall_seconds"] for d in saved if "finished" in d), None)
        results = [Search.from_json(d) for d in saved if "task" in d]
        methods = meta.get("methods") or list(dict.fromkeys(r.method for r in results))
        if meta:
            print(_header(meta, header.get("machine", {}), wall, header.get("load_at_end")))
        print(tables(results, methods, meta.get("default"), meta.get("max_trials", args.max_trials),
                     meta.get("time_budget", args.time_budget)))
        return 0
    if args.calibrate:
        with tempfile.TemporaryDirectory(prefix="mlops-calibrate-") as tmp, _quiet_tensorflow():
            code = WORKTREE if args.code == "worktree" else snapshot(args.code, Path(tmp) / "code")
            table = calibrate(args.tasks, args.seeds, Path(tmp), code)
        info = {**machine(), "pipeline code": code.label}
        print(f"Machine: {' · '.join(f'{k} {v}' for k, v in info.items())}\n")
        print(table)
        return 0
    keep = tempfile.TemporaryDirectory(prefix="mlops-search-")
    tmp = Path(keep.name)
    here = args.code == "inprocess"
    if here:
        sys.path.insert(0, str(ROOT))
        from pipeline_lib.tuning import STRATEGIES

        code, known = Code(None, f"{_git_state()} (in this process)"), sorted(STRATEGIES)
    else:
        code = WORKTREE if args.code == "worktree" else snapshot(args.code, tmp / "code")
        known = available_strategies(code)
    default = next((s for s in args.strategies if s in known), None)
    info = machine()
    info["pipeline code"] = code.label if code.path or here else f"{info['pipeline code']} (the shared checkout as it was)"
    command = "python benchmarks/search.py " + " ".join(argv if argv is not None else sys.argv[1:])
    settings = {"command": command.strip(), "suite": args.suite, "tasks": args.tasks, "seeds": args.seeds,
                "methods": methods,
                "default": default, "max_trials": args.max_trials, "time_budget": args.time_budget,
                "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    say(f"search benchmark: {len(args.tasks)} tasks × {len(args.seeds)} seeds × {len(methods)} methods; "
        f"our default = {default or 'none available'}; pipeline code {info['pipeline code']}; "
        f"strategies it has: {', '.join(known) or 'none (could not import it)'}")
    out = open(args.out, "w") if args.out else None
    if out:
        out.write(json.dumps({"machine": info, "settings": settings}) + "\n")
    results: list[Search] = []
    started = time.monotonic()
    with keep, _quiet_tensorflow():
        for seed in args.seeds:  # seed-major: a run cut short still has whole seeds
            for task in args.tasks:
                for method in methods:
                    say(f"[{task} · {method} · seed {seed}] start (target {TASKS[task][1]:.2f}, "
                        f"{time.monotonic() - started:.0f}s into the benchmark)")
                    if method in args.peers:
                        result = run_peer(method, task, seed, args.max_trials, args.time_budget, tmp)
                    elif here:
                        result = run_pipeline_here(task, method, seed, args.max_trials, args.time_budget, tmp)
                    else:
                        result = run_pipeline(task, method, seed, args.max_trials, args.time_budget, tmp,
                                              code, known)
                    say(f"[{task} · {method} · seed {seed}] {result.status}: {len(result.counted)} trial(s), "
                        f"{result.compute:.1f}s fit, {result.wall_seconds:.0f}s wall {result.note}")
                    results.append(result)
                    if out:
                        out.write(json.dumps(result.to_json()) + "\n")
                        out.flush()
    wall = time.monotonic() - started
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if out:
        out.write(json.dumps({"finished": True, "wall_seconds": round(wall, 1), "load_at_end": load}) + "\n")
        out.close()
    print(_header(settings, info, wall, load))
    print(tables(results, methods, default, args.max_trials, args.time_budget))
    return 0


def _header(settings: dict[str, Any], info: dict[str, str], wall: float | None, load: str | None) -> str:
    took = f" · benchmark wall time {wall / 60:.1f} min" if wall is not None else ""
    end = f" · load average at end {load}" if load else ""
    seeds = ", ".join(map(str, settings.get("seeds", [])))
    return (f"Command: `{settings.get('command')}` · {settings.get('date')}{took}\n\n"
            f"Machine: {' · '.join(f'{k} {v}' for k, v in info.items())}{end}\n\n"
            f"Trial budget {settings.get('max_trials')} per search, training cap {settings.get('time_budget'):.0f} s "
            f"per search, seeds {seeds}; our default = {settings.get('default') or 'none available'}.\n")


if __name__ == "__main__":
    sys.exit(main())
