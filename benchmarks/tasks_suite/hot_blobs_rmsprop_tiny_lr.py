# Four blobs in 8 dimensions, one-hot labels; RMSprop at 1e-4, three epochs, validation_split.
from sklearn.datasets import make_blobs
from keras import Sequential
from keras.layers import Dense, Input
from keras.optimizers import RMSprop
from keras.utils import to_categorical

X, y = make_blobs(n_samples=1000, centers=4, n_features=8, cluster_std=3.0, random_state=21)
Y = to_categorical(y, num_classes=4)

model = Sequential([Input(shape=(8,)), Dense(16, activation="relu"), Dense(4, activation="softmax")])
model.compile(optimizer=RMSprop(learning_rate=1e-4), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X, Y, epochs=3, batch_size=32, validation_split=0.2)
