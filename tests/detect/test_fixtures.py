"""Table-driven: every fixture script gets its expected kind, with evidence on real lines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline_lib.detect import FileDetection, detect_file
from pipeline_lib.images import image_for_kind

FIXTURES = Path(__file__).parent / "fixtures"

#: fixture file -> expected kind. Names describe the case; detection never reads them
#: (test_kind_does_not_depend_on_file_name checks that).
EXPECTED: dict[str, str] = {
    # import / alias resolution
    "keras1_convolution2d_alias.py": "cnn",
    "tf_layers_module_alias.py": "cnn",
    "tf_keras_attribute_chain.py": "cnn",
    "from_tensorflow_import_keras.py": "ann",
    "functional_dense_layers_module.py": "ann",
    "pima_diabetes_ann.py": "ann",
    "sklearn_cluster_module.py": "kmeans",
    "kmeans_imported_as_km.py": "kmeans",
    "wildcard_imports_cnn.py": "cnn",
    "import_cell_missing.py": "ann",
    "tf_import_cell_missing.py": "cnn",
    "partial_conv_geron.py": "cnn",
    "contrib_keras_dense.py": "ann",
    # legacy and unusual convolution layers
    "conv1d_text_classifier.py": "cnn",
    "separable_depthwise_convs.py": "cnn",
    "conv3d_video.py": "cnn",
    "gan_generator_transpose.py": "cnn",
    # where and how layers are built
    "conv_layers_in_loop_helper.py": "cnn",
    "sequential_list_dense.py": "ann",
    "functional_api_cnn.py": "cnn",
    "subclassed_model_cnn.py": "cnn",
    "subclassed_model_dense.py": "ann",
    # a live custom Layer class must not hide the builder that makes the real model
    "custom_layer_and_builder_module.py": "cnn",
    "keras_classifier_gridsearch.py": "ann",
    # recurrent networks (rnn); a conv feature extractor under a recurrent head is still rnn
    "lstm_sentiment.py": "rnn",
    "stacked_lstm_gru.py": "rnn",
    "bidirectional_text.py": "rnn",
    "rnn_cell_layer.py": "rnn",
    "cnn_lstm_text.py": "rnn",
    "timedistributed_cnn_gru_video.py": "rnn",
    "convlstm_frames.py": "cnn",
    "embedding_dense_only.py": "ann",
    # transfer learning
    "transfer_vgg16_tf_applications.py": "cnn",
    "transfer_resnet50_keras_applications.py": "cnn",
    "transfer_mobilenetv2_import.py": "cnn",
    "tfhub_mobilenet_feature_vector.py": "cnn",
    # scikit-learn helpers do not make a script scikit-learn; imports are not evidence
    "churn_ann_with_sklearn_helpers.py": "ann",
    "imports_conv_builds_dense.py": "ann",
    "conv_mentioned_in_text.py": "ann",
    "unused_cnn_builder.py": "ann",
    # clustering
    "mall_customers_kmeans.py": "kmeans",
    "elbow_loop_only.py": "kmeans",
    "minibatch_color_quantization.py": "kmeans",
    # both a Keras network and KMeans: the model trained (last) wins
    "kmeans_features_then_ann.py": "ann",
    "autoencoder_then_kmeans.py": "kmeans",
    "kmeans_with_unused_keras_model.py": "kmeans",
    "class_based_cnn_unused_kmeans.py": "cnn",
    # unsupported or no model
    "random_forest_only.py": "none",
    "logistic_and_svc.py": "none",
    "sklearn_mlp_classifier.py": "none",
    "pytorch_cnn.py": "none",
    "tf1_graph_cnn.py": "none",
    "data_helpers.py": "none",
    "load_model_predict.py": "none",
    "kmeans_from_scratch.py": "none",
    "custom_layer_only.py": "none",
    "pooling_layer_demo.py": "none",
    # files that do not parse as they are
    "syntax_error_script.py": "none",
    "notebook_json_saved_as_py.py": "cnn",
    "ipython_magic_lines.py": "kmeans",
    "automagic_shell_lines.py": "ann",
    "python2_print_cnn.py": "cnn",
    "input_prompts_ann.py": "ann",
}


def detect(name: str) -> FileDetection:
    return detect_file(FIXTURES / name, FIXTURES)


def test_every_fixture_is_in_the_table() -> None:
    assert sorted(p.name for p in FIXTURES.glob("*.py")) == sorted(EXPECTED)


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED.items()))
def test_kind(name: str, kind: str) -> None:
    result = detect(name)
    assert result.kind == kind, f"{name}: {result.kind} ({result.reason})"
    assert result.image == image_for_kind(kind)
    assert result.file == name
    assert result.reason
    if kind != "none":
        assert result.evidence, name
        assert result.framework == ("sklearn" if kind == "kmeans" else "keras")


def _spellings(why: str, symbol: str) -> set[str]:
    """Names that must appear on an evidence line: the symbol's own name or its alias."""
    names = {symbol.rsplit(".", 1)[-1]}
    alias = re.search(r"\(alias (\S+) of ", why)
    if alias:
        names.add(alias.group(1).rsplit(".", 1)[-1])
    return names


@pytest.mark.parametrize("name", sorted(n for n, k in EXPECTED.items() if k != "none"))
def test_evidence_points_at_the_real_line(name: str) -> None:
    result = detect(name)
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    for evidence in result.evidence:
        assert evidence.file == name
        text = lines[evidence.line - 1]
        assert any(n in text for n in _spellings(evidence.why, evidence.symbol)), (evidence, text)


def test_kind_does_not_depend_on_file_name(tmp_path: Path) -> None:
    for name, kind in EXPECTED.items():
        copy = tmp_path / "script.py"
        shutil.copyfile(FIXTURES / name, copy)
        assert detect_file(copy).kind == kind, name


@pytest.mark.parametrize("name", ["keras1_convolution2d_alias.py", "tf_layers_module_alias.py",
                                  "tf_keras_attribute_chain.py", "wildcard_imports_cnn.py",
                                  "functional_api_cnn.py"])
def test_every_spelling_resolves_to_one_canonical_symbol(name: str) -> None:
    symbols = {e.symbol for e in detect(name).evidence}
    assert symbols & {"keras.layers.Conv2D", "keras.layers.Convolution2D"}, symbols
    assert not any(s.startswith(("tensorflow.", "tf.")) for s in symbols), symbols


def test_alias_is_named_in_the_evidence() -> None:
    first = detect("keras1_convolution2d_alias.py").evidence[0]
    assert first.symbol == "keras.layers.Convolution2D"
    assert first.line == 14
    assert "alias C of keras.layers.Convolution2D" in first.why


def test_wildcard_import_is_named_in_the_evidence() -> None:
    first = detect("wildcard_imports_cnn.py").evidence[0]
    assert first.symbol == "keras.layers.Conv2D" and "from keras.layers import *" in first.why


@pytest.mark.parametrize("name", ["import_cell_missing.py", "tf_import_cell_missing.py"])
def test_unimported_name_is_flagged_as_assumed(name: str) -> None:
    assert "no import defines" in detect(name).evidence[0].why


def test_conv_import_without_conv_layer_is_ann() -> None:
    result = detect("imports_conv_builds_dense.py")
    assert not any("Conv" in e.symbol for e in result.evidence)
    assert "without convolution" in result.reason


@pytest.mark.parametrize(("name", "sequential"), [
    ("pima_diabetes_ann.py", True),          # Sequential() then add()
    ("sequential_list_dense.py", True),      # Sequential([...])
    ("functional_api_cnn.py", False),        # Model(inputs, outputs)
    ("subclassed_model_cnn.py", False),      # class MyModel(Model)
    ("mall_customers_kmeans.py", None),      # not Keras
])
def test_sequential_flag(name: str, sequential: bool | None) -> None:
    assert detect(name).sequential is sequential


def test_builder_that_is_never_called_is_not_evidence() -> None:
    result = detect("unused_cnn_builder.py")
    assert result.evidence[0].line == 17 and all(e.line >= 16 for e in result.evidence)


def test_pretrained_base_is_the_evidence() -> None:
    result = detect("transfer_vgg16_tf_applications.py")
    assert result.evidence[0].symbol == "keras.applications.VGG16"
    assert "pretrained convolutional base" in result.reason


@pytest.mark.parametrize(("name", "phrase"), [
    ("random_forest_only.py",
     "scikit-learn RandomForestClassifier is not a supported kind (ann, cnn, kmeans, rnn)"),
    ("logistic_and_svc.py", "scikit-learn LogisticRegression is not a supported kind"),
    ("sklearn_mlp_classifier.py", "scikit-learn MLPClassifier is not a supported kind"),
    ("pytorch_cnn.py", "PyTorch"),
    ("tf1_graph_cnn.py", "TensorFlow 1 graph code"),
    ("load_model_predict.py", "loads a saved Keras model"),
    ("kmeans_from_scratch.py", "written by hand"),
    ("pooling_layer_demo.py", "applies Keras layers that learn nothing (MaxPooling2D, "
                              "AveragePooling2D, line 10) but builds no network"),
    ("custom_layer_only.py", "builds no network"),
    ("data_helpers.py", "no Keras layer or model and no scikit-learn KMeans"),
    ("syntax_error_script.py", "SyntaxError at line 5"),
])
def test_reason_for_none(name: str, phrase: str) -> None:
    result = detect(name)
    assert result.kind == "none" and phrase in result.reason, result.reason


@pytest.mark.parametrize(("name", "phrase", "first"), [
    ("stacked_lstm_gru.py", "recurrent layers (LSTM ×2, GRU), first at line 11", "keras.layers.LSTM"),
    ("bidirectional_text.py", "recurrent layers (Bidirectional ×2, LSTM ×2)",
     "keras.layers.Bidirectional"),
    ("rnn_cell_layer.py", "recurrent layers (LSTMCell ×2, RNN)", "keras.layers.LSTMCell"),
    ("cnn_lstm_text.py", "its convolution layers (Conv1D) feed the recurrent ones",
     "keras.layers.LSTM"),
])
def test_recurrent_layers_decide_and_come_first(name: str, phrase: str, first: str) -> None:
    result = detect(name)
    assert phrase in result.reason, result.reason
    assert result.evidence[0].symbol == first
    assert result.image == image_for_kind("rnn") == image_for_kind("ann")


def test_random_forest_framework_is_sklearn() -> None:
    assert detect("random_forest_only.py").framework == "sklearn"
    assert detect("pytorch_cnn.py").framework is None


@pytest.mark.parametrize(("name", "phrase"), [
    ("kmeans_features_then_ann.py", "KMeans clustering at line 13 is trained earlier (line 14)"),
    ("autoencoder_then_kmeans.py", "Keras network at line 7 is trained earlier (line 13)"),
    ("kmeans_with_unused_keras_model.py", "Keras network at line 8 is never trained"),
    # KMeans.fit sits in a function nobody calls; the CNN's fit runs via net.train(...)
    ("class_based_cnn_unused_kmeans.py", "KMeans clustering at line 27 is never trained by code"),
])
def test_keras_and_kmeans_rule_is_explained(name: str, phrase: str) -> None:
    assert phrase in detect(name).reason


def test_training_call_is_evidence() -> None:
    result = detect("kmeans_features_then_ann.py")
    fits = [e for e in result.evidence if e.symbol.endswith(".fit")]
    assert [e.line for e in fits] == [22]


def test_training_inside_a_method_counts_where_it_is_called() -> None:
    result = detect("class_based_cnn_unused_kmeans.py")
    [fit] = [e for e in result.evidence if e.symbol == "keras.Model.fit"]
    assert fit.line == 23 and fit.why == "self.model.fit(...) trains it"


def test_prompts_are_collected_with_literal_parts() -> None:
    result = detect("input_prompts_ann.py")
    assert result.prompts == ("Number of epochs: ", "Batch size for : ", "Hidden units [%d]: ", "")
    assert detect("pima_diabetes_ann.py").prompts == ()


def test_python2_script_is_recovered_and_reported() -> None:
    result = detect("python2_print_cnn.py")
    assert result.evidence[0].line == 12
    assert any(p.startswith("python2_print_cnn.py:8: Python 2 print statement") and "5 line(s)" in p
               for p in result.problems), result.problems
    assert any(p.startswith("python2_print_cnn.py:18: Python 2 syntax") for p in result.problems)


@pytest.mark.parametrize(("name", "first_evidence", "where"), [
    ("ipython_magic_lines.py", 29, "9: IPython magic/shell lines blanked out to analyse the rest "
                                   "(5 line(s))"),
    # ``pip install x`` / ``cd dir`` typed without % or ! (IPython automagic), exported verbatim
    ("automagic_shell_lines.py", 35, "7: IPython magic/shell lines blanked out to analyse the "
                                     "rest (2 line(s))"),
])
def test_ipython_magic_lines_are_blanked_and_reported(name: str, first_evidence: int,
                                                      where: str) -> None:
    result = detect(name)
    assert result.evidence[0].line == first_evidence
    assert result.problems == (f"{name}:{where}; plain Python cannot run them, remove them from "
                               "the script",)


def test_notebook_json_evidence_is_on_the_json_line() -> None:
    result = detect("notebook_json_saved_as_py.py")
    assert result.evidence[0].line == 57
    assert result.problems[0].startswith("notebook_json_saved_as_py.py:1: Jupyter notebook JSON")
    assert "notebook_json_saved_as_py.py:71: SyntaxError in notebook cell 5" in result.problems[1]
    assert any("IPython magic" in p and p.startswith("notebook_json_saved_as_py.py:17:")
               for p in result.problems)


def test_syntax_error_is_reported_with_file_and_line() -> None:
    result = detect("syntax_error_script.py")
    assert result.problems == ("syntax_error_script.py:5: SyntaxError: '(' was never closed",)
    assert result.evidence == () and result.image is None
