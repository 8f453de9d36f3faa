# Generated 12x12 images of squares, crosses and rings (noisy); a single conv filter.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(8)


def draw(kind, size=12):
    img = rng.normal(0, 0.25, (size, size))
    r, c = rng.integers(3, size - 3, 2)
    if kind == 0:
        img[r - 2:r + 3, c - 2:c + 3] += 1.0
    elif kind == 1:
        img[r - 2:r + 3, c] += 1.0
        img[r, c - 2:c + 3] += 1.0
    else:
        yy, xx = np.ogrid[:size, :size]
        ring = np.abs(np.hypot(yy - r, xx - c) - 2.0) < 0.7
        img[ring] += 1.0
    return img


labels = rng.integers(0, 3, 900)
images = np.stack([draw(k) for k in labels])[..., None].astype("float32")

model = keras.Sequential([
    layers.Conv2D(1, 3, activation="relu", input_shape=(12, 12, 1)),
    layers.MaxPooling2D(4),
    layers.Flatten(),
    layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(images, labels, epochs=3, batch_size=32, validation_split=0.25)
