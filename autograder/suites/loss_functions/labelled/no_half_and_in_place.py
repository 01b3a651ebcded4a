"""The sum of squares without its ½, and a softmax that subtracts the maximum in place."""

import numpy as np

EXPECTED_HINTS = ["mse_no_half", "softmax_in_place"]


def mean_squared_error(y, t):
    return np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    y = np.asarray(y)
    t = np.asarray(t)
    if y.ndim == 1:
        y = y[np.newaxis, :]
        t = t.reshape(1, -1)
    if t.shape == y.shape:
        t = np.argmax(t, axis=1)
    n = len(y)
    return float(-np.mean(np.log(y[range(n), t.ravel()] + 1e-7))) if n else 0.0


def softmax(x):
    x -= np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)
