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

suite.case(
    "2.1",
    params={k: (k,) for k in scenarios.DIFF_FUNCTIONS},
    hints=["forward_difference", "tiny_h"],
    run=scenarios.diff_functions,
)

suite.case(
    "2.1",
    check=tangent_line,
    about=Msg("강의의 접선: 기울기와 y절편", "the lecture's tangent line: slope and intercept"),
    run=scenarios.diff_tangent_line,
)

suite.case(
    "2.1",
    about=Msg("다른 변수를 고정한 편미분", "a partial derivative with the other variable fixed"),
    run=scenarios.diff_partial,
)

# ---- 2.2 numerical_gradient ----------------------------------------------------------------

suite.case("2.2", params={"n3": (3,), "n7": (7,)}, run=scenarios.gradient_random_1d)

suite.case(
    "2.2", about=Msg("원소 하나짜리 배열", "an array of one element"), run=scenarios.gradient_single_element
)

suite.case(
    "2.2",
    params={"square": ((3, 3),), "wide": ((2, 5),), "column": ((4, 1),)},
    hints=["one_d_only"],
    run=scenarios.gradient_2d_random,
)

suite.case("2.2", about=Msg("3차원 배열", "a 3-D array"), hints=["one_d_only"], run=scenarios.gradient_3d)

suite.case(
    "2.2",
    params={"1d": ((3, -1, 2),), "2d": (((1, 2), (0, -3)),)},
    hints=["integer_input"],
    run=scenarios.gradient_integer_arrays,
)

suite.case(
    "2.2",
    params={"W": ("W",), "b": ("b",)},
    about=Msg(
        "TwoLayerNet처럼: f = lambda W: loss(params)가 매개변수를 참조로 읽음",
        "as in TwoLayerNet: f = lambda W: loss(params) reads the parameters by reference",
    ),
    run=scenarios.gradient_by_reference,
)

suite.case(
    "2.2",
    check=unchanged_check("x"),
    hints=["not_restored", "restore_by_arithmetic"],
    requires=["gradient_by_reference[W]"],
    about=Msg(
        "끝난 뒤 x는 비트 하나까지 그대로 (참조로 읽는 f)",
        "x exactly as before afterwards (an f that reads it by reference)",
    ),
    run=scenarios.gradient_restores_x,
)

suite.case(
    "2.2",
    check=unchanged_check("x"),
    hints=["not_restored", "restore_by_arithmetic"],
    requires=["gradient_random_1d[n7]"],
    about=Msg("인자를 쓰는 f: 끝난 뒤 x는 그대로", "an f that uses its argument: x unchanged afterwards"),
    run=scenarios.gradient_keeps_x,
)

# ---- 2.3 gradient_descent ------------------------------------------------------------------

suite.case("2.3", params={"lr01": (0.1, 50), "lr03": (0.3, 20)}, check=DESCENT, run=scenarios.descent_bowl)

suite.case(
    "2.3",
    check=DESCENT,
    about=Msg("기본값 lr = 0.01, step_num = 100", "defaults lr = 0.01, step_num = 100"),
    run=scenarios.descent_defaults,
)

suite.case(
    "2.3",
    check=DESCENT,
    hints=["history_alias"],
    about=Msg("한 번만 갱신", "a single update"),
    run=scenarios.descent_one_step,
)

suite.case(
    "2.3", check=DESCENT, about=Msg("행렬 모양의 x", "a matrix-shaped x"), run=scenarios.descent_matrix
)

suite.case(
    "2.3",
    check=DESCENT,
    hints=["descent_integer_init_x"],
    about=Msg("정수 init_x", "an integer init_x"),
    run=scenarios.descent_integer_init,
)

suite.case(
    "2.3",
    check=unchanged_check("init_x"),
    hints=["descent_changes_init_x"],
    requires=["descent_bowl[lr01]"],
    about=Msg("init_x는 그대로", "init_x left unchanged"),
    run=scenarios.descent_leaves_init_x,
)

suite.case(
    "2.3",
    check=moved_check(np.array([3.0, -2.0, 0.0]), rtol=1e-6, atol=1e-9, reveal=False),
    about=Msg("학습률이 너무 작으면: x − init_x", "too small a learning rate: x − init_x"),
    run=scenarios.descent_tiny_lr,
)
