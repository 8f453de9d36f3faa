"""Golden files: expected rendered outputs kept under ``tests/golden/``, found automatically.

Why a helper: every rendered artifact (e-mail, summary, Jenkinsfile, job XML) is checked
the same way. A case is a *name*; its expected output is ``tests/golden/<pattern with the
name>``. Names come from fixture input files (``runs/*.json`` → ``email/{name}.txt``) or
from a list in the test. A mismatch fails with a unified diff; ``MLOPS_UPDATE_GOLDEN=1``
rewrites the expected files instead (review the diff with ``git diff`` before committing).

Typical use::

    CASES = discover("email/{name}.txt", inputs="runs/*.json")

    @pytest.mark.parametrize("case", params(CASES))
    def test_email(case: GoldenCase) -> None:
        assert_golden(case.expected, render(case.source))

    def test_no_stale_email_goldens() -> None:
        assert stale("email/{name}.txt", CASES) == []
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["GOLDEN_ROOT", "UPDATE_ENV", "GoldenCase", "assert_golden", "discover", "params", "stale"]

GOLDEN_ROOT = Path(__file__).resolve().parent / "golden"
UPDATE_ENV = "MLOPS_UPDATE_GOLDEN"


@dataclass(frozen=True)
class GoldenCase:
    """One golden comparison: its name, its fixture input (if from a file) and expected file."""

    name: str
    source: Path | None
    expected: Path


def discover(expected: str, *, inputs: str | None = None, names: Iterable[str] = ()) -> list[GoldenCase]:
    """Cases for every fixture input file matching ``inputs`` plus every name in ``names``.

    Args:
        expected: path of the expected output under ``tests/golden``, with ``{name}``.
        inputs: a glob under ``tests/golden`` of fixture input files; a file's stem is its name.
        names: case names defined in the test itself (when there is no input file).
    """
    sources: dict[str, Path | None] = {p.stem: p for p in sorted(GOLDEN_ROOT.glob(inputs))} if inputs else {}
    sources.update({name: None for name in names if name not in sources})
    return [GoldenCase(name, source, GOLDEN_ROOT / expected.format(name=name))
            for name, source in sorted(sources.items())]


def stale(expected: str, cases: Iterable[GoldenCase]) -> list[Path]:
    """Expected files that no case produces any more (a renamed or deleted fixture)."""
    wanted = {case.expected for case in cases}
    return sorted(p for p in GOLDEN_ROOT.glob(expected.format(name="*")) if p not in wanted)


def params(cases: Iterable[GoldenCase]) -> list[object]:
    """``pytest.param`` per case, with the case name as the test id."""
    return [pytest.param(case, id=case.name) for case in cases]


def assert_golden(expected: Path, actual: str) -> None:
    """Fail with a unified diff unless ``actual`` equals the file (or rewrite it on request)."""
    if os.environ.get(UPDATE_ENV) == "1":
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
        return
    relative = expected.relative_to(GOLDEN_ROOT.parent.parent)
    if not expected.is_file():
        pytest.fail(f"golden file {relative} is missing; create it with {UPDATE_ENV}=1 and review it",
                    pytrace=False)
    wanted = expected.read_text(encoding="utf-8")
    if wanted != actual:
        diff = difflib.unified_diff(wanted.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    fromfile=f"{relative} (expected)", tofile="actual output")
        pytest.fail(f"output differs from {relative} (rerun with {UPDATE_ENV}=1 to accept):\n"
                    + "".join(diff), pytrace=False)
