# Functional conv net on noisy bar images (horizontal, vertical, diagonal); slow SGD, two epochs.
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(12)
n = 900
labels = rng.integers(0, 3, n)
images = rng.normal(0, 0.4, (n, 10, 10)).astype("float32")
for i, k in enumerate(labels):
    at = rng.integers(2, 8)
    if k == 0:
        images[i, at, 1:9] += 1.0
    elif k == 1:
        images[i, 1:9, at] += 1.0
    else:
        images[i, range(1, 9), range(1, 9)] += 1.0
images = images[..., None]

inputs = keras.Input(shape=(10, 10, 1))
x = layers.Conv2D(8, 3, activation="relu")(inputs)
x = layers.MaxPooling2D(2)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.001), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(images, labels, epochs=2, batch_size=32, validation_split=0.25)
