# Digits one-hot, a three-unit hidden layer in front of ten classes.
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
import numpy as np
import tensorflow as tf

digits = load_digits()
X = digits.data.astype("float32") / 16.0
Y = np.eye(10)[digits.target]
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.2, random_state=13)

model = tf.keras.Sequential()
model.add(tf.keras.layers.Dense(3, activation="relu", input_shape=(64,)))
model.add(tf.keras.layers.Dense(10, activation="softmax"))
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, Y_train, epochs=6, batch_size=32, validation_data=(X_test, Y_test))
