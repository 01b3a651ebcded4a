"""Public tests, exercise 1 (loss functions): the lecture's own numbers.

Run them with ``python -m autograder check loss_functions [your_file.py]``.
"""

import numpy as np

from autograder.spec import Hint, Msg, PerParam, Suite

suite = Suite("loss_functions", hidden=False)

# The lecture's example: the network is most confident in class 2 (correct) or class 7 (wrong).
Y_RIGHT = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_WRONG = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])
T = np.eye(10)[2]
GUESSES = {"correct_guess": (Y_RIGHT,), "wrong_guess": (Y_WRONG,)}

MSE_MEAN = Hint(
    "mse_mean",
    "평균(np.mean)을 썼나요? 강의의 오차제곱합은 ½·Σ(y−t)² 입니다.",
    "Did you take the mean? The lecture's error is ½·Σ(y−t)², not the mean.",
    when=lambda got, want: np.isclose(got, want * 2 / 10),
)
MSE_NO_HALF = Hint(
    "mse_no_half",
    "½을 빠뜨렸습니다: E = ½·Σ(y−t)².",
    "The ½ is missing: E = ½·Σ(y−t)².",
    when=lambda got, want: np.isclose(got, 2 * want),
)
CEE_LOG10 = Hint(
    "cee_log10",
    "np.log10이 아니라 자연로그 np.log를 쓰세요.",
    "Use the natural log np.log, not np.log10.",
    when=lambda got, want: np.isclose(got, want / np.log(10), rtol=1e-4),
)
NOT_FINITE = Hint(
    "cee_no_delta",
    "결과가 inf/nan 입니다: log 안에 delta = 1e-7을 더했나요?",
    "The result is inf/nan: did you add delta = 1e-7 inside the log?",
    when=lambda got, want: not np.all(np.isfinite(got)),
)
SOFTMAX_OVERFLOW = Hint(
    "softmax_overflow",
    "exp가 오버플로했습니다: 지수를 취하기 전에 최댓값을 빼세요.",
    "exp overflowed: subtract the maximum before taking the exponential.",
    when=lambda got, want: not np.all(np.isfinite(got)),
)


@suite.case(
    "1.1",
    params=GUESSES,
    expect=PerParam({"correct_guess": 0.0975, "wrong_guess": 0.5975}),
    hints=[MSE_MEAN, MSE_NO_HALF],
    about=Msg("강의 예제의 오차제곱합", "the lecture's sum-of-squares example"),
)
def mse_lecture(m, ctx, y):
    return m.mean_squared_error(y, T)


@suite.case(
    "1.2",
    params=GUESSES,
    expect=PerParam({"correct_guess": 0.510825457099338, "wrong_guess": 2.302584092994546}),
    rtol=1e-9,
    hints=[CEE_LOG10, NOT_FINITE],
    about=Msg("강의 예제의 교차 엔트로피 오차", "the lecture's cross-entropy example"),
)
def cee_lecture(m, ctx, y):
    return m.cross_entropy_error(y, T)


@suite.case(
    "1.3",
    expect=np.array([0.018211273295547534, 0.2451918129350739, 0.7365969137693785]),
    about=Msg("강의 예제 softmax([0.3, 2.9, 4.0])", "the lecture's softmax([0.3, 2.9, 4.0])"),
)
def softmax_lecture(m, ctx):
    return m.softmax(np.array([0.3, 2.9, 4.0]))


@suite.case(
    "1.3",
    expect=np.array([0.999954600070331, 4.539786860886666e-05, 2.061060046209062e-09]),
    hints=[SOFTMAX_OVERFLOW],
    about=Msg("큰 입력에서 오버플로 없음", "no overflow on large inputs"),
)
def softmax_large_inputs(m, ctx):
    return m.softmax(np.array([1010.0, 1000.0, 990.0]))
