"""The requirements environment, built with real pip against a loopback index (never PyPI)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_lib.containers.requirements import _local, included, install_error, pip_settings, unsatisfied
from pipeline_lib.errors import UserInputError
from tests.datasets.conftest import Mirror


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pushed" / "requirements.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_unsatisfied_lines_keep_their_numbers(tmp_path: Path) -> None:
    path = _file(tmp_path, "# data\nnumpy>=1.0\n\npandas==0.1  # too old\nfoo ; python_version < '3'\n"
                           "--extra-index-url http://x\nbar[extra]>=2 \\\n   ,<3\n")
    assert unsatisfied(path, {"numpy": "2.0", "pandas": "2.2", "bar": "2.5"}) == [
        (4, "pandas==0.1"), (6, "--extra-index-url http://x")]
    assert unsatisfied(path, {"numpy": "0.9"})[0] == (2, "numpy>=1.0")


def test_first_run_installs_second_run_is_a_cache_hit(tmp_path: Path, index: Mirror, pip_env: dict[str, str]) -> None:
    path = _file(tmp_path, "numpy\nmlops-demo-data==1.0\n")
    first = _local(path, sys.executable)
    assert first.status == "installed" and first.site and first.seconds > 0
    assert any("mlops-demo-data" in r for r in index.requests)
    probe = subprocess.run([sys.executable, "-c", "import mlops_demo_data, numpy; print(mlops_demo_data.__file__,"
                            " numpy.__file__)"], env={"PYTHONPATH": first.site}, capture_output=True, text=True)
    module, numpy_file = probe.stdout.split()
    assert module.startswith(first.site) and not numpy_file.startswith(first.site)  # numpy: the venv's, not again
    asked = len(index.requests)
    second = _local(path, sys.executable)
    assert (second.status, second.site, second.seconds) == ("cached", first.site, 0.0)
    assert len(index.requests) == asked  # no install, not even a look at the index


def test_what_the_environment_has_costs_nothing(tmp_path: Path, pip_env: dict[str, str]) -> None:
    path = _file(tmp_path, "numpy\njinja2>=3\n")
    assert _local(path, sys.executable).status == "satisfied"
    assert not (Path(pip_env["XDG_CACHE_HOME"]) / "mlops").exists()


def test_a_line_pip_cannot_install_names_the_line_and_pips_reason(tmp_path: Path, pip_env: dict[str, str]) -> None:
    path = _file(tmp_path, "mlops-demo-data==1.0\n# nothing here\nno-such-package-anywhere==9.9\n")
    with pytest.raises(UserInputError) as caught:
        _local(path, sys.executable)
    message = caught.value.message
    assert message.startswith("requirements.txt:3: cannot install 'no-such-package-anywhere==9.9'"), message
    assert "No matching distribution found for no-such-package-anywhere==9.9" in message


def test_an_invalid_line_is_named_too(tmp_path: Path) -> None:
    path = _file(tmp_path, "numpy\npandas>>=2\n")
    error = install_error(path, "ERROR: Invalid requirement: 'pandas>>=2': Expected end or semicolon\n")
    assert error.message.startswith("requirements.txt:2: cannot install 'pandas>>=2'")


def test_pip_settings_carry_the_index_but_no_host_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIP_CONFIG_FILE", "/dev/null")
    monkeypatch.setenv("PIP_INDEX_URL", "https://proxy.example/simple")
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "file:///opt/local https://more.example/simple")
    monkeypatch.setenv("PIP_CERT", "/etc/ssl/mine.pem")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    settings = pip_settings()
    assert settings["PIP_INDEX_URL"] == "https://proxy.example/simple"
    assert settings["PIP_EXTRA_INDEX_URL"] == "https://more.example/simple"
    assert settings["HTTPS_PROXY"] == "http://proxy:3128" and "PIP_CERT" not in settings


def test_included_files_are_followed_once_and_stay_inside_the_pushed_folder(tmp_path: Path) -> None:
    path = _file(tmp_path, "-r base.txt\n--constraint=pins/constraints.txt\n-r ../outside.txt\n-r missing.txt\n")
    (path.parent / "base.txt").write_text("numpy\n-r requirements.txt\n")  # a cycle back to the first file
    (path.parent / "pins").mkdir()
    (path.parent / "pins" / "constraints.txt").write_text("numpy<3\n")
    (tmp_path / "outside.txt").write_text("jinja2\n")
    names = [p.resolve().relative_to(path.parent.resolve()).as_posix() for p in included(path)]
    assert sorted(names) == ["base.txt", "pins/constraints.txt", "requirements.txt"] and names[0] == "requirements.txt"


def test_a_change_in_an_included_file_is_a_new_environment(tmp_path: Path, index: Mirror,
                                                           pip_env: dict[str, str]) -> None:
    path = _file(tmp_path, "-r base.txt\n")
    (path.parent / "base.txt").write_text("mlops-demo-data==1.0\n")
    first = _local(path, sys.executable)
    assert first.status == "installed" and _local(path, sys.executable).status == "cached"
    (path.parent / "base.txt").write_text("mlops-demo-data==1.0\nnumpy\n")
    again = _local(path, sys.executable)
    assert again.status == "installed" and again.site != first.site
