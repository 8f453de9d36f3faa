"""Parallel candidates: wall-clock to the verdict with ``--parallel 1, 2, 4`` and the compute it spent.

On the held-out half of the 24-script suite (``benchmarks/tasks_suite/split.json``, drawn before anything
ran; nothing here was tuned on it: ``--parallel`` changes how many candidates of a batch train at once,
not which ones), each script is run with ``mlops run --parallel N --executor local`` for every N, the
N values interleaved per script so load drift on a shared machine hits them alike. Printed per N:
how many reached the target, the median wall-clock of ``mlops run`` (start to verdict, TensorFlow
imports and report included), the median compute (sum of ``fit()`` seconds over all trials) and the
median wait of a queued candidate for a worker (its ``started`` minus its ``queued``).

``--jenkins-runs DIR`` instead reads the runs a Jenkins Pipeline wrote to its shared folder
(MLOPS_SHARED_DIR/runs) and prints the per-trial scheduling overhead on agents: from the moment tweak
queued a candidate to the moment its worker started it on an agent (the queue, the agent, the tools
container, the sandbox container and the TensorFlow import), against the trial's own seconds.

    python benchmarks/parallel.py --parallel 1,2,4 --time-budget 60
    python benchmarks/parallel.py --jenkins-runs /tmp/pytest-of-root/pytest-NNN/shared0/runs

On 2 cores the speed-up is bounded: TensorFlow already uses both cores for one fit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from search import ANSWERS, SPLIT, TASKS, task_path  # noqa: E402  (the search benchmark's suite and split)


def _seconds(iso: str | None) -> float | None:
    return dt.datetime.fromisoformat(iso).timestamp() if iso else None


def waits(run: dict[str, Any]) -> list[float]:
    """Seconds each queued candidate waited for a worker (started - queued)."""
    found = []
    for trial in run["trials"]:
        queued, started = _seconds(trial.get("queued")), _seconds(trial.get("started"))
        if queued is not None and started is not None:
            found.append(started - queued)
    return found


def one(task: str, parallel: int, budget: float, seed: int, work: Path) -> dict[str, Any]:
    """``mlops run`` on one script with ``--parallel``; what it cost."""
    runs = work / f"{task}-p{parallel}"
    _kind, target = TASKS[task]
    command = [sys.executable, "-m", "pipeline_lib.cli", "run", str(task_path(task)), "--target", str(target),
               "--time-budget", str(budget), "--parallel", str(parallel), "--executor", "local", "--no-notify",
               "--seed", str(seed), "--runs-dir", str(runs),
               *(f"--answer={k}={v}" for k, v in ANSWERS.get(task, {}).items())]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=budget + 600)
    wall = time.monotonic() - started
    run = json.loads(next(runs.glob("*/run.json")).read_text())
    row = {"task": task, "parallel": parallel, "exit": result.returncode, "status": run["status"],
           "wall": round(wall, 1), "fit": round(sum(float(t.get("fit_seconds") or 0) for t in run["trials"]), 1),
           "trials": len(run["trials"]), "wait": waits(run)}
    print(f"  {task} --parallel {parallel}: {row['status']} in {row['wall']} s wall, {row['fit']} s fit, "
          f"{row['trials']} trials", flush=True)
    return row


def table(rows: list[dict[str, Any]], values: list[int]) -> str:
    lines = ["| --parallel | reached | median wall s | median fit s (compute) | median wait for a worker s | "
             "wall vs --parallel 1 (per script, median) |",
             "|---:|---:|---:|---:|---:|---:|"]
    base = {r["task"]: r["wall"] for r in rows if r["parallel"] == values[0]}
    for n in values:
        mine = [r for r in rows if r["parallel"] == n]
        reached = sum(r["status"] == "target_met" for r in mine)
        wait = [w for r in mine for w in r["wait"]]
        ratio = statistics.median(r["wall"] / base[r["task"]] for r in mine if base.get(r["task"]))
        lines.append(f"| {n} | {reached}/{len(mine)} | {statistics.median(r['wall'] for r in mine):.1f} | "
                     f"{statistics.median(r['fit'] for r in mine):.1f} | "
                     f"{statistics.median(wait) if wait else 0:.1f} | {ratio:.2f} |")
    return "\n".join(lines)


def jenkins_table(runs_dir: Path) -> str:
    lines = ["| run | trial | agent (worker token) | wait from queued to started s | trial s | attempts |",
             "|---|---:|---|---:|---:|---:|"]
    overheads = []
    for path in sorted(runs_dir.glob("*/run.json")):
        run = json.loads(path.read_text())
        for trial in run["trials"]:
            queued, started = _seconds(trial.get("queued")), _seconds(trial.get("started"))
            if queued is None or started is None or not trial.get("worker"):
                continue
            overheads.append(started - queued)
            lines.append(f"| {run['id']} | {trial['number']} | {trial['worker']} | {started - queued:.0f} | "
                         f"{trial['seconds']:.1f} | {trial['attempts']} |")
    if overheads:
        lines.append(f"\nmedian wait per trial on agents: {statistics.median(overheads):.0f} s "
                     f"({len(overheads)} trials; timestamps have 1 s resolution)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parallel", default="1,2,4", help="comma-separated values of --parallel")
    parser.add_argument("--time-budget", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tasks", help="comma-separated subset of the held-out half (default: all of it)")
    parser.add_argument("--out", type=Path, help="also write the raw rows as JSON lines here")
    parser.add_argument("--jenkins-runs", type=Path, help="print the per-trial overhead of these Jenkins runs")
    args = parser.parse_args()
    if args.jenkins_runs:
        print(jenkins_table(args.jenkins_runs))
        return 0
    values = [int(v) for v in args.parallel.split(",")]
    tasks = args.tasks.split(",") if args.tasks else list(SPLIT["held_out"])
    rows = []
    with tempfile.TemporaryDirectory(prefix="mlops-parallel-") as tmp:
        for index, task in enumerate(tasks):
            order = values[index % len(values):] + values[:index % len(values)]  # interleaved
            rows += [one(task, n, args.time_budget, args.seed, Path(tmp)) for n in order]
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"\nheld-out half ({len(tasks)} scripts), seed {args.seed}, --time-budget {args.time_budget:g}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}\n")
    print(table(rows, values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
