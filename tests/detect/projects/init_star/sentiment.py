from __init__ import *
import numpy as np

x = np.random.randint(0, 500, (100, 20))
y = np.random.randint(0, 2, 100)
model = Sequential()
model.add(Embedding(500, 16))
model.add(LSTM(32, return_sequences=True))
model.add(LSTM(16))
model.add(Dense(1, activation="sigmoid"))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2)
