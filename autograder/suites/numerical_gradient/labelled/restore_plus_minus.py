"""Restores x[i] as tmp + h - h: equal to tmp in exact arithmetic, off by an ulp in floats."""

import numpy as np

EXPECTED_HINTS = ["restore_by_arithmetic"]


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x):
    h = 1e-4
    if x.dtype.kind != "f":
        x = x.astype(float)
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        x[idx] = x[idx] + h
        fxh1 = f(x)
        x[idx] = x[idx] - 2 * h
        fxh2 = f(x)
        x[idx] = x[idx] + h
        grad[idx] = (fxh1 - fxh2) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
