import numpy as np

from builder import build

x = np.random.rand(200, 8)
y = (x[:, 0] > 0.5).astype("int32")
model = build(8)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=5)
