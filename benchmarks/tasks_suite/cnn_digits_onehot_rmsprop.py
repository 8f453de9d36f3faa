# Digits as images, one-hot labels and categorical cross-entropy; RMSprop barely moving.
from sklearn.datasets import load_digits
from keras.models import Sequential
from keras.layers import Conv2D, Dense, Flatten, MaxPooling2D
from keras.optimizers import RMSprop
from keras.utils import to_categorical

digits = load_digits()
X = (digits.images / 16.0)[..., None]
Y = to_categorical(digits.target, 10)
X_train, Y_train, X_test, Y_test = X[:1300], Y[:1300], X[1300:], Y[1300:]

model = Sequential()
model.add(Conv2D(8, (3, 3), activation="relu", padding="same", input_shape=(8, 8, 1)))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer=RMSprop(learning_rate=3e-5), metrics=["accuracy"])
model.fit(X_train, Y_train, batch_size=64, epochs=3, validation_data=(X_test, Y_test))
