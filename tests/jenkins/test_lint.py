"""The Jenkinsfile passes npm-groovy-lint (CodeNarc), through the same script CI runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline_lib.jenkins.render import JENKINSFILE

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "lint-groovy.sh"

pytestmark = pytest.mark.skipif(shutil.which("npm") is None or shutil.which("java") is None,
                                reason="Groovy lint skipped: npm-groovy-lint needs npm (Node 20+) and java on PATH")


def _lint(path: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(SCRIPT), str(path)], capture_output=True, text=True, timeout=600)
    if result.returncode == 2:
        reason = (result.stderr.strip().splitlines() or ["the linter is unavailable"])[-1]
        pytest.skip(f"Groovy lint skipped: {reason}")
    return result


def test_committed_jenkinsfile_passes_the_linter() -> None:
    result = _lint(ROOT / JENKINSFILE)
    assert result.returncode == 0, result.stdout + result.stderr  # --failon warning: no warning either


def test_the_linter_catches_a_broken_jenkinsfile(tmp_path: Path) -> None:
    broken = tmp_path / JENKINSFILE
    broken.write_text((ROOT / JENKINSFILE).read_text().replace("    post {", "    post {{", 1))
    result = _lint(broken)
    assert result.returncode == 1 and "NglParseError" in result.stdout, result.stdout + result.stderr
