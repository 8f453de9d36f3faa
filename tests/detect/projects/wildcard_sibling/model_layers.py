# Shared imports for the notebooks of this project.
import numpy as np
from tensorflow.keras import layers, models, optimizers

IMAGE_SHAPE = (28, 28, 1)
