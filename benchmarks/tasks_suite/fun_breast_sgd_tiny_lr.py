# Breast cancer with the functional API; SGD at a tiny rate for three epochs.
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import MinMaxScaler
import keras

X, y = load_breast_cancer(return_X_y=True)
X = MinMaxScaler().fit_transform(X)

inputs = keras.Input(shape=(30,))
hidden = keras.layers.Dense(16, activation="relu")(inputs)
outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-4), loss="binary_crossentropy",
              metrics=["accuracy"])
model.fit(X, y, epochs=3, batch_size=16, validation_split=0.2, shuffle=True)
