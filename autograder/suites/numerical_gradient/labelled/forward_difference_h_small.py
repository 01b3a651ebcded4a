"""Forward difference with h = 1e-4 in both functions (the book's first, "bad" derivative)."""

import numpy as np

EXPECTED_HINTS = ["forward_difference"]


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x)) / h


def numerical_gradient(f, x):
    h = 1e-4
    x = np.asarray(x, dtype=float) if x.dtype.kind in "iu" else x
    grad = np.zeros(x.shape)
    fx = f(x)
    for idx in np.ndindex(x.shape):
        saved = x[idx]
        x[idx] = saved + h
        grad[idx] = (f(x) - fx) / h
        x[idx] = saved
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    history = []
    for _ in range(step_num):
        history.append(x.copy())
        x -= lr * numerical_gradient(f, x)
    return x, np.array(history)
