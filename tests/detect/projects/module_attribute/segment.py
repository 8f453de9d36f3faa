import numpy as np

import nets as n

points = np.random.rand(300, 2)
km = n.segmenter(4)
labels = km.fit_predict(points)
print(labels[:10])
