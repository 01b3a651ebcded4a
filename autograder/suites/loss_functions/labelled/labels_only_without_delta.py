"""A cross-entropy written for integer labels only, and without the delta inside the log."""

import numpy as np

EXPECTED_HINTS = ["cee_labels_only", "cee_no_delta"]


def mean_squared_error(y, t):
    return 0.5 * np.sum(np.square(y - t))


def cross_entropy_error(y, t):
    if y.ndim == 1:
        y = y.reshape(1, y.size)
        t = np.array(t).reshape(1, -1)
    n = y.shape[0]
    with np.errstate(divide="ignore"):
        return -np.sum(np.log(y[np.arange(n), t.ravel()])) / n


def softmax(x):
    c = np.max(x, axis=-1, keepdims=True)
    e = np.exp(x - c)
    return e / np.sum(e, axis=-1, keepdims=True)
