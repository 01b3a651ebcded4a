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
    history_aliased,
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
    when=lambda got, want: bool(np.all(np.asarray(got) == 0) and np.any(np.asarray(want) != 0)),
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
    "descent_sign",
    "x가 최솟값에서 멀어집니다: 기울기의 반대 방향으로 가야 합니다, x = x − lr · grad.",
    "x moves away from the minimum: step against the gradient, x = x − lr · grad.",
    when=moved_away,  # only on function_2, whose minimum is the origin
)
HISTORY_ALIAS = Hint(
    "history_alias",
    "x_history의 행이 모두 마지막 x와 같습니다: x.copy()를 저장하세요 (x -= ...는 저장해 둔 같은 배열을 바꿉니다).",
    "Every row of x_history is the final x: append x.copy() (x -= ... changes the very array you stored).",
    when=history_aliased,
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
    hints=[FORWARD, TINY_H],
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
    hints=[FORWARD, TINY_H],
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
    hints=[ONE_D_ONLY],
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
    expect={
        "x": np.array([-6.111107928998789e-10, 8.148143905314271e-10]),
        "x_history_shape": (100, 2),
        "x_history_first": np.array([-3.0, 4.0]),
        "x_history_last": np.array([-7.638884911261241e-10, 1.018517988166145e-09]),
    },
    check=descent_check(atol=1e-15),
    hints=[ASCENT, HISTORY_ALIAS],
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
    expect=1e6,
    check=diverged,
    about=Msg("학습률이 너무 크면 발산 (lr = 10)", "too large a learning rate diverges (lr = 10)"),
)
def descent_lr_too_large(m, ctx):
    return m.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100)


@suite.case(
    "2.3",
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
    expect={
        "x": np.array([0.07776000000009242, -0.15551999999993504]),
        "x_history_shape": (5, 2),
        "x_history_first": np.array([1.0, -2.0]),
        "x_history_last": np.array([0.12960000000014538, -0.2591999999998744]),
    },
    check=descent_check(atol=1e-12),
    hints=[INTEGER_INIT_X],
    rules=["integer_init_x"],
    about=Msg("정수 init_x np.array([1, −2])", "an integer init_x, np.array([1, −2])"),
)
def descent_integer_init_x(m, ctx):
    return m.gradient_descent(function_2, np.array([1, -2]), lr=0.2, step_num=5)


@suite.case(
    "2.3",
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
