# Is the sum of the sequence positive? A SimpleRNN trained for a single epoch.
import numpy as np
from keras.models import Sequential
from keras.layers import SimpleRNN, Dense

rng = np.random.default_rng(3)
steps, n = 16, 1000
X = rng.normal(0, 1, (n, steps, 1)).astype("float32")
y = (X.sum(axis=(1, 2)) > 0).astype("float32")

model = Sequential()
model.add(SimpleRNN(8, input_shape=(steps, 1)))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X[:800], y[:800], epochs=1, batch_size=64, validation_data=(X[800:], y[800:]))
