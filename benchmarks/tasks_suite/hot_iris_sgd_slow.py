# Iris with one-hot targets and categorical cross-entropy; SGD at 0.001 for ten epochs.
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD
from keras.utils import to_categorical

X, y = load_iris(return_X_y=True)
Y = to_categorical(y)
X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.3, random_state=42, stratify=y)

model = Sequential()
model.add(Dense(8, input_dim=4, activation="relu"))
model.add(Dense(3, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer=SGD(learning_rate=0.001), metrics=["accuracy"])
model.fit(X_train, Y_train, epochs=10, batch_size=10, validation_data=(X_test, Y_test))
