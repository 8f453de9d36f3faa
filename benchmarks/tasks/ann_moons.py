# Two interleaving half-moons: a logistic-regression-style first model.
import os

import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split

tf.keras.utils.set_random_seed(int(os.environ.get("MLOPS_BENCH_SEED", "0")))

X, y = make_moons(n_samples=1000, noise=0.2, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.3, random_state=0)

model = tf.keras.Sequential()
model.add(tf.keras.Input(shape=(2,)))
model.add(tf.keras.layers.Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=5, batch_size=32, validation_data=(X_val, y_val))

print("val accuracy:", model.evaluate(X_val, y_val, verbose=0)[1])
