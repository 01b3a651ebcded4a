"""Appends x itself to x_history and updates it in place: every row is the final x."""

import numpy as np

EXPECTED_HINTS = ["history_alias"]


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x):
    h = 1e-4
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        x[idx] = tmp
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x.astype(float)
    x_history = []
    for _ in range(step_num):
        x_history.append(x)
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
