"""Reference solution, exercise 2: numerical differentiation (Deep Learning from Scratch 4.3-4.4)."""

import numpy as np

H = 1e-4  # small enough for accuracy, large enough that x + h != x in float64


def numerical_diff(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


def numerical_gradient(f, x):
    if x.dtype.kind != "f":
        x = x.astype(float)  # x[i] = 1 + h would be truncated back to 1 in an integer array
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + H  # perturb x itself: f may read the array by reference
        f_plus = f(x)
        x[i] = saved - H
        f_minus = f(x)
        x[i] = saved  # put back the saved value, not saved + h - h
        grad[i] = (f_plus - f_minus) / (2 * H)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)  # a float copy: init_x stays as it was
    x_history = []
    for _ in range(step_num):
        x_history.append(x.copy())
        x -= lr * numerical_gradient(f, x)
    return x, np.array(x_history)
