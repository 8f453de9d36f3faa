# Three stacked 4-unit SimpleRNNs on "which half holds the larger mean", with plain SGD at 0.001.
import numpy as np
from keras.models import Sequential
from keras.layers import Input, SimpleRNN, Dense
from keras.optimizers import SGD

rng = np.random.default_rng(6)
steps, n = 20, 900
y = rng.integers(0, 2, n)
X = rng.normal(0, 1, (n, steps))
X[np.arange(n), :] += np.where(y[:, None] == 1, np.r_[np.zeros(10), np.ones(10)], np.r_[np.ones(10), np.zeros(10)]) * 0.6
X = X[..., None].astype("float32")

model = Sequential()
model.add(Input(shape=(steps, 1)))
model.add(SimpleRNN(4, return_sequences=True))
model.add(SimpleRNN(4, return_sequences=True))
model.add(SimpleRNN(4))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer=SGD(learning_rate=0.001), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X[:700], y[:700], epochs=4, batch_size=32, validation_data=(X[700:], y[700:]))
