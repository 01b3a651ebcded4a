"""Hidden tests, exercise 1 (loss functions): compared with the reference's outputs.

Inputs are MNIST-derived (the outputs of a fixed nearest-class-mean network on test digits),
random arrays of several shapes, and edge cases: exact zero probabilities, a batch of one,
float32 input, and arguments that must come back unchanged.
"""

from functools import lru_cache

import numpy as np

from autograder.spec import Context, Msg, Suite

suite = Suite("loss_functions", hidden=True)
RTOL = 1e-5  # float32 inputs and sum order may differ from the reference


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


# ---- 1.1 mean_squared_error ----------------------------------------------------------------


@suite.case("1.1", params={"digit0": (0,), "digit1": (1,), "digit7": (7,)}, rtol=RTOL)
def mse_mnist_single(m, ctx, index):
    y, t = mnist_probs(ctx, 1, start=index)
    return m.mean_squared_error(y[0], one_hot(t)[0])


@suite.case("1.1", rtol=RTOL, about=Msg("배치 전체의 ½·합", "½·sum over a whole batch"))
def mse_mnist_batch(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.mean_squared_error(y, one_hot(t))


@suite.case("1.1", params={"vector": ((7,),), "matrix": ((3, 4),), "cube": ((2, 3, 4),)}, rtol=RTOL)
def mse_random_shapes(m, ctx, shape):
    return m.mean_squared_error(ctx.rng.random(shape), ctx.rng.random(shape))


@suite.case("1.1", rtol=1e-4)
def mse_float32(m, ctx):
    y, t = mnist_probs(ctx, 5)
    return m.mean_squared_error(y.astype(np.float32), one_hot(t).astype(np.float32))


@suite.case("1.1", rtol=RTOL, about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"))
def mse_keeps_inputs(m, ctx):
    y, t = mnist_probs(ctx, 4)
    return ctx.call(m.mean_squared_error, y, one_hot(t))


# ---- 1.2 cross_entropy_error ---------------------------------------------------------------


@suite.case("1.2", rtol=RTOL)
def cee_single_onehot(m, ctx):
    y, t = mnist_probs(ctx, 1, start=3)
    return m.cross_entropy_error(y[0], one_hot(t)[0])


@suite.case("1.2", rtol=RTOL)
def cee_single_label(m, ctx):
    y, t = mnist_probs(ctx, 1, start=3)
    return m.cross_entropy_error(y[0], np.int64(t[0]))


@suite.case("1.2", rtol=RTOL, about=Msg("배치 평균, 원-핫", "batch mean, one-hot targets"))
def cee_batch_onehot(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.cross_entropy_error(y, one_hot(t))


@suite.case("1.2", rtol=RTOL, about=Msg("배치 평균, 정수 레이블", "batch mean, integer labels"))
def cee_batch_labels(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.cross_entropy_error(y, t)


@suite.case("1.2", params={"onehot": (True,), "labels": (False,)}, rtol=RTOL)
def cee_batch_of_one(m, ctx, onehot):
    y, t = mnist_probs(ctx, 1, start=11)
    return m.cross_entropy_error(y, one_hot(t) if onehot else t)


@suite.case("1.2", rtol=RTOL, about=Msg("정답 확률이 정확히 0", "probability exactly 0 at the answer"))
def cee_zero_probability(m, ctx):
    y = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.2, 0.3, 0.5]])
    return m.cross_entropy_error(y, np.array([0, 1, 2]))


@suite.case("1.2", rtol=1e-4)
def cee_float32(m, ctx):
    y, t = mnist_probs(ctx, 8)
    return m.cross_entropy_error(y.astype(np.float32), one_hot(t).astype(np.float32))


@suite.case("1.2", rtol=RTOL, about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"))
def cee_keeps_inputs(m, ctx):
    y, t = mnist_probs(ctx, 6)
    return ctx.call(m.cross_entropy_error, y, one_hot(t))


# ---- 1.3 softmax ---------------------------------------------------------------------------


@suite.case("1.3", params={"short": (3,), "ten": (10,)})
def softmax_random_1d(m, ctx, k):
    return m.softmax(ctx.rng.normal(0, 3, size=k))


@suite.case("1.3", about=Msg("각 행마다 정규화", "each row normalised on its own"))
def softmax_mnist_batch(m, ctx):
    scores, _ = mnist_scores(ctx, 20)
    return m.softmax(scores)


@suite.case("1.3")
def softmax_batch_of_one(m, ctx):
    scores, _ = mnist_scores(ctx, 1, start=5)
    return m.softmax(scores)


@suite.case("1.3", about=Msg("배치에서 큰 입력", "large inputs in a batch"))
def softmax_huge_batch(m, ctx):
    return m.softmax(np.array([[1000.0, 999.0, 990.0], [-5.0, 0.0, 5.0]]))


@suite.case("1.3", rtol=1e-4)
def softmax_float32(m, ctx):
    scores, _ = mnist_scores(ctx, 4)
    return m.softmax(scores.astype(np.float32))


@suite.case("1.3", about=Msg("입력 배열을 바꾸지 않음", "input left unchanged"))
def softmax_keeps_input(m, ctx):
    scores, _ = mnist_scores(ctx, 3)
    return ctx.call(m.softmax, scores)
