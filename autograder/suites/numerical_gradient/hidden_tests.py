"""Hidden tests, exercise 2 (numerical differentiation): compared with the reference's outputs.

Functions of one number at several points; gradients of arrays of 1, 2 and 3 dimensions, of
integer arrays, and of functions that ignore their argument and read the array by reference
(as TwoLayerNet.numerical_gradient does), with a check that the array is exactly restored;
gradient descent on other bowls, with default arguments, matrix-shaped x and integer init_x.
"""

import numpy as np

from autograder.spec import Msg, Suite

suite = Suite("numerical_gradient", hidden=True)


def changes(x, before):
    """How many elements of x differ from ``before``, and by how much at most."""
    return {
        "x_changed": int(np.count_nonzero(x != before)),
        "x_max_change": float(np.max(np.abs(x - before))),
    }


def softmax_loss(W, b, X, labels):
    """Mean cross-entropy of softmax(X @ W + b): the loss of a one-layer network."""
    a = X @ W + b
    a = a - a.max(axis=1, keepdims=True)
    log_y = a - np.log(np.sum(np.exp(a), axis=1, keepdims=True))
    return -np.mean(log_y[np.arange(len(labels)), labels])


# ---- 2.1 numerical_diff --------------------------------------------------------------------

DIFF_FUNCTIONS = {
    "cubic": (lambda x: x**3 - 2 * x, 1.5),
    "sin": (np.sin, 0.7),
    "exp": (np.exp, -1.2),
    "log": (np.log, 3.0),
    "quartic_near_zero": (lambda x: x**4 + x**2, 1e-3),
    "lecture_at_minus": (lambda x: 0.01 * x**2 + 0.1 * x, -20.0),
}


@suite.case("2.1", params={k: (k,) for k in DIFF_FUNCTIONS})
def diff_functions(m, ctx, name):
    f, x = DIFF_FUNCTIONS[name]
    return m.numerical_diff(f, x)


@suite.case(
    "2.1", about=Msg("강의의 접선: 기울기와 y절편", "the lecture's tangent line: slope and intercept")
)
def diff_tangent_line(m, ctx):
    f = lambda x: 0.01 * x**2 + 0.1 * x  # noqa: E731
    d = m.numerical_diff(f, 5.0)
    return [d, f(5.0) - d * 5.0]


@suite.case(
    "2.1", about=Msg("다른 변수를 고정한 편미분", "a partial derivative with the other variable fixed")
)
def diff_partial(m, ctx):
    return [
        m.numerical_diff(lambda x0: x0**2 + 4.0**2, 3.0),
        m.numerical_diff(lambda x1: 3.0**2 + x1**2, 4.0),
    ]


# ---- 2.2 numerical_gradient ----------------------------------------------------------------


@suite.case("2.2", params={"n3": (3,), "n7": (7,)})
def gradient_random_1d(m, ctx, n):
    x = ctx.rng.normal(size=n)
    A = ctx.rng.normal(size=(n, n))
    return m.numerical_gradient(lambda v: v @ A @ v + np.sum(np.sin(v)), x)


@suite.case("2.2", about=Msg("원소 하나짜리 배열", "an array of one element"))
def gradient_single_element(m, ctx):
    return m.numerical_gradient(lambda v: np.exp(v[0]) * 2.0, np.array([0.5]))


@suite.case("2.2", params={"square": ((3, 3),), "wide": ((2, 5),), "column": ((4, 1),)})
def gradient_2d_random(m, ctx, shape):
    x = ctx.rng.normal(size=shape)
    return m.numerical_gradient(lambda w: np.sum(w**3) + np.sum(w) ** 2, x)


@suite.case("2.2", about=Msg("3차원 배열", "a 3-D array"))
def gradient_3d(m, ctx):
    x = ctx.rng.normal(size=(2, 3, 2))
    C = ctx.rng.normal(size=(2, 3, 2))
    return m.numerical_gradient(lambda w: np.sum(np.tanh(w * C)), x)


@suite.case("2.2", params={"1d": ((3, -1, 2),), "2d": (((1, 2), (0, -3)),)})
def gradient_integer_arrays(m, ctx, values):
    return m.numerical_gradient(lambda v: np.sum(v**2) + np.prod(v), np.array(values))


@suite.case(
    "2.2",
    params={"W": ("W",), "b": ("b",)},
    about=Msg(
        "TwoLayerNet처럼: f = lambda W: loss(params) 가 매개변수를 참조로 읽음",
        "as in TwoLayerNet: f = lambda W: loss(params) reads the parameters by reference",
    ),
)
def gradient_by_reference(m, ctx, key):
    params = {"W": ctx.rng.normal(size=(4, 3)), "b": ctx.rng.normal(size=3)}
    X, labels = ctx.rng.normal(size=(5, 4)), np.array([0, 2, 1, 1, 0])
    before = params[key].copy()
    grad = m.numerical_gradient(lambda _: softmax_loss(params["W"], params["b"], X, labels), params[key])
    return {"grad": grad, **changes(params[key], before)}


@suite.case(
    "2.2",
    about=Msg(
        "끝난 뒤 x는 비트 하나까지 그대로 (참조로 읽는 f)",
        "x exactly as before afterwards (an f that reads it by reference)",
    ),
)
def gradient_restores_x(m, ctx):
    x = ctx.rng.normal(size=(3, 4)) / 3.0
    before = x.copy()
    grad = m.numerical_gradient(lambda _: np.sum(np.cos(x)), x)
    return {"grad": grad, **changes(x, before)}


@suite.case("2.2", about=Msg("인자를 쓰는 f: x는 그대로", "an f that uses its argument: x unchanged"))
def gradient_keeps_x(m, ctx):
    x = ctx.rng.normal(size=6) * 10.0
    before = x.copy()
    grad = m.numerical_gradient(lambda v: np.sum(v**2 * np.arange(6)), x)
    return {"grad": grad, **changes(x, before)}


# ---- 2.3 gradient_descent ------------------------------------------------------------------


def descent(m, f, init_x, *args, **kw):
    x, x_history = m.gradient_descent(f, init_x, *args, **kw)
    x_history = np.asarray(x_history)
    return {"x": x, "x_history": x_history}


def bowl(v):
    return (v[0] - 1.0) ** 2 + 2.0 * (v[1] + 0.5) ** 2 + 0.5 * v[0] * v[1] + (v[2] - 2.0) ** 2


@suite.case("2.3", params={"lr01": (0.1, 50), "lr03": (0.3, 20)}, atol=1e-12)
def descent_bowl(m, ctx, lr, steps):
    return descent(m, bowl, np.array([3.0, -2.0, 0.0]), lr=lr, step_num=steps)


@suite.case(
    "2.3", atol=1e-12, about=Msg("기본값 lr = 0.01, step_num = 100", "defaults lr = 0.01, step_num = 100")
)
def descent_defaults(m, ctx):
    return descent(m, bowl, np.array([0.5, 0.5, 0.5]))


@suite.case("2.3", atol=1e-12, about=Msg("한 번만 갱신", "a single update"))
def descent_one_step(m, ctx):
    return descent(m, lambda v: v[0] ** 2 + 3.0 * v[1] ** 2, np.array([1.0, 1.0]), lr=0.1, step_num=1)


@suite.case("2.3", atol=1e-12, about=Msg("행렬 모양의 x", "a matrix-shaped x"))
def descent_matrix(m, ctx):
    target = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    return descent(m, lambda w: np.sum((w - target) ** 2), np.zeros((2, 3)), lr=0.2, step_num=15)


@suite.case("2.3", atol=1e-12, about=Msg("정수 init_x", "an integer init_x"))
def descent_integer_init(m, ctx):
    return descent(m, lambda v: v[0] ** 2 + v[1] ** 2, np.array([-3, 4]), lr=0.1, step_num=10)


@suite.case("2.3", atol=1e-12, about=Msg("init_x는 그대로", "init_x left unchanged"))
def descent_leaves_init_x(m, ctx):
    init_x = np.array([2.0, -1.0, 1.0])
    x, _ = ctx.call(m.gradient_descent, bowl, init_x, 0.05, 30)
    return x


@suite.case("2.3", about=Msg("학습률이 너무 작으면: x − init_x", "too small a learning rate: x − init_x"))
def descent_tiny_lr(m, ctx):
    x, _ = m.gradient_descent(bowl, np.array([3.0, -2.0, 0.0]), lr=1e-8, step_num=10)
    return x - np.array([3.0, -2.0, 0.0])
