"""A typo in gradient_descent (numerical_gradiant): a NameError, not any known mistake."""

import numpy as np

EXPECTED_HINTS = []


def numerical_diff(f, x):
    h = 1e-4
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, x):
    h = 1e-4
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    grad = np.zeros_like(x)
    for idx in np.ndindex(*x.shape):
        original = x[idx]
        x[idx] = original + h
        up = f(x)
        x[idx] = original - h
        down = f(x)
        x[idx] = original
        grad[idx] = (up - down) / (2 * h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x = x - lr * numerical_gradiant(f, x)  # noqa: F821 (the typo is the point)
    return x, np.array(x_history)
