# Is the late part of the signal louder than the early part? GRU returning sequences + global pooling, 2 epochs.
import numpy as np
from keras.models import Sequential
from keras.layers import Input, GRU, GlobalAveragePooling1D, Dense
from keras.optimizers import SGD

rng = np.random.default_rng(10)
steps, n = 24, 900
y = rng.integers(0, 2, n)
scale = np.where(y[:, None] == 1, np.r_[np.full(12, 0.5), np.full(12, 1.5)], np.r_[np.full(12, 1.5), np.full(12, 0.5)])
X = (rng.normal(0, 1, (n, steps)) * scale)[..., None].astype("float32")

model = Sequential()
model.add(Input(shape=(steps, 1)))
model.add(GRU(8, return_sequences=True))
model.add(GlobalAveragePooling1D())
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer=SGD(learning_rate=0.01), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X[:700], y[:700], epochs=2, batch_size=32, validation_data=(X[700:], y[700:]))
