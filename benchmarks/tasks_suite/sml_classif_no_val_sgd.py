# A synthetic 10-feature binary task, trained on everything with no validation; SGD at 1e-4.
from sklearn.datasets import make_classification
import tensorflow as tf

X, y = make_classification(n_samples=400, n_features=10, n_informative=5, n_redundant=2, class_sep=1.0,
                           flip_y=0.02, random_state=17)

model = tf.keras.Sequential([
    tf.keras.layers.Dense(4, activation="relu", input_shape=(10,)),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=1e-4), loss="binary_crossentropy",
              metrics=["accuracy"])
model.fit(X, y, epochs=4, batch_size=32)
