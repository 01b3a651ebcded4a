"""What is run for the hidden cases of this exercise: scenarios and the helpers they use.

Each function drives the student's module ``m``; a worker receives one of them at a time
(with the helpers it uses), never the expected values, checks or hints of hidden_tests.py.
"""

from functools import lru_cache

import numpy as np

from autograder.runtime.spec import Context


@lru_cache(maxsize=1)
def _templates():
    """Class-mean templates and the first test digits, computed once per worker (float64)."""
    (x_train, t_train), (x_test, t_test) = Context.mnist(), Context.mnist(64, test=True)
    means = np.stack([x_train[t_train == c].mean(axis=0) for c in range(10)]).astype(np.float64)
    return means, x_test.astype(np.float64), t_test


def mnist_scores(ctx, n, start=0):
    """Scores of a fixed linear network (class-mean templates) on test digits, with labels."""
    means, x_test, t_test = _templates()
    # float64 throughout: a float32 product depends on the BLAS thread count, the inputs must not
    scores = 0.3 * (x_test[start : start + n] @ means.T)
    return scores, t_test[start : start + n].copy()


def mnist_probs(ctx, n, start=0):
    scores, labels = mnist_scores(ctx, n, start)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), labels


def one_hot(labels):
    return np.eye(10)[labels]


def mse_mnist_single(m, ctx, index):
    y, t = mnist_probs(ctx, 1, start=index)
    return m.mean_squared_error(y[0], one_hot(t)[0])


def mse_mnist_batch(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.mean_squared_error(y, one_hot(t))


def mse_random_shapes(m, ctx, shape):
    return m.mean_squared_error(ctx.rng.random(shape), ctx.rng.random(shape))


def mse_float32(m, ctx):
    y, t = mnist_probs(ctx, 5)
    return m.mean_squared_error(y.astype(np.float32), one_hot(t).astype(np.float32))


def mse_keeps_inputs(m, ctx):
    y, t = mnist_probs(ctx, 4)
    return ctx.call(m.mean_squared_error, y, one_hot(t))


def cee_single_onehot(m, ctx):
    y, t = mnist_probs(ctx, 1, start=3)
    return m.cross_entropy_error(y[0], one_hot(t)[0])


def cee_single_label(m, ctx):
    y, t = mnist_probs(ctx, 1, start=3)
    return m.cross_entropy_error(y[0], np.int64(t[0]))


def cee_batch_onehot(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.cross_entropy_error(y, one_hot(t))


def cee_batch_labels(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.cross_entropy_error(y, t)


def cee_batch_of_one(m, ctx, onehot):
    y, t = mnist_probs(ctx, 1, start=11)
    return m.cross_entropy_error(y, one_hot(t) if onehot else t)


def cee_zero_probability(m, ctx):
    y = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.2, 0.3, 0.5]])
    return m.cross_entropy_error(y, np.array([0, 1, 2]))


def cee_float32(m, ctx):
    y, t = mnist_probs(ctx, 8)
    return m.cross_entropy_error(y.astype(np.float32), one_hot(t).astype(np.float32))


def cee_keeps_inputs(m, ctx):
    y, t = mnist_probs(ctx, 6)
    return ctx.call(m.cross_entropy_error, y, one_hot(t))


def softmax_random_1d(m, ctx, k):
    return m.softmax(ctx.rng.normal(0, 3, size=k))


def softmax_mnist_batch(m, ctx):
    scores, _ = mnist_scores(ctx, 20)
    return m.softmax(scores)


def softmax_batch_of_one(m, ctx):
    scores, _ = mnist_scores(ctx, 1, start=5)
    return m.softmax(scores)


def softmax_huge_batch(m, ctx):
    return m.softmax(np.array([[1000.0, 999.0, 990.0], [-5.0, 0.0, 5.0]]))


def softmax_float32(m, ctx):
    scores, _ = mnist_scores(ctx, 4)
    return m.softmax(scores.astype(np.float32))


def softmax_keeps_input(m, ctx):
    scores, _ = mnist_scores(ctx, 3)
    return ctx.call(m.softmax, scores)
