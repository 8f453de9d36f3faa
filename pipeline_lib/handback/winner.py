"""Hand the winning trial back to the developer: ``<run-dir>/report/winner/``.

Three files, so the improvement can be committed rather than only admired in a report:

- ``model.keras`` — the best trial's trained model (copied; the trial folder stays intact);
- ``config.json`` — what won: layers, epochs, batch size, learning rate (when a mutation set
  one), the trial, its metric and value, and the chain of mutations from the pushed script;
- ``script.diff`` — a unified diff of the pushed script (``a/<script>`` → ``b/<script>``) that
  makes it build and train the winner, when the script writes its Sequential model as literal
  layer calls. When it doesn't, or the pushed script already won, there is no diff and
  ``config.json`` says why.

Everything is derived from the run record and the workspace copy of the script, so it is
rewritten on every ``conclude`` (idempotent) and the user's own file is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from pipeline_lib.handback.codegen import call_arguments
from pipeline_lib.handback.rewrite import Rewrite, rewrite_script, trained_layers
from pipeline_lib.handback.text import unified_diff
from pipeline_lib.store import RunRecord, TrialRecord, atomic_write_json, atomic_write_text, trial_path

__all__ = ["ALREADY_BEST", "WINNER_DIR", "console_lines", "load_handback", "markdown_lines", "write_handback"]

WINNER_DIR = Path("report") / "winner"
"""Where the hand-back goes, relative to the run folder."""

ALREADY_BEST = "the pushed script is already the best; no diff"


def _mutation_chain(run: RunRecord, best: TrialRecord) -> list[dict[str, Any]]:
    """The mutations from the baseline to ``best``, oldest first (following ``parent`` links)."""
    chain: list[dict[str, Any]] = []
    trial, seen = best, set()
    while trial.parent is not None and trial.number not in seen:
        seen.add(trial.number)
        chain.append({"trial": trial.number, "mutation": trial.plan.get("mutation"), "change": trial.mutation})
        try:
            trial = run.trial(trial.parent)
        except KeyError:
            break
    return chain[::-1]


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy a possibly large file so readers see the old or the new copy, never half of one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def reproducible_architecture(best: TrialRecord) -> tuple[dict[str, Any], str | None]:
    """``best``'s architecture with the epochs that reproduce it when trained from scratch.

    Why not the recorded epochs: a trial stopped at the target trained fewer epochs than it
    was allowed, and a warm-started trial (adaptive strategy) continued weights that already
    had ``plan["epochs_before"]`` epochs behind them. Returns the note the developer should
    read when the reproduction is approximate (a warm-start chain over changing layers).
    """
    arch = dict(best.architecture)
    trained = best.epochs_run - best.epochs_redone
    warm = best.plan.get("warm_start")
    if warm is None and not best.early_stop:
        return arch, None
    if trained > 0:
        arch["epochs"] = trained + int(best.plan.get("epochs_before", 0) if warm is not None else 0)
    if warm is None:
        return arch, None
    return arch, (f"trial {best.number} continued trial {warm}'s weights; training the winner from scratch for "
                  f"{arch['epochs']} epochs (all epochs behind its weights) reproduces it approximately")


def _rewrite(run: RunRecord, run_dir: Path, best: TrialRecord) -> tuple[Rewrite, str | None]:
    """The rewrite of the pushed script for ``best`` and the script text (None if unreadable)."""
    if best.parent is None:
        return Rewrite(None, ALREADY_BEST), None
    workspace = Path(run.source.get("workspace") or run_dir / "workspace")
    path = workspace / str(run.script)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            source = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        return Rewrite(None, f"the pushed script can't be read: {exc}"), None
    bom = "\ufeff" if source.startswith("\ufeff") else ""
    try:
        result = rewrite_script(source[len(bom):], run.trials[0].architecture, reproducible_architecture(best)[0],
                                best.plan)
    except Exception as exc:  # a bug here must not cost the report, the model or the e-mail
        return Rewrite(None, f"internal error while rewriting the script: {exc!r}"), source
    if result.text is not None:
        result.text = bom + result.text
    return result, source


def _layer_summary(architecture: dict[str, Any]) -> list[str]:
    layers = trained_layers(architecture) or []
    return [f"{layer['class_name']}({call_arguments(str(layer['class_name']), layer.get('config') or {})[0]})"
            for layer in layers]


def write_handback(run: RunRecord, run_dir: Path) -> dict[str, Any] | None:
    """Write ``report/winner/`` for a Keras run with a best trial; returns what ``config.json`` holds.

    Returns None (and writes nothing) for runs without a best trial and for non-Keras runs.
    """
    if not run.best or not run.trials:
        return None
    best = run.trial(int(run.best["trial"]))
    if best.architecture.get("framework") != "keras":
        return None
    folder = run_dir / WINNER_DIR
    folder.mkdir(parents=True, exist_ok=True)
    model_name = best.artifacts.get("model")
    model = trial_path(run_dir, best.number) / model_name if model_name else None
    if model is not None and model.is_file():
        _copy_atomic(model, folder / "model.keras")
    else:
        (folder / "model.keras").unlink(missing_ok=True)
    result, source = _rewrite(run, run_dir, best)
    if result.text is not None and source is not None:
        atomic_write_text(folder / "script.diff", unified_diff(source, result.text, str(run.script)))
    else:
        (folder / "script.diff").unlink(missing_ok=True)
    (arch, approximate), baseline = reproducible_architecture(best), run.trials[0].architecture
    info: dict[str, Any] = {
        "run": run.id, "script": run.script, "trial": best.number, "baseline": best.parent is None,
        "metric": best.metric or run.metric, "value": best.value, "target": run.target,
        "target_met": best.value is not None and best.value >= run.target,
        "mutations": _mutation_chain(run, best),
        "input_shape": arch.get("input_shape"),
        "layer_summary": _layer_summary(arch),
        "layers": [{k: v for k, v in layer.items() if k != "build_config"} for layer in arch.get("layers") or []],
        "epochs": arch.get("epochs"), "batch_size": arch.get("batch_size"),
        "changed": {key: [baseline.get(key), arch.get(key)] for key in ("epochs", "batch_size")
                    if baseline.get(key) != arch.get(key)},
        "model": "model.keras" if (folder / "model.keras").is_file() else None,
        "diff": "script.diff" if (folder / "script.diff").is_file() else None,
        "no_diff_reason": result.reason,
        "rewritten": result.changes,
        "by_hand": result.notes,
    }
    if approximate:
        info["approximate"] = approximate
    rate = best.plan.get("learning_rate")
    if rate is not None and rate != baseline.get("learning_rate"):
        info["learning_rate"] = rate
        info["changed"]["learning_rate"] = [baseline.get("learning_rate"), rate]
    atomic_write_json(folder / "config.json", info)
    return info


def load_handback(run_dir: Path) -> dict[str, Any] | None:
    """What the last :func:`write_handback` wrote for this run (None when nothing or unreadable)."""
    try:
        data = json.loads((run_dir / WINNER_DIR / "config.json").read_text("utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _files(info: dict[str, Any]) -> str:
    names = [n for n in (info.get("model"), "config.json", info.get("diff")) if n]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def markdown_lines(info: dict[str, Any]) -> list[str]:
    """The ``## Winner`` section of ``summary.md`` (links relative to ``report/``)."""
    changes = " ← ".join(m["change"] for m in reversed(info.get("mutations") or []) if m.get("change"))
    out = ["## Winner", "", f"Trial {info['trial']}{f' ({changes})' if changes else ''}: "
           f"[winner/](winner/) holds {_files(info)}."]
    if info.get("diff"):
        out += ["", f"[`script.diff`](winner/script.diff) rewrites {info['script']} to build and train the winner; "
                "apply it in your checkout with `git apply script.diff`."]
    elif info.get("baseline"):
        out += ["", ALREADY_BEST[0].upper() + ALREADY_BEST[1:] + "."]
    else:
        out += ["", f"No script diff: {info.get('no_diff_reason')}."]
    if info.get("rewritten"):
        out += ["", "Rewritten:", "", *(f"- {line}" for line in info["rewritten"])]
    if info.get("approximate"):
        out += ["", f"Note: {info['approximate']}."]
    if info.get("by_hand"):
        out += ["", "Still to do by hand:", "", *(f"- {line}" for line in info["by_hand"])]
    return [*out, ""]


def console_lines(info: dict[str, Any], run_dir: Path) -> list[str]:
    """The closing summary's lines about the hand-back."""
    folder = run_dir / WINNER_DIR
    lines = [f"winner: trial {info['trial']} → {folder}/ ({_files(info)})"]
    if info.get("diff"):
        lines.append(f"script.diff: `git apply {folder / 'script.diff'}` makes {info['script']} reproduce it")
    elif info.get("baseline"):
        lines.append(ALREADY_BEST)
    else:
        lines.append(f"no script.diff: {info.get('no_diff_reason')}")
    lines += [f"by hand: {note}" for note in info.get("by_hand") or []]
    return lines
