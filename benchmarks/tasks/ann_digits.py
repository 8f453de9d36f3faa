# Handwritten digits (8x8, flattened to 64 pixels) with a dense network.
import os

import keras
from keras import layers
from sklearn.datasets import load_digits

keras.utils.set_random_seed(int(os.environ.get("MLOPS_BENCH_SEED", "0")))

digits = load_digits()
X = digits.data / 16.0
y = digits.target

model = keras.Sequential()
model.add(layers.Dense(8, activation="relu", input_shape=(64,)))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(X, y, epochs=2, batch_size=64, validation_split=0.25)

print("validation accuracy:", history.history["val_accuracy"][-1])
