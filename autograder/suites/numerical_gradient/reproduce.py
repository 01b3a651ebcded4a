"""Lecture numbers for exercise 2 (Deep Learning from Scratch 4.3.2, 4.4, 4.4.1, 4.4.2)."""

import numpy as np

from autograder.authoring.reproduce import Run


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


# simpleNet (4.4.2): the book prints its random W to 8 digits; we start from those digits.
W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
X, T = np.array([0.6, 0.9]), np.array([0.0, 0.0, 1.0])
DW_LECTURE = [[0.21924763, 0.14356247, -0.36281009], [0.32887144, 0.2153437, -0.54421514]]


def simple_net_loss(W):
    a = X @ W
    y = np.exp(a - a.max()) / np.sum(np.exp(a - a.max()))
    return -np.sum(T * np.log(y + 1e-7))


def show(a):
    """An array as numpy prints it (8 digits), on one line."""
    return " ".join(str(np.asarray(a)).split())


def diff(r, x, lecture):
    ours = r.numerical_diff(function_1, x)
    return float(ours), ours == lecture


def gradient(r, point, lecture):
    ours = r.numerical_gradient(function_2, np.array(point))
    return show(ours), np.allclose(ours, lecture, rtol=0, atol=5e-9)


def descent(r, lr, lecture, atol=0.0, rtol=1e-8):
    x, _ = r.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=lr, step_num=100)
    return show(x), np.allclose(x, lecture, rtol=rtol, atol=atol)


def simple_net(r):
    w = W.copy()
    dW = r.numerical_gradient(lambda _: simple_net_loss(w), w)  # net.W read by reference
    return show(dW), np.allclose(dW, DW_LECTURE, rtol=0, atol=5e-7)


RUNS = [
    Run("numerical_diff(f1, 5)", "0.1999999999990898", lambda r: diff(r, 5, 0.1999999999990898), "exact"),
    Run("numerical_diff(f1, 10)", "0.2999999999986347", lambda r: diff(r, 10, 0.2999999999986347), "exact"),
    Run(
        "gradient of f2 at (3, 4)",
        "[6. 8.]",
        lambda r: gradient(r, (3.0, 4.0), [6, 8]),
        "5e-9 (printed digits)",
    ),
    Run(
        "gradient of f2 at (0, 2)",
        "[0. 4.]",
        lambda r: gradient(r, (0.0, 2.0), [0, 4]),
        "5e-9 (printed digits)",
    ),
    Run(
        "gradient of f2 at (3, 0)",
        "[6. 0.]",
        lambda r: gradient(r, (3.0, 0.0), [6, 0]),
        "5e-9 (printed digits)",
    ),
    Run(
        "gradient of f2 at integer [1, 2]",
        "[ 5000 15000] (the lecture's code; the true gradient is [2 4])",
        lambda r: gradient(r, (1, 2), [2, 4]),
        "5e-9 (printed digits)",
        "the reference casts integer x to float; the lecture's code truncates x + h",
    ),
    Run(
        "descent from (-3, 4), lr 0.1, 100 steps",
        "[-6.11110793e-10  8.14814391e-10]",
        lambda r: descent(r, 0.1, [-6.11110793e-10, 8.14814391e-10]),
        "rel 1e-8",
    ),
    Run(
        "descent, lr 10 (diverges)",
        "[-2.58983747e+13 -1.29524862e+12]",
        lambda r: descent(r, 10.0, [-2.58983747e13, -1.29524862e12]),
        "rel 1e-8",
        "digits set by rounding once x + h == x",
    ),
    Run(
        "descent, lr 1e-10 (barely moves)",
        "[-2.99999994  3.99999992]",
        lambda r: descent(r, 1e-10, [-2.99999994, 3.99999992]),
        "rel 1e-8",
    ),
    Run(
        "simpleNet dW (4.4.2)",
        "[[ 0.21924763 0.14356247 -0.36281009] [ 0.32887144 0.2153437 -0.54421514]]",
        simple_net,
        "5e-7",
        "W as printed (8 digits), not the book's unrounded random W",
    ),
]
