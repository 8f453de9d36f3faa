"""The embedded pipeline: the six stages in one process tree, no Jenkins and no Docker.

``mlops run`` calls :func:`run_source`; Jenkins calls the same stage functions one per job
(``mlops stage NAME``). Training happens in one worker process per run (TensorFlow is
imported once, not once per trial) under the monitor, which restarts it after a crash.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from pipeline_lib.config import RunConfig
from pipeline_lib.detect import detect_path, model_files
from pipeline_lib.errors import PipelineError
from pipeline_lib.handback import console_lines, load_handback
from pipeline_lib.kinds import kind_of
from pipeline_lib.stages import STAGES
from pipeline_lib.stages.detect import detect_stage
from pipeline_lib.stages.fetch import fetch, is_git_url
from pipeline_lib.stages.train import conclude, exit_code_for, retrain_stage
from pipeline_lib.store import RunRecord, RunStore

__all__ = ["DEFAULTS", "banner", "resume", "run_source", "summary_text"]

#: Run settings and their defaults, as data (the CLI flags map onto these keys); the one source
#: is :class:`pipeline_lib.config.RunConfig`.
DEFAULTS: dict[str, Any] = RunConfig().to_dict()


def banner(stage: str, text: str) -> None:
    """One progress line per stage: ``[3/6 train] ...``."""
    spec = next(s for s in STAGES if s.name == stage)
    print(f"[{spec.number}/{len(STAGES)} {spec.name}] {text}", flush=True)


def summary_text(run: RunRecord, store: RunStore) -> str:
    """The closing summary: verdict, trial table, where the report is."""
    from pipeline_lib.report import format_trial_table

    verdict = run.verdict or run.error or run.status.value
    best = (f"best: trial {run.best['trial']} with {run.metric} {run.best['value']:.4f}"
            if run.best else "best: none")
    target = f" · target {run.target:.2f}" if kind_of(run).has_target else ""
    lines = [f"run {run.id} · {run.script} ({run.kind}) · {run.status.value}: {verdict}",
             format_trial_table(run), f"{best}{target} · restarts {run.restarts}",
             f"report: {store.run_dir(run.id) / 'report' / 'summary.md'}"]
    winner = load_handback(store.run_dir(run.id))
    if winner:
        lines += console_lines(winner, store.run_dir(run.id))
    return "\n".join(lines)


def _train_and_conclude(store: RunStore, run: RunRecord, notify: bool) -> RunRecord:
    banner("train", f"{run.script}: {kind_of(run).plan_sentence(run)}")
    banner("monitor", "supervising the training worker (restart + resume on crash)")
    started = time.perf_counter()
    retrain_stage(store, run.id, notify=notify)
    run = store.load(run.id)
    with store.update(run.id) as record:
        record.stages.setdefault("retrain", {})["seconds"] = round(time.perf_counter() - started, 2)
    return run


def run_one(store: RunStore, source: str, config: dict[str, Any], *, ref: str | None = None,
            script: str | None = None, run_id: str | None = None, notify: bool = True) -> RunRecord:
    """fetch → detect → train/tweak/retrain (monitored) → report + notify, for one script."""
    run = fetch(store, source, ref=ref, run_id=run_id, config=config, script=script)
    commit = f" @ {run.source['commit'][:12]}" if run.source.get("commit") else ""
    picked = f" ({run.script})" if run.script and not source.endswith(str(run.script)) else ""
    banner("fetch", f"{source}{picked}{commit} → run {run.id}")
    run = detect_stage(store, run.id)
    evidence = run.detection.get("evidence") or []
    first = f" ({evidence[0]['why']} at {evidence[0]['file']}:{evidence[0]['line']})" if evidence else ""
    banner("detect", f"{run.script}: {run.kind}{first} → image {run.image}")
    run = _train_and_conclude(store, run, notify)
    print(summary_text(store.load(run.id), store), flush=True)
    return store.load(run.id)


def run_source(store: RunStore, source: str, config: dict[str, Any], *, ref: str | None = None,
               script: str | None = None, run_id: str | None = None, notify: bool = True) -> int:
    """Run every model script of ``source`` (or just ``script``); returns the worst exit code."""
    settings = {**DEFAULTS, **{k: v for k, v in config.items() if v is not None}}
    scripts: list[str | None] = [script]
    if script is None and not is_git_url(source) and Path(source).is_dir():
        found = [r.file for r in model_files(detect_path(source))]
        scripts = list(found) if len(found) > 1 else [None]
        if len(found) > 1:
            print(f"{source}: {len(found)} model scripts ({', '.join(found)}); one run each", flush=True)
    codes: list[int] = []
    for name in scripts:
        try:
            run = run_one(store, source, settings, ref=ref, script=name,
                          run_id=run_id if len(scripts) == 1 else None, notify=notify)
            codes.append(exit_code_for(run))
        except PipelineError as exc:
            if len(scripts) == 1:
                raise
            print(f"error: {name}: {exc}", flush=True)
            codes.append(exc.exit_code)
    return max(codes, key=lambda c: (c != 0, c))


def resume(store: RunStore, run_id: str, notify: bool = True) -> int:
    """Continue an interrupted run: finished trials are kept, the running one resumes."""
    run = store.load(run_id)
    if run.status.is_finished():
        conclude(store, run_id, notify=False)
        print(summary_text(store.load(run_id), store), flush=True)
        return exit_code_for(run)
    if not run.kind:
        run = detect_stage(store, run_id)
    done = sum(t.status.is_finished() for t in run.trials)
    banner("monitor", f"resuming run {run_id}: {done} finished trial(s) kept")
    run = _train_and_conclude(store, run, notify)
    print(summary_text(store.load(run_id), store), flush=True)
    return exit_code_for(store.load(run_id))
