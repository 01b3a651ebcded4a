# mean_squared_error calls sys.exit(0), cross_entropy_error raises KeyboardInterrupt,
# softmax is correct.
import sys

import numpy as np


def mean_squared_error(y, t):
    sys.exit(0)


def cross_entropy_error(y, t):
    raise KeyboardInterrupt


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)
