# Six overlapping Gaussian blobs, one epoch of default SGD.
from sklearn.datasets import make_blobs
from sklearn.model_selection import train_test_split
from keras.models import Sequential
from keras.layers import Dense

X, y = make_blobs(n_samples=1200, centers=6, n_features=4, cluster_std=1.5, random_state=11)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=2)

model = Sequential()
model.add(Dense(8, activation="relu", input_shape=(4,)))
model.add(Dense(6, activation="softmax"))
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=1, validation_data=(X_test, y_test))
