"""Containers against the local executor: start overhead, wall time, epochs redone per crash.

Run (with an engine and built images: ``mlops images build``):
``python benchmarks/containers.py [--repeat 3] [--trials 2] [--crashes 2]``. Prints Markdown tables:

1. the fixed cost of one sandboxed container (create, start, exit, remove) and of importing
   TensorFlow in it, against the same in a local process — paid once per run, since one
   worker runs every trial;
2. wall time of ``mlops run examples/cnn.py`` with ``--executor docker`` and ``--executor local``
   (interleaved, medians) and the overhead per trial;
3. epochs redone per crash: the container is killed mid-trial ``--crashes`` times.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline_lib.executors.base import RunSpec  # noqa: E402
from pipeline_lib.executors.docker import DockerExecutor, connect, container_spec, find_run_container  # noqa: E402
from pipeline_lib.images import image_for_kind  # noqa: E402


def _timed(action: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    started = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - started


def _container_run(executor: DockerExecutor, spec: RunSpec) -> None:
    executor.start(spec).wait()


def startup(repeat: int) -> list[tuple[str, float, float]]:
    """(what, local seconds, container seconds) medians for an empty process and a TF import."""
    executor = DockerExecutor(connect())
    image = str(image_for_kind("cnn"))
    rows = []
    for what, code in (("start + exit (python -c pass)", "pass"), ("import tensorflow", "import tensorflow")):
        local, container = [], []
        with tempfile.TemporaryDirectory() as tmp:
            run_dir = Path(tmp)
            (run_dir / "workspace").mkdir()
            spec = container_spec(RunSpec(command=("python3", "-c", code), labels={"mlops.run": "bench"}),
                                  run_dir, image)
            for _ in range(repeat):
                local.append(_timed(subprocess.run, [sys.executable, "-c", code], check=True))
                container.append(_timed(_container_run, executor, spec))
        rows.append((what, statistics.median(local), statistics.median(container)))
    return rows


def _mlops(*args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    out = open(log, "wb") if log else subprocess.DEVNULL
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.Popen([sys.executable, "-m", "pipeline_lib.cli", *args], cwd=ROOT, env=env,
                            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def _only_run(runs_dir: Path) -> dict[str, Any]:
    return dict(json.loads(next(runs_dir.glob("*/run.json")).read_text()))


def wall_times(repeat: int, trials: int) -> dict[str, dict[str, list[float]]]:
    """Wall and in-trial seconds of ``mlops run examples/cnn.py`` per executor, interleaved."""
    times: dict[str, dict[str, list[float]]] = {e: {"wall": [], "trials": []} for e in ("docker", "local")}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            for executor, measured in times.items():
                runs = Path(tmp) / f"{executor}-{i}"
                started = time.perf_counter()
                code = _mlops("run", str(ROOT / "examples" / "cnn.py"), "--runs-dir", str(runs), "--no-notify",
                              "--max-trials", str(trials), "--executor", executor).wait()
                measured["wall"].append(time.perf_counter() - started)
                run = _only_run(runs)
                measured["trials"].append(sum(t["seconds"] for t in run["trials"]))
                print(f"measured {executor} #{i + 1}: {measured['wall'][-1]:.1f}s wall, "
                      f"{measured['trials'][-1]:.1f}s in trials, exit {code} {run['status']}", file=sys.stderr)
    return times


def _kill_at(runs: Path, attempt: int, epoch: int) -> bool:
    """Kill the run's container once attempt ``attempt`` has trained ``epoch`` epochs of its own."""
    found = next(runs.glob("*/trials/001/progress.json"), None)
    try:
        progress = json.loads(found.read_text()) if found else {}
    except json.JSONDecodeError:
        return False
    if progress.get("attempt") != attempt or progress.get("epochs_completed", 0) < epoch:
        return False
    container = find_run_container(_only_run(runs)["id"])
    if container is None:
        return False
    container.kill()
    print(f"killed the container at epoch {progress['epochs_completed']} of attempt {attempt}", file=sys.stderr)
    return True


def crashes(count: int) -> dict[str, Any]:
    """Kill the container mid-trial ``count`` times; returns restarts and epochs redone."""
    with tempfile.TemporaryDirectory() as tmp:
        runs = Path(tmp) / "runs"
        proc = _mlops("run", str(ROOT / "tests" / "fixtures" / "scripts" / "slow_dense.py"), "--runs-dir",
                      str(runs), "--no-notify", "--max-trials", "1", "--executor", "docker",
                      "--max-restarts", str(count + 1), log=Path(tmp) / "log.txt")
        for crash in range(count):
            # Polled tightly: killed right after an epoch is recorded, its checkpoint is complete.
            while proc.poll() is None and not _kill_at(runs, crash + 1, 4):
                time.sleep(0.02)
        proc.wait()
        run = _only_run(runs)
    trial = run["trials"][0]
    return {"restarts": run["restarts"], "epochs_redone": trial["epochs_redone"], "status": trial["status"],
            "epochs_run": trial["epochs_run"]}


def print_startup(rows: list[tuple[str, float, float]]) -> None:
    print("| fixed cost, once per run | local s | container s | overhead s |\n|---|---:|---:|---:|")
    for what, local, container in rows:
        print(f"| {what} | {local:.2f} | {container:.2f} | {container - local:+.2f} |")


def print_wall(times: dict[str, dict[str, list[float]]], trials: int) -> None:
    wall = {e: statistics.median(m["wall"]) for e, m in times.items()}
    inside = {e: statistics.median(m["trials"]) for e, m in times.items()}
    print(f"| `mlops run examples/cnn.py --max-trials {trials}` | wall s | in trials s | outside trials s |\n"
          "|---|---:|---:|---:|")
    for executor in ("local", "docker"):
        print(f"| {executor} executor | {wall[executor]:.1f} | {inside[executor]:.1f} | "
              f"{wall[executor] - inside[executor]:.1f} |")
    print(f"| docker / local | {wall['docker'] / wall['local']:.2f} | | |")
    print(f"| overhead per trial | {(wall['docker'] - wall['local']) / trials:+.1f} s | | |")


def print_crashes(crash: dict[str, Any], count: int) -> None:
    per_crash = crash["epochs_redone"] / crash["restarts"] if crash["restarts"] else float("nan")
    print("| crashes (docker kill mid-trial) | restarts | epochs redone | per crash | trial |\n"
          "|---:|---:|---:|---:|---|")
    print(f"| {count} | {crash['restarts']} | {crash['epochs_redone']} | {per_crash:.2f} | "
          f"{crash['status']}, {crash['epochs_run']} epochs run |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trials", type=int, default=2, help="--max-trials of the cnn runs")
    parser.add_argument("--crashes", type=int, default=2)
    parser.add_argument("--skip", nargs="*", default=[], choices=("startup", "wall", "crashes"),
                        help="parts not to measure")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"medians of {args.repeat}")
    if "startup" not in args.skip:
        with contextlib.redirect_stdout(sys.stderr):  # the executor's per-container lines
            rows = startup(args.repeat)
        print()
        print_startup(rows)
    if "wall" not in args.skip:
        times = wall_times(args.repeat, args.trials)
        print()
        print_wall(times, args.trials)
    if "crashes" not in args.skip:
        crash = crashes(args.crashes)
        print()
        print_crashes(crash, args.crashes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
