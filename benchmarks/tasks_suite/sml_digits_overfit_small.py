# 60 labelled digits, a huge network and many epochs at a high rate (0.05): it memorises the training set.
from sklearn.datasets import load_digits
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import Adam

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, y_train = X[:60], y[:60]
X_val, y_val = X[1000:1400], y[1000:1400]

model = Sequential()
model.add(Dense(512, activation="relu", input_shape=(64,)))
model.add(Dense(512, activation="relu"))
model.add(Dense(10, activation="softmax"))
model.compile(optimizer=Adam(learning_rate=0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=30, batch_size=16, validation_data=(X_val, y_val))
