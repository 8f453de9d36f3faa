# Which third of a noisy signal holds the pulse? One GRU trained by SGD at 1e-4: it barely moves.
import numpy as np
from keras.models import Sequential
from keras.layers import GRU, Dense
from keras.optimizers import SGD

rng = np.random.default_rng(1)
steps, n = 20, 800
y = rng.integers(0, 3, n)
centre = y * steps / 3 + steps / 6 + rng.uniform(-2, 2, n)
X = np.exp(-((np.arange(steps)[None, :] - centre[:, None]) ** 2) / 3.0) + rng.normal(0, 0.3, (n, steps))
X = X[..., None].astype("float32")

model = Sequential()
model.add(GRU(16, input_shape=(steps, 1)))
model.add(Dense(3, activation="softmax"))
model.compile(optimizer=SGD(learning_rate=1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X[:600], y[:600], epochs=5, batch_size=32, validation_data=(X[600:], y[600:]))
