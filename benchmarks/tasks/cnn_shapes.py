# Generated 16x16 pictures of four shapes (bar, cross, square, disc) at random places, with noise.
import os

import numpy as np
from keras import Sequential
from keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D
from keras.utils import set_random_seed

set_random_seed(int(os.environ.get("MLOPS_BENCH_SEED", "0")))


def make_shapes(n, size=16, seed=0):
    rng = np.random.default_rng(seed)
    images = np.zeros((n, size, size, 1), dtype="float32")
    labels = rng.integers(0, 4, n)
    yy, xx = np.mgrid[0:size, 0:size]
    for i, label in enumerate(labels):
        r = int(rng.integers(3, 6))
        cy, cx = rng.integers(r, size - r, 2)
        if label == 0:    # horizontal bar
            mask = (abs(yy - cy) <= 1) & (abs(xx - cx) <= r)
        elif label == 1:  # cross
            mask = ((abs(yy - cy) <= 0) & (abs(xx - cx) <= r)) | ((abs(xx - cx) <= 0) & (abs(yy - cy) <= r))
        elif label == 2:  # square outline
            box = (abs(yy - cy) <= r) & (abs(xx - cx) <= r)
            mask = box & ~((abs(yy - cy) <= r - 1) & (abs(xx - cx) <= r - 1))
        else:             # filled disc
            mask = (yy - cy) ** 2 + (xx - cx) ** 2 <= r * r
        images[i, :, :, 0] = mask + rng.normal(0, 0.35, (size, size))
    return images, labels


X, y = make_shapes(1200)
X_train, y_train, X_val, y_val = X[:900], y[:900], X[900:], y[900:]

model = Sequential()
model.add(Input(shape=(16, 16, 1)))
model.add(Conv2D(4, (3, 3), activation="relu"))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dense(4, activation="softmax"))
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=2, batch_size=32, validation_data=(X_val, y_val))

print("accuracy on held-out shapes:", model.evaluate(X_val, y_val, verbose=0)[1])
