from tensorflow import keras


def build_gru(steps: int, features: int) -> keras.Model:
    inputs = keras.Input((steps, features))
    x = keras.layers.GRU(32, return_sequences=True)(inputs)
    x = keras.layers.GRU(16)(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)
