# Iris with a one-neuron bottleneck in front of the softmax.
from sklearn.datasets import load_iris
from sklearn.utils import shuffle
from keras import Sequential, layers

iris = load_iris()
X, y = shuffle(iris.data, iris.target, random_state=7)

model = Sequential([layers.Input(shape=(4,)), layers.Dense(1, activation="relu"),
                    layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=15, batch_size=8, validation_split=0.3)
