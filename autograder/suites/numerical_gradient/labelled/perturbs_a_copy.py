"""Works on x.copy() for each element: right for f of its argument, zero for f by reference."""

import numpy as np

EXPECTED_HINTS = ["perturbs_copy"]


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x):
    h = 1e-4
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        xp = x.astype(float)  # a copy, so x is never touched
        xm = x.astype(float)
        xp[idx] += h
        xm[idx] -= h
        grad[idx] = (f(xp) - f(xm)) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x = x - lr * numerical_gradient(f, x)
    return x, np.array(x_history)
