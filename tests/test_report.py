"""The run report: summary.md (golden), junit.xml counts, the accuracy plot, redaction.

The runs are pure data: ``tests/golden/runs/<name>.json`` holds one RunRecord per case,
and each has a golden ``tests/golden/summary/<name>.md`` (and ``email/<name>.txt``, see
test_notify.py). Add a case by adding a JSON file and running with MLOPS_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from pipeline_lib.report import format_trial_table, format_value, write_report
from pipeline_lib.store import RunRecord, RunStatus, TrialRecord, TrialStatus
from tests.golden_helper import (
    GOLDEN_ROOT,
    GoldenCase,
    assert_golden,
    discover,
    params,
    stale,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# A valid 1x1 PNG standing in for the elbow plot, which the KMeans runtime draws.
TINY_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ"
                            "/pLvAAAAAElFTkSuQmCC")
SUMMARY = "summary/{name}.md"
CASES = discover(SUMMARY, inputs="runs/*.json")


def load_run(name: str, tmp_path: Path) -> tuple[RunRecord, Path]:
    """The named fixture run and a run folder for it (with the elbow plot when it has one)."""
    run = RunRecord.from_dict(json.loads((GOLDEN_ROOT / "runs" / f"{name}.json").read_text("utf-8")))
    run_dir = tmp_path / "runs" / run.id
    run_dir.mkdir(parents=True)
    if run.kmeans.get("plot"):
        plot = run_dir / run.kmeans["plot"]
        plot.parent.mkdir(parents=True, exist_ok=True)
        plot.write_bytes(TINY_PNG)
    return run, run_dir


def junit_of(run: RunRecord, run_dir: Path) -> ET.Element:
    return ET.parse(write_report(run, run_dir).junit).getroot()


def report_of(name: str, tmp_path: Path) -> tuple[ET.Element, str]:
    """The parsed junit.xml and the summary.md text written for a fixture run."""
    run, run_dir = load_run(name, tmp_path)
    paths = write_report(run, run_dir)
    return ET.parse(paths.junit).getroot(), paths.summary.read_text("utf-8")


def colour_pixels(png: Path, hex_colour: str) -> int:
    """How many pixels of the PNG have exactly this colour (bars are filled solid)."""
    import matplotlib.image

    pixels = (matplotlib.image.imread(png)[:, :, :3] * 255).round().astype(int)
    wanted = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return int((pixels == wanted).all(axis=2).sum())


def test_fixture_runs_are_discovered() -> None:
    assert {case.name for case in CASES} >= {"ann_target_met", "ann_budget_spent", "kmeans_elbow", "cnn_failed"}


@pytest.mark.parametrize("case", params(CASES))
def test_summary_matches_golden(case: GoldenCase, tmp_path: Path) -> None:
    run, run_dir = load_run(case.name, tmp_path)
    paths = write_report(run, run_dir)
    assert_golden(case.expected, paths.summary.read_text("utf-8"))


def test_no_stale_summary_goldens() -> None:
    assert stale(SUMMARY, CASES) == []


def test_target_met_report(tmp_path: Path) -> None:
    run, run_dir = load_run("ann_target_met", tmp_path)
    paths = write_report(run, run_dir)
    summary = paths.summary.read_text("utf-8")
    assert summary.startswith("# ann.py: target met — val_accuracy 0.86 ≥ 0.80 (trial 3 of 3)\n")
    assert "| 3* | completed | +Dense(64, relu) before the output | 7,073 | 0.86 | 9.3 | 10/0 |" in summary
    assert "[trials/003/model.keras](../trials/003/model.keras)" in summary
    assert "ghp_tokenNotForReports" not in summary and "https://***@github.com/acme/models.git" in summary
    suite = ET.parse(paths.junit).getroot()
    assert suite.tag == "testsuite" and suite.get("name") == f"mlops.{run.id}"
    # Trials under the target completed: they pass; only the "target" case carries the verdict.
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "0", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["trial-001 baseline", "trial-002 epochs 5→10",
                                              "trial-003 +Dense(64, relu) before the output", "target"]
    assert {c.get("classname") for c in cases} == {"mlops.ann_py"}
    assert [c.get("time") for c in cases] == ["4.200", "7.900", "9.350", "0.000"]
    assert all(c.find("failure") is None and c.find("error") is None for c in cases)
    values = [{p.get("name"): p.get("value") for p in c.iter("property")} for c in cases[:3]]
    assert [v["value"] for v in values] == ["0.71", "0.7849", "0.86"]
    assert values[0]["metric"] == "val_accuracy" and values[0]["status"] == "completed"
    assert (cases[0].findtext("system-out") or "").startswith("val_accuracy: 0.71 (< target 0.80)\n")
    assert (cases[2].findtext("system-out") or "").startswith("val_accuracy: 0.86 (≥ target 0.80)\n")
    target = {p.get("name"): p.get("value") for p in cases[3].iter("property")}
    assert target == {"verdict": "target met", "best": "0.86", "target": "0.80"}
    assert paths.plot.read_bytes().startswith(PNG_SIGNATURE)


def test_budget_spent_report_counts_failures_errors_and_restarts(tmp_path: Path) -> None:
    suite, summary = report_of("ann_budget_spent", tmp_path)
    counts = (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped"))
    assert counts == ("5", "1", "1", "0")  # the crash is an error; the verdict is the one failure
    trial2, trial4, target = (suite.findall("testcase")[i] for i in (1, 3, 4))
    error = trial2.find("error")
    assert error is not None and error.get("message", "").startswith("ValueError: Input 0 of layer")
    assert trial4.find("failure") is None and "time limit" in (trial4.findtext("system-out") or "")
    failure = target.find("failure")
    assert target.get("name") == "target" and failure is not None
    assert failure.get("type") == "budget_spent" and failure.get("message") == "val_accuracy best 0.7412 < target 0.80"
    assert float(suite.get("time", "0")) == pytest.approx(76.3)
    assert "# ann.py: budget spent — best val_accuracy 0.7412 < 0.80 (trial 3 of 4)" in summary
    assert "| 3* | completed (2 attempts) | epochs 5→10 | 1,201 | 0.7412 | 12.5 | 12/2 |" in summary
    assert "before the output \\| wider" in summary  # a "|" in a cell must not split the Markdown row
    assert "- trial 3: warning: the script failed after training finished" in summary


def test_kmeans_report_has_the_votes_per_k_and_passes_completed_trials(tmp_path: Path) -> None:
    suite, summary = report_of("kmeans_elbow", tmp_path)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "0", "0")
    assert "## KMeans: choosing k" in summary and "| 4 ← chosen | 260.00 | gap, bic, gmeans, wcss |" in summary
    assert "| 3 (script's k) | 620.25 | silhouette |" in summary
    assert "The script asked for k=3; the data show k=4 (confidence 0.78; chosen by gap" in summary
    assert "![WCSS curve with each criterion's k](elbow.png)" in summary


def test_kmeans_without_structure_fails_the_junit_goal_case_with_the_reason(tmp_path: Path) -> None:
    suite, summary = report_of("kmeans_no_structure", tmp_path)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    failure = suite.findall("testcase")[-1].find("failure")
    assert failure is not None and failure.get("message", "").startswith(
        "no clear cluster structure: the script's k=3 is kept as the model")
    assert summary.startswith("# kmeans.py: no clear cluster structure — the script's k=3 kept, silhouette")


def test_failed_run_reports_an_error_testcase(tmp_path: Path) -> None:
    suite, summary = report_of("cnn_failed", tmp_path)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "1")
    assert suite.findall("testcase")[-1].find("failure") is not None  # ended under the target
    assert summary.startswith("# cnn.py: failed — the pushed script failed: FileNotFoundError: data/train.csv")


def test_unfinished_trial_is_skipped_not_failed(tmp_path: Path) -> None:
    run, run_dir = load_run("ann_target_met", tmp_path)
    run.trials.append(TrialRecord(number=4, status=TrialStatus.PENDING, mutation="epochs 10→20"))
    suite = junit_of(run, run_dir)
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "0", "1")


def test_plot_highlights_best_trial_and_draws_target_only_with_one(tmp_path: Path) -> None:
    green, blue, red = "#2ca02c", "#1f77b4", "#d62728"
    ann, ann_dir = load_run("ann_target_met", tmp_path / "a")
    ann_png = write_report(ann, ann_dir).plot
    assert colour_pixels(ann_png, green) > 500 and colour_pixels(ann_png, blue) > 500
    assert colour_pixels(ann_png, red) > 50
    kmeans, kmeans_dir = load_run("kmeans_elbow", tmp_path / "k")
    assert colour_pixels(write_report(kmeans, kmeans_dir).plot, red) == 0


def test_secrets_from_the_environment_never_reach_the_report(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLOPS_SMTP_PASSWORD", "s3cret-Pa55word")
    run, run_dir = load_run("cnn_failed", tmp_path)
    run.trials[0].error = "ConnectionError: login with s3cret-Pa55word refused at cnn.py line 3"
    paths = write_report(run, run_dir)
    for path in (paths.summary, paths.junit):
        text = path.read_text("utf-8")
        assert "s3cret-Pa55word" not in text and "login with *** refused" in text


def test_text_table_columns_are_aligned() -> None:
    run = RunRecord.from_dict(json.loads((GOLDEN_ROOT / "runs" / "ann_budget_spent.json").read_text("utf-8")))
    lines = format_trial_table(run).splitlines()
    header, rule, rows = lines[0], lines[1], lines[2:6]
    assert set(rule) == {"-", " "} and lines[-1] == "* best trial"
    starts = [m.start() for m in re.finditer(r"-+", rule)]
    ends = [m.end() for m in re.finditer(r"-+", rule)]
    assert len(starts) == 7
    assert header.index("status") == starts[1] and all(row[starts[1] - 2:starts[1]] == "  " for row in rows)
    # right-aligned numbers: every seconds value ends where the column ends
    assert [row[:ends[5]].split()[-1] for row in rows] == ["3.0", "0.8", "12.5", "60.0"]
    assert max(len(line) for line in lines) < 140  # long "what changed" cells are clipped


@pytest.mark.parametrize(("value", "shown"), [(0.86, "0.86"), (0.8, "0.80"), (0.7951, "0.7951"),
                                              (0.857142, "0.8571"), (-0.05, "-0.05")])
def test_format_value_is_short_but_never_misleading(value: float, shown: str) -> None:
    assert format_value(value) == shown


def test_report_writing_never_imports_tensorflow(tmp_path: Path) -> None:
    code = ("import sys, json; from pathlib import Path\n"
            "from pipeline_lib.store import RunRecord\nfrom pipeline_lib.report import write_report\n"
            f"run = RunRecord.from_dict(json.loads(Path({str(GOLDEN_ROOT / 'runs' / 'ann_target_met.json')!r})"
            ".read_text('utf-8')))\n"
            f"paths = write_report(run, Path({str(tmp_path)!r}))\n"
            "assert paths.plot.stat().st_size > 1000\n"
            "print(sorted(m for m in ('tensorflow', 'keras', 'matplotlib.pyplot') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            check=False, cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_running_run_has_no_verdict_yet(tmp_path: Path) -> None:
    run, run_dir = load_run("ann_target_met", tmp_path)
    run.status = RunStatus.RUNNING
    suite = junit_of(run, run_dir)
    target = suite.findall("testcase")[-1]
    assert target.get("name") == "target" and target.find("skipped") is not None
    assert (suite.get("failures"), suite.get("skipped")) == ("0", "1")
