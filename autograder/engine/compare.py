"""Comparing a value with its expected value: type, then shape, then dtype kind, then values.

One clear bilingual message per failure. Depends only on numpy and the plain-data types, so
the same rules run in nnkit's trusted parent and inside an otter-grader bundle.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core.korean import josa
from autograder.runtime.spec import Msg
from autograder.runtime.wire import Opaque

_KIND = {"b": "bool", "i": "int", "u": "int", "f": "float", "c": "complex"}


def describe(value: Any, lang: str = "en") -> str:
    """What kind of value this is, in English or (``lang="ko"``) in Korean."""
    ko = lang == "ko"
    if isinstance(value, np.ndarray):
        return (
            f"모양 {value.shape}인 배열({value.dtype})"
            if ko
            else f"array of shape {value.shape} ({value.dtype})"
        )
    if isinstance(value, Opaque):
        if value.type_name == "ndarray" and value.text.startswith("array of"):
            return "너무 큰 배열" if ko else value.text  # "array of N bytes (too large)"
        return f"{value.type_name} 객체" if ko else f"{value.type_name} object"
    return type(value).__name__


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, np.number)) and not isinstance(v, (bool, np.bool_))


def compare(
    actual: Any,
    expected: Any,
    rtol: float,
    atol: float,
    where: str = "result",
    reveal: bool = True,
    dtype_rule: bool = False,
) -> Msg | None:
    """None when ``actual`` matches ``expected``; otherwise what differs, in both languages.

    ``reveal=False`` (hidden cases): say what differs (type, shape, which element) but never
    the expected value itself, and quote at most :data:`HIDDEN_QUOTE` characters of ``actual``.
    ``dtype_rule``: the case states an element type (a rule of the stub), so bool or int
    elements fail where floats are expected; without one, they pass when their values equal
    the expected floats exactly (``relu_d`` returning ``x > 0``: no docstring asked for floats).
    """
    if _is_number(expected):
        return _compare_numbers(actual, expected, rtol, atol, where, reveal)
    if isinstance(expected, np.ndarray):
        return _compare_arrays(actual, expected, rtol, atol, _ko(where), where, reveal, dtype_rule)
    if isinstance(expected, dict):
        return _compare_dicts(actual, expected, rtol, atol, _ko(where), where, reveal, dtype_rule)
    if isinstance(expected, (list, tuple)):
        return _compare_sequences(actual, expected, rtol, atol, where, reveal, dtype_rule)
    if type(actual) is not type(expected) or actual != expected:
        return _differs(actual, expected, where, reveal)
    return None


def _compare_numbers(
    actual: Any, expected: Any, rtol: float, atol: float, en_where: str, reveal: bool
) -> Msg | None:
    where = _ko(en_where)
    if isinstance(actual, np.ndarray) and actual.shape == ():
        actual = actual[()]
    if not _is_number(actual):
        return Msg(
            f"{where}: 숫자 하나를 돌려줘야 하는데 {josa(describe(actual, 'ko'), '을')} 돌려주었습니다.",
            f"{en_where}: expected a single number, got {describe(actual)}.",
        )
    if not np.isfinite(actual) and np.isfinite(expected):
        ko, en = (f" (기대값 {expected:.6g})", f" (expected {expected:.6g})") if reveal else ("", "")
        return Msg(f"{where}: 값이 {actual}입니다{ko}.", f"{en_where} is {actual}{en}.")
    if not np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True):
        if not reveal:
            return Msg(
                f"{where}: {josa(f'{actual:.10g}', '은')} 기대한 값이 아닙니다.",
                f"{en_where} is {actual:.10g}, not the expected value.",
            )
        return Msg(
            f"{where}: {actual:.10g} (기대값 {expected:.10g})",
            f"{en_where} is {actual:.10g}, expected {expected:.10g}",
        )
    return None


def _compare_sequences(
    actual: Any,
    expected: list | tuple,
    rtol: float,
    atol: float,
    en_where: str,
    reveal: bool,
    dtype_rule: bool = False,
) -> Msg | None:
    where = _ko(en_where)
    if type(actual) is not type(expected):
        kind = type(expected).__name__
        return Msg(
            f"{where}: {josa(kind, '을')} 돌려줘야 하는데 {describe(actual, 'ko')}입니다.",
            f"{en_where}: expected a {kind}, got {describe(actual)}.",
        )
    if len(actual) != len(expected):
        return Msg(
            f"{where}: 길이가 {len(actual)}입니다 (기대값 {len(expected)}).",
            f"{en_where} has length {len(actual)}, expected {len(expected)}.",
        )
    for i, (a, e) in enumerate(zip(actual, expected)):
        problem = compare(a, e, rtol, atol, f"{en_where}[{i}]", reveal, dtype_rule)
        if problem:
            return problem
    return None


def _differs(actual: Any, expected: Any, en_where: str, reveal: bool) -> Msg:
    where = _ko(en_where)
    if not reveal:
        got = _short(actual, HIDDEN_QUOTE)
        return Msg(
            f"{where}: {josa(got, '은')} 기대한 값이 아닙니다.",
            f"{en_where} is {got}, not the expected value.",
        )
    return Msg(
        f"{where}: {_short(actual)} (기대값 {_short(expected)})",
        f"{en_where} is {_short(actual)}, expected {_short(expected)}",
    )


#: A hidden case's message quotes at most this much of the returned value (see ``judge.said``).
HIDDEN_QUOTE = 200


def _short(value: Any, cap: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= cap else text[:cap] + "…"


def _ko(where: str) -> str:
    """The value's name in Korean sentences: the whole return value is "결과"."""
    return "결과" + where[len("result") :] if where.startswith("result") else where


def _compare_arrays(
    actual: Any,
    expected: np.ndarray,
    rtol: float,
    atol: float,
    where: str,
    en_where: str,
    reveal: bool,
    dtype_rule: bool = False,
) -> Msg | None:
    """``where``: the value's name in Korean, ``en_where`` in English."""
    if not isinstance(actual, np.ndarray):
        return Msg(
            f"{where}: numpy 배열을 돌려줘야 하는데 {describe(actual, 'ko')}입니다.",
            f"{en_where}: expected a numpy array, got {describe(actual)}.",
        )
    if actual.shape != expected.shape:
        return Msg(
            f"{where}: 모양이 {actual.shape}입니다 (기대값 {expected.shape}).",
            f"{en_where} has shape {actual.shape}, expected {expected.shape}.",
        )
    ka, ke = _KIND[actual.dtype.kind], _KIND[expected.dtype.kind]
    if (
        ka != ke
        and not (ke == "float" and ka == "int" and expected.size == 0)
        and (dtype_rule or not _exactly_equal_floats(actual, expected))
    ):
        return Msg(
            f"{where}: 원소 자료형이 {ka}입니다 (기대값 {ke}).",
            f"{en_where} has {ka} elements, expected {ke}.",
        )
    if ke == "bool" or ke == "int" or ka != ke:
        bad = actual != expected
    else:
        bad = ~np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        if not reveal:
            return Msg(
                f"{where}: {bad.sum()}/{bad.size}개 원소가 기대한 값과 다릅니다. 예: 위치 {idx}의 {actual[idx]:.8g}",
                f"{en_where}: {bad.sum()} of {bad.size} elements differ from the expected values, e.g. {actual[idx]:.8g} at {idx}",
            )
        return Msg(
            f"{where}: {bad.sum()}/{bad.size}개 원소가 다릅니다. 예: 위치 {idx}에서 {actual[idx]:.8g} (기대값 {expected[idx]:.8g})",
            f"{en_where}: {bad.sum()} of {bad.size} elements differ, e.g. at {idx}: {actual[idx]:.8g}, expected {expected[idx]:.8g}",
        )
    return None


def _exactly_equal_floats(actual: np.ndarray, expected: np.ndarray) -> bool:
    """Bool or int elements whose values are exactly the expected floats."""
    if actual.dtype.kind not in "biu" or expected.dtype.kind != "f":
        return False
    return bool(np.array_equal(actual.astype(expected.dtype), expected))


def _compare_dicts(
    actual: Any,
    expected: dict,
    rtol: float,
    atol: float,
    where: str,
    en_where: str,
    reveal: bool,
    dtype_rule: bool = False,
) -> Msg | None:
    if not isinstance(actual, dict):
        return Msg(
            f"{where}: dict를 돌려줘야 하는데 {describe(actual, 'ko')}입니다.",
            f"{en_where}: expected a dict, got {describe(actual)}.",
        )
    missing = [k for k in expected if k not in actual]
    extra = [k for k in actual if k not in expected]
    if missing or extra:
        # the missing keys are part of the answer: a hidden case counts them, never names them
        gone_ko = f"빠진 키 {missing[:5]}" if reveal else f"빠진 키 {len(missing)}개"
        gone_en = f"missing keys {missing[:5]}" if reveal else f"{len(missing)} missing key(s)"
        unexpected = str(extra[:5]) if reveal else _short(extra[:5], HIDDEN_QUOTE)
        parts_ko = ([gone_ko] if missing else []) + ([f"없어야 할 키 {unexpected}"] if extra else [])
        parts_en = ([gone_en] if missing else []) + ([f"unexpected keys {unexpected}"] if extra else [])
        return Msg(f"{where}: " + ", ".join(parts_ko), f"{en_where}: " + ", ".join(parts_en))
    for k, e in expected.items():
        problem = compare(actual[k], e, rtol, atol, f"{en_where}[{k!r}]", reveal, dtype_rule)
        if problem:
            return problem
    return None
