"""What the local sandbox costs per worker start: a measurement that prints a table, not a test.

    python -m tests.sandbox.overhead [--repeat 12]

Starts ``python -c pass`` through :class:`LocalExecutor` bare (the environment allowlist only)
and sandboxed (namespaces, covers, limits), in a run directory outside /tmp, and prints the
median, min and max seconds of start + exit (the first two starts of each are warm-up).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pipeline_lib.executors.base import RunSpec
from pipeline_lib.executors.local import LocalExecutor


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.sandbox.overhead")
    parser.add_argument("--repeat", type=int, default=12)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="mlops-overhead-", dir="/var/tmp"))
    run_dir = root / "runs" / "overhead"
    (run_dir / "workspace").mkdir(parents=True)
    spec = RunSpec(command=(sys.executable, "-c", "pass"), workdir=str(run_dir), labels={"mlops.run": "overhead"},
                   env={"PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    print("| local executor | median s | min s | max s |\n|---|---:|---:|---:|")
    try:
        for name, executor in (("bare (allowlist only)", LocalExecutor(sandbox=False)), ("sandboxed", LocalExecutor())):
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    assert executor.start(spec).wait() == 0
                times.append(time.perf_counter() - started)
            kept = times[2:] or times
            print(f"| {name} | {statistics.median(kept):.3f} | {min(kept):.3f} | {max(kept):.3f} |")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
