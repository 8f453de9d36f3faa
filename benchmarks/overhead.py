"""Pipeline overhead: wall time of ``mlops run`` against the seconds spent inside ``fit()``.

Run: ``python benchmarks/overhead.py [--repeat N] [examples/cnn.py ...]``. Prints a Markdown
table (one row per example and repetition, then the median ratio per example). The ratio is
wall / fit: 1.00 would mean the pipeline costs nothing beyond training itself. The worker
imports TensorFlow once per run, so the fixed cost is paid once, not once per trial.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ["examples/cnn.py", "examples/ann.py", "examples/kmeans.py"]


def measure(example: str, runs_dir: Path) -> dict[str, float | int | str]:
    """One ``mlops run`` of ``example``; returns wall, fit and trial figures."""
    command = [sys.executable, "-m", "pipeline_lib.cli", "run", str(ROOT / example),
               "--runs-dir", str(runs_dir), "--answer", "epochs=10", "--no-notify"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    run_json = max(runs_dir.glob("*/run.json"), key=lambda p: p.stat().st_mtime)
    run = json.loads(run_json.read_text())
    fit = sum(t["fit_seconds"] for t in run["trials"])
    return {"example": example, "exit": result.returncode, "status": run["status"],
            "trials": len(run["trials"]), "epochs": sum(t["epochs_run"] for t in run["trials"]),
            "wall": wall, "fit": fit, "ratio": wall / fit if fit else float("nan")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", default=EXAMPLES)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for example in args.examples:
            for i in range(args.repeat):
                rows.append(measure(example, Path(tmp) / f"{Path(example).stem}-{i}"))
                print(f"measured {example} #{i + 1}: {rows[-1]['ratio']:.2f}", file=sys.stderr)
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores\n")
    print("| example | status | trials | epochs | wall s | fit s | wall / fit |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['example']} | {r['status']} | {r['trials']} | {r['epochs']} | {r['wall']:.1f} "
              f"| {r['fit']:.1f} | {r['ratio']:.2f} |")
    if args.repeat > 1:
        print("\n| example | median wall / fit |\n|---|---:|")
        for example in args.examples:
            ratios = [float(r["ratio"]) for r in rows if r["example"] == example]
            print(f"| {example} | {statistics.median(ratios):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
