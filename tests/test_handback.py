"""The hand-back: report/winner/ (model, config, script.diff) and the script rewrite behind it.

Most tests rewrite script texts against architecture records built here (no Keras, fast);
the winners come from the real mutations in ``pipeline_lib.tuning``. The proof that a diff
reproduces a winner is running the rewritten scripts with real Keras: one subprocess runs
them all (TensorFlow is imported once) and reports each built model's layers. The last test
runs the whole pipeline on a tiny script and applies the script.diff it wrote with git.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.handback import (
    ALREADY_BEST,
    console_lines,
    load_handback,
    rewrite_script,
    unified_diff,
    write_handback,
)
from pipeline_lib.handback.codegen import call_arguments
from pipeline_lib.report import write_report
from pipeline_lib.store import RunRecord, RunStatus, TrialRecord, TrialStatus
from pipeline_lib.tuning.mutations import MUTATIONS
from tests.cli_helpers import mlops_env, only_run, run_mlops

# --------------------------------------------------------------------------- records


def _snake(cls: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])", "_", cls).lower()


def arch(*layers: tuple[str, dict[str, Any]], input_shape: tuple[int, ...] = (4,), epochs: int | None = 2,
         batch_size: int | None = 8, sequential: bool = True) -> dict[str, Any]:
    """An architecture record as the runtime writes it, with Keras' automatic layer names."""
    seen: dict[str, int] = {}
    out: list[dict[str, Any]] = [{"class_name": "InputLayer",
                                  "config": {"name": "input_layer", "batch_shape": [None, *input_shape]}}]
    for cls, cfg in layers:
        base = _snake(cls)
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append({"module": "keras.layers", "class_name": cls, "registered_name": None,
                    "config": {"name": base if count == 0 else f"{base}_{count}", **cfg}})
    return {"framework": "keras", "sequential": sequential, "layers": out if sequential else [],
            "input_shape": list(input_shape), "epochs": epochs, "batch_size": batch_size}


def mutate(base: dict[str, Any], *names: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply real mutations one after the other; the winner's record and its plan."""
    record, plan = base, {}
    for name in names:
        plan = MUTATIONS[name]().apply(record).plan
        record = {**record, "layers": plan.get("layers", record["layers"]), "epochs": plan.get("epochs"),
                  "batch_size": plan.get("batch_size")}
    return record, plan


def relu(units: int) -> tuple[str, dict[str, Any]]:
    return "Dense", {"units": units, "activation": "relu"}


SIGMOID = ("Dense", {"units": 1, "activation": "sigmoid"})
DENSE_BASE = arch(relu(16), relu(8), SIGMOID)
CONV_BASE = arch(("Conv2D", {"filters": 4, "kernel_size": [3, 3], "activation": "relu"}), ("Flatten", {}),
                 ("Dense", {"units": 3, "activation": "softmax"}), input_shape=(8, 8, 1))

DATA = """\
import numpy as np
X = np.random.default_rng(0).normal(size=(16, 4))
y = (X[:, 0] > 0).astype(int)
"""
IMAGES = """\
import numpy as np
X = np.random.default_rng(0).random((12, 8, 8, 1))
y = np.arange(12) % 3
"""

# --------------------------------------------------------------------------- scripts

BARE = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

# A small dense network.
model = Sequential()
model.add(Dense(16, activation="relu", input_shape=(4,)))  # first hidden layer
model.add(Dense(8, activation="relu"))

model.add(Dense(1, activation="sigmoid"))  # output: one probability
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)  # train
"""

LAYERS_MODULE = DATA + """\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Dense(16, activation='relu', input_shape=(4,)))
model.add(layers.Dense(8, activation='relu'))
model.add(layers.Dense(1, activation='sigmoid'))
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
history = model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

TF_KERAS = DATA + """\
import tensorflow as tf

def build():
    model = tf.keras.models.Sequential()
    model.add(tf.keras.layers.Dense(16, activation="relu", input_shape=(4,)))
    model.add(tf.keras.layers.Dense(8, activation="relu"))
    model.add(tf.keras.layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=2, batch_size=8, verbose=0)
    return model

model = build()
"""

LISTED = DATA + """\
import keras
from keras import layers

model = keras.Sequential([
    layers.Dense(16, activation="relu", input_shape=(4,)),  # hidden
    layers.Dense(8, activation="relu"),
    layers.Dense(1, activation="sigmoid")  # output
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

ONE_LINE_LIST = DATA + """\
import keras
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"), \
keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

CONV = IMAGES + """\
from keras.models import Sequential
from keras.layers import Conv2D, Flatten, Dense

model = Sequential()
model.add(Conv2D(4, (3, 3), activation='relu', input_shape=(8, 8, 1)))  # features
model.add(Flatten())
model.add(Dense(3, activation='softmax'))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

EPOCHS_VARIABLE = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

epochs = int(input("Number of epochs: "))
model = Sequential()
model.add(Dense(16, activation="relu", input_shape=(4,)))
model.add(Dense(8, activation="relu"))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=epochs, batch_size=8, verbose=0)
"""

LOOP = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
for units in (16, 8):
    model.add(Dense(units, activation="relu"))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, y, epochs=2, batch_size=8)
"""

HELPER = DATA + """\
from keras.models import Sequential
from keras.layers import Dense

def hidden(units):
    return Dense(units, activation="relu")

model = Sequential([hidden(16), hidden(8), Dense(1, activation="sigmoid")])
model.fit(X, y, epochs=2, batch_size=8)
"""

FUNCTIONAL = DATA + """\
import keras
inputs = keras.Input(shape=(4,))
x = keras.layers.Dense(16, activation="relu")(inputs)
x = keras.layers.Dense(8, activation="relu")(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=2, batch_size=8, verbose=0)
"""

# --------------------------------------------------------------------------- helpers


def rewritten(source: str, base: dict[str, Any], *mutations: str) -> tuple[str, Any]:
    """The rewritten script (asserting there is one) and the winner's record."""
    winner, plan = mutate(base, *mutations)
    result = rewrite_script(source, base, winner, plan)
    assert result.text is not None, (result.reason, result.notes)
    assert result.reason is None
    return result.text, winner


def added_lines(before: str, after: str) -> list[str]:
    diff = unified_diff(before, after, "train.py").splitlines()
    return [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]


def removed_lines(before: str, after: str) -> list[str]:
    diff = unified_diff(before, after, "train.py").splitlines()
    return [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]


def comments(text: str) -> list[str]:
    return re.findall(r"#.*", text)


# --------------------------------------------------------------------------- rewriting, text only


def test_bare_names_get_a_dense_layer_before_the_output_and_keep_everything_else() -> None:
    text, _ = rewritten(BARE, DENSE_BASE, "add_dense_layer")
    assert added_lines(BARE, text) == ['model.add(Dense(8, activation="relu"))']
    assert removed_lines(BARE, text) == []
    assert 'model.add(Dense(8, activation="relu"))\nmodel.add(Dense(8, activation="relu"))\n\n' \
        'model.add(Dense(1, activation="sigmoid"))  # output' in text
    assert comments(text) == comments(BARE)


def test_layers_module_style_is_kept_for_new_layers_with_the_scripts_quotes() -> None:
    text, _ = rewritten(LAYERS_MODULE, DENSE_BASE, "add_two_dense_layers")
    assert added_lines(LAYERS_MODULE, text) == ["model.add(layers.Dense(8, activation='relu'))",
                                                "model.add(layers.Dense(4, activation='relu'))"]


def test_tf_keras_spelling_inside_a_function_keeps_its_indentation() -> None:
    text, _ = rewritten(TF_KERAS, DENSE_BASE, "add_dense_layer")
    assert added_lines(TF_KERAS, text) == ['    model.add(tf.keras.layers.Dense(8, activation="relu"))']


def test_list_style_inserts_an_element_on_its_own_line() -> None:
    text, _ = rewritten(LISTED, DENSE_BASE, "add_dense_layer")
    assert added_lines(LISTED, text) == ['    layers.Dense(8, activation="relu"),']
    assert "    layers.Dense(1, activation=\"sigmoid\")  # output\n])" in text


def test_list_style_after_the_last_element_adds_the_missing_comma() -> None:
    base = arch(relu(16), ("Dense", {"units": 3, "activation": "softmax"}), ("Dropout", {"rate": 0.5}))
    source = "import keras\nmodel = keras.Sequential([\n    keras.layers.Dense(16, activation='relu'),\n" \
             "    keras.layers.Dense(3, activation='softmax'),\n    keras.layers.Dropout(0.5)  # last\n])\n"
    winner = {**base, "layers": [*base["layers"], {"class_name": "Dense", "config": {"name": "mlops_dense_1",
                                                                                    "units": 2}}]}
    result = rewrite_script(source, base, winner)
    assert result.text is not None, result.reason
    assert "    keras.layers.Dropout(0.5),  # last\n    keras.layers.Dense(2)\n])" in result.text


def test_one_line_list_with_an_input_gets_the_new_element_inline() -> None:
    text, _ = rewritten(ONE_LINE_LIST, DENSE_BASE, "add_dense_layer")
    assert ('keras.layers.Dense(8, activation="relu"), keras.layers.Dense(8, activation="relu"), '
            'keras.layers.Dense(1, activation="sigmoid")])') in text
    assert len(text.splitlines()) == len(ONE_LINE_LIST.splitlines())


def test_a_conv_block_is_inserted_after_the_last_conv_and_max_pooling_is_imported() -> None:
    text, _ = rewritten(CONV, CONV_BASE, "add_conv_block")
    assert added_lines(CONV, text) == [
        "from keras.layers import Conv2D, Flatten, Dense, MaxPooling2D",
        "model.add(Conv2D(4, (3, 3), padding='same', activation='relu'))",
        "model.add(MaxPooling2D((2, 2)))"]
    assert removed_lines(CONV, text) == ["from keras.layers import Conv2D, Flatten, Dense"]


def test_halved_units_change_only_the_number_and_keep_the_comment() -> None:
    text, _ = rewritten(BARE, DENSE_BASE, "fewer_neurons")
    first = 'model.add(Dense({}, activation="relu", input_shape=(4,)))  # first hidden layer'
    assert removed_lines(BARE, text) == [first.format(16), 'model.add(Dense(8, activation="relu"))']
    assert added_lines(BARE, text) == [first.format(8), 'model.add(Dense(4, activation="relu"))']


def test_units_passed_by_keyword_are_changed_in_place() -> None:
    source = BARE.replace("Dense(8, activation", "Dense(units=8, activation")
    text, _ = rewritten(source, DENSE_BASE, "fewer_neurons")
    assert 'model.add(Dense(units=4, activation="relu"))' in text


def test_a_literal_epochs_in_fit_is_rewritten() -> None:
    text, winner = rewritten(BARE, DENSE_BASE, "change_epochs")
    assert winner["epochs"] == 4
    assert added_lines(BARE, text) == ["model.fit(X, y, epochs=4, batch_size=8, verbose=0)  # train"]


def test_epochs_from_a_variable_is_left_alone_and_noted() -> None:
    winner, plan = mutate(DENSE_BASE, "add_dense_layer", "change_epochs")
    result = rewrite_script(EPOCHS_VARIABLE, DENSE_BASE, winner, plan)
    assert result.text is not None and "epochs=epochs" in result.text
    assert 'int(input("Number of epochs: "))' in result.text
    assert any("epochs comes from `epochs` (assigned at line 7)" in note and "set it to 4 by hand" in note
               for note in result.notes), result.notes


def test_only_epochs_from_a_variable_changed_means_no_diff_but_the_note() -> None:
    winner, plan = mutate(DENSE_BASE, "change_epochs")
    result = rewrite_script(EPOCHS_VARIABLE, DENSE_BASE, winner, plan)
    assert result.text is None and result.reason and "nothing in the script" in result.reason
    assert any("set it to 4 by hand" in note for note in result.notes)


def test_a_string_optimizer_gets_the_winning_learning_rate() -> None:
    winner, plan = mutate(DENSE_BASE, "add_dense_layer")
    result = rewrite_script(LAYERS_MODULE, DENSE_BASE, winner, {**plan, "learning_rate": 0.01})
    assert result.text is not None
    assert "model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss=" in result.text


def test_non_ascii_text_before_a_changed_argument_keeps_its_offsets() -> None:
    source = BARE.replace('model.add(Dense(8, activation="relu"))',
                          'model.add(Dense(8, name="couche_cachée_é", activation="relu"))')
    base = arch(relu(16), ("Dense", {"units": 8, "activation": "relu"}), SIGMOID)
    base["layers"][2]["config"]["name"] = "couche_cachée_é"
    text, _ = rewritten(source, base, "fewer_neurons")
    assert 'model.add(Dense(4, name="couche_cachée_é", activation="relu"))' in text


def test_crlf_scripts_keep_their_line_endings() -> None:
    source = BARE.replace("\n", "\r\n")
    text, _ = rewritten(source, DENSE_BASE, "add_dense_layer")
    assert 'model.add(Dense(8, activation="relu"))\r\n' in text and "\n" not in text.replace("\r\n", "")


@pytest.mark.parametrize(("source", "reason"), [
    (LOOP, "inside a loop"),
    (HELPER, "helper function hidden()"),
    (FUNCTIONAL, "functional API"),
    (BARE.replace('model.add(Dense(8, activation="relu"))\n', ""), "don't match the 3 layers"),
], ids=["loop", "helper", "functional", "count"])
def test_unmappable_scripts_give_no_diff_and_say_why(source: str, reason: str) -> None:
    winner, plan = mutate(DENSE_BASE, "add_dense_layer")
    result = rewrite_script(source, DENSE_BASE, winner, plan)
    assert result.text is None
    assert result.reason and reason in result.reason


def test_a_functional_model_whose_winner_only_trained_longer_gets_the_epochs_diff() -> None:
    base = arch(sequential=False)
    result = rewrite_script(FUNCTIONAL, base, {**base, "epochs": 4}, {"epochs": 4})
    assert result.text is not None, result.reason
    assert added_lines(FUNCTIONAL, result.text) == ["model.fit(X, y, epochs=4, batch_size=8, verbose=0)"]


def test_the_diff_reads_as_git_apply_expects(tmp_path: Path) -> None:
    text, _ = rewritten(BARE, DENSE_BASE, "add_dense_layer")
    diff = unified_diff(BARE, text, "src/train.py")
    assert diff.startswith("--- a/src/train.py\n+++ b/src/train.py\n@@ ")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "train.py").write_text(BARE)
    (tmp_path / "script.diff").write_text(diff)
    subprocess.run(["git", "apply", "script.diff"], cwd=tmp_path, check=True, capture_output=True)
    assert (tmp_path / "src" / "train.py").read_text() == text


# --------------------------------------------------------------------------- report/winner/ from a record


def make_run(tmp_path: Path, source: str, base: dict[str, Any], *mutations: str,
             values: tuple[float, ...] = (0.6, 0.9)) -> tuple[RunRecord, Path]:
    """A finished run record with a workspace copy of ``source`` and a model file per trial."""
    run_dir = tmp_path / "runs" / "20261201-000000-train-abcd"
    (run_dir / "workspace").mkdir(parents=True)
    (run_dir / "workspace" / "train.py").write_text(source)
    trials = [TrialRecord(1, TrialStatus.COMPLETED, architecture=base, value=values[0], metric="val_accuracy",
                          artifacts={"model": "model.keras"})]
    record = base
    for number, name in enumerate(mutations, start=2):
        plan = MUTATIONS[name]().apply(record).plan
        record = {**record, "layers": plan.get("layers", record["layers"]), "epochs": plan.get("epochs")}
        trials.append(TrialRecord(number, TrialStatus.COMPLETED, mutation=f"step {name}", parent=number - 1,
                                  plan=plan, architecture=record, value=values[number - 1],
                                  metric="val_accuracy", artifacts={"model": "model.keras"}))
    for trial in trials:
        folder = run_dir / "trials" / f"{trial.number:03d}"
        folder.mkdir(parents=True)
        (folder / "model.keras").write_bytes(f"model of trial {trial.number}".encode())
    run = RunRecord(id=run_dir.name, status=RunStatus.TARGET_MET, target=0.8, metric="val_accuracy", kind="ann",
                    script="train.py", source={"workspace": str(run_dir / "workspace")}, trials=trials)
    run.refresh_best()
    return run, run_dir


def test_winner_folder_holds_the_model_the_config_and_the_diff(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, BARE, DENSE_BASE, "add_dense_layer", "change_epochs",
                            values=(0.6, 0.7, 0.9))
    info = write_handback(run, run_dir)
    folder = run_dir / "report" / "winner"
    assert info is not None and info == json.loads((folder / "config.json").read_text())
    assert (folder / "model.keras").read_bytes() == b"model of trial 3"
    assert info["trial"] == 3 and info["value"] == 0.9 and info["metric"] == "val_accuracy"
    assert [m["mutation"] for m in info["mutations"]] == ["add_dense_layer", "change_epochs"]
    assert info["epochs"] == 4 and info["changed"] == {"epochs": [2, 4]} and "learning_rate" not in info
    assert info["layer_summary"] == ['Dense(16, activation="relu")', 'Dense(8, activation="relu")',
                                     'Dense(8, activation="relu")', 'Dense(1, activation="sigmoid")']
    diff = (folder / "script.diff").read_text()
    assert diff.startswith("--- a/train.py\n+++ b/train.py\n")
    assert '+model.add(Dense(8, activation="relu"))' in diff and "+model.fit(X, y, epochs=4," in diff
    assert (run_dir / "workspace" / "train.py").read_text() == BARE
    summary = write_report(run, run_dir).summary.read_text()
    assert "## Winner" in summary and "[`script.diff`](winner/script.diff)" in summary
    lines = console_lines(info, run_dir)
    assert any("git apply" in line and "script.diff" in line for line in lines)


def test_a_winning_baseline_gets_its_model_and_config_but_no_diff(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, BARE, DENSE_BASE, "add_dense_layer", values=(0.9, 0.7))
    folder = run_dir / "report" / "winner"
    folder.mkdir(parents=True)
    (folder / "script.diff").write_text("stale")
    info = write_handback(run, run_dir)
    assert info is not None and info["trial"] == 1 and info["baseline"] and info["mutations"] == []
    assert info["diff"] is None and info["no_diff_reason"] == ALREADY_BEST
    assert not (folder / "script.diff").exists()
    assert (folder / "model.keras").read_bytes() == b"model of trial 1"
    assert "The pushed script is already the best; no diff." in write_report(run, run_dir).summary.read_text()


def test_an_unmappable_script_records_why_in_config_and_summary(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, LOOP, DENSE_BASE, "add_dense_layer")
    info = write_handback(run, run_dir)
    assert info is not None and info["diff"] is None and "inside a loop" in info["no_diff_reason"]
    assert load_handback(run_dir) == info
    summary = write_report(run, run_dir).summary.read_text()
    assert "No script diff: line 9: model.add() runs inside a loop (line 8)" in summary


def test_runs_without_a_keras_winner_get_no_winner_folder(tmp_path: Path) -> None:
    run, run_dir = make_run(tmp_path, BARE, DENSE_BASE, "add_dense_layer")
    for trial in run.trials:
        trial.architecture = {"framework": "sklearn", "n_clusters": 3}
    assert write_handback(run, run_dir) is None
    assert not (run_dir / "report" / "winner").exists()
    assert "## Winner" not in write_report(run, run_dir).summary.read_text()


# --------------------------------------------------------------------------- real Keras

DRIVER = r'''
import json, os, runpy, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras
from pipeline_lib.handback.codegen import call_arguments
out = {"models": {}, "codegen": []}
for path in json.loads(sys.argv[1]):
    os.chdir(os.path.dirname(path))
    keras.backend.clear_session()
    model = runpy.run_path(path, run_name="__main__")["model"]
    out["models"][path] = [[type(l).__name__, l.get_config()] for l in model.layers]
for cls, args in json.loads(sys.argv[2]):
    layer = getattr(keras.layers, cls)(*args)
    text, lost = call_arguments(cls, layer.get_config())
    again = eval(f"keras.layers.{cls}({text})")
    strip = lambda c: {k: v for k, v in c.items() if k != "name"}
    out["codegen"].append([cls, text, lost, strip(layer.get_config()) == strip(again.get_config())])
print("RESULT" + json.dumps(out, default=str))
'''

RUNNABLE = {
    "bare+dense": (BARE, DENSE_BASE, ("add_dense_layer",)),
    "layers+two": (LAYERS_MODULE, DENSE_BASE, ("add_two_dense_layers",)),
    "tf.keras+halved": (TF_KERAS, DENSE_BASE, ("fewer_neurons",)),
    "list+dense+epochs": (LISTED, DENSE_BASE, ("add_dense_layer", "change_epochs")),
    "one-line+halved": (ONE_LINE_LIST, DENSE_BASE, ("add_dense_layer", "fewer_neurons")),
    "conv+block": (CONV, CONV_BASE, ("add_conv_block", "add_dense_layer")),
}
CODEGEN = [("Dense", [8]), ("Conv2D", [4, 3]), ("Conv1D", [4, 5]), ("MaxPooling2D", [3]),
           ("AveragePooling1D", [2]), ("Dropout", [0.25]), ("BatchNormalization", []), ("Flatten", [])]


def run_with_keras(scripts: list[Path], codegen: list[tuple[str, list[Any]]]) -> dict[str, Any]:
    """Run scripts (and the codegen round trips) in one Python with real Keras."""
    proc = subprocess.run([sys.executable, "-c", DRIVER, json.dumps([str(p) for p in scripts]), json.dumps(codegen)],
                          capture_output=True, text=True, timeout=300, env=mlops_env(), stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout.split("RESULT", 1)[1]))


def assert_builds(built: list[list[Any]], winner: dict[str, Any]) -> None:
    """The built model has the winner's layer classes and sizes, in order."""
    expected = [layer for layer in winner["layers"] if layer["class_name"] != "InputLayer"]
    assert [cls for cls, _ in built] == [layer["class_name"] for layer in expected]
    for (cls, config), layer in zip(built, expected, strict=True):
        for key in ("units", "filters", "activation", "kernel_size", "pool_size", "padding"):
            if key in layer["config"]:
                want = layer["config"][key]
                assert config[key] == (list(want) if isinstance(want, (list, tuple)) else want), (cls, key)


TINY = """\
# XOR-ish labels: a single sigmoid unit can't fit them, a hidden layer can.
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense

keras.utils.set_random_seed(0)
X = np.random.default_rng(0).uniform(-1, 1, size=(64, 2))
y = (X[:, 0] * X[:, 1] > 0).astype(int)
model = Sequential()
model.add(keras.Input(shape=(2,)))
model.add(Dense(1, activation="sigmoid"))  # output
model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=8, batch_size=16, validation_split=0.25)
"""


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`mlops run` on TINY (target 0.99, 2 trials: one mutation), then script.diff applied with git.

    Failures are collected, not raised, so the rewritten-script tests don't depend on this run.
    """
    root = tmp_path_factory.mktemp("pipeline")
    script, runs_dir, checkout = root / "src" / "tiny.py", root / "runs", root / "checkout"
    script.parent.mkdir()
    checkout.mkdir()
    script.write_text(TINY)
    # The ladder's first step on this script is a layer insertion: the diff has a layer to add, every time.
    result = run_mlops("run", str(script), "--runs-dir", str(runs_dir), "--no-notify", "--target", "0.99",
                       "--max-trials", "2", "--strategy", "ladder", timeout=240)
    out: dict[str, Any] = {"result": result, "script": script, "runs_dir": runs_dir, "checkout": checkout}
    diffs = list(runs_dir.glob("*/report/winner/script.diff"))
    if diffs:
        shutil.copy(script, checkout / "tiny.py")
        out["apply"] = subprocess.run(["git", "apply", str(diffs[0])], cwd=checkout, capture_output=True, text=True)
    return out


@pytest.fixture(scope="module")
def keras_results(tmp_path_factory: pytest.TempPathFactory, pipeline: dict[str, Any]) -> dict[str, Any]:
    """Every rewritten script (and the pipeline's patched one) run in one Python with real Keras."""
    folder = tmp_path_factory.mktemp("rewritten")
    winners, paths = {}, {}
    for name, (source, base, mutations) in RUNNABLE.items():
        text, winners[name] = rewritten(source, base, *mutations)
        paths[name] = folder / re.sub(r"\W", "_", name) / "train.py"
        paths[name].parent.mkdir()
        paths[name].write_text(text)
    patched = pipeline["checkout"] / "tiny.py"
    if getattr(pipeline.get("apply"), "returncode", 1) == 0:
        paths["pipeline"] = patched
    out = run_with_keras(list(paths.values()), CODEGEN)
    return {"built": {name: out["models"][str(path)] for name, path in paths.items()}, "winners": winners,
            "codegen": out["codegen"]}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(RUNNABLE))
def test_running_the_rewritten_script_builds_the_winner(name: str, keras_results: dict[str, Any]) -> None:
    assert_builds(keras_results["built"][name], keras_results["winners"][name])


@pytest.mark.slow
def test_generated_calls_rebuild_the_same_config_in_real_keras(keras_results: dict[str, Any]) -> None:
    for cls, text, lost, same in keras_results["codegen"]:
        assert same and not lost, (cls, text, lost)


@pytest.mark.slow
def test_pipeline_hands_back_a_diff_that_reproduces_the_winner(pipeline: dict[str, Any],
                                                               keras_results: dict[str, Any]) -> None:
    result, runs_dir = pipeline["result"], pipeline["runs_dir"]
    run = only_run(runs_dir)
    assert result.code in (0, 3), result.text
    assert run["best"]["trial"] == 2, run["trials"]
    folder = runs_dir / run["id"] / "report" / "winner"
    config = json.loads((folder / "config.json").read_text())
    assert (folder / "model.keras").read_bytes() == \
        (runs_dir / run["id"] / "trials" / "002" / "model.keras").read_bytes()
    assert config["trial"] == 2 and config["mutations"][0]["mutation"] == "add_dense_layer"
    assert config["diff"] == "script.diff" and config["no_diff_reason"] is None
    assert "report/winner" in result.out and "git apply" in result.out
    assert "## Winner" in (runs_dir / run["id"] / "report" / "summary.md").read_text()
    assert pipeline["script"].read_text() == TINY, "the user's script was modified"
    assert pipeline["apply"].returncode == 0, pipeline["apply"].stderr
    patched = (pipeline["checkout"] / "tiny.py").read_text()
    assert ast.parse(patched) and 'model.add(Dense(64, activation="relu"))' in patched
    assert_builds(keras_results["built"]["pipeline"], run["trials"][1]["architecture"])


def test_codegen_skips_recorded_defaults() -> None:
    config = {"name": "mlops_conv2d_1", "filters": 8, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
              "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1, "activation": "relu",
              "use_bias": True, "trainable": True, "kernel_regularizer": None,
              "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}}}
    assert call_arguments("Conv2D", config) == ('8, (3, 3), padding="same", activation="relu"', [])
    custom = {**config, "kernel_initializer": {"class_name": "HeNormal", "config": {"seed": 1}}}
    assert call_arguments("Conv2D", custom)[1] == ["kernel_initializer"]


@pytest.mark.parametrize(("plan", "early_stop", "epochs", "approximate"), [
    ({"epochs": 20}, None, 20, False),                                    # ladder: trained what it was told
    ({"epochs": 20}, "val_accuracy 0.91 reached the target 0.90 at epoch 7", 7, False),
    ({"epochs": 12, "warm_start": 1, "epochs_before": 5}, "reached the target at epoch 4", 9, True),
])
def test_the_winner_is_reproduced_with_every_epoch_behind_its_weights(
        plan: dict[str, Any], early_stop: str | None, epochs: int, approximate: bool) -> None:
    from pipeline_lib.handback.winner import reproducible_architecture

    trained = 7 if early_stop and "warm_start" not in plan else (4 if early_stop else 20)
    best = TrialRecord(number=2, status=TrialStatus.COMPLETED, parent=1, plan=plan, early_stop=early_stop,
                       architecture={"framework": "keras", "epochs": plan["epochs"]}, epochs_run=trained + 1,
                       epochs_redone=1)
    arch, note = reproducible_architecture(best)
    assert arch["epochs"] == epochs
    assert (note is not None) == approximate and (note is None or "trial 1's weights" in note)
