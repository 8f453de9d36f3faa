# 8x8 digit images through one small conv block; slow SGD for two epochs.
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from keras import Sequential
from keras.layers import Conv2D, Dense, Flatten, Input, MaxPooling2D
from keras.optimizers import SGD

digits = load_digits()
X = (digits.images / 16.0).reshape(-1, 8, 8, 1)
X_train, X_test, y_train, y_test = train_test_split(X, digits.target, test_size=0.25, random_state=4)

model = Sequential()
model.add(Input(shape=(8, 8, 1)))
model.add(Conv2D(4, (3, 3), activation="relu"))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dense(10, activation="softmax"))
model.compile(optimizer=SGD(learning_rate=0.002), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=2, batch_size=32, validation_data=(X_test, y_test))
