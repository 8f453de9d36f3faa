import numpy as np

import shapes.convnet

net = shapes.convnet.small_convnet(3)
net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
net.fit(np.random.rand(30, 16, 16, 1), np.random.randint(0, 3, 30), epochs=2)
