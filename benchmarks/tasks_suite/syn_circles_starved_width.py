# Two concentric rings: needs a few bent boundaries, gets two ReLU units.
from sklearn.datasets import make_circles
from keras.models import Sequential
from keras.layers import Dense

X, y = make_circles(n_samples=800, noise=0.08, factor=0.5, random_state=0)

model = Sequential()
model.add(Dense(2, activation="relu", input_shape=(2,)))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=20, batch_size=32, validation_split=0.25, shuffle=True)
