# Wine with the functional API on raw (unscaled) features; Adam with a learning rate of 10.
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
import keras
from keras import layers

X, y = load_wine(return_X_y=True)
y = keras.utils.to_categorical(y, 3)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=6)

inputs = keras.Input((13,))
x = layers.Dense(32, activation="relu")(inputs)
x = layers.Dense(16, activation="relu")(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="wine")
model.compile(optimizer=keras.optimizers.Adam(10.0), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=4, validation_data=(X_test, y_test))
