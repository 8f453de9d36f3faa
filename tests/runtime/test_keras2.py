"""Keras 2 spellings on Keras 3 (real Keras, tiny models): each runs as its Keras 3 name."""

from __future__ import annotations

from collections.abc import Iterator

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


def test_keras_1_layer_arguments_run_as_their_keras_2_names() -> None:
    dense = keras.layers.Dense(output_dim=4, init="zeros", W_regularizer=keras.regularizers.L2(0.1), bias=False)
    assert dense.units == 4 and dense.use_bias is False and dense.kernel_regularizer is not None
    assert isinstance(dense.kernel_initializer, keras.initializers.Zeros)
    embedding = keras.layers.Embedding(10, 4, init="ones")  # the same old name, another new one
    assert isinstance(embedding.embeddings_initializer, keras.initializers.Ones)
    assert keras.layers.Dropout(p=0.3).rate == 0.3
    lstm = keras.layers.LSTM(output_dim=3, dropout_W=0.1, dropout_U=0.2, consume_less="cpu")
    assert (lstm.units, lstm.dropout, lstm.recurrent_dropout) == (3, 0.1, 0.2)
    pool = keras.layers.MaxPooling1D(pool_length=3, stride=1, border_mode="same")
    assert (pool.pool_size, pool.strides, pool.padding) == ((3,), (1,), "same")
    conv1d = keras.layers.Convolution1D(nb_filter=4, filter_length=3, subsample_length=2)
    assert (conv1d.filters, conv1d.kernel_size, conv1d.strides) == (4, (3,), (2,))


def test_a_keras_1_conv2d_with_rows_and_cols_gets_that_kernel_not_those_strides() -> None:
    conv = keras.layers.Convolution2D(8, 3, 3, border_mode="same", subsample=(2, 2), dim_ordering="tf")
    assert (conv.kernel_size, conv.strides, conv.padding, conv.data_format) == ((3, 3), (2, 2), "same",
                                                                                "channels_last")
    plain = keras.layers.Conv2D(8, 3, 2)  # Keras 3's own (filters, kernel_size, strides): untouched
    assert (plain.kernel_size, plain.strides) == ((3, 3), (2, 2))


def test_an_optimizer_decay_decays_as_keras_2_did_instead_of_being_ignored() -> None:
    optimizer = keras.optimizers.SGD(lr=0.1, decay=0.5)
    schedule = optimizer._learning_rate
    assert isinstance(schedule, keras.optimizers.schedules.InverseTimeDecay)
    assert float(schedule(0)) == pytest.approx(0.1) and float(schedule(2)) == pytest.approx(0.1 / (1 + 0.5 * 2))


def test_keras_1_fit_arguments_are_renamed_and_worker_hints_dropped() -> None:
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="adam")
    x, y = np.zeros((8, 2), dtype="float32"), np.zeros((8, 1), dtype="float32")

    def batches() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        while True:
            yield x, y

    history = model.fit_generator(batches(), samples_per_epoch=3, nb_epoch=2, nb_worker=4, pickle_safe=True,
                                  max_q_size=5, verbose=0)
    assert len(history.history["loss"]) == 2
    model.fit(x, y, epochs=1, workers=2, use_multiprocessing=True, max_queue_size=3, verbose=0)
    assert model.evaluate_generator(batches(), val_samples=2, workers=2, verbose=0) == pytest.approx(
        model.evaluate(x, y, verbose=0))


def test_removed_names_with_a_plain_successor_resolve_in_keras_and_tf_keras() -> None:
    import tensorflow as tf
    from keras.layers.experimental.preprocessing import Rescaling
    from keras.optimizers import adam
    from tensorflow.keras.layers.experimental import preprocessing

    assert Rescaling is keras.layers.Rescaling and adam is keras.optimizers.Adam
    assert isinstance(preprocessing.Rescaling(1 / 255.0), keras.layers.Rescaling)
    assert isinstance(tf.keras.layers.experimental.preprocessing.RandomFlip("horizontal"), keras.layers.RandomFlip)
    assert isinstance(keras.layers.CuDNNLSTM(4), keras.layers.LSTM)
    assert isinstance(tf.keras.layers.CuDNNGRU(4), keras.layers.GRU)
    before = keras.backend.image_data_format()
    try:
        keras.backend.set_image_dim_ordering("th")
        assert keras.backend.image_data_format() == "channels_first" and keras.backend.image_dim_ordering() == "th"
    finally:
        keras.backend.set_image_data_format(before)
