# Two moons through three narrow sigmoid layers with a slow SGD: the gradient barely gets through.
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD

X, y = make_moons(n_samples=1000, noise=0.2, random_state=5)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=5)

model = Sequential()
model.add(Dense(4, activation="sigmoid", input_shape=(2,)))
model.add(Dense(4, activation="sigmoid"))
model.add(Dense(4, activation="sigmoid"))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer=SGD(learning_rate=0.001), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=5, batch_size=32, validation_data=(X_test, y_test))
