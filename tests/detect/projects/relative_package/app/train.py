import numpy as np

from .nets import build_gru


def main() -> None:
    x = np.random.rand(128, 12, 3)
    y = (x.sum(axis=(1, 2)) > 18).astype("int32")
    model = build_gru(12, 3)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=3, validation_split=0.2)


if __name__ == "__main__":
    main()
