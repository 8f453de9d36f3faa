# Noisy 10x10 images with a horizontal or a vertical bar; Adam at a learning rate of 1.0.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(2)
n = 800
labels = rng.integers(0, 2, n)
images = rng.normal(0, 0.5, (n, 10, 10)).astype("float32")
for i, k in enumerate(labels):
    at = rng.integers(1, 9)
    if k == 0:
        images[i, at, 1:9] += 1.0
    else:
        images[i, 1:9, at] += 1.0
images = images[..., None]

model = tf.keras.Sequential([
    tf.keras.layers.Input((10, 10, 1)),
    tf.keras.layers.Conv2D(8, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1.0), loss="binary_crossentropy",
              metrics=["accuracy"])
model.fit(images, labels, epochs=5, validation_split=0.2)
