from keras.models import Sequential
from keras.layers import *
