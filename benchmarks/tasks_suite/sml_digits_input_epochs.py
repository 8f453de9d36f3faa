# Digit pixels, epochs from a prompt (the benchmark answers 1), SGD at 0.002, validation_split.
from sklearn.datasets import load_digits
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD

X, y = load_digits(return_X_y=True)
n_epochs = int(input("How many epochs? "))

model = Sequential()
model.add(Dense(16, activation="relu", input_shape=(64,)))
model.add(Dense(10, activation="softmax"))
model.compile(optimizer=SGD(learning_rate=0.002), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X / 16.0, y, epochs=n_epochs, batch_size=32, validation_split=0.2)
