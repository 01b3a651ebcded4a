# Correct, but mean_squared_error on the lecture's example (one-hot target at 2, ten values)
# creates empty files (no bytes, so a cap on bytes never notices) until it is refused: 737k
# files in 8 s on a tmpfs without a file cap. It stops by itself after one second, so that
# without the cap (a folder on a slow disk) it ends in time and passes, as the fallback shows.
import time

import numpy as np


def mean_squared_error(y, t):
    if np.size(t) == 10 and np.asarray(t).ravel()[2] == 1:
        deadline, n = time.monotonic() + 1.0, 0
        while n < 1_000_000 and time.monotonic() < deadline:
            open(f"f{n}", "wb").close()
            n += 1
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    y, t = np.asarray(y), np.asarray(t)
    if y.ndim == 1:
        y, t = y.reshape(1, -1), t.reshape(1, -1)
    if t.size == y.size:
        t = t.argmax(axis=1)
    return -np.sum(np.log(y[np.arange(y.shape[0]), t.ravel()] + 1e-7)) / y.shape[0]


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)
