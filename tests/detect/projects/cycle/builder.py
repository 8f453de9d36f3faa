from keras.layers import Dense
from keras.models import Sequential

from heads import classifier_head

UNITS = 32


def build(features):
    model = Sequential([Dense(UNITS, activation="relu", input_shape=(features,))])
    classifier_head(model)
    return model
