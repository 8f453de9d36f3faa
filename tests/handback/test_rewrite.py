"""The script rewrite behind script.diff (handback.rewrite, .script, .text): text only, no Keras."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipeline_lib.handback import (
    rewrite_script,
    unified_diff,
)
from tests.handback.records import (
    BARE,
    CONV,
    CONV_BASE,
    DENSE_BASE,
    EPOCHS_VARIABLE,
    FUNCTIONAL,
    HELPER,
    LAYERS_MODULE,
    LISTED,
    LOOP,
    ONE_LINE_LIST,
    SIGMOID,
    TF_KERAS,
    added_lines,
    arch,
    comments,
    mutate,
    relu,
    removed_lines,
    rewritten,
)

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


def test_keras_1_names_are_edited_in_place_not_passed_twice() -> None:
    # The worker runs output_dim= as units= and nb_epoch= as epochs= (runtime.keras2); a second keyword would fail.
    source = BARE.replace("Dense(8, activation", "Dense(output_dim=8, activation")
    text, _ = rewritten(source, DENSE_BASE, "fewer_neurons")
    assert 'model.add(Dense(output_dim=4, activation="relu"))' in text and "units=" not in text
    source = BARE.replace("epochs=", "nb_epoch=")
    text, _ = rewritten(source, DENSE_BASE, "change_epochs")
    assert added_lines(source, text) == ["model.fit(X, y, nb_epoch=4, batch_size=8, verbose=0)  # train"]


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
