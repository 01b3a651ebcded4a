# Lee Seoyeon: loops instead of vectorised numpy, still correct.
import numpy as np


def mean_squared_error(y, t):
    total = 0.0
    for a, b in zip(np.ravel(y), np.ravel(t)):
        total += (a - b) ** 2
    return total / 2


def cross_entropy_error(y, t):
    y = np.atleast_2d(y)
    t = np.asarray(t)
    labels = t.reshape(y.shape).argmax(axis=1) if t.size == y.size else t.reshape(-1)
    losses = [-np.log(y[i, labels[i]] + 1e-7) for i in range(y.shape[0])]
    return sum(losses) / len(losses)


def softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)
