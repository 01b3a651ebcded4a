"""What is run for the hidden cases of exercise 2: scenarios and the helpers they use.

Each function drives the student's module ``m`` and hands back what the student's function
returned, untouched, or the input array as it is after the call; a worker receives one of them
at a time (with the helpers it uses), never the expected values, checks or hints of
hidden_tests.py. Nothing here unpacks or computes with the student's return value: a wrong
return type is for the judge to name, in the student's terms.
"""

import numpy as np


def softmax_loss(W, b, X, labels):
    """Mean cross-entropy of softmax(X @ W + b): the loss of a one-layer network."""
    a = X @ W + b
    a = a - a.max(axis=1, keepdims=True)
    log_y = a - np.log(np.sum(np.exp(a), axis=1, keepdims=True))
    return -np.mean(log_y[np.arange(len(labels)), labels])


def bowl(v):
    """A bowl with its minimum away from the origin and a cross term."""
    return (v[0] - 1.0) ** 2 + 2.0 * (v[1] + 0.5) ** 2 + 0.5 * v[0] * v[1] + (v[2] - 2.0) ** 2


# ---- 2.1 numerical_diff --------------------------------------------------------------------

DIFF_FUNCTIONS = {
    "cubic": (lambda x: x**3 - 2 * x, 1.5),
    "sin": (np.sin, 0.7),
    "exp": (np.exp, -1.2),
    "log": (np.log, 3.0),
    "quartic_near_zero": (lambda x: x**4 + x**2, 1e-3),
    "lecture_at_minus": (lambda x: 0.01 * x**2 + 0.1 * x, -20.0),
}


def diff_functions(m, ctx, name):
    f, x = DIFF_FUNCTIONS[name]
    return m.numerical_diff(f, x)


def diff_tangent_line(m, ctx):
    # the tangent's intercept f(5) − 5·d is computed by the judge, from the slope returned here
    return m.numerical_diff(lambda x: 0.01 * x**2 + 0.1 * x, 5.0)


def diff_partial(m, ctx):
    return [
        m.numerical_diff(lambda x0: x0**2 + 4.0**2, 3.0),
        m.numerical_diff(lambda x1: 3.0**2 + x1**2, 4.0),
    ]


# ---- 2.2 numerical_gradient ----------------------------------------------------------------


def gradient_random_1d(m, ctx, n):
    x = ctx.rng.normal(size=n)
    A = ctx.rng.normal(size=(n, n))
    return m.numerical_gradient(lambda v: v @ A @ v + np.sum(np.sin(v)), x)


def gradient_single_element(m, ctx):
    return m.numerical_gradient(lambda v: np.exp(v[0]) * 2.0, np.array([0.5]))


def gradient_2d_random(m, ctx, shape):
    x = ctx.rng.normal(size=shape)
    return m.numerical_gradient(lambda w: np.sum(w**3) + np.sum(w) ** 2, x)


def gradient_3d(m, ctx):
    x = ctx.rng.normal(size=(2, 3, 2))
    C = ctx.rng.normal(size=(2, 3, 2))
    return m.numerical_gradient(lambda w: np.sum(np.tanh(w * C)), x)


def gradient_integer_arrays(m, ctx, values):
    return m.numerical_gradient(lambda v: np.sum(v**2) + np.prod(v), np.array(values))


def gradient_by_reference(m, ctx, key):
    # as TwoLayerNet.numerical_gradient does: f ignores its argument and reads params by reference
    params = {"W": ctx.rng.normal(size=(4, 3)), "b": ctx.rng.normal(size=3)}
    X, labels = ctx.rng.normal(size=(5, 4)), np.array([0, 2, 1, 1, 0])
    return m.numerical_gradient(lambda _: softmax_loss(params["W"], params["b"], X, labels), params[key])


def gradient_restores_x(m, ctx):
    x = ctx.rng.normal(size=(3, 4)) / 3.0
    m.numerical_gradient(lambda _: np.sum(np.cos(x)), x)
    return x  # as the call left it: the judge compares it bit for bit with the reference's


def gradient_keeps_x(m, ctx):
    x = ctx.rng.normal(size=6) * 10.0
    m.numerical_gradient(lambda v: np.sum(v**2 * np.arange(6)), x)
    return x


# ---- 2.3 gradient_descent ------------------------------------------------------------------


def descent_bowl(m, ctx, lr, steps):
    return m.gradient_descent(bowl, np.array([3.0, -2.0, 0.0]), lr=lr, step_num=steps)


def descent_defaults(m, ctx):
    return m.gradient_descent(bowl, np.array([0.5, 0.5, 0.5]))


def descent_one_step(m, ctx):
    return m.gradient_descent(lambda v: v[0] ** 2 + 3.0 * v[1] ** 2, np.array([1.0, 1.0]), lr=0.1, step_num=1)


def descent_matrix(m, ctx):
    target = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    return m.gradient_descent(lambda w: np.sum((w - target) ** 2), np.zeros((2, 3)), lr=0.2, step_num=15)


def descent_integer_init(m, ctx):
    return m.gradient_descent(lambda v: v[0] ** 2 + v[1] ** 2, np.array([-3, 4]), lr=0.1, step_num=10)


def descent_leaves_init_x(m, ctx):
    init_x = np.array([2.0, -1.0, 1.0])
    m.gradient_descent(bowl, init_x, 0.05, 30)
    return init_x


def descent_tiny_lr(m, ctx):
    return m.gradient_descent(bowl, np.array([3.0, -2.0, 0.0]), lr=1e-8, step_num=10)
