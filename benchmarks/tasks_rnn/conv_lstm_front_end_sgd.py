# Square, sawtooth or sine wave: a Conv1D feature extractor under a 2-unit LSTM, SGD at 0.003.
import numpy as np
from keras.models import Sequential
from keras.layers import Input, Conv1D, MaxPooling1D, LSTM, Dense
from keras.optimizers import SGD

rng = np.random.default_rng(7)
steps, n = 40, 900
y = rng.integers(0, 3, n)
t = (np.arange(steps)[None, :] / 10.0 + rng.uniform(0, 1, (n, 1))) % 1.0
waves = np.stack([np.sign(t - 0.5), 2 * t - 1, np.sin(2 * np.pi * t)])
X = waves[y, np.arange(n)] + rng.normal(0, 0.3, (n, steps))
X = X[..., None].astype("float32")

model = Sequential()
model.add(Input(shape=(steps, 1)))
model.add(Conv1D(4, 3, activation="relu"))
model.add(MaxPooling1D(2))
model.add(LSTM(2))
model.add(Dense(3, activation="softmax"))
model.compile(optimizer=SGD(learning_rate=0.003), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X[:700], y[:700], epochs=5, batch_size=32, validation_data=(X[700:], y[700:]))
