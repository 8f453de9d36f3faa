import numpy as np

from model import model

images = np.random.rand(40, 32, 32, 3)
labels = np.random.randint(0, 2, 40)
model.fit(images, labels, epochs=2, batch_size=8)
