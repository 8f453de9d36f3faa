"""The training worker: one process per run that imports TensorFlow once and runs every trial.

Started by the monitor (``pipeline_lib.stages.monitor``) through an executor, locally or in a
container. It reloads the store on start, so after a crash it resumes the unfinished trial
(from its Keras checkpoint) and never re-runs a finished one.

Exit status: 0 when it stopped on purpose (verdict reached, or baseline done in
``--mode baseline``), 2 for bad user input (an unanswered prompt), anything else is a crash
and the monitor restarts it.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

from pipeline_lib.errors import PipelineError, UserInputError
from pipeline_lib.runtime import script as script_runner
from pipeline_lib.runtime.context import TrialContext, UnansweredPrompt, activate, deactivate
from pipeline_lib.stages.tweak import seconds_spent, stop_verdict, tweak
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus, now_iso

__all__ = ["main", "run_trial", "trial_seed"]


def _prepare_process(kind: str) -> None:
    """Import the framework once and install the hooks before any script runs."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    from pipeline_lib.runtime.prompts import install_input_hook

    install_input_hook()
    if kind in ("ann", "cnn"):
        from pipeline_lib.runtime import keras_hooks

        keras_hooks.install()
    from pipeline_lib.runtime import sklearn_hooks

    if kind == "kmeans":
        sklearn_hooks.install()


def _start_attempt(store: RunStore, run: RunRecord, trial: TrialRecord) -> TrialContext:
    """Mark the trial running; fold in what a crashed previous attempt had done."""
    trial_dir = store.trial_dir(run.id, trial.number)
    limit = float(run.config.get("trial_timeout") or 0) or None
    budget = run.config.get("time_budget")
    if budget is not None:
        left = max(1.0, float(budget) - seconds_spent(run))
        limit = left if limit is None else min(limit, left)
    ctx = TrialContext(number=trial.number, trial_dir=trial_dir, plan=dict(trial.plan),
                       answers=dict(run.config.get("answers") or {}),
                       deadline=None if limit is None else time.monotonic() + limit,
                       attempt=trial.attempts + 1)
    previous = ctx.previous_progress()
    ctx.resumed_from = previous
    with store.update(run.id) as record:
        t = record.trial(trial.number)
        t.status = TrialStatus.RUNNING
        t.attempts += 1
        t.started = t.started or now_iso()
        if previous:
            t.epochs_run += int(previous.get("epochs_completed", 0))
            t.fit_seconds += float(previous.get("fit_seconds", 0.0))
            t.seconds += max(0.0, float(previous.get("updated", 0)) - float(previous.get("attempt_started", 0)))
    ctx.progress = {k: previous[k] for k in ("fit", "epoch_started") if k in previous}
    ctx.record_progress(attempt_started=time.time(), updated=time.time(),
                        deadline_epoch=None if limit is None else time.time() + limit)
    return ctx


def _finish_keras(ctx: TrialContext, outcome: script_runner.ScriptOutcome, t: TrialRecord) -> None:
    from pipeline_lib.runtime.keras_hooks import pick_metric

    where = f" at {outcome.location}" if outcome.location else ""
    if not ctx.fits:
        t.status = TrialStatus.FAILED
        t.error = (f"{outcome.summary}{where}" if outcome.error
                   else "the script finished without calling fit(): nothing was trained")
        return
    t.fit_seconds += sum(f.seconds for f in ctx.fits)
    t.architecture = ctx.architecture
    t.params = ctx.architecture.get("params")
    chosen = pick_metric(ctx.fits[-1].history)
    if chosen is None:
        t.status = TrialStatus.FAILED
        t.error = "fit() reported no accuracy metric; compile the model with metrics=['accuracy']"
        return
    t.metric, t.value, t.metric_reason = chosen
    t.curve = {k: [round(float(v), 6) for v in values] for k, values in ctx.fits[-1].history.items()}
    if ctx.epoch_seconds:
        t.curve["epoch_seconds"] = [round(s, 4) for s in ctx.epoch_seconds]
    t.early_stop = ctx.stopped_early
    t.status = TrialStatus.TIMED_OUT if ctx.timed_out else TrialStatus.COMPLETED
    if ctx.timed_out:
        t.error = "stopped at the trial time limit; the value is the last epoch reached"
    if outcome.error is not None:
        t.warnings.append(f"the script failed after training finished: {outcome.summary}{where}")
    if (ctx.trial_dir / "model.keras").is_file():
        t.artifacts["model"] = "model.keras"


def _finish_kmeans(store: RunStore, run: RunRecord, ctx: TrialContext,
                   outcome: script_runner.ScriptOutcome | None, t: TrialRecord) -> dict[str, Any]:
    """Baseline: the user's fit + the WCSS curve and elbow. Later trials: the final fit."""
    import numpy as np

    from pipeline_lib.runtime import elbow, sklearn_hooks

    summary: dict[str, Any] = {}
    if "n_clusters" in ctx.plan:
        x = np.load(store.trial_dir(run.id, 1) / "data.npy")
        model, seconds = sklearn_hooks.fit_final_kmeans(x, int(ctx.plan["n_clusters"]),
                                                        dict(run.kmeans.get("params") or {}))
        labels, k = model.labels_, int(ctx.plan["n_clusters"])
    else:
        data = ctx.kmeans
        if "X" not in data:
            where = f" at {outcome.location}" if outcome and outcome.location else ""
            t.status = TrialStatus.FAILED
            t.error = (f"{outcome.summary}{where}" if outcome and outcome.error
                       else "the script finished without fitting a KMeans model")
            return summary
        x, labels, k, seconds = data["X"], data["labels"], data["user_k"], data["seconds"]
        np.save(ctx.trial_dir / "data.npy", x)
        curve = elbow.wcss_curve(x, k_max=int(run.config.get("k_max", 10)))
        chosen = elbow.elbow_k(curve)
        plot = store.run_dir(run.id) / "report" / "elbow.png"
        plot.parent.mkdir(parents=True, exist_ok=True)
        elbow.plot_elbow(curve, chosen, plot)
        summary = {"curve": [[kk, float(w)] for kk, w in curve], "elbow_k": chosen, "user_k": k,
                   "params": data["params"], "plot": "report/elbow.png"}
        model = None
        if outcome and outcome.error is not None:
            t.warnings.append(f"the script failed after clustering: {outcome.summary}")
    value = sklearn_hooks.silhouette(x, labels)
    t.metric, t.value = "silhouette", value
    t.metric_reason = "silhouette score of the clustering (KMeans has no accuracy)"
    t.fit_seconds += float(seconds)
    t.architecture = {"framework": "sklearn", "n_clusters": int(k), "n_samples": int(len(x)),
                      "n_features": int(x.shape[1]) if x.ndim > 1 else 1}
    t.status = TrialStatus.COMPLETED
    if model is not None:
        with open(ctx.trial_dir / "model.pkl", "wb") as handle:
            pickle.dump(model, handle)
        t.artifacts["model"] = "model.pkl"
    return summary


def run_trial(store: RunStore, run: RunRecord, trial: TrialRecord) -> None:
    """Run one trial in this process and record its result (raises UnansweredPrompt)."""
    ctx = _start_attempt(store, run, trial)
    workspace = Path(run.source["workspace"])
    script = workspace / str(run.script)
    label = trial.mutation or "baseline: the script as pushed"
    print(f"▶ trial {trial.number} (attempt {ctx.attempt}) · {label}", flush=True)
    started = time.perf_counter()
    outcome: script_runner.ScriptOutcome | None = None
    activate(ctx)
    try:
        if run.kind in ("ann", "cnn"):
            import keras

            keras.backend.clear_session()
            gc.collect()
        _seed(run, trial)
        if not (run.kind == "kmeans" and "n_clusters" in ctx.plan):
            outcome = script_runner.run_script(script, workspace, ctx.trial_dir / "log.txt",
                                               run.config.get("output_limit"))
    finally:
        deactivate()
    kmeans_summary: dict[str, Any] = {}
    with store.update(run.id) as record:
        t = record.trial(trial.number)
        if outcome is not None and isinstance(outcome.error, UnansweredPrompt):
            t.status, t.error = TrialStatus.FAILED, str(outcome.error)
        elif run.kind == "kmeans":
            kmeans_summary = _finish_kmeans(store, record, ctx, outcome, t)
        else:
            assert outcome is not None
            _finish_keras(ctx, outcome, t)
        if kmeans_summary:
            record.kmeans = kmeans_summary
        if record.metric is None and t.metric:
            record.metric = t.metric
        t.seconds += time.perf_counter() - started
        t.epochs_run += int(ctx.progress.get("epochs_completed", 0))
        t.epochs_redone += ctx.epochs_redone
        t.warnings.extend(ctx.warnings)
        t.finished = now_iso()
        t.artifacts["log"] = "log.txt"
        shown = f"{t.metric} {t.value:.4f}" if t.value is not None else (t.error or "")
        print(f"■ trial {t.number} {t.status.value} · {shown} · {t.seconds:.1f}s", flush=True)
    if outcome is not None and isinstance(outcome.error, UnansweredPrompt):
        raise outcome.error


def _announce_batch(run: RunRecord, before: int) -> None:
    """Say which candidates a strategy just queued (a population's generation), one line each."""
    added = run.trials[before:]
    if len(added) < 2:
        return
    generation = added[0].plan.get("generation")
    label = f"generation {generation}" if generation is not None else "batch"
    print(f"◆ {label}: {len(added)} candidates queued, run in order until one reaches the target", flush=True)
    for trial in added:
        print(f"  #{trial.number} from trial {trial.parent}: {trial.mutation.split(' — ')[0]}", flush=True)


def trial_seed(run: RunRecord, trial: TrialRecord) -> int:
    """The seed of one trial: the run's seed (``--seed``, recorded in run.json) plus the trial number.

    Why per trial: the candidates of a batch must be independent draws, yet the same run
    seed must give the same trials again (and the same on a resumed attempt).
    """
    return int(run.config.get("seed") or 0) + trial.number


def _seed(run: RunRecord, trial: TrialRecord) -> None:
    """Seed python, numpy and (Keras models) the backend before the script runs."""
    import random

    import numpy as np

    seed = trial_seed(run, trial)
    if run.kind in ("ann", "cnn"):
        import keras

        keras.utils.set_random_seed(seed)
    else:
        random.seed(seed)
        np.random.seed(seed)


def work(store: RunStore, run_id: str, mode: str) -> int:
    """The trial loop; returns the process exit status."""
    run = store.load(run_id)
    _prepare_process(run.kind or "")
    while True:
        run = store.load(run_id)
        if run.status.is_finished():
            return 0
        trial = run.unfinished_trial()
        if mode == "loop" and (trial is None or trial.status is TrialStatus.PENDING):
            # Every pending trial passes the verdicts first: a batch ends where the target is met.
            queued = len(run.trials)
            trial, verdict = tweak(store, run_id)
            if verdict is not None:
                print(f"■ run {run_id}: {verdict.reason}", flush=True)
                return 0
            assert trial is not None
            run = store.load(run_id)
            _announce_batch(run, queued)
        if trial is None:
            return 0
        run_trial(store, run, trial)
        if mode == "baseline":
            # The baseline alone may already decide the run (target met, script broken).
            verdict = stop_verdict(store.load(run_id))
            if verdict is not None:
                with store.update(run_id) as record:
                    record.status = verdict.status
                    if verdict.status is RunStatus.FAILED:
                        record.error = record.error or verdict.reason
            return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline_lib.runtime.worker")
    parser.add_argument("--runs-dir", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--mode", choices=("baseline", "loop"), default="loop")
    args = parser.parse_args(argv)
    store = RunStore(args.runs_dir)
    try:
        return work(store, args.run_id, args.mode)
    except UserInputError as exc:
        with store.update(args.run_id) as record:
            record.status = RunStatus.FAILED
            record.error = str(exc)
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return exc.exit_code
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
