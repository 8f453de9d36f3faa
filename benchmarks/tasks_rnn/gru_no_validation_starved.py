# Count of positive steps above or below half, no validation data (judged on training accuracy): GRU(2), Adam at 1e-4.
import numpy as np
from keras.models import Sequential
from keras.layers import GRU, Dense
from keras.optimizers import Adam

rng = np.random.default_rng(8)
steps, n = 15, 800
X = rng.normal(0.0, 1.0, (n, steps, 1)).astype("float32")
y = ((X > 0).sum(axis=(1, 2)) > steps / 2).astype("float32")

model = Sequential()
model.add(GRU(2, input_shape=(steps, 1)))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer=Adam(learning_rate=1e-4), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=5, batch_size=32)
