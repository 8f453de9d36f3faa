"""The detect stage applied to a run: the script to train, its image, refusals with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline_lib.errors import UserInputError
from pipeline_lib.stages.detect import detect_stage
from pipeline_lib.stages.fetch import fetch
from pipeline_lib.store import RunStatus, RunStore

DENSE = "from keras.models import Sequential\nfrom keras.layers import Dense\nm = Sequential([Dense(1)])\n"


def _run(tmp_path: Path, files: dict[str, str], script: str | None = None) -> tuple[RunStore, str]:
    src = tmp_path / "src"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text)
    store = RunStore(tmp_path / "runs")
    return store, fetch(store, str(src), script=script).id


def test_the_only_model_script_is_chosen_and_its_image_written(tmp_path: Path) -> None:
    store, run_id = _run(tmp_path, {"train.py": DENSE, "utils.py": "def f():\n    return 1\n"})
    run = detect_stage(store, run_id)
    assert (run.script, run.kind) == ("train.py", "ann")
    assert (store.run_dir(run_id) / "image.txt").read_text().strip() == run.image
    assert [t.number for t in run.trials] == [1]
    assert detect_stage(store, run_id).trials == run.trials, "detect is idempotent"


def test_several_model_scripts_need_a_choice(tmp_path: Path) -> None:
    store, run_id = _run(tmp_path, {"a.py": DENSE, "b.py": DENSE})
    with pytest.raises(UserInputError, match=r"several model scripts \(a.py, b.py\)"):
        detect_stage(store, run_id)
    assert store.load(run_id).status is RunStatus.FAILED


def test_a_chosen_script_without_a_model_is_refused_with_the_reason(tmp_path: Path) -> None:
    store, run_id = _run(tmp_path, {"a.py": DENSE, "b.py": "print('hi')\n"}, script="b.py")
    with pytest.raises(UserInputError, match="b.py: no ann, cnn, rnn or kmeans model found"):
        detect_stage(store, run_id)


def test_a_script_detect_had_to_repair_is_refused_before_training(tmp_path: Path) -> None:
    store, run_id = _run(tmp_path, {"nb.py": "%matplotlib inline\n" + DENSE})
    with pytest.raises(UserInputError, match=r"nb.py:1: detected ann, but the file is not valid Python 3"):
        detect_stage(store, run_id)
    run = store.load(run_id)
    assert run.status is RunStatus.FAILED and "IPython magic" in (run.error or "")
