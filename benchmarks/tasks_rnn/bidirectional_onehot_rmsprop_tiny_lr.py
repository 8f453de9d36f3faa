# Rising, falling or flat trend under noise; one-hot labels, a Bidirectional LSTM and RMSprop at 1e-5.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(4)
steps, n = 24, 900
y = rng.integers(0, 3, n)
slope = np.array([0.08, -0.08, 0.0])[y]
X = slope[:, None] * np.arange(steps)[None, :] + rng.normal(0, 0.4, (n, steps))
X = X[..., None].astype("float32")
Y = keras.utils.to_categorical(y, 3)

model = keras.Sequential([
    keras.Input(shape=(steps, 1)),
    layers.Bidirectional(layers.LSTM(4)),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-5), loss="categorical_crossentropy",
              metrics=["accuracy"])
model.fit(X[:700], Y[:700], epochs=5, batch_size=32, validation_data=(X[700:], Y[700:]))
