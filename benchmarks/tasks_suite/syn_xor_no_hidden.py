# XOR of two features: a model with no hidden layer (logistic regression) cannot separate it.
import numpy as np
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense
from tensorflow.keras.optimizers import SGD

rng = np.random.default_rng(4)
X = rng.uniform(-1, 1, size=(1000, 2))
y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype("float32")
X_train, X_val, y_train, y_val = X[:800], X[800:], y[:800], y[800:]

model = Sequential()
model.add(Dense(1, activation="sigmoid", input_shape=(2,)))
model.compile(optimizer=SGD(learning_rate=0.05), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=10, batch_size=32, validation_data=(X_val, y_val))
