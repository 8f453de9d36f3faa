"""The proof that a diff reproduces a winner: the rewritten scripts and generated calls run in real Keras,
and the whole pipeline on a tiny script hands back a diff that git applies."""

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

from tests.cli_helpers import mlops_env, only_run, run_mlops
from tests.handback.records import (
    BARE,
    BI_BASE,
    BIDIRECTIONAL,
    CONV,
    CONV_BASE,
    DENSE_BASE,
    LAYERS_MODULE,
    LISTED,
    ONE_LINE_LIST,
    RNN_BASE,
    RNN_STACK,
    TF_KERAS,
    rewritten,
)

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
    "rnn+deeper": (RNN_STACK, RNN_BASE, ("add_recurrent_layer",)),
    "rnn+removed+dropout": (RNN_STACK, RNN_BASE, ("remove_recurrent_layer", "add_recurrent_dropout")),
    "bidirectional+deeper+units": (BIDIRECTIONAL, BI_BASE, ("add_recurrent_layer", "more_units")),
}
CODEGEN = [("Dense", [8]), ("Conv2D", [4, 3]), ("Conv1D", [4, 5]), ("MaxPooling2D", [3]),
           ("AveragePooling1D", [2]), ("Dropout", [0.25]), ("BatchNormalization", []), ("Flatten", []),
           ("LSTM", [8]), ("GRU", [4]), ("SimpleRNN", [4])]


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
        pairs = [(config, layer["config"])]
        if cls == "Bidirectional":  # the wrapped layer, as built and as the winner recorded it
            pairs.append((config["layer"]["config"], layer["config"]["layer"]["config"]))
        for got, wanted in pairs:
            for key in ("units", "filters", "activation", "kernel_size", "pool_size", "padding", "return_sequences",
                        "dropout", "recurrent_dropout"):
                if key in wanted:
                    want = wanted[key]
                    assert got[key] == (list(want) if isinstance(want, (list, tuple)) else want), (cls, key)


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
