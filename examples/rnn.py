# Where in the sequence is the pulse? A stacked LSTM/GRU on generated noisy signals (the data ships with the script).
import numpy as np
from keras.models import Sequential
from keras.layers import Input, LSTM, GRU, Dense
from keras.optimizers import SGD
from keras.utils import set_random_seed

set_random_seed(42)

# 900 signals of 24 steps: noise plus one bump in the first, middle or last third (the class).
rng = np.random.default_rng(42)
steps = 24
y = rng.integers(0, 3, 900)
centre = y * steps / 3 + steps / 6 + rng.uniform(-2, 2, 900)
t = np.arange(steps)
X = np.exp(-((t[None, :] - centre[:, None]) ** 2) / 4.0) + rng.normal(0, 0.3, (900, steps))
X = X[..., None].astype("float32")
X_train, X_test, y_train, y_test = X[:675], X[675:], y[:675], y[675:]

model = Sequential()
model.add(Input(shape=(steps, 1)))
model.add(LSTM(3, return_sequences=True))
model.add(GRU(3))
model.add(Dense(3, activation='softmax'))

model.compile(optimizer=SGD(learning_rate=0.001), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
model.fit(X_train, y_train, epochs=8, batch_size=32, validation_data=(X_test, y_test))

loss, accuracy = model.evaluate(X_test, y_test, verbose=0)
print("Test accuracy:", accuracy)
