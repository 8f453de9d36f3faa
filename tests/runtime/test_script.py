"""A pushed script's own error is data: what ``run_script`` records, and the hint for a missing module."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_lib.runtime.script import run_script


def _run(tmp_path: Path, code: str) -> str | None:
    script = tmp_path / "train.py"
    script.write_text(code)
    return run_script(script, tmp_path, tmp_path / "log.txt").summary


def test_a_package_the_image_lacks_is_told_to_go_in_requirements_txt(tmp_path: Path) -> None:
    summary = _run(tmp_path, "import no_such_package_mlops\n") or ""
    assert summary.startswith("ModuleNotFoundError: No module named 'no_such_package_mlops'")
    assert "requirements.txt beside the script" in summary and "push no_such_package_mlops.py" in summary


def test_a_submodule_an_installed_package_lacks_names_the_installed_version(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    import numpy

    summary = _run(tmp_path, "import numpy.no_such_submodule_mlops\n") or ""
    assert f"numpy {numpy.__version__} is installed but has no numpy.no_such_submodule_mlops" in summary
    assert "requirements.txt" not in summary


def test_a_module_that_is_in_the_pushed_folder_gets_no_hint(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("raise ModuleNotFoundError('helpers needs a setup step', name='helpers')\n")
    assert _run(tmp_path, "import helpers\n") == "ModuleNotFoundError: helpers needs a setup step"
