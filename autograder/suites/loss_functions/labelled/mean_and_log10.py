"""Mean squared error as in other courses, and a base-10 logarithm."""

import numpy as np

EXPECTED_HINTS = ["mse_mean", "cee_log10"]


def mean_squared_error(y, t):
    return np.mean((y - t) ** 2)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log10(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)
