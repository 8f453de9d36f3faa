"""The layer contract in setup.cfg holds, and a backwards import breaks it (import-linter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.is_file(),
                                reason="import-linter is not installed (pip install -e '.[test]')")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    # lint-imports puts its working directory first on sys.path, so a copy is linted, not the install.
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120)


def test_the_package_keeps_every_layer_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("module, planted, importer, imported", [
    ("runtime/context.py", "from pipeline_lib.report import headline", "runtime", "report"),
    ("kinds/base.py", "from pipeline_lib.stages import train", "kinds", "stages"),
    ("loop.py", "from pipeline_lib.notify import notify", "loop", "notify"),
    ("store.py", "from pipeline_lib import report", "store", "report"),
    ("executors/local.py", "from pipeline_lib.containers import build", "executors", "containers"),
])
def test_a_backwards_import_breaks_the_contract(tmp_path: Path, module: str, planted: str, importer: str,
                                                imported: str) -> None:
    shutil.copytree(ROOT / "pipeline_lib", tmp_path / "pipeline_lib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "setup.cfg", tmp_path / "setup.cfg")
    with open(tmp_path / "pipeline_lib" / module, "a", encoding="utf-8") as handle:
        handle.write(f"\n{planted}  # planted backwards import\n")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout
    broken = f"pipeline_lib.{importer} is not allowed to import pipeline_lib.{imported}"
    assert broken in result.stdout, result.stdout
