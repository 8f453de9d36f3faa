"""Keras 2 spellings on Keras 3 (real Keras, tiny models): each runs as its Keras 3 name."""

from __future__ import annotations

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from pipeline_lib.runtime import keras2  # noqa: E402


@pytest.fixture(autouse=True, scope="module")
def _installed() -> None:
    keras2.install()


def test_batch_input_shape_with_a_batch_size_gives_a_static_batch_a_stateful_rnn_needs() -> None:
    model = keras.Sequential()
    model.add(keras.layers.LSTM(4, stateful=True, batch_input_shape=(8, 5, 3)))
    model.add(keras.layers.Dense(1))
    model.compile(loss="mse", optimizer=keras.optimizers.Adam(lr=0.05))
    model.fit(np.zeros((16, 5, 3)), np.zeros((16, 1)), batch_size=8, epochs=1, verbose=0, shuffle=False)
    assert tuple(model.inputs[0].shape) == (8, 5, 3)
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.05)


def test_batch_input_shape_without_a_batch_size_is_an_input_shape() -> None:
    model = keras.Sequential([keras.layers.Dense(3, batch_input_shape=(None, 4))])
    assert tuple(model.inputs[0].shape) == (None, 4)


def test_renamed_modules_and_methods_are_the_keras_3_objects() -> None:
    from keras.layers.core import Dense
    from keras.preprocessing.text import Tokenizer
    from keras.utils import np_utils

    assert Dense is keras.layers.Dense
    assert np_utils.to_categorical([0, 1], 2).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    Tokenizer(num_words=5).fit_on_texts(["two words"])
    metric = keras.metrics.Mean()
    metric.update_state([3.0])
    metric.reset_states()
    assert float(metric.result()) == 0.0


def test_a_1d_x_is_made_a_column_in_fit_evaluate_and_predict_as_tf_keras_2_did() -> None:
    x = np.linspace(0.0, 1.0, 64, dtype="float32")
    model = keras.Sequential([keras.layers.Dense(4, activation="relu"), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="adam")
    model.fit(x, 2 * x, epochs=1, verbose=0)
    assert tuple(model.input_shape)[1:] == (1,)
    model.evaluate(x=x, y=2 * x, verbose=0)
    assert model.predict(x, verbose=0).shape == (64, 1)


def test_a_model_that_takes_rank_1_input_keeps_its_1d_x() -> None:
    inputs = keras.Input(shape=())
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Reshape((1,))(inputs)))
    model.compile(loss="mse", optimizer="adam")
    model.fit(np.zeros(8, dtype="float32"), np.zeros(8, dtype="float32"), epochs=1, verbose=0)
    assert tuple(model.input_shape) == (None,)
