# Which channel of two carries the pulse? LSTM + Dense head with Adam at 0.5: the steps overshoot.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(9)
steps, n = 20, 900
y = rng.integers(0, 2, n)
X = rng.normal(0, 0.5, (n, steps, 2))
centre = rng.integers(4, 16, n)
bump = np.exp(-((np.arange(steps)[None, :] - centre[:, None]) ** 2) / 2.0)
X[np.arange(n), :, y] += bump
X = X.astype("float32")

model = keras.Sequential([
    keras.Input(shape=(steps, 2)),
    layers.LSTM(16),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.5), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X[:700], y[:700], epochs=5, batch_size=32, validation_data=(X[700:], y[700:]))
