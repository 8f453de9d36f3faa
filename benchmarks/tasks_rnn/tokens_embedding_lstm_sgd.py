# Which of three marker tokens occurs most often in a sequence of 20 tokens? Embedding + LSTM, SGD at 1e-3.
import numpy as np
from keras.models import Sequential
from keras.layers import Embedding, LSTM, Dense
from keras.optimizers import SGD

rng = np.random.default_rng(5)
steps, n, vocab = 20, 1200, 12
X = rng.integers(3, vocab, (n, steps))
y = rng.integers(0, 3, n)
for i in range(n):
    where = rng.choice(steps, 6, replace=False)
    X[i, where[:4]] = y[i]
    X[i, where[4:]] = (y[i] + 1 + rng.integers(0, 2)) % 3

model = Sequential()
model.add(Embedding(vocab, 8))
model.add(LSTM(4))
model.add(Dense(3, activation="softmax"))
model.compile(optimizer=SGD(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X[:1000], y[:1000], epochs=5, batch_size=32, validation_data=(X[1000:], y[1000:]))
