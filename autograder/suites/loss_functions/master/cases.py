# === public: assignments/loss_functions/public_tests.py (what students get and run)
"""Public tests, exercise 1 (loss functions): the lecture's own numbers and the docstrings' rules.

Run them with ``python -m autograder check loss_functions [your_file.py]``.
"""

import numpy as np

from autograder.runtime.spec import Hint, Msg, PerParam, Suite

suite = Suite("loss_functions", hidden=False)

# The lecture's example: the network is most confident in class 2 (correct) or class 7 (wrong).
Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
T = np.eye(10)[2]
GUESSES = {"correct_guess": (Y_RIGHT,), "wrong_guess": (Y_WRONG,)}
# a batch of three: the lecture's two guesses and a third whose answer is class 4
BATCH = np.stack([Y_RIGHT, Y_WRONG, [0.02, 0.03, 0.5, 0.05, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05]])
BATCH_LABELS = np.array([2, 2, 4])
SCORES = np.array([0.3, 2.9, 4.0])
DELTA = 1e-7

CEE_LOG10 = Hint(
    "cee_log10",
    "np.log10이 아니라 자연로그 np.log를 쓰세요.",
    "Use the natural log np.log, not np.log10.",
    when=lambda got, want: np.isclose(got, want / np.log(10), rtol=1e-4),
)
CEE_NO_DELTA = Hint(
    "cee_no_delta",
    "log 안에 delta = 1e-7을 더하세요: 강의의 값이 그것을 포함하고, 정답 확률이 0이면 log(0) = -inf가 됩니다.",
    "Add delta = 1e-7 inside the log: the lecture's numbers include it, and log(0) = -inf.",
    # inf/nan, or for one sample exactly −log(p) where the answer is −log(p + delta)
    when=lambda got, want: (
        not np.all(np.isfinite(got))
        or bool(np.isclose(got, -np.log(np.exp(-want) - DELTA), rtol=1e-12, atol=0))
    ),
)
CEE_ONEHOT_ONLY = Hint(
    "cee_onehot_only",
    "정답이 정수 레이블로 주어질 때도 처리해야 합니다 (t.size != y.size 이면 레이블).",
    "Handle integer labels too (when t.size != y.size, t holds labels).",
    # t * np.log(y) with labels of shape (N,) against y of shape (N, 10)
    error="ValueError",
    error_text="broadcast",
)
CEE_LABELS_ONLY = Hint(
    "cee_labels_only",
    "정답이 원-핫으로 주어질 때도 처리해야 합니다: t.size == y.size 이면 t = t.argmax(axis=1) 로 레이블을 얻으세요.",
    "Handle one-hot targets too: when t.size == y.size, get the labels with t = t.argmax(axis=1).",
    # y[np.arange(n), t] with a float one-hot t
    error="IndexError",
    error_text="integer",
)
CEE_PYTHON_SCALAR = Hint(
    "python_scalar_label",
    "정답이 파이썬 int 하나 (예: 2)일 때 실패했습니다: int에는 .reshape나 .size가 없습니다. "
    "먼저 t = np.asarray(t)로 배열로 만드세요 (독스트링: 1차원 y에는 스칼라 레이블).",
    "Failed for a label given as a Python int (e.g. 2): an int has no .reshape or .size. Make it an "
    "array first, t = np.asarray(t) (the docstring: a scalar label for a 1-D y).",
    error="AttributeError",
    error_text="'int' object has no attribute",
)
CEE_HINTS = [
    CEE_LOG10,
    CEE_NO_DELTA,
    "not_divided_by_m",  # the course-wide catalogue's (autograder/core/misconceptions.py)
    CEE_ONEHOT_ONLY,
    CEE_LABELS_ONLY,
    CEE_PYTHON_SCALAR,
]
SOFTMAX_NO_MAX = Hint(
    "exp_overflow",
    "",
    "",
    when=lambda got, want: not np.all(np.isfinite(got)),
)
SOFTMAX_WHOLE_BATCH = Hint(
    "softmax_whole_batch",
    "배치 전체가 아니라 각 행마다 정규화하세요 (axis=-1, keepdims=True).",
    "Normalise each row, not the whole batch (axis=-1, keepdims=True).",
    when=lambda got, want: (
        np.ndim(got) == 2 and np.isclose(np.sum(got), 1) and not np.allclose(np.sum(got, axis=-1), 1)
    ),
)
SOFTMAX_KEEPDIMS = Hint(
    "softmax_keepdims",
    "2차원 입력에서 행마다 구한 최댓값과 합의 모양이 (N,)이라 (N, K)와 맞지 않습니다: "
    "np.max(x, axis=-1, keepdims=True)처럼 keepdims=True를 쓰세요.",
    "For a 2-D input the row maxima and sums have shape (N,), which does not fit (N, K): "
    "use keepdims=True, as in np.max(x, axis=-1, keepdims=True).",
    # (N, K) - (N,) with N != K
    error="ValueError",
    error_text="broadcast",
)


def _nan_rows_only(got, want) -> bool:
    """Whole rows of nan (0/0) where the answer is finite, the other rows right."""
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    if got.shape != want.shape or got.ndim != 2:
        return False
    bad = np.all(np.isnan(got), axis=-1)
    good = ~bad & np.all(np.isclose(got, want, rtol=1e-5, atol=1e-12), axis=-1)
    return bool(np.any(bad) and np.all(bad | good) and np.all(np.isfinite(want)))


SOFTMAX_WRONG_AXIS = Hint(
    "wrong_axis",
    "",
    "",
    when=_nan_rows_only,
)
SOFTMAX_HINTS = [SOFTMAX_NO_MAX, SOFTMAX_WHOLE_BATCH, SOFTMAX_KEEPDIMS]
# rows far apart overflow nowhere without the maximum; only a batch-wide maximum breaks them
FAR_ROWS = np.array([[-50.0, -49.0, -48.0], [700.0, 701.0, 702.0]])
FAR_ROWS_SOFTMAX = [0.09003057317038046, 0.24472847105479764, 0.6652409557748218]
SOFTMAX_LECTURE = np.array([0.018211273295547534, 0.2451918129350739, 0.7365969137693785])


@suite.case(
    "1.1",
    params=GUESSES,
    expect=PerParam({"correct_guess": 0.0975, "wrong_guess": 0.5975}),
    hints=["cost_formula"],  # the catalogue's: the mean, a missing ½, √Σ
    about=Msg("강의 예제의 오차제곱합", "the lecture's sum-of-squares example"),
    rules=["mse_half_sum"],
)
def mse_lecture(m, ctx, y):
    return m.mean_squared_error(y, T)


@suite.case(
    "1.1",
    expect=0.6950000000000001,
    hints=["cost_formula"],  # the catalogue's: the mean, a missing ½, √Σ
    about=Msg("배치(2차원)도 모든 원소의 ½·합", "a batch (2-D): ½·sum over all elements"),
    rules=["mse_batch_sum"],
)
def mse_batch(m, ctx):
    return m.mean_squared_error(np.stack([Y_RIGHT, Y_WRONG]), np.stack([T, T]))


@suite.case(
    "1.2",
    params=GUESSES,
    expect=PerParam({"correct_guess": 0.510825457099338, "wrong_guess": 2.302584092994546}),
    rtol=1e-9,
    hints=CEE_HINTS,
    about=Msg("강의 예제의 교차 엔트로피 오차", "the lecture's cross-entropy example"),
    rules=["cee_one_d", "cee_natural_log", "cee_delta", "cee_onehot"],
)
def cee_lecture(m, ctx, y):
    return m.cross_entropy_error(y, T)


@suite.case(
    "1.2",
    expect=0.510825457099338,
    rtol=1e-9,
    hints=CEE_HINTS,
    about=Msg("1차원 y와 정수 레이블 하나", "a 1-D y with one integer label"),
    rules=["cee_labels"],
)
def cee_one_label(m, ctx):
    return m.cross_entropy_error(Y_RIGHT, np.int64(2))  # a numpy scalar, as labels[i] gives


@suite.case(
    "1.2",
    expect=1.70533121436281,
    rtol=1e-9,
    hints=CEE_HINTS,
    about=Msg("배치 평균, 원-핫", "the batch mean, one-hot targets"),
    rules=["cee_batch_mean", "cee_onehot"],
)
def cee_mean_onehot(m, ctx):
    return m.cross_entropy_error(BATCH, np.eye(10)[BATCH_LABELS])


@suite.case(
    "1.2",
    expect=0.510825457099338,
    rtol=1e-9,
    hints=CEE_HINTS,
    about=Msg("1차원 y와 파이썬 int 레이블 2", "a 1-D y with the Python int label 2"),
    rules=["cee_labels"],
)
def cee_python_int_label(m, ctx):
    return m.cross_entropy_error(Y_RIGHT, 2)


@suite.case(
    "1.2",
    expect=1.70533121436281,
    rtol=1e-9,
    hints=CEE_HINTS,
    about=Msg("배치 평균, 정수 레이블", "the batch mean, integer labels"),
    rules=["cee_batch_mean", "cee_labels"],
)
def cee_mean_labels(m, ctx):
    return m.cross_entropy_error(BATCH, BATCH_LABELS)


@suite.case(
    "1.2",
    expect=8.111728027752521,
    rtol=1e-9,
    hints=CEE_HINTS,
    about=Msg("정답 확률이 정확히 0", "probability exactly 0 at the answer"),
    rules=["cee_delta"],
)
def cee_zero_at_answer(m, ctx):
    return m.cross_entropy_error(np.array([[0.0, 0.5, 0.5], [0.9, 0.1, 0.0]]), np.array([0, 0]))


@suite.case(
    "1.3",
    expect=SOFTMAX_LECTURE,
    hints=SOFTMAX_HINTS,
    about=Msg("강의 예제 softmax([0.3, 2.9, 4.0])", "the lecture's softmax([0.3, 2.9, 4.0])"),
    rules=["softmax_one_d"],
)
def softmax_lecture(m, ctx):
    return m.softmax(SCORES.copy())


@suite.case(
    "1.3",
    expect=np.array([0.999954600070331, 4.539786860886666e-05, 2.061060046209062e-09]),
    hints=SOFTMAX_HINTS,
    about=Msg("큰 입력에서 오버플로 없음", "no overflow on large inputs"),
    rules=["softmax_max"],
)
def softmax_large_inputs(m, ctx):
    return m.softmax(np.array([1010.0, 1000.0, 990.0]))


@suite.case(
    "1.3",
    expect=np.array(
        [
            [0.01821127329554753, 0.24519181293507392, 0.7365969137693786],
            [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
        ]
    ),
    hints=SOFTMAX_HINTS,
    about=Msg("2차원 입력은 각 행마다 정규화", "a 2-D input: each row normalised on its own"),
    rules=["softmax_rows"],
)
def softmax_rows(m, ctx):
    return m.softmax(np.array([[0.3, 2.9, 4.0], [1.0, 2.0, 3.0]]))


@suite.case(
    "1.3",
    expect=np.array([FAR_ROWS_SOFTMAX, FAR_ROWS_SOFTMAX]),
    hints=[SOFTMAX_WRONG_AXIS, SOFTMAX_WHOLE_BATCH, SOFTMAX_KEEPDIMS],
    about=Msg(
        "멀리 떨어진 두 행: 최댓값은 행마다 뺌", "two rows far apart: the maximum is subtracted row by row"
    ),
    rules=["softmax_rows", "softmax_max"],
)
def softmax_rows_far_apart(m, ctx):
    return m.softmax(FAR_ROWS.copy())


@suite.case(
    "1.3",
    expect=np.array([0.01821126975119114, 0.24519182741641998, 0.736596941947937], dtype=np.float32),
    rtol=1e-5,
    hints=SOFTMAX_HINTS,
    about=Msg("float32 입력", "float32 input"),
    rules=["float32_inputs"],
)
def softmax_float32_input(m, ctx):
    return m.softmax(SCORES.astype(np.float32))


@suite.case(
    "1.3",
    expect=SOFTMAX_LECTURE,
    hints=SOFTMAX_HINTS,
    about=Msg("입력 배열을 바꾸지 않음", "the input array left unchanged"),
    rules=["keeps_inputs"],
)
def softmax_leaves_input(m, ctx):
    return ctx.call(m.softmax, SCORES.copy())
# === hidden: autograder/suites/loss_functions/hidden_tests.py (judged in the parent; @hidden cases follow)
"""Hidden tests, exercise 1 (loss functions): compared with the reference's outputs.

Inputs are MNIST-derived (the outputs of a fixed nearest-class-mean network on test digits),
random arrays of several shapes, and edge cases: exact zero probabilities, a batch of one,
float32 input, and arguments that must come back unchanged.
"""

from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("loss_functions", hidden=True)
scenarios = load_beside(__file__, "scenarios")


RTOL = 1e-5
# the public suite's hints, named by id (their conditions hold only for their mistake)
MSE_HINTS = ["cost_formula"]
CEE_HINTS = [
    "cee_log10",
    "cee_no_delta",
    "not_divided_by_m",
    "cee_onehot_only",
    "cee_labels_only",
    "python_scalar_label",
]
SOFTMAX_HINTS = ["exp_overflow", "softmax_whole_batch", "softmax_keepdims"]
# rows whose maxima differ by hundreds: "exp overflowed" (no maximum) and "0/0 in a row" (the
# batch-wide maximum) both show as nan there, so the nan hints are not named by condition (a
# known mistake's own output still names its hint)
SOFTMAX_FAR_HINTS = ["softmax_whole_batch", "softmax_keepdims"]
# === scenarios: autograder/suites/loss_functions/scenarios.py (what a worker runs; @hidden declares a case)
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


@hidden(
    "1.1",
    hints=MSE_HINTS,
    params={"digit0": (0,), "digit1": (1,), "digit7": (7,)},
    rtol=RTOL,
)
def mse_mnist_single(m, ctx, index):
    y, t = mnist_probs(ctx, 1, start=index)
    return m.mean_squared_error(y[0], one_hot(t)[0])


@hidden(
    "1.1",
    hints=MSE_HINTS,
    rtol=RTOL,
    about=Msg("배치 전체의 ½·합", "½·sum over a whole batch"),
)
def mse_mnist_batch(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.mean_squared_error(y, one_hot(t))


@hidden(
    "1.1",
    hints=MSE_HINTS,
    params={"vector": ((7,),), "matrix": ((3, 4),), "cube": ((2, 3, 4),)},
    rtol=RTOL,
)
def mse_random_shapes(m, ctx, shape):
    return m.mean_squared_error(ctx.rng.random(shape), ctx.rng.random(shape))


@hidden("1.1", hints=MSE_HINTS, rtol=1e-4)
def mse_float32(m, ctx):
    y, t = mnist_probs(ctx, 5)
    return m.mean_squared_error(y.astype(np.float32), one_hot(t).astype(np.float32))


@hidden(
    "1.1",
    hints=MSE_HINTS,
    rtol=RTOL,
    about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"),
)
def mse_keeps_inputs(m, ctx):
    y, t = mnist_probs(ctx, 4)
    return ctx.call(m.mean_squared_error, y, one_hot(t))


@hidden("1.2", hints=CEE_HINTS, rtol=RTOL)
def cee_single_onehot(m, ctx):
    y, t = mnist_probs(ctx, 1, start=3)
    return m.cross_entropy_error(y[0], one_hot(t)[0])


@hidden("1.2", hints=CEE_HINTS, rtol=RTOL)
def cee_single_label(m, ctx):
    y, t = mnist_probs(ctx, 1, start=3)
    return m.cross_entropy_error(y[0], np.int64(t[0]))


@hidden(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("파이썬 int 레이블 하나", "one label as a Python int"),
)
def cee_single_python_label(m, ctx):
    y, t = mnist_probs(ctx, 1, start=9)
    return m.cross_entropy_error(y[0], int(t[0]))


@hidden(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("배치 평균, 원-핫", "batch mean, one-hot targets"),
)
def cee_batch_onehot(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.cross_entropy_error(y, one_hot(t))


@hidden(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("배치 평균, 정수 레이블", "batch mean, integer labels"),
)
def cee_batch_labels(m, ctx):
    y, t = mnist_probs(ctx, 20)
    return m.cross_entropy_error(y, t)


@hidden(
    "1.2",
    hints=CEE_HINTS,
    params={"onehot": (True,), "labels": (False,)},
    rtol=RTOL,
)
def cee_batch_of_one(m, ctx, onehot):
    y, t = mnist_probs(ctx, 1, start=11)
    return m.cross_entropy_error(y, one_hot(t) if onehot else t)


@hidden(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("정답 확률이 정확히 0", "probability exactly 0 at the answer"),
)
def cee_zero_probability(m, ctx):
    y = np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.2, 0.3, 0.5]])
    return m.cross_entropy_error(y, np.array([0, 1, 2]))


@hidden("1.2", hints=CEE_HINTS, rtol=1e-4)
def cee_float32(m, ctx):
    y, t = mnist_probs(ctx, 8)
    return m.cross_entropy_error(y.astype(np.float32), one_hot(t).astype(np.float32))


@hidden(
    "1.2",
    hints=CEE_HINTS,
    rtol=RTOL,
    about=Msg("입력 배열을 바꾸지 않음", "inputs left unchanged"),
)
def cee_keeps_inputs(m, ctx):
    y, t = mnist_probs(ctx, 6)
    return ctx.call(m.cross_entropy_error, y, one_hot(t))


@hidden("1.3", hints=SOFTMAX_HINTS, params={"short": (3,), "ten": (10,)})
def softmax_random_1d(m, ctx, k):
    return m.softmax(ctx.rng.normal(0, 3, size=k))


@hidden(
    "1.3",
    hints=SOFTMAX_HINTS,
    about=Msg("각 행마다 정규화", "each row normalised on its own"),
)
def softmax_mnist_batch(m, ctx):
    scores, _ = mnist_scores(ctx, 20)
    return m.softmax(scores)


@hidden("1.3", hints=SOFTMAX_HINTS)
def softmax_batch_of_one(m, ctx):
    scores, _ = mnist_scores(ctx, 1, start=5)
    return m.softmax(scores)


@hidden(
    "1.3",
    hints=SOFTMAX_FAR_HINTS,
    about=Msg("배치에서 큰 입력", "large inputs in a batch"),
)
def softmax_huge_batch(m, ctx):
    return m.softmax(np.array([[1000.0, 999.0, 990.0], [-5.0, 0.0, 5.0]]))


@hidden(
    "1.3",
    hints=["wrong_axis", "softmax_whole_batch", "softmax_keepdims"],
    about=Msg("행마다 크기가 크게 다른 배치", "a batch whose rows differ by hundreds"),
)
def softmax_far_apart_rows(m, ctx):
    # no exp overflows (all below 700), but the low rows sit more than 745 below the batch's maximum
    low = ctx.rng.normal(-80.0, 2.0, size=(3, 5))
    return m.softmax(np.concatenate([low, low + 770.0]))


@hidden("1.3", hints=SOFTMAX_HINTS, rtol=1e-4)
def softmax_float32(m, ctx):
    scores, _ = mnist_scores(ctx, 4)
    return m.softmax(scores.astype(np.float32))


@hidden(
    "1.3",
    hints=SOFTMAX_HINTS,
    about=Msg("입력 배열을 바꾸지 않음", "input left unchanged"),
)
def softmax_keeps_input(m, ctx):
    scores, _ = mnist_scores(ctx, 3)
    return ctx.call(m.softmax, scores)


# === demo: assignments/loss_functions/demo.py (the notebook's Try-it cells; # %% starts a cell)
"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your loss_functions.py."""

import numpy as np
from loss_functions import cross_entropy_error, mean_squared_error, softmax
from nnkit_data import load_mnist, show_mnist

(x_train, t_train), _ = load_mnist()
show_mnist(x_train[:10], t_train[:10], title="MNIST")
y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
t = np.eye(10)[2]
print(mean_squared_error(y, t), cross_entropy_error(y, t), softmax(np.array([0.3, 2.9, 4.0])))


# === reproduce: autograder/suites/loss_functions/reproduce.py (the lecture's runs for `reproduce`)
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
