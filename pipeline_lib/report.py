"""The run report: ``summary.md``, ``accuracy.png`` and ``junit.xml`` in ``<run_dir>/report/``.

Why three files: people read the Markdown summary (archived by Jenkins and attached to the
e-mail), look at the plot, and Jenkins' ``junit`` step turns one test case per trial into a
trend graph and a build status. All three are rendered from the :class:`RunRecord` alone,
so a report can be rewritten at any time (``conclude`` is idempotent) and is deterministic
for a given record. matplotlib is imported lazily and used through its Agg canvas (never
pyplot): report writing must work in a process that never imports TensorFlow and must not
touch a global GUI backend.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pipeline_lib.handback import load_handback, markdown_lines
from pipeline_lib.kinds import kind_of
from pipeline_lib.redaction import redact, secret_values
from pipeline_lib.store import (
    RunRecord,
    RunStatus,
    TrialRecord,
    TrialStatus,
    atomic_write_bytes,
    atomic_write_text,
    trial_path,
)

__all__ = [
    "ReportPaths",
    "format_trial_table",
    "format_value",
    "headline",
    "kmeans_sentence",
    "markdown_trial_table",
    "model_path",
    "problems",
    "redact",
    "run_facts",
    "secret_values",
    "verdict_label",
    "verdict_reason",
    "write_report",
]

_LABELS = {RunStatus.TARGET_MET: "target met", RunStatus.BUDGET_SPENT: "budget spent",
           RunStatus.FAILED: "failed", RunStatus.RUNNING: "still running"}
_TEXT_CELL_WIDTH = 60
_BEST, _OTHER, _FAILED_COLOUR = "#2ca02c", "#1f77b4", "#bbbbbb"


@dataclass(frozen=True)
class ReportPaths:
    """Where :func:`write_report` put the three report files."""

    summary: Path
    plot: Path
    junit: Path


# --------------------------------------------------------------------------- wording


def format_value(value: float) -> str:
    """A metric value short enough to read and exact enough not to mislead.

    Two decimals when that is exact (``0.86``), otherwise four (``0.7951``): a rounded
    ``0.80 < target 0.80`` would contradict itself.
    """
    short = f"{value:.2f}"
    return short if float(short) == round(value, 4) else f"{value:.4f}"


def _metric_name(run: RunRecord) -> str:
    return run.metric or next((t.metric for t in run.trials if t.metric), None) or "metric"


def verdict_label(run: RunRecord) -> str:
    """Two or three words for the run's outcome; KMeans has no accuracy target, it picks k."""
    return kind_of(run).verdict_label(run, _LABELS[run.status])


def verdict_reason(run: RunRecord) -> str:
    """The sentence the tweak stage recorded when it stopped the run (or the run's error)."""
    return str(run.verdict or run.error or "")


def headline(run: RunRecord) -> str:
    """One line for the report title and the e-mail subject, e.g.
    ``target met — val_accuracy 0.86 ≥ 0.80 (trial 3 of 3)``."""
    label, total = verdict_label(run), len(run.trials)
    if run.status is RunStatus.FAILED or not run.best:
        first = (verdict_reason(run).splitlines() or [""])[0]
        detail = first if run.status is RunStatus.FAILED and first else f"no completed trial ({total} run)"
        return f"{label} — {_clip(detail, 100)}"
    value, number = float(run.best["value"]), run.best["trial"]
    where = f"(trial {number} of {total})"
    return kind_of(run).headline(run, label, _metric_name(run), format_value(value), where)


def model_path(run: RunRecord, run_dir: Path) -> Path | None:
    """The best trial's saved model, relative to ``run_dir`` (None when nothing was saved)."""
    if not run.best:
        return None
    trial = run.trial(int(run.best["trial"]))
    name = trial.artifacts.get("model")
    if not name:
        return None
    return trial_path(Path("."), trial.number) / name


def run_facts(run: RunRecord) -> list[tuple[str, str]]:
    """The key/value lines shared by the summary and the e-mail body (callers redact them)."""
    metric = _metric_name(run)
    reason = next((t.metric_reason for t in run.trials if t.metric_reason), None)
    source = run.source.get("input") or "?"
    if run.source.get("ref"):
        source += f" @ {run.source['ref']}"
    if run.source.get("commit"):
        source += f" (commit {str(run.source['commit'])[:12]})"
    best = (f"trial {run.best['trial']}, {metric} {format_value(float(run.best['value']))}"
            if run.best else "none")
    captured = bool(run.metric or any(t.metric for t in run.trials))
    target = kind_of(run).target_fact(run, metric, captured)
    about = (f"{metric}: {reason}" if reason else metric) if captured else "none captured (no trial completed)"
    return [("Verdict", verdict_reason(run) or verdict_label(run)),
            ("Run", f"{run.id} ({run.kind or 'unknown kind'}, image {run.image or 'local'})"),
            ("Source", source), ("Target", target), ("Metric", about), ("Best", best),
            ("Restarts", str(run.restarts))]


def problems(run: RunRecord) -> list[str]:
    """Errors and warnings worth a human's attention, one line each, by trial."""
    lines = [f"run: {run.error}"] if run.error and run.error != verdict_reason(run) else []
    for trial in run.trials:
        if trial.error:
            lines.append(f"trial {trial.number} ({_status_text(trial)}): {trial.error}")
        lines.extend(f"trial {trial.number}: warning: {w}" for w in trial.warnings)
    return lines


def kmeans_sentence(run: RunRecord) -> str | None:
    """What the data said about k against what the script asked for (None for non-KMeans runs)."""
    if not run.kmeans or "chosen_k" not in run.kmeans:
        return None
    user_k, chosen, reasons = run.kmeans.get("user_k"), run.kmeans.get("chosen_k"), run.kmeans.get("reasons") or [""]
    asked = f"the script asked for k={user_k}; " if user_k is not None else ""
    if chosen is None:
        return f"{asked}the data show {reasons[0]}; so the script's k is kept."
    return (f"{asked}the data show k={chosen} (confidence {float(run.kmeans.get('confidence', 0.0)):.2f}; "
            f"{reasons[0].split(': ', 1)[-1]}).")


def _kmeans_section(run: RunRecord) -> list[str]:
    """The summary's "choosing k" part: the sentence, the WCSS table with each k's votes, the evidence."""
    sentence = kmeans_sentence(run)
    if not sentence:
        return []
    chosen, user_k, votes = run.kmeans.get("chosen_k"), run.kmeans.get("user_k"), run.kmeans.get("votes") or {}
    out = ["## KMeans: choosing k", "", sentence[0].upper() + sentence[1:], "",
           "| k | WCSS | criteria naming it |", "|---:|---|---|"]
    for k, wcss in run.kmeans.get("curve", []):
        marks = [mark for mark, hit in ((" ← chosen", k == chosen), (" (script's k)", k == user_k)) if hit]
        named = ", ".join(name for name, vote in votes.items() if vote == k)
        out.append(f"| {k}{''.join(marks)} | {wcss:.2f} | {named} |")
    out += ["", "Evidence:", "", *(f"- {reason}" for reason in run.kmeans.get("reasons", [])), ""]
    return out


# --------------------------------------------------------------------------- the trial table


def _status_text(trial: TrialRecord) -> str:
    text = trial.status.value.replace("_", " ")
    return f"{text} ({trial.attempts} attempts)" if trial.attempts > 1 else text


def _trial_table(run: RunRecord) -> tuple[list[str], list[list[str]], str]:
    """Headers, rows and column alignment (``l``/``r``): the one table behind text and Markdown."""
    best = run.best["trial"] if run.best else None
    headers = ["#", "status", "what changed", "params", _metric_name(run), "seconds", "epochs run/redone"]
    rows = []
    for t in run.trials:
        epochs = f"{t.epochs_run}/{t.epochs_redone}" if t.epochs_run or t.epochs_redone else "—"
        rows.append([f"{t.number}{'*' if t.number == best else ''}", _status_text(t),
                     t.mutation or "baseline (the script as pushed)",
                     f"{t.params:,}" if t.params is not None else "—",
                     format_value(t.value) if t.value is not None else "—",
                     f"{t.seconds:.1f}", epochs])
    return headers, rows, "rllrrrr"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_trial_table(run: RunRecord) -> str:
    """The trial table as aligned plain text (console, e-mail); ``*`` marks the best trial."""
    headers, rows, align = _trial_table(run)
    rows = [[_clip(cell, _TEXT_CELL_WIDTH) for cell in row] for row in rows]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if a == "r" else c.ljust(w)
                         for c, w, a in zip(cells, widths, align, strict=True)).rstrip()

    body = [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
    if not rows:
        body.append("(no trials)")
    elif run.best:
        body.append("* best trial")
    return "\n".join(body)


def markdown_trial_table(run: RunRecord) -> str:
    """The same table as :func:`format_trial_table`, as a GitHub/Jenkins Markdown table."""
    headers, rows, align = _trial_table(run)

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    rule = "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"
    body = [line(headers), rule, *(line(r) for r in rows)]
    if run.best:
        body.append("\n`*` best trial")
    return "\n".join(body)


# --------------------------------------------------------------------------- summary.md


def _relative_link(target: Path, report_dir: Path) -> str:
    return Path(os.path.relpath(target, report_dir)).as_posix()


def _summary(run: RunRecord, run_dir: Path, report_dir: Path) -> str:
    out = [f"# {run.script or run.id}: {headline(run)}", ""]
    out += [f"- **{key}:** {value}" for key, value in run_facts(run)]
    out += ["", "## Trials", "", markdown_trial_table(run), ""]
    issues = problems(run)
    if issues:
        out += ["## Problems", "", *(f"- {line}" for line in issues), ""]
    out += _kmeans_section(run)
    winner = load_handback(run_dir)
    if winner:
        out += markdown_lines(winner)
    out += ["## Plots", "", f"![{_metric_name(run)} per trial](accuracy.png)"]
    elbow_plot = run_dir / str(run.kmeans.get("plot", "report/elbow.png"))
    if run.kmeans and elbow_plot.is_file():
        out.append(f"![WCSS curve with each criterion's k]({_relative_link(elbow_plot, report_dir)})")
    model = model_path(run, run_dir)
    if model:
        out += ["", f"Best model: [{model.as_posix()}]({_relative_link(run_dir / model, report_dir)})"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- junit.xml
#
# Why this shape: Jenkins shows a failed test case as a red test-trend chart, so a failure must
# mean something is wrong. A trial that ran to the end is a passing case whatever its value (an
# architecture under the target is a measurement, not a bug); its value is in the case's
# properties and output. A crash is an error. One "target" case carries the verdict: it fails
# only when the run ended without reaching the target.

_TARGET_CASE = "target"


def _case_properties(case: ET.Element, values: list[tuple[str, str]]) -> None:
    properties = ET.SubElement(case, "properties")
    for name, value in values:
        ET.SubElement(properties, "property", name=name, value=value)


def _testcase(run: RunRecord, trial: TrialRecord, classname: str) -> tuple[ET.Element, str | None]:
    """One ``<testcase>`` and its outcome (``error``/``skipped``/None for a pass)."""
    case = ET.Element("testcase", classname=classname, time=f"{trial.seconds:.3f}",
                      name=f"trial-{trial.number:03d} {trial.mutation or 'baseline'}")
    metric = trial.metric or _metric_name(run)
    shown = format_value(trial.value) if trial.value is not None else "none"
    _case_properties(case, [("status", trial.status.value), ("metric", metric), ("value", shown),
                            ("target", f"{run.target:.2f}")])
    outcome: str | None = None
    if not trial.status.is_finished():
        outcome = "skipped"
        ET.SubElement(case, "skipped", message=f"trial {trial.status.value}: not finished yet")
    elif trial.status in (TrialStatus.FAILED, TrialStatus.INVALID) or trial.value is None:
        outcome = "error"
        error = ET.SubElement(case, "error", type=trial.status.value,
                              message=_clip((trial.error or "failed").splitlines()[0], 200))
        error.text = trial.error or ""
    measured = f"{metric}: {shown}"
    if trial.value is not None:
        measured += kind_of(run).target_note(run, trial.value)
    notes = [measured, f"what changed: {trial.mutation or 'baseline (the script as pushed)'}",
             f"status: {_status_text(trial)}, epochs run/redone: {trial.epochs_run}/{trial.epochs_redone}"]
    if trial.error and outcome is None:
        notes.append(f"note: {trial.error}")
    notes += [f"warning: {w}" for w in trial.warnings]
    ET.SubElement(case, "system-out").text = "\n".join(notes)
    return case, outcome


def _target_case(run: RunRecord, classname: str) -> tuple[ET.Element, str | None]:
    """The verdict as one case: passes when the target was met, fails when the run ended under it."""
    case = ET.Element("testcase", classname=classname, time="0.000", name=_TARGET_CASE)
    best = format_value(run.best["value"]) if run.best else "none"
    _case_properties(case, [("verdict", verdict_label(run)), ("best", best), ("target", f"{run.target:.2f}")])
    outcome: str | None = None
    if run.status is RunStatus.RUNNING:
        outcome = "skipped"
        ET.SubElement(case, "skipped", message="the run is still going: no verdict yet")
    elif run.status is not RunStatus.TARGET_MET:
        outcome = "failure"
        missed = (f"{_metric_name(run)} best {best} < target {run.target:.2f}" if kind_of(run).has_target
                  else _clip(verdict_reason(run) or verdict_label(run), 200))
        failure = ET.SubElement(case, "failure", type=run.status.value, message=missed)
        failure.text = verdict_reason(run)
    ET.SubElement(case, "system-out").text = headline(run)
    return case, outcome


def _junit(run: RunRecord) -> str:
    # Jenkins splits classname at its last dot into package and class: "cnn.py" would
    # become package "mlops.cnn", class "py", so the script's dots become underscores.
    classname = "mlops." + (run.script or run.id).replace(".", "_")
    suite = ET.Element("testsuite", name=f"mlops.{run.id}")
    properties = ET.SubElement(suite, "properties")
    for name, value in (("target", f"{run.target:.2f}"), ("metric", _metric_name(run)),
                        ("kind", run.kind or ""), ("verdict", verdict_label(run))):
        ET.SubElement(properties, "property", name=name, value=value)
    cases = [_testcase(run, trial, classname) for trial in run.trials]
    cases.append(_target_case(run, classname))
    for case, _ in cases:
        suite.append(case)
    outcomes = [outcome for _, outcome in cases]
    suite.set("tests", str(len(cases)))
    for attribute, outcome in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        suite.set(attribute, str(outcomes.count(outcome)))
    suite.set("time", f"{sum(t.seconds for t in run.trials):.3f}")
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- accuracy.png


def _write_plot(run: RunRecord, path: Path) -> None:
    """Bar per trial, the target as a dashed line, the best trial in green; atomic write."""
    from matplotlib.artist import Artist
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    metric = _metric_name(run)
    best = run.best["trial"] if run.best else None
    numbers = [t.number for t in run.trials]
    values = [t.value if t.value is not None else 0.0 for t in run.trials]
    colours = [_BEST if t.number == best else _OTHER if t.value is not None else _FAILED_COLOUR
               for t in run.trials]
    figure = Figure(figsize=(max(5.0, 1.0 + 0.8 * len(numbers)), 4.0), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    bars = axes.bar(numbers, values, color=colours, width=0.6)
    for bar, trial in zip(bars, run.trials, strict=True):
        label = format_value(trial.value) if trial.value is not None else _status_text(trial)
        axes.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                      ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    handles: list[Artist] = [Patch(color=_BEST, label="best trial"), Patch(color=_OTHER, label="other trials")]
    has_target = kind_of(run).has_target
    if has_target:
        handles.append(axes.axhline(run.target, color="#d62728", linestyle="--",
                                    label=f"target {run.target:.2f}"))
    top = max([*values, run.target if has_target else 0.0, 1.0])
    axes.set_ylim(min([*values, 0.0]) * 1.1, top * 1.1)
    axes.set_xticks(numbers or [1])
    axes.set_xlabel("trial")
    axes.set_ylabel(metric)
    axes.set_title(f"{run.script or run.id}: {metric} per trial ({verdict_label(run)})")
    if not numbers:
        axes.text(0.5, 0.5, "no trials", transform=axes.transAxes, ha="center")
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    atomic_write_bytes(path, buffer.getvalue())


# --------------------------------------------------------------------------- entry point


def write_report(run: RunRecord, run_dir: Path) -> ReportPaths:
    """Write ``summary.md``, ``accuracy.png`` and ``junit.xml`` into ``<run_dir>/report/``.

    Secrets found in the environment (see :func:`secret_values`) and credentials inside
    URLs are blanked in the text files, in case an error message or a git URL carried one.
    """
    report_dir = run_dir / "report"
    paths = ReportPaths(report_dir / "summary.md", report_dir / "accuracy.png", report_dir / "junit.xml")
    secrets = secret_values(os.environ)
    atomic_write_text(paths.summary, redact(_summary(run, run_dir, report_dir), secrets))
    atomic_write_text(paths.junit, redact(_junit(run), secrets))
    _write_plot(run, paths.plot)
    return paths
