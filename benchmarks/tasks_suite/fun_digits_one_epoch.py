# Functional dense net on digit pixels, one epoch with a small Adam rate.
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras

X, y = load_digits(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X / 16.0, y, test_size=0.3, random_state=9)

inp = keras.layers.Input(shape=(64,), name="pixels")
x = keras.layers.Dense(32, activation="relu")(inp)
out = keras.layers.Dense(10, activation="softmax")(x)
model = keras.models.Model(inputs=inp, outputs=out)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=2e-4), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(X_train, y_train, epochs=1, batch_size=32, validation_data=(X_val, y_val))
