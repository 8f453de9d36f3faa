"""``mlops``: the command line.

Exit statuses (documented in the README): 0 target met, 1 failed, 2 bad input,
3 budget spent without reaching the target (KMeans: no k the data support), 4 a remote service could not be reached.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from typing import Any
from collections.abc import Callable

from pipeline_lib import __version__
from pipeline_lib.console import say
from pipeline_lib.errors import PipelineError, UserInputError
from pipeline_lib.stages import STAGE_NAMES
from pipeline_lib.store import RunStore

__all__ = ["build_parser", "main"]


def _store(args: argparse.Namespace) -> RunStore:
    return RunStore(args.runs_dir or os.environ.get("MLOPS_RUNS_DIR") or "runs")


def _check_target(target: float | None) -> None:
    """A target is a fraction in (0, 1]: ``--target 80`` would spend the whole budget."""
    if target is None or 0 < target <= 1:
        return
    fraction = target / 100
    example = ("0.80" if not 1 < target <= 100 else
               f"{fraction:.2f}" if round(fraction, 2) == fraction else f"{fraction:g}")
    raise UserInputError(f"--target {target:g} is outside (0, 1]: the target is a fraction of 1, not a percentage",
                         hint=f"use --target {example} (for {float(example):.0%})")


def _config(args: argparse.Namespace) -> dict[str, Any]:
    from pipeline_lib.runtime.prompts import parse_answers

    _check_target(args.target)
    for flag, value in (("--time-budget", args.time_budget), ("--max-trials", args.max_trials)):
        if value is not None and value <= 0:
            raise UserInputError(f"{flag} {value:g} (setting '{flag[2:].replace('-', '_')}'): must be above 0",
                                 hint=f"{flag} is training seconds/trials for the whole run, e.g. --time-budget 600.")

    return {"target": args.target, "max_trials": args.max_trials, "time_budget": args.time_budget,
            "trial_timeout": args.trial_timeout, "strategy": args.strategy, "seed": args.seed,
            "max_restarts": args.max_restarts, "answers": parse_answers(args.answer or []),
            "executor": args.executor or os.environ.get("MLOPS_EXECUTOR"), "parallel": args.parallel}


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--executor", choices=("auto", "local", "docker"),
                        help="where training runs: auto (default, or $MLOPS_EXECUTOR) = Docker when an engine "
                             "answers and the image exists, else local")
    parser.add_argument("--target", type=float, help="metric to reach (default 0.8)")
    parser.add_argument("--max-trials", type=int, help="optional cap on trials, baseline included (default: none)")
    parser.add_argument("--time-budget", type=float, metavar="S",
                        help="training seconds for all trials together (default 600)")
    parser.add_argument("--seed", type=int, help="random seed of the run, recorded in run.json (default 0)")
    parser.add_argument("--trial-timeout", type=float, metavar="S", help="seconds per trial (default 1800)")
    parser.add_argument("--max-restarts", type=int, help="restarts after crashes (default 3)")
    parser.add_argument("--parallel", type=int, metavar="N",
                        help="candidates of a batch trained at once, one worker each (default: 1 locally, "
                             "half the cores with --executor docker)")
    parser.add_argument("--strategy", help="search strategy: population (default for Keras), adaptive or ladder; clusters for kmeans")
    parser.add_argument("--answer", action="append", metavar="PROMPT=VALUE",
                        help="answer for an input() prompt; repeatable")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs-dir", help="where runs are stored (default $MLOPS_RUNS_DIR or ./runs)")


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline_lib.pipeline import resume, run_source

    store = _store(args)
    if args.resume:
        return resume(store, args.resume, notify=not args.no_notify)
    if not args.source:
        raise UserInputError("mlops run needs SOURCE or --resume RUN_ID")
    return run_source(store, args.source, _config(args), ref=args.ref, script=args.script,
                      run_id=args.run_id, notify=not args.no_notify)


def cmd_detect(args: argparse.Namespace) -> int:
    from pipeline_lib.detect import detect_path, format_table, model_files, to_json

    results = detect_path(args.path)
    say(to_json(results) if args.json else format_table(results))
    return 0 if model_files(results) else 2


def cmd_status(args: argparse.Namespace) -> int:
    from pipeline_lib.pipeline import summary_text

    store = _store(args)
    if not args.run_id:
        for run_id in store.list_ids():
            run = store.load(run_id)
            best = f"{run.best['value']:.4f}" if run.best else "-"
            say(f"{run_id}  {run.status.value:<12} {run.kind or '?':<6} best {best}  {run.script}")
        return 0
    run = store.load(args.run_id)
    say(json.dumps(run.to_dict(), indent=2) if args.json else summary_text(run, store))
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    """Run the stage the declaration names (each StageSpec carries its handler)."""
    from pipeline_lib.stages import StageRequest, stage_by_name

    _check_target(args.target)

    def settings() -> dict[str, Any]:
        from pipeline_lib.pipeline import DEFAULTS

        return {**DEFAULTS, **{k: v for k, v in _config(args).items() if v is not None}}

    handler = stage_by_name(args.name).handler
    assert handler is not None, f"stage {args.name} declares no handler"
    return handler(StageRequest(_store(args), args.run_id, settings, source=args.source, ref=args.ref,
                                script=args.script, notify=not args.no_notify, watch=args.watch,
                                trial=args.trial, worker=args.worker, queue_file=args.queue_file))


def cmd_notify(args: argparse.Namespace) -> int:
    """E-mail the report of a finished run once (Jenkins: the only step that sees the SMTP login).

    Why "once": Jenkins runs it after every stage that may end a run (retrain, and the monitor
    on its timer); a run that has no verdict yet, or whose e-mail is already recorded, is left
    alone (exit 0) unless ``--again``.
    """
    from pipeline_lib.stages import StageRequest, train

    store = _store(args)
    run_id = StageRequest(store, args.run_id).existing_run()
    run = store.load(run_id)
    if not run.status.is_finished():
        say(f"notify: run {run_id} is {run.status.value}: no verdict to send yet")
        return 0
    if run.notification and not args.again:
        say(f"notify: run {run_id} already notified ({run.notification.get('detail')}); --again resends")
        return 0
    if not (store.run_dir(run_id) / "report" / "summary.md").is_file():
        train.conclude(store, run_id, notify=False)  # the report the e-mail attaches
    train.send_notification(store, run_id)
    return 0


def cmd_monitor(args: argparse.Namespace) -> int:
    from pipeline_lib.stages.commands import watch_run

    return watch_run(_store(args), args.run_id, args.watch)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mlops", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"mlops {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the whole pipeline on a script, folder or git URL")
    run.add_argument("source", nargs="?", help="a .py file, a folder, or a git URL")
    run.add_argument("--resume", metavar="RUN_ID", help="continue an interrupted run")
    run.add_argument("--ref", help="branch, tag or commit (git sources)")
    run.add_argument("--script", help="the script to train when the source holds several")
    run.add_argument("--run-id", help="id for the new run (default: generated)")
    run.add_argument("--no-notify", action="store_true", help="do not send or write the e-mail")
    _common(run)
    _add_run_options(run)
    run.set_defaults(func=cmd_run)

    det = sub.add_parser("detect", help="classify scripts statically (ann, cnn, rnn, kmeans, none)")
    det.add_argument("path")
    det.add_argument("--json", action="store_true", help="print a JSON list")
    det.set_defaults(func=cmd_detect)

    status = sub.add_parser("status", help="show a run (or list the runs)")
    status.add_argument("run_id", nargs="?")
    status.add_argument("--json", action="store_true")
    _common(status)
    status.set_defaults(func=cmd_status)

    stage = sub.add_parser("stage", help="run one stage against a run (what each Jenkins job calls)")
    stage.add_argument("name", choices=STAGE_NAMES)
    stage.add_argument("--run-id", help="default $MLOPS_RUN_ID, else the run fetch created last")
    stage.add_argument("--source", help="fetch: a path or git URL")
    stage.add_argument("--ref", help="fetch: branch, tag or commit")
    stage.add_argument("--script", help="fetch: the script to train")
    stage.add_argument("--watch", action="store_true", help="monitor: supervise until the run ends")
    stage.add_argument("--no-notify", action="store_true", help="retrain, monitor: skip the e-mail")
    stage.add_argument("--trial", type=int, metavar="N", help="retrain: train only the queued trial N (a Jenkins branch)")
    stage.add_argument("--worker", help="retrain --trial: this branch's claim token (default: host and pid)")
    stage.add_argument("--queue-file", metavar="PATH", help="tweak: write the queued trial numbers there")
    _common(stage)
    _add_run_options(stage)
    stage.set_defaults(func=cmd_stage)

    note = sub.add_parser("notify", help="e-mail the report of a finished run (after retrain --no-notify)")
    note.add_argument("--run-id", help="default $MLOPS_RUN_ID, else the run fetch created last")
    note.add_argument("--again", action="store_true", help="send even when the run's e-mail is already recorded")
    _common(note)
    note.set_defaults(func=cmd_notify)

    mon = sub.add_parser("monitor", help="restart a run's dead training worker (resumes)")
    mon.add_argument("run_id")
    mon.add_argument("--watch", action="store_true")
    _common(mon)
    mon.set_defaults(func=cmd_monitor)

    _add_optional(sub, "pipeline_lib.jenkins.cli")
    _add_optional(sub, "pipeline_lib.containers.cli")
    _add_optional(sub, "pipeline_lib.clusters.cli")
    return parser


def _add_optional(sub: Any, module: str) -> None:
    """Commands from optional parts (Jenkins needs python-jenkins only when used)."""
    import importlib

    try:
        adder: Callable[[Any], None] = importlib.import_module(module).add_commands
    except (ImportError, AttributeError):
        return
    adder(sub)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM (an aborted Jenkins build, ``docker stop``) ends ``mlops`` as Ctrl-C does.

    Why: Python's default for SIGTERM skips ``atexit``, so a training container this process
    started would go on training for an aborted build; exiting normally stops it.
    """
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        return int(args.func(args))
    except PipelineError as exc:
        from pipeline_lib.redaction import redact

        say(f"error: {redact(str(exc))}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        say("interrupted: the run can be continued with 'mlops run --resume RUN_ID'", err=True)
        return 130


if __name__ == "__main__":
    sys.exit(main())
