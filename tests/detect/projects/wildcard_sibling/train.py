from model_layers import *

x = np.random.rand(64, 28, 28, 1)
y = np.random.randint(0, 10, 64)
model = models.Sequential([
    layers.Conv2D(16, 3, activation="relu", input_shape=IMAGE_SHAPE),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=optimizers.Adam(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2)
