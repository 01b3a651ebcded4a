# Lee: flat views instead of index tuples; still correct for every shape.
import numpy as np

H = 1e-4


def numerical_diff(f, x):
    return (f(x + H) - f(x - H)) / (H + H)


def numerical_gradient(f, x):
    if x.dtype.kind in "iub":
        x = x.astype(float)
    flat = x.reshape(-1)  # a view when x is contiguous: changes show up in x
    if not np.shares_memory(flat, x):
        raise ValueError("x must be contiguous")
    grad = np.empty(flat.shape)
    for k in range(flat.size):
        keep = flat[k]
        flat[k] = keep + H
        plus = f(x)
        flat[k] = keep - H
        minus = f(x)
        flat[k] = keep
        grad[k] = (plus - minus) / (2 * H)
    return grad.reshape(x.shape)


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    steps = []
    for _ in range(step_num):
        steps.append(np.copy(x))
        x -= lr * numerical_gradient(f, x)
    return x, np.stack(steps)
