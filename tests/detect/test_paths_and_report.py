"""detect_path over folders, and the table/JSON outputs the CLI and runner print."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline_lib.detect import detect_path, format_table, model_files, to_json
from pipeline_lib.errors import UserInputError

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A pushed repository: two models, a script that does not parse, a helper, folders to skip."""
    root = tmp_path / "repo"
    (root / "models").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "tf_layers_module_alias.py", root / "models" / "train_cnn.py")
    shutil.copyfile(FIXTURES / "mall_customers_kmeans.py", root / "segment.py")
    shutil.copyfile(FIXTURES / "syntax_error_script.py", root / "broken.py")
    shutil.copyfile(FIXTURES / "data_helpers.py", root / "utils.py")
    (root / "README.md").write_text("model.add(Conv2D(32, 3))\n")
    for skipped in (".git", "venv", ".venv", "node_modules", "__pycache__", ".ipynb_checkpoints",
                    "lib/python3.11/site-packages", "myenv"):
        (root / skipped).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURES / "pima_diabetes_ann.py", root / skipped / "dense.py")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    return root


def test_folder_is_analysed_recursively_and_sorted(project: Path) -> None:
    results = detect_path(project)
    assert [(r.file, r.kind) for r in results] == [
        ("broken.py", "ann"),  # recovered: classified, and flagged as not running as pushed
        ("models/train_cnn.py", "cnn"),
        ("segment.py", "kmeans"),
        ("utils.py", "none"),
    ]


def test_broken_file_does_not_stop_the_others(project: Path) -> None:
    results = {r.file: r for r in detect_path(str(project))}
    assert results["broken.py"].syntax_error == "broken.py:5: '(' was never closed"
    assert results["broken.py"].problems == (
        "broken.py:5: '(' was never closed (SyntaxError): the file does not run as pushed; 1 line(s) "
        "closed or blanked to analyse the rest; fix it and push again",)
    assert results["segment.py"].kind == "kmeans" and results["segment.py"].problems == ()


def test_evidence_paths_are_relative_to_the_root(project: Path) -> None:
    cnn = next(r for r in detect_path(project) if r.kind == "cnn")
    assert {e.file for e in cnn.evidence} == {"models/train_cnn.py"}


def test_model_files(project: Path) -> None:
    assert [r.file for r in model_files(detect_path(project))] == ["broken.py", "models/train_cnn.py",
                                                                  "segment.py"]


def test_single_file_uses_its_name(project: Path) -> None:
    [result] = detect_path(project / "models" / "train_cnn.py")
    assert result.file == "train_cnn.py" and result.kind == "cnn"


def test_missing_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserInputError) as info:
        detect_path(tmp_path / "nope")
    assert info.value.exit_code == 2 and "nope: no such file or directory" in str(info.value)


def test_empty_folder(tmp_path: Path) -> None:
    assert detect_path(tmp_path) == []
    assert format_table([]) == "no .py files found"


def test_to_json_keys_and_values(project: Path) -> None:
    data = json.loads(to_json(detect_path(project)))
    assert isinstance(data, list) and len(data) == 4
    for item in data:
        assert {"file", "kind", "evidence", "image", "reason", "problems", "framework",
                "sequential", "prompts", "syntax_error"} <= set(item)
        assert isinstance(item["evidence"], list) and isinstance(item["problems"], list)
    cnn = next(d for d in data if d["kind"] == "cnn")
    assert cnn["image"].startswith("mlops/keras:") and cnn["sequential"] is True
    assert set(cnn["evidence"][0]) == {"symbol", "file", "line", "why", "inferred"}
    assert cnn["evidence"][0] == {"symbol": "keras.layers.Conv2D", "file": "models/train_cnn.py",
                                  "line": 8, "why": "Conv2D convolution layer constructed "
                                  "(alias L.Conv2D of tensorflow.keras.layers.Conv2D)",
                                  "inferred": False}
    assert cnn["syntax_error"] is None
    broken = next(d for d in data if d["file"] == "broken.py")
    assert broken["syntax_error"] == "broken.py:5: '(' was never closed"
    assert broken["evidence"][0]["line"] == 5  # the Dense on the repaired line still counts


def test_format_table(project: Path) -> None:
    table = format_table(detect_path(project)).splitlines()
    assert table[0].split() == ["file", "kind", "image", "reason"]
    rows = {line.split()[0]: line for line in table[2:] if not line.startswith(" ")}
    assert rows["models/train_cnn.py"].split()[1:3] == ["cnn", "mlops/keras:0.1.0"]
    assert rows["segment.py"].split()[1:3] == ["kmeans", "mlops/sklearn:0.1.0"]
    assert rows["broken.py"].split()[1:3] == ["ann", "mlops/keras:0.1.0"]
    assert "does not run as pushed (SyntaxError at broken.py:5: '(' was never closed)" in rows["broken.py"]
    assert any(p.startswith("    problem: broken.py:5: '(' was never closed (SyntaxError)") for p in table)
    assert "    evidence: models/train_cnn.py:8: Conv2D convolution layer constructed" in "\n".join(table)
    assert table[-1] == "4 file(s), 3 model script(s)"
    # columns line up: every row's kind starts where the header's does
    column = table[0].index("kind")
    kinds = [line[column:].split()[0] for line in table[:-1] if not line.startswith(" ")]
    assert kinds == ["kind", "------", "ann", "cnn", "kmeans", "none"]


def test_format_table_lists_prompts() -> None:
    table = format_table(detect_path(FIXTURES / "input_prompts_ann.py"))
    assert "    asks input: 'Number of epochs: '" in table


def test_dot_root_gives_plain_relative_names(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    assert [r.file for r in detect_path(".")] == ["broken.py", "models/train_cnn.py", "segment.py",
                                                  "utils.py"]
    monkeypatch.chdir(project / "models")
    assert [r.file for r in detect_path("train_cnn.py")] == ["train_cnn.py"]
