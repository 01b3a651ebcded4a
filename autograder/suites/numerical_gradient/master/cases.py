# === public: assignments/numerical_gradient/public_tests.py (what students get and run)
"""Public tests, exercise 2 (numerical differentiation): the lecture's own numbers.

Run them with ``python -m autograder check numerical_gradient [your_file.py]``.

Every scenario hands back what the student's function returned, untouched (or the inputs as
they are after the call); whether that is right is decided by the comparison or the ``check=``
of its case, on plain data, outside the student's process.
"""

import numpy as np
from numerical_gradient_staff import (
    changed_by,
    descent_check,
    descent_parts,
    function_1,
    function_2,
    history_after_update,
    history_aliased,
    history_off_by_one,
    moved_away,
    moved_check,
    unchanged_check,
)

from autograder.runtime.spec import Hint, Msg, PerParam, Suite

suite = Suite("numerical_gradient", hidden=False)


# The lecture's simpleNet (4.4.2): one 2x3 weight matrix, softmax and cross-entropy.
W_LECTURE = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
X_LECTURE = np.array([0.6, 0.9])
T_LECTURE = np.array([0.0, 0.0, 1.0])


def simple_net_loss(W):
    a = X_LECTURE @ W
    y = np.exp(a - a.max()) / np.sum(np.exp(a - a.max()))
    return -np.sum(T_LECTURE * np.log(y + 1e-7))


def _grad_of(got):
    """The gradient in a value a gradient case returned (a dict of them for simpleNet)."""
    return np.asarray(got["by_reference"] if isinstance(got, dict) else got, dtype=float)


FORWARD = Hint(
    "forward_difference",
    "전방 차분 (f(x+h) − f(x)) / h를 썼나요? 중심 차분 (f(x+h) − f(x−h)) / 2h를 쓰세요: 오차가 훨씬 작습니다.",
    "Did you use the forward difference (f(x+h) − f(x)) / h? Use the central one, (f(x+h) − f(x−h)) / 2h: "
    "its error is much smaller.",
    # off by the forward difference's error, about h·f''/2, in the same direction everywhere
    when=lambda got, want: bool(np.all((np.asarray(got) - want > 1e-7) & (np.asarray(got) - want < 1e-3))),
)
TINY_H = Hint(
    "tiny_h",
    "결과가 0입니다: h가 너무 작으면 (예: 1e-50) 반올림 때문에 x + h == x가 되어 차분이 0이 됩니다. "
    "h = 1e-4를 쓰세요.",
    "The result is 0: with a tiny h (such as 1e-50) x + h == x after rounding, so every difference is 0. "
    "Use h = 1e-4.",
    # exactly 0: a small but nonzero result is another mistake (e.g. / 2*h, see half_h_precedence)
    when=lambda got, want: bool(np.all(np.asarray(got) == 0) and np.any(np.asarray(want) != 0)),
)
HALF_H = Hint(
    "half_h_precedence",
    "결과가 약 h² = 1e-8배로 작습니다: / 2*h는 (… / 2) * h로 계산됩니다 (연산자 우선순위). "
    "/ (2 * h)처럼 괄호를 쓰세요.",
    "The result is about h² = 1e-8 times too small: / 2*h means (… / 2) * h (operator precedence). "
    "Write / (2 * h), with the parentheses.",
    # relative: the right value times h², wherever the right value is not 0
    when=lambda got, want: bool(
        np.any(np.asarray(want) != 0)
        and np.allclose(got, np.asarray(want) * 1e-8, rtol=1e-3, atol=1e-14 * float(np.max(np.abs(want))))
    ),
)
INTEGER_INPUT = Hint(
    "integer_input",
    "정수 배열에서는 x[i]에 1 + 1e-4를 넣어도 1로 잘립니다 (강의 코드도 여기서 틀린 값을 냅니다). "
    "x가 정수 배열이면 x = x.astype(float)로 실수 복사본을 만들어 계산하세요.",
    "In an integer array, x[i] = 1 + 1e-4 is truncated back to 1 (the lecture's code returns garbage "
    "here too). For an integer x, compute on a float copy x = x.astype(float).",
    # truncation turns ±h into 0 and −1: differences of 1/(2h) scale, or an integer result
    when=lambda got, want: np.asarray(got).dtype.kind in "iu" or float(np.max(np.abs(got))) > 100,
)
COPY_PERTURBED = Hint(
    "perturbs_copy",
    "기울기가 0입니다: x의 복사본을 바꾸었나요? f가 인자를 무시하고 같은 배열을 참조로 읽으면 "
    "(TwoLayerNet의 f = lambda W: net.loss(x, t)처럼) 복사본을 바꿔도 f는 변하지 않습니다. "
    "x 자체를 바꾸고 저장한 값을 되돌려 넣으세요.",
    "The gradient is zero: did you perturb a copy of x? When f ignores its argument and reads the "
    "array by reference (like f = lambda W: net.loss(x, t) in TwoLayerNet), changing a copy does not "
    "change f. Perturb x itself and put the saved value back.",
    # zero only for the f that reads W by reference: the same loss of the argument is right
    when=lambda got, want: bool(
        np.all(_grad_of(got) == 0) and np.allclose(got["by_argument"], want["by_argument"])
    ),
)
ONE_D_ONLY = Hint(
    "one_d_only",
    "2차원 이상의 배열에서도 모든 원소를 도세요: range(x.size)와 x[i]는 1차원에서만 맞습니다. "
    "np.ndindex(x.shape) (또는 np.nditer의 multi_index)를 쓰세요.",
    "Visit every element of arrays with 2 or more dimensions too: range(x.size) with x[i] is right "
    "only in 1-D. Use np.ndindex(x.shape) (or np.nditer with multi_index).",
    # x[i] with a flat i indexes rows of a 2-D array: past the last row it is out of bounds
    error="IndexError",
    error_text="is out of bounds for axis 0",
)
ONE_D_ONLY_SCALAR = Hint(
    "one_d_only_scalar",
    "2차원 이상의 배열에서 x[i]가 원소가 아니라 행 전체입니다 (float(x[i])가 실패): range(x.size)와 x[i]는 "
    "1차원에서만 맞습니다. np.ndindex(x.shape) (또는 np.nditer의 multi_index)를 쓰세요.",
    "In an array of 2 or more dimensions x[i] is a whole row, not an element (float(x[i]) failed): "
    "range(x.size) with x[i] is right only in 1-D. Use np.ndindex(x.shape) (or np.nditer with multi_index).",
    error="TypeError",
    error_text="arrays can be converted to Python scalars",
)
NOT_RESTORED = Hint(
    "not_restored",
    "끝난 뒤 x가 바뀌어 있습니다: 각 원소의 두 번째 f 호출 뒤에 저장한 값을 다시 넣으세요 (x[i] = saved).",
    "x is changed afterwards: after the second call of f for each element, put the saved value back "
    "(x[i] = saved).",
    when=lambda got, want: (changed_by(got, want) or 0.0) > 1e-6,
)
RESTORED_BY_ARITHMETIC = Hint(
    "restore_by_arithmetic",
    "x가 아주 조금 (반올림 오차만큼) 바뀌었습니다: x[i] += h처럼 계산해서 되돌리지 말고 "
    "저장한 값을 대입하세요 (saved = x[i] ... x[i] = saved).",
    "x changed by rounding errors: do not compute the value back (x[i] += h); save it first and "
    "assign it back (saved = x[i] ... x[i] = saved).",
    when=lambda got, want: 0.0 < (changed_by(got, want) or 0.0) <= 1e-6,
)
ASCENT = Hint(
    "update_sign",
    "",
    "",
    when=moved_away,  # only on function_2, whose minimum is the origin
)
HISTORY_ALIAS = Hint(
    "history_alias",
    "x_history의 행이 모두 마지막 x와 같습니다: x.copy()를 저장하세요 (x -= ...는 저장해 둔 같은 배열을 바꿉니다).",
    "Every row of x_history is the final x: append x.copy() (x -= ... changes the very array you stored).",
    when=history_aliased,
)
# off_by_one_steps and loss_after_update are stated here, not taken from the catalogue: these
# detectors read the student's own return (a history one row longer, its last row the returned
# x), so they still fire beside another mistake that changes the path (ascent, aliased rows);
# the catalogue's compare the rows with the reference's and miss those composites.
OFF_BY_ONE_STEPS = Hint(
    "off_by_one_steps",
    "",
    "",
    when=history_off_by_one,
)
HISTORY_AFTER_UPDATE = Hint(
    "loss_after_update",
    "",
    "",
    when=history_after_update,
)
CHANGES_INIT_X = Hint(
    "descent_changes_init_x",
    "init_x가 바뀌었습니다: 강의 코드처럼 x = init_x로 두고 x -= ...로 갱신하면 호출한 쪽의 배열이 바뀝니다 "
    "(정수 init_x에서는 오류가 납니다). x = np.array(init_x, dtype=float)로 실수 복사본에서 시작하세요.",
    "init_x was changed: x = init_x followed by x -= ..., as in the lecture, changes the caller's array "
    "(and fails for an integer init_x). Start from a float copy, x = np.array(init_x, dtype=float).",
    when=lambda got, want: (changed_by(got, want) or 0.0) > 0,
)
INTEGER_INIT_X = Hint(
    "descent_integer_init_x",
    "정수 init_x에서 x -= lr * grad가 실패했습니다: x = init_x로 두면 x도 정수 배열이라 실수를 빼서 "
    "넣을 수 없습니다. x = np.array(init_x, dtype=float)로 실수 복사본에서 시작하세요.",
    "x -= lr * grad failed for an integer init_x: with x = init_x, x is an integer array too and cannot "
    "hold the float result. Start from a float copy, x = np.array(init_x, dtype=float).",
    error="UFuncTypeError",
    error_text="Cannot cast ufunc 'subtract' output",
)


@suite.case(
    "2.1",
    params={"x5": (5.0,), "x10": (10.0,)},
    expect=PerParam({"x5": 0.1999999999990898, "x10": 0.2999999999986347}),
    rtol=1e-9,
    hints=[FORWARD, TINY_H, HALF_H],
    rules=["central_difference"],
    about=Msg("강의 예제 f(x) = 0.01x² + 0.1x", "the lecture's f(x) = 0.01x² + 0.1x"),
)
def diff_lecture(m, ctx, x):
    return m.numerical_diff(function_1, x)


@suite.case(
    "2.2",
    params={"p34": ((3.0, 4.0),), "p02": ((0.0, 2.0),), "p30": ((3.0, 0.0),)},
    expect=PerParam(
        {
            "p34": np.array([6.00000000000378, 7.999999999999119]),
            "p02": np.array([0.0, 4.000000000004]),
            "p30": np.array([6.000000000012662, 0.0]),
        }
    ),
    hints=[FORWARD, TINY_H, HALF_H],
    rules=["central_difference"],
    about=Msg("강의 예제 f(x) = x0² + x1²", "the lecture's f(x) = x0² + x1²"),
)
def gradient_lecture(m, ctx, point):
    return m.numerical_gradient(function_2, np.array(point))


@suite.case(
    "2.2",
    expect=np.array([2.0, 4.0]),
    hints=[INTEGER_INPUT],
    rules=["integer_array", "float_result"],
    about=Msg("정수 배열 np.array([1, 2])", "an integer array np.array([1, 2])"),
)
def gradient_integer_input(m, ctx):
    return m.numerical_gradient(function_2, np.array([1, 2]))


@suite.case(
    "2.2",
    expect=np.array([[3.000000010047188, 12.000000009990686], [27.000000010133363, 48.00000000997784]]),
    hints=[ONE_D_ONLY, ONE_D_ONLY_SCALAR],
    rules=["any_shape", "float_result"],
    about=Msg("2차원 배열 f(W) = ΣW³", "a 2-D array, f(W) = ΣW³"),
)
def gradient_2d(m, ctx):
    return m.numerical_gradient(lambda w: np.sum(w**3), np.array([[1.0, 2.0], [3.0, 4.0]]))


SIMPLE_NET_GRAD = np.array(
    [
        [0.2192475712392561, 0.14356242984070455, -0.3628100010055757],
        [0.3288713569016277, 0.21534364482433954, -0.5442150014745017],
    ]
)


@suite.case(
    "2.2",
    expect={"by_reference": SIMPLE_NET_GRAD, "by_argument": SIMPLE_NET_GRAD},
    hints=[COPY_PERTURBED, ONE_D_ONLY],
    rules=["perturb_x_itself"],
    about=Msg(
        "강의의 simpleNet: f = lambda w: net.loss(x, t)는 W를 참조로 읽음 (인자를 쓰는 f도 함께)",
        "the lecture's simpleNet: f = lambda w: net.loss(x, t) reads W by reference (and an f of its argument)",
    ),
)
def gradient_simple_net(m, ctx):
    W = W_LECTURE.copy()
    by_reference = m.numerical_gradient(lambda w: simple_net_loss(W), W)
    return {
        "by_reference": by_reference,
        "by_argument": m.numerical_gradient(simple_net_loss, W_LECTURE.copy()),
    }


@suite.case(
    "2.2",
    expect=W_LECTURE,
    check=unchanged_check("W"),
    hints=[NOT_RESTORED, RESTORED_BY_ARITHMETIC, ONE_D_ONLY],
    requires=["gradient_simple_net"],
    rules=["x_restored_exactly"],
    about=Msg(
        "simpleNet의 기울기를 구한 뒤 W는 비트 하나까지 그대로",
        "W exactly as it was after the simpleNet gradient",
    ),
)
def gradient_simple_net_restores(m, ctx):
    W = W_LECTURE.copy()
    m.numerical_gradient(lambda w: simple_net_loss(W), W)
    return W


@suite.case(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    expect={
        "x": np.array([-6.111107928998789e-10, 8.148143905314271e-10]),
        "x_history_shape": (100, 2),
        "x_history_first": np.array([-3.0, 4.0]),
        "x_history_last": np.array([-7.638884911261241e-10, 1.018517988166145e-09]),
    },
    check=descent_check(atol=1e-15),
    hints=[ASCENT, HISTORY_ALIAS, "list_not_array", OFF_BY_ONE_STEPS, HISTORY_AFTER_UPDATE],
    rules=["returns_pair", "history_before_update"],
    about=Msg(
        "강의 예제: (−3, 4)에서 lr = 0.1, 100번", "the lecture's run: from (−3, 4), lr = 0.1, 100 steps"
    ),
)
def descent_lecture(m, ctx):
    return m.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100)


def diverged(got, want):
    """Passes when the final x is huge (or not finite): the exact digits depend on rounding."""
    parts = descent_parts(got)
    if isinstance(parts, Msg):
        return parts
    size = float(np.max(np.abs(parts[0].astype(float))))
    if not np.isfinite(size) or size > want:
        return None
    return Msg(
        f"학습률 10이면 발산해야 합니다 (강의: 약 (−2.6e13, −1.3e12)). 그런데 가장 큰 |x| = {size:.3g}",
        f"with lr = 10 the run must diverge (lecture: about (−2.6e13, −1.3e12)), but max |x| = {size:.3g}",
    )


@suite.case(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    expect=1e6,
    check=diverged,
    about=Msg("학습률이 너무 크면 발산 (lr = 10)", "too large a learning rate diverges (lr = 10)"),
)
def descent_lr_too_large(m, ctx):
    return m.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100)


@suite.case(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    expect=np.array([6.000000496442226e-08, -8.000000661922968e-08]),
    check=moved_check(np.array([-3.0, 4.0]), rtol=1e-4, atol=1e-9),
    hints=[ASCENT],
    about=Msg(
        "학습률이 너무 작으면 거의 움직이지 않음 (lr = 1e-10): x − init_x",
        "too small a learning rate barely moves (lr = 1e-10): x − init_x",
    ),
)
def descent_lr_too_small(m, ctx):
    return m.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=1e-10, step_num=100)


@suite.case(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    expect={
        "x": np.array([0.07776000000009242, -0.15551999999993504]),
        "x_history_shape": (5, 2),
        "x_history_first": np.array([1.0, -2.0]),
        "x_history_last": np.array([0.12960000000014538, -0.2591999999998744]),
    },
    check=descent_check(atol=1e-12),
    hints=[INTEGER_INIT_X, "list_not_array", OFF_BY_ONE_STEPS, HISTORY_AFTER_UPDATE],
    rules=["integer_init_x"],
    about=Msg("정수 init_x np.array([1, −2])", "an integer init_x, np.array([1, −2])"),
)
def descent_integer_init_x(m, ctx):
    return m.gradient_descent(function_2, np.array([1, -2]), lr=0.2, step_num=5)


@suite.case(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    expect=np.array([-3.0, 4.0]),
    check=unchanged_check("init_x"),
    hints=[CHANGES_INIT_X],
    requires=["descent_lecture"],
    rules=["init_x_unchanged"],
    about=Msg("init_x는 그대로", "init_x left unchanged"),
)
def descent_keeps_init_x(m, ctx):
    init_x = np.array([-3.0, 4.0])
    m.gradient_descent(function_2, init_x, 0.1, 10)
    return init_x
# === hidden: autograder/suites/numerical_gradient/hidden_tests.py (judged in the parent; @hidden cases follow)
"""Hidden tests, exercise 2 (numerical differentiation): compared with the reference's outputs.

Functions of one number at several points; gradients of arrays of 1, 2 and 3 dimensions, of
integer arrays, and of functions that ignore their argument and read the array by reference
(as TwoLayerNet.numerical_gradient does), with the array checked to be exactly restored in
cases of their own; gradient descent on other bowls, with default arguments, matrix-shaped x
and integer init_x. What is run is in ``scenarios.py``; this file only judges.
"""

import numpy as np
from numerical_gradient_staff import descent_check, function_1, moved_check, unchanged_check

from autograder.engine.compare import compare
from autograder.runtime.spec import Msg, Suite, load_beside

suite = Suite("numerical_gradient", hidden=True)
scenarios = load_beside(__file__, "scenarios")

# hidden cases never show expected values
DESCENT = descent_check(atol=1e-12, reveal=False, whole_history=True)


def tangent_line(actual, expected):
    """The slope and the intercept f(5) − 5·slope of the tangent at x = 5 (lecture 4.3.3)."""
    if not isinstance(actual, (int, float, np.number)) or isinstance(actual, (bool, np.bool_)):
        return compare(actual, expected, 1e-6, 1e-9, reveal=False)
    line = lambda d: np.array([d, function_1(5.0) - d * 5.0])  # noqa: E731
    return compare(line(float(actual)), line(expected), 1e-6, 1e-9, reveal=False)


# ---- 2.1 numerical_diff --------------------------------------------------------------------
# === scenarios: autograder/suites/numerical_gradient/scenarios.py (what a worker runs; @hidden declares a case)
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


@hidden(
    "2.1",
    params={k: (k,) for k in scenarios.DIFF_FUNCTIONS},
    hints=["forward_difference", "tiny_h", "half_h_precedence"],
    # nearly relative: a wrong 2e-11 (from / 2*h) must not match a mistake's 0 (quartic_near_zero's slope is 2e-3)
    atol=1e-12,
)
def diff_functions(m, ctx, name):
    f, x = DIFF_FUNCTIONS[name]
    return m.numerical_diff(f, x)


@hidden(
    "2.1",
    check=tangent_line,
    about=Msg("강의의 접선: 기울기와 y절편", "the lecture's tangent line: slope and intercept"),
)
def diff_tangent_line(m, ctx):
    # the tangent's intercept f(5) − 5·d is computed by the judge, from the slope returned here
    return m.numerical_diff(lambda x: 0.01 * x**2 + 0.1 * x, 5.0)


@hidden(
    "2.1",
    about=Msg("다른 변수를 고정한 편미분", "a partial derivative with the other variable fixed"),
)
def diff_partial(m, ctx):
    return [
        m.numerical_diff(lambda x0: x0**2 + 4.0**2, 3.0),
        m.numerical_diff(lambda x1: 3.0**2 + x1**2, 4.0),
    ]


# ---- 2.2 numerical_gradient ----------------------------------------------------------------


# ---- 2.2 numerical_gradient ----------------------------------------------------------------
@hidden("2.2", params={"n3": (3,), "n7": (7,)}, hints=["half_h_precedence"], atol=1e-12)
def gradient_random_1d(m, ctx, n):
    x = ctx.rng.normal(size=n)
    A = ctx.rng.normal(size=(n, n))
    return m.numerical_gradient(lambda v: v @ A @ v + np.sum(np.sin(v)), x)


@hidden(
    "2.2",
    atol=1e-12,
    about=Msg("원소 하나짜리 배열", "an array of one element"),
)
def gradient_single_element(m, ctx):
    return m.numerical_gradient(lambda v: np.exp(v[0]) * 2.0, np.array([0.5]))


@hidden(
    "2.2",
    params={"square": ((3, 3),), "wide": ((2, 5),), "column": ((4, 1),)},
    hints=["one_d_only", "one_d_only_scalar", "half_h_precedence"],
    atol=1e-12,
)
def gradient_2d_random(m, ctx, shape):
    x = ctx.rng.normal(size=shape)
    return m.numerical_gradient(lambda w: np.sum(w**3) + np.sum(w) ** 2, x)


@hidden("2.2", about=Msg("3차원 배열", "a 3-D array"), hints=["one_d_only", "one_d_only_scalar"], atol=1e-12)
def gradient_3d(m, ctx):
    x = ctx.rng.normal(size=(2, 3, 2))
    C = ctx.rng.normal(size=(2, 3, 2))
    return m.numerical_gradient(lambda w: np.sum(np.tanh(w * C)), x)


@hidden(
    "2.2",
    params={"1d": ((3, -1, 2),), "2d": (((1, 2), (0, -3)),)},
    hints=["integer_input"],
    atol=1e-12,
)
def gradient_integer_arrays(m, ctx, values):
    return m.numerical_gradient(lambda v: np.sum(v**2) + np.prod(v), np.array(values))


@hidden(
    "2.2",
    params={"W": ("W",), "b": ("b",)},
    atol=1e-12,
    about=Msg(
        "TwoLayerNet처럼: f = lambda W: loss(params)가 매개변수를 참조로 읽음",
        "as in TwoLayerNet: f = lambda W: loss(params) reads the parameters by reference",
    ),
)
def gradient_by_reference(m, ctx, key):
    # as TwoLayerNet.numerical_gradient does: f ignores its argument and reads params by reference
    params = {"W": ctx.rng.normal(size=(4, 3)), "b": ctx.rng.normal(size=3)}
    X, labels = ctx.rng.normal(size=(5, 4)), np.array([0, 2, 1, 1, 0])
    return m.numerical_gradient(lambda _: softmax_loss(params["W"], params["b"], X, labels), params[key])


@hidden(
    "2.2",
    check=unchanged_check("x"),
    hints=["not_restored", "restore_by_arithmetic"],
    requires=["gradient_by_reference[W]"],
    about=Msg(
        "끝난 뒤 x는 비트 하나까지 그대로 (참조로 읽는 f)",
        "x exactly as before afterwards (an f that reads it by reference)",
    ),
)
def gradient_restores_x(m, ctx):
    x = ctx.rng.normal(size=(3, 4)) / 3.0
    m.numerical_gradient(lambda _: np.sum(np.cos(x)), x)
    return x  # as the call left it: the judge compares it bit for bit with the reference's


@hidden(
    "2.2",
    check=unchanged_check("x"),
    hints=["not_restored", "restore_by_arithmetic"],
    requires=["gradient_random_1d[n7]"],
    about=Msg("인자를 쓰는 f: 끝난 뒤 x는 그대로", "an f that uses its argument: x unchanged afterwards"),
)
def gradient_keeps_x(m, ctx):
    x = ctx.rng.normal(size=6) * 10.0
    m.numerical_gradient(lambda v: np.sum(v**2 * np.arange(6)), x)
    return x


# ---- 2.3 gradient_descent ------------------------------------------------------------------


# ---- 2.3 gradient_descent ------------------------------------------------------------------
@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    params={"lr01": (0.1, 50), "lr03": (0.3, 20)},
    check=DESCENT,
    hints=["list_not_array", "off_by_one_steps", "loss_after_update", "history_alias", "update_sign"],
)
def descent_bowl(m, ctx, lr, steps):
    return m.gradient_descent(bowl, np.array([3.0, -2.0, 0.0]), lr=lr, step_num=steps)


@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    check=DESCENT,
    about=Msg("기본값 lr = 0.01, step_num = 100", "defaults lr = 0.01, step_num = 100"),
)
def descent_defaults(m, ctx):
    return m.gradient_descent(bowl, np.array([0.5, 0.5, 0.5]))


@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    check=DESCENT,
    hints=["history_alias"],
    about=Msg("한 번만 갱신", "a single update"),
)
def descent_one_step(m, ctx):
    return m.gradient_descent(lambda v: v[0] ** 2 + 3.0 * v[1] ** 2, np.array([1.0, 1.0]), lr=0.1, step_num=1)


@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    check=DESCENT,
    about=Msg("행렬 모양의 x", "a matrix-shaped x"),
)
def descent_matrix(m, ctx):
    target = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    return m.gradient_descent(lambda w: np.sum((w - target) ** 2), np.zeros((2, 3)), lr=0.2, step_num=15)


@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    check=DESCENT,
    hints=["descent_integer_init_x"],
    about=Msg("정수 init_x", "an integer init_x"),
)
def descent_integer_init(m, ctx):
    return m.gradient_descent(lambda v: v[0] ** 2 + v[1] ** 2, np.array([-3, 4]), lr=0.1, step_num=10)


@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    check=unchanged_check("init_x"),
    hints=["descent_changes_init_x"],
    requires=["descent_bowl[lr01]"],
    about=Msg("init_x는 그대로", "init_x left unchanged"),
)
def descent_leaves_init_x(m, ctx):
    init_x = np.array([2.0, -1.0, 1.0])
    m.gradient_descent(bowl, init_x, 0.05, 30)
    return init_x


@hidden(
    "2.3",
    rtol=1e-10,  # a known mistake's output matches only this closely (/ 2*h barely moves x either)
    atol=0.0,
    check=moved_check(np.array([3.0, -2.0, 0.0]), rtol=1e-6, atol=1e-9, reveal=False),
    about=Msg("학습률이 너무 작으면: x − init_x", "too small a learning rate: x − init_x"),
)
def descent_tiny_lr(m, ctx):
    return m.gradient_descent(bowl, np.array([3.0, -2.0, 0.0]), lr=1e-8, step_num=10)


# === staff: assignments/numerical_gradient/numerical_gradient_staff.py (helpers public and hidden scenarios share: driving code only, no answer)
"""Staff helpers of exercise 2 (numerical_gradient), shared by its public and hidden tests.

Shipped to students and copied into every worker, so nothing here computes what a student
writes (no derivative, no gradient, no descent step). Two kinds of code:

- driving code, run in the worker: the functions the tests differentiate;
- judging code, run only in the trusted parent on the plain data a worker returned: reading
  what ``gradient_descent`` returned, and the checks and hint conditions built on it. It
  never prints an expected value unless told it may (``reveal``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.runtime.spec import Msg

#: the lecture's examples (4.3.1 and 4.3.3)


def function_1(x: float) -> float:
    """f(x) = 0.01x² + 0.1x."""
    return 0.01 * x**2 + 0.1 * x


def function_2(x: np.ndarray) -> float:
    """f(x) = x0² + x1²: a bowl with its minimum at the origin."""
    return x[0] ** 2 + x[1] ** 2


# ---- judging gradient_descent's return value (parent only) ---------------------------------


def _what(value: Any) -> Msg:
    """What a returned value is, in words a student recognises."""
    if value is None:
        return Msg("None (return 문이 빠졌나요?)", "None (is the return statement missing?)")
    if isinstance(value, np.ndarray):
        return Msg(f"모양이 {value.shape}인 배열 하나", f"a single array of shape {value.shape}")
    if isinstance(value, (int, float, np.number)):
        return Msg("숫자 하나", "a single number")
    if isinstance(value, (tuple, list)):
        kind_ko, kind_en = ("튜플", "tuple") if isinstance(value, tuple) else ("리스트", "list")
        return Msg(f"값 {len(value)}개짜리 {kind_ko}", f"a {kind_en} of {len(value)} values")
    name = getattr(value, "type_name", type(value).__name__)
    return Msg(f"{name} 객체", f"a {name} object")


def descent_parts(value: Any) -> tuple[np.ndarray, np.ndarray] | Msg:
    """``(x, x_history)`` as arrays from what ``gradient_descent`` returned, or a message
    saying what it returned instead (the scenario hands the return value over untouched)."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        x, history = value
        if isinstance(x, np.ndarray) and x.dtype.kind in "biuf":
            try:
                history = np.asarray(history, dtype=float)
            except (TypeError, ValueError):
                history = None
            if history is not None and history.ndim == x.ndim + 1:
                return x, history
            return Msg(
                "gradient_descent가 돌려준 x_history가 모양 (step_num, *init_x.shape)인 배열이 아닙니다: "
                "매 단계 갱신하기 전의 x.copy()를 모아 np.array로 돌려주세요.",
                "The x_history returned by gradient_descent is not an array of shape "
                "(step_num, *init_x.shape): collect x.copy() before each update and return it as np.array.",
            )
        if not isinstance(x, np.ndarray):
            what = _what(x)
            return Msg(
                f"gradient_descent가 돌려준 x가 numpy 배열이 아닙니다 ({what.ko}). init_x와 같은 모양의 실수 배열을 "
                "돌려주세요.",
                f"The x returned by gradient_descent is not a numpy array ({what.en}); return a float array "
                "of init_x's shape.",
            )
    what = _what(value)
    return Msg(
        f"gradient_descent는 (x, x_history) 두 값을 돌려주어야 합니다. 돌려준 값: {what.ko}.",
        f"gradient_descent must return (x, x_history); it returned {what.en}.",
    )


def descent_view(value: Any) -> dict[str, Any] | None:
    """The parts of a descent the tests look at, from a return value or from a public case's
    literal summary (a dict with these keys); None when ``value`` is neither."""
    if isinstance(value, dict):
        return value
    parts = descent_parts(value)
    if isinstance(parts, Msg):
        return None
    x, history = parts
    return {
        "x": x,
        "x_history_shape": history.shape,
        "x_history_first": history[0] if len(history) else None,
        "x_history_last": history[-1] if len(history) else None,
    }


def descent_check(
    rtol: float = 1e-6, atol: float = 1e-9, reveal: bool = True, whole_history: bool = False
) -> Callable[[Any, Any], Msg | None]:
    """A ``check=`` for a case whose scenario returns what ``gradient_descent`` returned.

    ``expected``: the reference's return value (hidden cases) or a literal summary (public
    cases, see :func:`descent_view`). ``whole_history``: compare every row of x_history, not
    only its shape, first and last rows.
    """
    from autograder.engine.compare import compare  # parent only: the worker has no compare module

    def check(actual: Any, expected: Any) -> Msg | None:
        parts = descent_parts(actual)
        if isinstance(parts, Msg):
            return parts
        if not isinstance(actual[1], np.ndarray):
            return Msg(
                "gradient_descent가 돌려준 x_history가 np.ndarray가 아니라 리스트입니다: np.array(x_history)로 "
                "돌려주세요.",
                "The x_history returned by gradient_descent is a list, not an np.ndarray: return "
                "np.array(x_history).",
            )
        x, history = parts
        want = descent_view(expected)
        problem = compare(x, want["x"], rtol, atol, where="x", reveal=reveal)
        if problem:
            return problem
        if history.shape != tuple(want["x_history_shape"]):
            shape = tuple(want["x_history_shape"])
            return Msg(
                f"x_history의 모양이 {history.shape}입니다. (step_num, *init_x.shape) 모양이어야 합니다 "
                f"(이 테스트에서는 {shape}).",
                f"x_history has shape {history.shape}; it must be (step_num, *init_x.shape), here {shape}.",
            )
        if whole_history:
            return compare(history, descent_parts(expected)[1], rtol, atol, where="x_history", reveal=reveal)
        problem = compare(history[0], want["x_history_first"], rtol, atol, "x_history[0]", reveal)
        if problem:
            return problem
        return compare(history[-1], want["x_history_last"], rtol, atol, "x_history[-1]", reveal)

    return check


def moved_check(
    init_x: np.ndarray, rtol: float = 1e-4, atol: float = 1e-20, reveal: bool = True
) -> Callable[[Any, Any], Msg | None]:
    """A ``check=`` on how far gradient_descent moved, x − init_x: with a tiny learning rate x
    stays so close to init_x that comparing x itself would pass code that never moves.

    ``expected``: the literal x − init_x (public) or the reference's return value (hidden).
    """
    from autograder.engine.compare import compare

    start = np.asarray(init_x, dtype=float)

    def check(actual: Any, expected: Any) -> Msg | None:
        parts = descent_parts(actual)
        if isinstance(parts, Msg):
            return parts
        want = expected if isinstance(expected, np.ndarray) else descent_parts(expected)[0] - start
        return compare(parts[0] - start, want, rtol, atol, where="x − init_x", reveal=reveal)

    return check


def moved_away(actual: Any, expected: Any) -> bool:
    """Hint condition: x ended farther from the origin (the minimum of function_2) than it began."""
    got = descent_view(actual)
    return got is not None and float(np.max(np.abs(got["x"]))) > float(np.max(np.abs(got["x_history_first"])))


def history_aliased(actual: Any, expected: Any) -> bool:
    """Hint condition: x_history's first row is the final x, where it should be init_x."""
    got, want = descent_view(actual), descent_view(expected)
    return (
        got is not None
        and want is not None
        and tuple(got["x_history_shape"])[1:] == tuple(want["x_history_shape"])[1:]
        and got["x_history_shape"][0] > 1  # one row after one update: also the history taken after it
        and np.allclose(got["x_history_first"], got["x"])
        and not np.allclose(got["x_history_first"], want["x_history_first"])
    )


def history_off_by_one(actual: Any, expected: Any) -> bool:
    """Hint condition: one row too many or too few in x_history (range(step_num + 1) or the like)."""
    got, want = descent_view(actual), descent_view(expected)
    if got is None or want is None:
        return False
    g, w = tuple(got["x_history_shape"]), tuple(want["x_history_shape"])
    return g[1:] == w[1:] and abs(g[0] - w[0]) == 1


def history_after_update(actual: Any, expected: Any) -> bool:
    """Hint condition: the last row of x_history is the returned x (appended after the update),
    where the reference's last row is the x before its last update."""
    got, want = descent_view(actual), descent_view(expected)
    if got is None or want is None or got["x_history_last"] is None or want["x_history_last"] is None:
        return False
    x = np.asarray(got["x"], dtype=float)
    return bool(
        np.array_equal(np.asarray(got["x_history_last"], dtype=float), x)
        and not np.array_equal(np.asarray(got["x_history_first"], dtype=float), x)  # not aliased rows
        and not np.array_equal(np.asarray(want["x_history_last"]), np.asarray(want["x"]))
    )


def changed_by(actual: Any, expected: Any) -> float | None:
    """How far an array that must come back unchanged moved (largest element change); None
    when ``actual`` is not an array of the expected shape."""
    if (
        not (isinstance(actual, np.ndarray) and isinstance(expected, np.ndarray))
        or actual.shape != expected.shape
    ):
        return None
    if actual.dtype.kind not in "biuf":
        return None
    return float(np.max(np.abs(actual.astype(float) - expected), initial=0.0))


def unchanged_check(name: str) -> Callable[[Any, Any], Msg | None]:
    """A ``check=`` for an array the student's function must leave exactly as it was (bit for
    bit). ``expected`` is the array as given (its values are the case's own input, so saying
    how far it moved reveals nothing hidden)."""

    def check(actual: Any, expected: Any) -> Msg | None:
        moved = changed_by(actual, expected)
        if moved is None:
            return Msg(f"{name}의 모양이나 자료형이 바뀌었습니다.", f"{name} changed its shape or type.")
        if np.array_equal(actual, expected):
            return None
        count = int(np.count_nonzero(actual != expected))
        return Msg(
            f"호출한 뒤 {name}의 원소 {count}개가 바뀌어 있습니다 (가장 큰 변화 {moved:.3g}).",
            f"After the call {count} element(s) of {name} had changed (largest change {moved:.3g}).",
        )

    return check


# === demo: assignments/numerical_gradient/demo.py (the notebook's Try-it cells; # %% starts a cell)
"""실행해 보기 · Try it: the notebook's demo cell; ``python demo.py`` runs it on your numerical_gradient.py."""

import matplotlib.pyplot as plt
import numpy as np
from numerical_gradient import gradient_descent, numerical_diff


def f(x):
    return 0.01 * x**2 + 0.1 * x


xs = np.arange(0.0, 20.0, 0.1)
plt.plot(xs, f(xs), label="f")
plt.plot(xs, numerical_diff(f, 5) * (xs - 5) + f(5), label="tangent at 5")
plt.legend()
plt.show()
x, history = gradient_descent(lambda x: x[0] ** 2 + x[1] ** 2, np.array([-3.0, 4.0]), lr=0.1)
plt.plot(history[:, 0], history[:, 1], "o-")
plt.title("gradient descent")
plt.show()


# === reproduce: autograder/suites/numerical_gradient/reproduce.py (the lecture's runs for `reproduce`)
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
