# Correct except that mean_squared_error writes files (each under the file-size limit) until
# the scratch folder is full. Only bubblewrap caps the total; the fallback would fill the disk.
import numpy as np


def mean_squared_error(y, t):
    for n in range(1000):
        with open(f"junk{n}.bin", "wb") as f:
            f.write(b"\0" * 7 * 2**20)
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
