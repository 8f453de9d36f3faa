"""Whole-folder detection: names from the pushed folder's own modules, with evidence on real lines.

Each folder under ``projects/`` is one pushed project (our own scripts); the script that trains is
classified by what its model is built from, wherever that is, and a module only used by it is not
reported as a script of its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline_lib.detect import FileDetection, detect_file, detect_path, model_files, to_json

PROJECTS = Path(__file__).parent / "projects"

#: project -> {file: kind} for every .py file in it.
EXPECTED: dict[str, dict[str, str]] = {
    "wildcard_sibling": {"model_layers.py": "none", "train.py": "cnn"},
    "init_star": {"__init__.py": "none", "sentiment.py": "rnn"},
    "relative_package": {"app/__init__.py": "none", "app/nets.py": "none", "app/train.py": "rnn"},
    "cycle": {"builder.py": "none", "heads.py": "none", "run.py": "ann"},
    "built_elsewhere": {"model.py": "none", "train.py": "cnn"},
    "module_attribute": {"nets.py": "none", "segment.py": "kmeans"},
    # ``import shapes.convnet`` then ``shapes.convnet.small_convnet(3)``: into the submodule
    "package_attribute": {"fit_shapes.py": "cnn", "shapes/__init__.py": "none",
                          "shapes/convnet.py": "none"},
}


def _detect(project: str) -> dict[str, FileDetection]:
    return {r.file: r for r in detect_path(PROJECTS / project)}


def test_every_project_is_in_the_table() -> None:
    assert sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_kinds(project: str) -> None:
    found = {f: r.kind for f, r in _detect(project).items()}
    assert found == EXPECTED[project], {f: r.reason for f, r in _detect(project).items()}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_evidence_names_each_file_and_a_line_that_spells_it(project: str) -> None:
    for result in _detect(project).values():
        for evidence in result.evidence:
            line = (PROJECTS / project / evidence.file).read_text().splitlines()[evidence.line - 1]
            name = evidence.symbol.rsplit(".", 1)[-1]
            assert name in line or evidence.symbol.endswith((".fit", ".fit_predict")), (evidence, line)


def test_model_built_in_a_sibling_is_evidence_there_and_says_where_it_is_used() -> None:
    train = _detect("built_elsewhere")["train.py"]
    conv = [e for e in train.evidence if e.symbol == "keras.layers.Conv2D"]
    assert [(e.file, e.line) for e in conv] == [("model.py", 4)]
    assert conv[0].why.endswith("used by train.py:3")  # the import runs model.py's top level
    assert "model.fit(...) trains it" in train.evidence[-1].why
    assert train.reason.startswith("Keras network with convolution layers (Conv2D), first at model.py:4")


def test_module_used_by_the_trainer_is_not_a_script() -> None:
    results = detect_path(PROJECTS / "built_elsewhere")
    assert [r.file for r in model_files(results)] == ["train.py"]
    model = next(r for r in results if r.file == "model.py")
    assert "train.py imports it and uses the cnn it builds" in model.reason and model.image is None


def test_wildcard_import_from_a_sibling_is_named() -> None:
    train = _detect("wildcard_sibling")["train.py"]
    assert train.evidence[0].why == "Conv2D convolution layer constructed (from model_layers import *)"
    assert train.evidence[0].file == "train.py" and train.evidence[0].line == 6


def test_from_init_import_star() -> None:
    sentiment = _detect("init_star")["sentiment.py"]
    assert [(e.symbol, e.line) for e in sentiment.evidence[:2]] == [("keras.layers.LSTM", 8),
                                                                   ("keras.layers.LSTM", 9)]
    assert "from keras.layers import *" in sentiment.evidence[0].why


def test_relative_import_in_a_package_reaches_the_builder() -> None:
    train = _detect("relative_package")["app/train.py"]
    assert {(e.file, e.line) for e in train.evidence if e.symbol == "keras.layers.GRU"} == {
        ("app/nets.py", 6), ("app/nets.py", 7)}


def test_import_cycle_terminates_and_sees_both_modules() -> None:
    run = _detect("cycle")["run.py"]
    assert {e.file for e in run.evidence if e.symbol == "keras.layers.Dense"} == {"builder.py", "heads.py"}


def test_single_file_resolves_its_own_folder() -> None:
    result = detect_file(PROJECTS / "relative_package" / "app" / "train.py", PROJECTS / "relative_package")
    assert result.kind == "rnn" and result.file == "app/train.py"
    assert detect_file(PROJECTS / "module_attribute" / "segment.py").kind == "kmeans"


def test_sibling_missing_leaves_the_script_alone(tmp_path: Path) -> None:
    shutil.copyfile(PROJECTS / "built_elsewhere" / "train.py", tmp_path / "train.py")
    result = detect_path(tmp_path)[0]
    assert result.kind == "none" and result.evidence == ()


def test_sibling_import_cost_is_bounded_by_the_folder(tmp_path: Path) -> None:
    """An import of a name found nowhere in the folder is left alone (no scan outside the root)."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "train.py").write_text("from ..outside import build\nmodel = build()\n")
    (tmp_path / "outside.py").write_text("from keras.layers import Conv2D\ndef build():\n    return Conv2D(1, 1)\n")
    assert detect_path(tmp_path / "pkg")[0].kind == "none"


def test_inferred_evidence_is_flagged_in_json_and_text() -> None:
    fixture = Path(__file__).parent / "fixtures" / "unresolved_root_inferred.py"
    result = detect_file(fixture)
    assert result.kind == "cnn"
    first = result.evidence[0]
    assert first.inferred and first.symbol == "keras.layers.Conv2D" and first.line == 5
    assert str(first).endswith("[inferred]")
    assert json.loads(to_json([result]))[0]["evidence"][0]["inferred"] is True


def test_nn_root_is_never_inferred_keras(tmp_path: Path) -> None:
    script = tmp_path / "torchish.py"
    script.write_text("from mystuff import *\nlayer = nn.LSTM(4, 8)\nmodel = nn.Sequential(layer)\n")
    assert detect_file(script).kind == "none"


def test_unparsable_script_is_detected_but_the_run_stops_naming_file_and_line(tmp_path: Path) -> None:
    from pipeline_lib.errors import UserInputError
    from pipeline_lib.stages.detect import detect_stage
    from pipeline_lib.stages.fetch import fetch
    from pipeline_lib.store import RunStore

    src = tmp_path / "src"
    src.mkdir()
    shutil.copyfile(Path(__file__).parent / "fixtures" / "unterminated_string_cnn.py", src / "cnn.py")
    assert detect_path(src)[0].kind == "cnn"  # what `mlops detect` reports (exit 0)
    store = RunStore(tmp_path / "runs")
    run_id = fetch(store, str(src)).id
    with pytest.raises(UserInputError) as info:
        detect_stage(store, run_id)
    assert info.value.exit_code == 2
    assert str(info.value).startswith("cnn.py:11: detected cnn, but the file is not valid Python 3")


def test_detection_imports_no_training_library() -> None:
    import subprocess
    import sys

    code = ("import sys; from pipeline_lib.detect import detect_path; "
            f"detect_path({str(PROJECTS)!r}); "
            "print(sorted(m for m in ('tensorflow', 'keras', 'sklearn', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_only_a_constant_does_not_make_a_module_a_library(tmp_path: Path) -> None:
    (tmp_path / "model.py").write_text(
        "from keras.layers import Dense\nfrom keras.models import Sequential\nSIZE = 8\n"
        "def build():\n    return Sequential([Dense(SIZE)])\n")
    (tmp_path / "train.py").write_text(
        "from model import SIZE\nfrom keras.layers import Dense\nfrom keras.models import Sequential\n"
        "m = Sequential([Dense(SIZE)])\nm.compile('adam', 'mse')\nm.fit([[0.0] * SIZE], [0.0], epochs=1)\n")
    assert {r.file: r.kind for r in detect_path(tmp_path)} == {"model.py": "ann", "train.py": "ann"}
