from tensorflow.keras import layers, models


def small_convnet(classes):
    return models.Sequential([
        layers.Conv2D(8, 3, activation="relu", input_shape=(16, 16, 1)),
        layers.Flatten(),
        layers.Dense(classes, activation="softmax"),
    ])
