"""Public tests, exercise 2 (numerical differentiation): the lecture's own numbers.

Run them with ``python -m autograder check numerical_gradient [your_file.py]``.
"""

import numpy as np

from autograder.spec import Hint, Msg, PerParam, Suite

suite = Suite("numerical_gradient", hidden=False)
H = 1e-4


def function_1(x):
    return 0.01 * x**2 + 0.1 * x


def function_2(x):
    return x[0] ** 2 + x[1] ** 2


# The lecture's simpleNet (4.4.2): one 2x3 weight matrix, softmax and cross-entropy.
W_LECTURE = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
X_LECTURE = np.array([0.6, 0.9])
T_LECTURE = np.array([0.0, 0.0, 1.0])


def simple_net_loss(W):
    a = X_LECTURE @ W
    y = np.exp(a - a.max()) / np.sum(np.exp(a - a.max()))
    return -np.sum(T_LECTURE * np.log(y + 1e-7))


FORWARD = Hint(
    "forward_difference",
    "전방 차분 (f(x+h) − f(x)) / h 을 썼나요? 중심 차분 (f(x+h) − f(x−h)) / 2h 을 쓰세요.",
    "Did you use the forward difference (f(x+h) − f(x)) / h? Use the central one, (f(x+h) − f(x−h)) / 2h.",
    when=lambda got, want: np.all((np.asarray(got) - want > 1e-7) & (np.asarray(got) - want < 1e-3)),
)
TINY_H = Hint(
    "tiny_h",
    "결과가 0입니다: h가 너무 작으면 (예: 1e-50) x + h == x 가 됩니다 (반올림 오차). h = 1e-4 를 쓰세요.",
    "The result is 0: with a tiny h (such as 1e-50) x + h == x (rounding error). Use h = 1e-4.",
    when=lambda got, want: np.all(np.asarray(got) == 0) and np.any(np.asarray(want) != 0),
)
INTEGER_INPUT = Hint(
    "integer_input",
    "정수 배열에서는 x[i] = 1 + 1e-4 가 1로 잘립니다 (강의 코드도 여기서 틀립니다). "
    "x가 정수 배열이면 x = x.astype(float) 로 실수 복사본을 만들어 계산하세요.",
    "In an integer array x[i] = 1 + 1e-4 is truncated back to 1 (the lecture's code fails here too). "
    "For an integer x, compute on a float copy x = x.astype(float).",
    when=lambda got, want: np.asarray(got).dtype.kind != "f" or np.max(np.abs(got)) > 100,
)
COPY_PERTURBED = Hint(
    "perturbs_copy",
    "기울기가 0입니다: x의 복사본을 바꾸었나요? 이 f는 인자를 무시하고 같은 배열을 참조로 읽습니다 "
    "(TwoLayerNet의 f = lambda W: net.loss(x, t) 처럼). x 자체를 바꾸고 다시 되돌려 놓으세요.",
    "The gradient is zero: did you perturb a copy of x? This f ignores its argument and reads the "
    "same array by reference (like f = lambda W: net.loss(x, t) in TwoLayerNet). Perturb x itself "
    "and put it back.",
    when=lambda got, want: np.all(np.asarray(got["grad"] if isinstance(got, dict) else got) == 0),
)
ONE_D_ONLY = Hint(
    "one_d_only",
    "IndexError가 났다면: 2차원 이상의 배열에서도 모든 원소를 도세요. range(x.size)와 x[i]는 1차원에서만 "
    "맞습니다. np.ndindex(x.shape) (또는 np.nditer의 multi_index)를 쓰세요.",
    "If you got an IndexError: visit every element of arrays with 2 or more dimensions too. "
    "range(x.size) with x[i] is right only in 1-D. Use np.ndindex(x.shape) (or np.nditer with multi_index).",
)
NOT_RESTORED = Hint(
    "not_restored",
    "끝난 뒤 x가 바뀌어 있습니다: 각 원소를 계산한 뒤 저장한 값을 다시 넣으세요 (x[i] = saved).",
    "x is changed afterwards: put each element's saved value back (x[i] = saved).",
    when=lambda got, want: got["x_changed"] > 0 and got["x_max_change"] > 1e-6,
)
RESTORED_BY_ARITHMETIC = Hint(
    "restore_by_arithmetic",
    "x가 아주 조금 (반올림 오차만큼) 바뀌었습니다: x[i] -= h 처럼 계산해서 되돌리지 말고, "
    "저장한 값을 대입하세요 (x[i] = saved).",
    "x changed by a rounding error: do not compute the value back (x[i] -= h); assign the saved "
    "value (x[i] = saved).",
    when=lambda got, want: got["x_changed"] > 0 and got["x_max_change"] <= 1e-6,
)
ASCENT = Hint(
    "descent_sign",
    "x가 최솟값에서 멀어졌습니다: 기울기의 반대 방향으로 가야 합니다, x = x − lr · grad.",
    "x moved away from the minimum: step against the gradient, x = x − lr · grad.",
    when=lambda got, want: np.max(np.abs(got["x"])) > np.max(np.abs(got["x_history_first"])),
)
ASCENT_SMALL_STEP = Hint(
    "descent_sign",
    ASCENT.ko,
    ASCENT.en,
    when=lambda got, want: np.all(np.sign(got) == -np.sign(want)),
)
HISTORY_ALIAS = Hint(
    "history_alias",
    "x_history의 행이 모두 마지막 x와 같습니다: x.copy()를 저장하세요 (x -= ... 는 같은 배열을 바꿉니다).",
    "Every row of x_history is the final x: append x.copy() (x -= ... changes the same array).",
    when=lambda got, want: (
        np.allclose(got["x_history_first"], got["x"])
        and not np.allclose(got["x_history_first"], want["x_history_first"])
    ),
)
CHANGES_INIT_X = Hint(
    "descent_changes_init_x",
    "강의 코드처럼 x = init_x 로 두고 x -= ... 하면 호출한 쪽의 배열이 바뀝니다. "
    "x = np.array(init_x, dtype=float) 로 실수 복사본에서 시작하세요.",
    "x = init_x followed by x -= ..., as in the lecture, changes the caller's array. "
    "Start from a float copy, x = np.array(init_x, dtype=float).",
)


@suite.case(
    "2.1",
    params={"x5": (5.0,), "x10": (10.0,)},
    expect=PerParam({"x5": 0.1999999999990898, "x10": 0.2999999999986347}),
    rtol=1e-9,
    hints=[FORWARD, TINY_H],
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
    about=Msg("강의 예제 f(x) = x0² + x1²", "the lecture's f(x) = x0² + x1²"),
)
def gradient_lecture(m, ctx, point):
    return m.numerical_gradient(function_2, np.array(point))


@suite.case(
    "2.2",
    expect=np.array([2.0, 4.0]),
    hints=[INTEGER_INPUT],
    about=Msg("정수 배열 np.array([1, 2])", "an integer array np.array([1, 2])"),
)
def gradient_integer_input(m, ctx):
    return m.numerical_gradient(function_2, np.array([1, 2]))


@suite.case(
    "2.2",
    expect=np.array([[3.000000010047188, 12.000000009990686], [27.000000010133363, 48.00000000997784]]),
    hints=[ONE_D_ONLY],
    about=Msg("2차원 배열 f(W) = ΣW³", "a 2-D array, f(W) = ΣW³"),
)
def gradient_2d(m, ctx):
    return m.numerical_gradient(lambda w: np.sum(w**3), np.array([[1.0, 2.0], [3.0, 4.0]]))


@suite.case(
    "2.2",
    expect={
        "grad": np.array(
            [
                [0.2192475712392561, 0.14356242984070455, -0.3628100010055757],
                [0.3288713569016277, 0.21534364482433954, -0.5442150014745017],
            ]
        ),
        "x_changed": 0,
        "x_max_change": 0.0,
    },
    hints=[COPY_PERTURBED, NOT_RESTORED, RESTORED_BY_ARITHMETIC],
    about=Msg(
        "강의의 simpleNet: f = lambda w: net.loss(x, t) 는 W를 참조로 읽음; 끝난 뒤 W는 그대로",
        "the lecture's simpleNet: f = lambda w: net.loss(x, t) reads W by reference; W unchanged after",
    ),
)
def gradient_simple_net(m, ctx):
    W = W_LECTURE.copy()
    grad = m.numerical_gradient(lambda w: simple_net_loss(W), W)
    return {
        "grad": grad,
        "x_changed": int(np.count_nonzero(W != W_LECTURE)),
        "x_max_change": float(np.max(np.abs(W - W_LECTURE))),
    }


def descent(m, f, init_x, **kw):
    x, x_history = m.gradient_descent(f, init_x, **kw)
    x_history = np.asarray(x_history)
    return {
        "x": x,
        "x_history_shape": x_history.shape,
        "x_history_first": x_history[0],
        "x_history_last": x_history[-1],
    }


@suite.case(
    "2.3",
    expect={
        "x": np.array([-6.111107928998789e-10, 8.148143905314271e-10]),
        "x_history_shape": (100, 2),
        "x_history_first": np.array([-3.0, 4.0]),
        "x_history_last": np.array([-7.638884911261241e-10, 1.018517988166145e-09]),
    },
    atol=1e-15,
    hints=[ASCENT, HISTORY_ALIAS],
    about=Msg(
        "강의 예제: (−3, 4)에서 lr = 0.1, 100번", "the lecture's run: from (−3, 4), lr = 0.1, 100 steps"
    ),
)
def descent_lecture(m, ctx):
    return descent(m, function_2, np.array([-3.0, 4.0]), lr=0.1, step_num=100)


def diverged(got, want):
    """Passes when the final x is huge (or not finite): the exact digits depend on rounding."""
    try:
        size = float(np.max(np.abs(np.asarray(got, dtype=float))))
    except (TypeError, ValueError):
        return Msg("x는 실수 배열이어야 합니다.", "x must be a float array.")
    if not np.isfinite(size) or size > want:
        return None
    return Msg(
        f"학습률 10이면 발산해야 합니다 (강의: 약 (−2.6e13, −1.3e12)), 그런데 최대 |x| = {size:.3g}",
        f"with lr = 10 the run must diverge (lecture: about (−2.6e13, −1.3e12)), but max |x| = {size:.3g}",
    )


@suite.case(
    "2.3",
    expect=1e6,
    check=diverged,
    about=Msg("학습률이 너무 크면 발산 (lr = 10)", "too large a learning rate diverges (lr = 10)"),
)
def descent_lr_too_large(m, ctx):
    x, _ = m.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=10.0, step_num=100)
    return x


@suite.case(
    "2.3",
    expect=np.array([6.000000496442226e-08, -8.000000661922968e-08]),
    rtol=1e-4,
    hints=[ASCENT_SMALL_STEP],
    about=Msg(
        "학습률이 너무 작으면 거의 움직이지 않음 (lr = 1e-10): x − init_x",
        "too small a learning rate barely moves (lr = 1e-10): x − init_x",
    ),
)
def descent_lr_too_small(m, ctx):
    x, _ = m.gradient_descent(function_2, np.array([-3.0, 4.0]), lr=1e-10, step_num=100)
    return x - np.array([-3.0, 4.0])


@suite.case(
    "2.3",
    expect=np.array([-3.0, 4.0]),
    hints=[CHANGES_INIT_X],
    about=Msg("init_x는 그대로", "init_x left unchanged"),
)
def descent_keeps_init_x(m, ctx):
    init_x = np.array([-3.0, 4.0])
    ctx.call(m.gradient_descent, function_2, init_x, 0.1, 10)
    return init_x
