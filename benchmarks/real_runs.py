"""Do real public training scripts train to a verdict in Docker, with no manual step? (issue 11)

For every model entry of ``benchmarks/detect_real/manifest.json`` (ann/cnn/rnn/kmeans) in the chosen
half of ``split.json``, the data source is decided statically (``benchmarks/real_sources.py``).
Entries whose data ship (scikit-learn sets, arrays built in the script) or come from a
``keras.datasets`` loader are run; the loaders' files are generated (``benchmarks/real_data.py``)
and served from a loopback HTTP mirror, reached through ``MLOPS_DATASET_MIRROR`` with a private
``KERAS_HOME``. Each entry (with its siblings) is copied to a temporary folder and run as a user
would::

    mlops run FOLDER --script PATH --executor docker --max-trials 1 --no-notify --time-budget 120 \
        --trial-timeout 300

The child ``mlops`` knows the generated files' hashes (the one change from a user's run: Keras'
hashes of the real files are replaced in ``KERAS_DATASETS``). "Trained to a verdict" = the run
finished ``target_met`` or ``budget_spent``. Usage (needs DOCKER_HOST and the images)::

    python benchmarks/real_runs.py --corpus /work/corpus-11 --part tuning
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.real_data import GENERATORS, write_mirror  # noqa: E402
from benchmarks.real_sources import data_source  # noqa: E402

MODEL_KINDS = ("ann", "cnn", "rnn", "kmeans")
VERDICTS = ("target_met", "budget_spent")
_RUNNER = """
import json, sys
from dataclasses import replace
from pipeline_lib.detect import datasets
for name, digests in json.loads(sys.argv[1]).items():
    datasets.KERAS_DATASETS[name] = tuple(replace(f, file_hash=d) for f, d in zip(datasets.KERAS_DATASETS[name], digests))
from pipeline_lib.cli import main
sys.exit(main(sys.argv[2:]))
"""


@dataclass
class Outcome:
    """One entry's row of the table."""

    ident: str
    label: str
    data: str
    detail: str
    kind: str = "-"
    code: int | None = None
    status: str = "not run"
    seconds: float = 0.0
    error: str = ""

    @property
    def ran(self) -> bool:
        return self.code is not None

    @property
    def verdict(self) -> bool:
        return self.status in VERDICTS


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _first_error(run: dict[str, Any], text: str) -> str:
    errors = [t.get("error") for t in run.get("trials", []) if t.get("error")]
    line = str(errors[0] if errors else run.get("error") or "")
    if not line:
        line = next((ln for ln in reversed(text.splitlines()) if "error" in ln.lower()), "")
    return " ".join(line.split())[:300]


def _run_one(outcome: Outcome, entry: dict[str, Any], corpus: Path, work: Path, env: dict[str, str],
             digests: dict[str, list[str]], args: argparse.Namespace) -> Outcome:
    folder = work / "pushed" / outcome.ident
    shutil.copytree(corpus / outcome.ident, folder)
    runs = work / "runs" / outcome.ident
    command = [sys.executable, "-c", _RUNNER, json.dumps(digests), "run", str(folder), "--script",
               str(entry["path"]), "--runs-dir", str(runs), "--executor", args.executor, "--max-trials", "1",
               "--no-notify", "--time-budget", str(args.time_budget), "--trial-timeout", str(args.trial_timeout)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                              timeout=args.trial_timeout + 300)
        outcome.code, text = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        outcome.code, text = -1, f"error: mlops did not finish in {exc.timeout:.0f}s"
    outcome.seconds = round(time.perf_counter() - started, 1)
    (work / "logs").mkdir(exist_ok=True)
    (work / "logs" / f"{outcome.ident}.log").write_text(text)
    records = list(runs.glob("*/run.json"))
    run: dict[str, Any] = json.loads(records[0].read_text()) if records else {}
    outcome.kind = str(run.get("kind") or "-")
    outcome.status = str(run.get("status") or "no run stored")
    if not outcome.verdict:
        outcome.error = _first_error(run, text)
    return outcome


def _table(title: str, rows: list[Outcome]) -> str:
    lines = [f"### {title}", "", "| id | label | detected | data | exit | run status | s | first error |",
             "|---|---|---|---|---:|---|---:|---|"]
    for o in rows:
        error = o.error.replace("|", "\\|")
        lines.append(f"| {o.ident} | {o.label} | {o.kind} | {o.data} | {o.code if o.ran else '-'} | {o.status} | "
                     f"{o.seconds:.0f} | {error} |")
    ran = [o for o in rows if o.ran]
    by_data = Counter(o.data for o in ran)
    won = Counter(o.data for o in ran if o.verdict)
    lines += ["", "| data | trained to a verdict | run |", "|---|---:|---:|"]
    lines += [f"| {d} | {won[d]} | {by_data[d]} |" for d in sorted(by_data)]
    lines.append(f"| **all** | **{sum(won.values())}** | **{len(ran)}** |")
    skipped = [o for o in rows if not o.ran]
    if skipped:
        lines += ["", f"data not available here ({len(skipped)}, not counted): " + "; ".join(
            f"{o.ident} {o.data} ({o.detail})" for o in skipped)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder with <id>/<path> files")
    parser.add_argument("--part", choices=("tuning", "held_out"), required=True)
    parser.add_argument("--only", nargs="*", default=None, help="run just these ids (debugging, not a figure)")
    parser.add_argument("--executor", default="docker", choices=("docker", "local"))
    parser.add_argument("--time-budget", type=int, default=120)
    parser.add_argument("--trial-timeout", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=1, help="entries run at once")
    parser.add_argument("--keep", type=Path, default=None, help="keep the work folder (logs, runs) here")
    args = parser.parse_args(argv)
    entries = json.loads((HERE / "detect_real" / "manifest.json").read_text(encoding="utf-8"))
    wanted = set(json.loads((HERE / "detect_real" / "split.json").read_text(encoding="utf-8"))[args.part])
    entries = [e for e in entries if e["id"] in wanted and e["label"] in MODEL_KINDS
               and (args.only is None or e["id"] in args.only)]
    missing = [e["id"] for e in entries if not (args.corpus / e["id"] / e["path"]).is_file()]
    if missing:
        print(f"error: {args.corpus}: {len(missing)} entries not fetched (first: {missing[0]})", file=sys.stderr)
        return 2
    served = {*GENERATORS, "imdb.get_word_index"}
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep} is not empty (an earlier run's work folder?): give a new or empty folder")
    work = Path(tempfile.mkdtemp(prefix="real-runs-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    digests = write_mirror(work / "mirror")
    server, url = _serve(work / "mirror")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLOPS_") or k == "MLOPS_DOCKER_DIR"}
    env.update(PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", KERAS_HOME=str(work / "keras-home"),
               MLOPS_DATASET_MIRROR=url)
    outcomes, jobs = [], []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for entry in entries:
            data, detail = data_source(args.corpus / entry["id"], entry["path"], served)
            outcome = Outcome(entry["id"], entry["label"], data, detail)
            outcomes.append(outcome)
            if data == "shipped" or data.startswith("keras.datasets"):
                jobs.append(pool.submit(_run_one, outcome, entry, args.corpus, work, env, digests, args))
        for job in jobs:
            done = job.result()
            print(f"  {done.ident}: {done.status} in {done.seconds:.0f}s {done.error[:100]}", file=sys.stderr)
    server.shutdown()
    print(f"part: {args.part} ({len(entries)} model scripts), executor {args.executor}, work folder {work}\n")
    print(_table(f"{args.part} half", outcomes))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
