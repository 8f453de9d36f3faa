# Handwritten digits as 64 pixel features, RMSprop with a tiny learning rate, few epochs.
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
import tensorflow as tf

digits = load_digits()
X = digits.data / 16.0
X_train, X_test, y_train, y_test = train_test_split(X, digits.target, test_size=0.25, random_state=0)

model = tf.keras.models.Sequential()
model.add(tf.keras.layers.Dense(32, activation="relu", input_shape=(64,)))
model.add(tf.keras.layers.Dense(10, activation="softmax"))
model.compile(optimizer=tf.keras.optimizers.RMSprop(learning_rate=1e-5),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=4, validation_data=(X_test, y_test))
