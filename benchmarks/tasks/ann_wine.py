# Wine cultivar classification (3 classes) with a dense network.
import os

import numpy as np
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from keras.models import Sequential
from keras.layers import Dense
from keras.utils import set_random_seed, to_categorical

set_random_seed(int(os.environ.get("MLOPS_BENCH_SEED", "0")))

wine = load_wine()
X = wine.data / np.max(wine.data, axis=0)   # scale each feature to [0, 1]
y = to_categorical(wine.target, 3)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=wine.target)

model = Sequential()
model.add(Dense(4, activation="relu", input_shape=(13,)))
model.add(Dense(3, activation="softmax"))
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=3, batch_size=16, validation_data=(X_test, y_test))

print("accuracy:", model.evaluate(X_test, y_test, verbose=0)[1])
