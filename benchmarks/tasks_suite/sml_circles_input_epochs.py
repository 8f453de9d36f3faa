# Rings with the number of epochs typed in at the prompt (the benchmark answers 2).
from sklearn.datasets import make_circles
from keras.models import Sequential
from keras.layers import Dense

X, y = make_circles(n_samples=600, noise=0.1, factor=0.4, random_state=3)
epochs = int(input("Number of epochs: "))

model = Sequential()
model.add(Dense(6, activation="relu", input_shape=(2,)))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=epochs, batch_size=32, validation_split=0.3, shuffle=True)
