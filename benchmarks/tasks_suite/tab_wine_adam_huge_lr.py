# Wine cultivars, unscaled features, Adam with a learning rate far too high.
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import Adam

X, y = load_wine(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=3, stratify=y)

model = Sequential()
model.add(Dense(16, activation="relu", input_dim=13))
model.add(Dense(3, activation="softmax"))
model.compile(optimizer=Adam(learning_rate=0.8), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=10, validation_data=(X_val, y_val))
