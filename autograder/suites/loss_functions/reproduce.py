"""Lecture numbers for exercise 1 (Deep Learning from Scratch 4.2.1-4.2.2, 3.5)."""

import numpy as np

from autograder.authoring.reproduce import Run

Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
T = np.eye(10)[2]


def close(value, lecture, tol):
    return float(value), bool(np.isclose(value, lecture, rtol=0, atol=tol))


RUNS = [
    Run(
        "MSE, correct guess",
        "0.0975",
        lambda r: close(r.mean_squared_error(Y_RIGHT, T), 0.0975, 1e-12),
        "1e-12",
    ),
    Run(
        "MSE, wrong guess",
        "0.5975",
        lambda r: close(r.mean_squared_error(Y_WRONG, T), 0.5975, 1e-12),
        "1e-12",
    ),
    Run(
        "CEE, correct guess",
        "0.510825457099338",
        lambda r: close(r.cross_entropy_error(Y_RIGHT, T), 0.510825457099338, 1e-15),
        "1e-15",
    ),
    Run(
        "CEE, wrong guess",
        "2.302584092994546",
        lambda r: close(r.cross_entropy_error(Y_WRONG, T), 2.302584092994546, 1e-15),
        "1e-15",
    ),
    Run(
        "softmax([0.3, 2.9, 4.0])",
        "[0.01821127 0.24519181 0.73659691]",
        lambda r: (
            np.round(r.softmax(np.array([0.3, 2.9, 4.0])), 8),
            np.allclose(
                r.softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691], atol=5e-9
            ),
        ),
        "5e-9",
    ),
]
