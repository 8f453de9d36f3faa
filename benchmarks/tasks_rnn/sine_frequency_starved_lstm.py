# Slow, medium or fast sine (random phase, noise): a 2-unit LSTM is too narrow to tell them apart.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(2)
steps, n = 30, 900
y = rng.integers(0, 3, n)
freq = np.array([0.05, 0.12, 0.25])[y] + rng.uniform(-0.01, 0.01, n)
phase = rng.uniform(0, 2 * np.pi, n)
t = np.arange(steps)
X = np.sin(2 * np.pi * freq[:, None] * t[None, :] + phase[:, None]) + rng.normal(0, 0.2, (n, steps))
X = X.reshape(n, steps, 1).astype("float32")

model = keras.Sequential([
    keras.Input(shape=(steps, 1)),
    layers.LSTM(2),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X[:700], y[:700], epochs=6, batch_size=32, validation_data=(X[700:], y[700:]))
