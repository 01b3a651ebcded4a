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
    from autograder.engine.compare import compare# parent only: the worker has no compare module

    def check(actual: Any, expected: Any) -> Msg | None:
        parts = descent_parts(actual)
        if isinstance(parts, Msg):
            return parts
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
        and got["x_history_shape"] == tuple(want["x_history_shape"])
        and np.allclose(got["x_history_first"], got["x"])
        and not np.allclose(got["x_history_first"], want["x_history_first"])
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
