from keras.layers import Dense

import builder


def classifier_head(model):
    model.add(Dense(builder.UNITS // 2, activation="relu"))
    model.add(Dense(1, activation="sigmoid"))
