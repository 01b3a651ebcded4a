"""A softmax whose row maxima and sums lose their axis (no keepdims): 2-D inputs fail."""

import numpy as np

EXPECTED_HINTS = ["softmax_keepdims"]


def mean_squared_error(y, t):
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    if y.ndim == 1:
        t = t.reshape(1, t.size)
        y = y.reshape(1, y.size)
    if t.size == y.size:
        t = t.argmax(axis=1)
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


def softmax(x):
    x = x - np.max(x, axis=-1)
    return np.exp(x) / np.sum(np.exp(x), axis=-1)
