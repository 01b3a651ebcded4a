"""The book's first versions: a one-sample cross-entropy and the softmax before its fixes."""

import numpy as np

EXPECTED_HINTS = ["cee_onehot_only", "cee_no_batch_division", "softmax_no_max", "softmax_whole_batch"]


def mean_squared_error(y, t):
    return 0.5 * np.sum((y - t) ** 2)


def cross_entropy_error(y, t):
    delta = 1e-7
    return -np.sum(t * np.log(y + delta))


def softmax(a):
    exp_a = np.exp(a)
    sum_exp_a = np.sum(exp_a)
    y = exp_a / sum_exp_a
    return y
