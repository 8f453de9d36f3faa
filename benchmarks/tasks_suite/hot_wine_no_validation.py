# Wine, one-hot labels, no validation data at all (judged on training accuracy); slow SGD.
from sklearn.datasets import load_wine
from sklearn.preprocessing import StandardScaler
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD
from keras.utils import to_categorical

wine = load_wine()
X = StandardScaler().fit_transform(wine.data)
Y = to_categorical(wine.target)

model = Sequential()
model.add(Dense(4, activation="tanh", input_shape=(13,)))
model.add(Dense(3, activation="softmax"))
model.compile(optimizer=SGD(learning_rate=0.001), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X, Y, epochs=5, batch_size=16)
