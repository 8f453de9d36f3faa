"""Jenkins-mode overhead: wall time of a Pipeline build and of the freestyle chain against training time.

Run against a real Jenkins whose process has DOCKER_HOST set and whose engine holds the images
(``mlops images build``), e.g. the kit in ../shared/jenkins:

    eval "$(../shared/jenkins/start.sh /tmp/jenkins-bench 18080)"
    python benchmarks/jenkins_overhead.py [--repeat 2] [--script examples/cnn.py]

It serves a repository holding the committed Jenkinsfile and the script with ``git daemon`` on
127.0.0.1, seeds the jobs with a fresh prefix, then, one after the other (never two builds at once),
starts the Pipeline job and the chain job1 -> job6 ``--repeat`` times each. Wall is measured from the
request that starts the build to the end of the last build (client clock; it includes Jenkins' queue,
checkout, containers and every stage); training is the seconds spent inside ``fit()`` (run.json).
Prints Markdown tables: one row per build, the chain's per-job durations and the gaps between jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline_lib.jenkins.render import JENKINSFILE, PIPELINE_JOB, RenderOptions, render  # noqa: E402
from tests.jenkins.live import (  # noqa: E402
    TOKEN, URL, USER, GitRepo, Live, artifact_json, free_port, start_git_daemon,
)

TIMEOUT = 900.0


def _training(run: dict[str, Any]) -> tuple[float, float, int, int]:
    """(seconds inside fit(), trial seconds, trials, epochs) of a run.json."""
    trials = run["trials"]
    return (sum(float(t.get("fit_seconds") or 0) for t in trials), sum(float(t.get("seconds") or 0) for t in trials),
            len(trials), sum(int(t.get("epochs_run") or 0) for t in trials))


def pipeline_build(live: Live, job: str) -> dict[str, Any]:
    started = time.time()
    number = live.start(job, {})  # the seeded defaults of its parameters
    build = live.wait_for_result(job, number, TIMEOUT)
    wall = time.time() - started
    path = next(a["relativePath"] for a in build["artifacts"] if a["relativePath"].endswith("/run.json"))
    run = artifact_json(live, job, number, path)
    fit, trial_seconds, trials, epochs = _training(run)
    return {"mode": "Pipeline", "build": f"#{number}", "result": build["result"], "status": run["status"],
            "trials": trials, "epochs": epochs, "wall": wall, "jenkins": build["duration"] / 1000,
            "fit": fit, "trial_seconds": trial_seconds, "jobs": []}


def chain_build(live: Live, prefix: str) -> dict[str, Any]:
    started = time.time()
    first = f"{prefix}job1"
    number = live.start(first)
    builds = [(first, number, live.wait_for_result(first, number, TIMEOUT))]
    for index in range(2, 7):
        job = f"{prefix}job{index}"
        upstream, upstream_number, _ = builds[-1]
        found = live.downstream_build(job, upstream, upstream_number, TIMEOUT)
        builds.append((job, found, live.wait_for_result(job, found, TIMEOUT)))
    wall = time.time() - started
    console = live.console(first, number)
    runs_dir = re.search(r"^\+ export MLOPS_RUNS_DIR=(\S+)$", console, flags=re.MULTILINE)
    run_id = re.search(r"^(\d{8}-\d{6}-\S+)$", console, flags=re.MULTILINE)
    assert runs_dir and run_id, console[-2000:]
    run = json.loads((Path(runs_dir.group(1)) / run_id.group(1) / "run.json").read_text())
    fit, trial_seconds, trials, epochs = _training(run)
    last = builds[-1][2]
    jobs = []
    for (job, n, build), previous in zip(builds, [None, *builds[:-1]], strict=True):
        gap = (build["timestamp"] - (previous[2]["timestamp"] + previous[2]["duration"])) / 1000 if previous else 0.0
        jobs.append({"job": job.removeprefix(prefix), "build": n, "seconds": build["duration"] / 1000, "gap": gap})
    span = (last["timestamp"] + last["duration"] - builds[0][2]["timestamp"]) / 1000
    results = {b["result"] for _, _, b in builds}
    return {"mode": "chain", "build": f"#{number}", "result": "/".join(sorted(results)), "status": run["status"],
            "trials": trials, "epochs": epochs, "wall": wall, "jenkins": span, "fit": fit,
            "trial_seconds": trial_seconds, "jobs": jobs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", default="examples/cnn.py", help="the pushed script (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=2, help="builds per mode (default: %(default)s)")
    parser.add_argument("--modes", default="pipeline,chain", help="pipeline, chain or both (default: %(default)s)")
    args = parser.parse_args()
    if not (URL and USER and TOKEN):
        print("set JENKINS_URL, JENKINS_USER and MLOPS_JENKINS_TOKEN (../shared/jenkins/start.sh prints them)",
              file=sys.stderr)
        return 2
    from pipeline_lib.jenkins.client import JenkinsClient
    from pipeline_lib.jenkins.provision import seed

    live = Live()
    prefix = f"bench{secrets.token_hex(2)}-"
    script = ROOT / args.script
    settings = {"PATH+MLOPS": str(Path(sys.executable).parent), "MLOPS_SMTP_HOST": ""}
    if os.environ.get("DOCKER_HOST"):
        settings["DOCKER_HOST"] = os.environ["DOCKER_HOST"]
    live.set_global_env(settings)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        served = Path(tmp) / "git"
        port = free_port()
        daemon = start_git_daemon(served, port)
        try:
            repo = GitRepo.create(served, f"bench/{prefix}models.git", port)
            repo.commit({JENKINSFILE: (ROOT / JENKINSFILE).read_text(encoding="utf-8"),
                         script.name: script.read_text(encoding="utf-8")}, "benchmark script")
            seed(JenkinsClient(URL, USER, TOKEN, timeout=60),
                 render(RenderOptions(repo_url=repo.url, credentials_id="", prefix=prefix,
                                      agent_label="built-in")), echo=lambda _: None)
            for i in range(args.repeat):
                if "pipeline" in args.modes:
                    rows.append(pipeline_build(live, prefix + PIPELINE_JOB))
                    print(f"measured Pipeline #{i + 1}: {rows[-1]['wall']:.1f} s wall", file=sys.stderr)
                if "chain" in args.modes:
                    rows.append(chain_build(live, prefix))
                    print(f"measured chain #{i + 1}: {rows[-1]['wall']:.1f} s wall", file=sys.stderr)
        finally:
            daemon.kill()
            daemon.wait()
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores; Jenkins {URL}; script {args.script}\n")
    print("| mode | build | result | run | trials | epochs | wall s | Jenkins s | fit s | trial s | wall / fit |")
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = r["wall"] / r["fit"] if r["fit"] else float("nan")
        print(f"| {r['mode']} | {r['build']} | {r['result']} | {r['status']} | {r['trials']} | {r['epochs']} "
              f"| {r['wall']:.1f} | {r['jenkins']:.1f} | {r['fit']:.1f} | {r['trial_seconds']:.1f} | {ratio:.2f} |")
    chains = [r for r in rows if r["mode"] == "chain"]
    if chains:
        print("\n| chain build | " + " | ".join(j["job"] for j in chains[0]["jobs"]) + " | gaps between jobs s |")
        print("|---|" + "---:|" * (len(chains[0]["jobs"]) + 1))
        for r in chains:
            print(f"| {r['build']} | " + " | ".join(f"{j['seconds']:.1f}" for j in r["jobs"])
                  + f" | {sum(j['gap'] for j in r['jobs']):.1f} |")
    print("\n| mode | median wall / fit |\n|---|---:|")
    for mode in ("Pipeline", "chain"):
        ratios = [r["wall"] / r["fit"] for r in rows if r["mode"] == mode and r["fit"]]
        if ratios:
            print(f"| {mode} | {statistics.median(ratios):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
