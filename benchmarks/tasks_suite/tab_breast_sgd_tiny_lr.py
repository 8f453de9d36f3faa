# Breast cancer diagnosis: a small dense net trained with plain SGD at a tiny learning rate.
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

data = load_breast_cancer()
X_train, X_test, y_train, y_test = train_test_split(data.data, data.target, test_size=0.3, random_state=1)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)

model = keras.Sequential([
    keras.layers.Dense(8, activation="relu", input_shape=(30,)),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.00005), loss="binary_crossentropy",
              metrics=["accuracy"])
model.fit(X_train, y_train, epochs=3, batch_size=32, validation_data=(X_test, y_test))
