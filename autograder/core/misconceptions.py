"""The course-wide catalogue of misconceptions: each stated once, with a detector.

A misconception is a mistake students make in several exercises (the update not divided by the
batch size, the wrong sign of the update, the last short batch dropped, ...). Each entry says
what is wrong and what to fix, in Korean and English, lists the exercises where it can occur,
and has a *detector*: a relation between the student's value, the expected (reference) value
and, where it needs them, the case's inputs — decided in the parent on plain data, never by
equality with one known mistake's output. A case attaches a misconception by naming its id in
``hints=[...]``, as it names the public suite's hints (``autograder.exercises.resolve_hints``
turns the id into :func:`hint`'s :class:`Hint`); a mistake variant names it in
``variants.toml`` (``hint = "not_divided_by_m"``) and so proves the detector on its cases.

A detector is called as ``detect(actual, expected, inputs)``: ``actual`` and ``expected`` as the
judge compares them (numbers, arrays, lists, tuples, dicts), ``inputs`` a tuple of the arrays
and numbers the reference's run passed to ``ctx.call`` on this case (empty when unknown). It
holds on the whole value or on any one part of it (a dict's entry, a tuple's item), so a case
returning ``{"W1": ..., "cost": ...}`` gets the hint for the part that shows it.

Generator use is seen through a probe: a scenario that checks it returns a dict with an entry
named in :data:`RANDOM_PROBES` (say ``"np_random_used"``: whether ``np.random``'s state changed
during the student's call; or ``"rng_draw"``: a draw from the given ``rng`` after the call); the
reference's value of it is what the stub asks for, so a different one is the global generator.

Parent side only: plain numpy, never imported by ``autograder/runtime`` (what a worker runs).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from autograder.runtime.spec import Hint

__all__ = ["CATALOGUE", "RANDOM_PROBES", "Misconception", "hint", "known", "where"]

#: Dict entries through which a scenario reports how the student's code used random generators.
RANDOM_PROBES = ("np_random_used", "np_random_draw", "rng_draw", "rng_used")

Detector = Callable[[Any, Any, tuple], bool]

#: Relative agreement two values need to be "the same" under a relation (rounding of another
#: order of operations, not a tolerance for being nearly right).
RTOL = 1e-5


# ---- values as arrays, and the parts of a value ---------------------------------------------


def _array(x: Any) -> np.ndarray | None:
    """``x`` as a float array if it is a number, a numeric array or a regular list of numbers."""
    if isinstance(x, (bool, np.bool_)):
        return np.asarray(x, dtype=float)
    if isinstance(x, (int, float, np.number)):
        return np.asarray(x, dtype=float)
    if isinstance(x, np.ndarray):
        return x.astype(float) if x.dtype.kind in "biuf" else None
    if isinstance(x, (list, tuple)) and x:
        try:
            a = np.asarray(x, dtype=float)
        except (TypeError, ValueError):
            return None
        return a if a.dtype.kind == "f" else None
    return None


def _parts(actual: Any, expected: Any, depth: int = 0) -> Iterator[tuple[Any, Any, Any]]:
    """(key, actual part, expected part): the whole value, then each entry of a dict or item of
    a list/tuple of the same length (nested), the key being the dict key (or None)."""
    yield None, actual, expected
    if depth > 4:
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k in expected:
            if k in actual:
                for key, a, e in _parts(actual[k], expected[k], depth + 1):
                    yield (k if key is None else key), a, e
    elif isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        if len(actual) == len(expected) and _array(expected) is None:
            for a, e in zip(actual, expected):
                yield from _parts(a, e, depth + 1)


def _on_any_part(relation: Callable[[Any, Any, tuple], bool]) -> Detector:
    """A detector that holds when ``relation`` holds on the whole value or on one part of it."""

    def detect(actual: Any, expected: Any, inputs: tuple = ()) -> bool:
        for _, a, e in _parts(actual, expected):
            try:
                if relation(a, e, inputs):
                    return True
            except (ValueError, TypeError, IndexError, ZeroDivisionError, FloatingPointError):
                continue
        return False

    detect.__name__ = relation.__name__
    detect.__doc__ = relation.__doc__
    return detect


def _pair(a: Any, e: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """Both values as finite float arrays, or None."""
    x, y = _array(a), _array(e)
    if x is None or y is None or not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        return None
    return x, y


def _scale(*arrays: np.ndarray) -> float:
    return max((float(np.max(np.abs(a))) for a in arrays if a.size), default=0.0)


def _same(x: np.ndarray, y: np.ndarray) -> bool:
    """Equal up to rounding: relative to the values' magnitude (a near-zero element is compared
    with the largest one's rounding, never with a fixed absolute tolerance)."""
    if x.shape != y.shape:
        return False
    floor = 1e-9 * _scale(x, y)
    return bool(np.all(np.abs(x - y) <= RTOL * np.maximum(np.abs(x), np.abs(y)) + floor))


def _differs(x: np.ndarray, y: np.ndarray) -> bool:
    return x.shape != y.shape or not _same(x, y)


def _ratio(x: np.ndarray, y: np.ndarray) -> float | None:
    """``c`` with ``x == c * y`` (``y`` not all zero, same shape), else None."""
    if x.shape != y.shape or not np.any(y):
        return None
    c = float(np.sum(x * y) / np.sum(y * y))
    return c if c != 0 and _same(x, c * y) else None


def _near_integer(c: float) -> int | None:
    k = round(c)
    return k if k != 0 and abs(c - k) <= RTOL * abs(k) else None


def _input_arrays(inputs: tuple) -> list[np.ndarray]:
    out = []
    for x in inputs:
        a = _array(x)
        if a is not None and a.ndim >= 1 and np.all(np.isfinite(a)):
            out.append(a)
    return out


def _counts(inputs: tuple) -> set[int]:
    """Sizes a batch or step count can have in this case: the inputs' dimensions and integers."""
    out: set[int] = set()
    for x in inputs:
        if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
            out.add(int(x))
        a = _array(x)
        if a is not None:
            out |= set(a.shape)
    return {n for n in out if n >= 2}


def _axis0(x: np.ndarray) -> bool:
    return x.ndim >= 1 and x.shape[0] >= 1


# ---- detectors ------------------------------------------------------------------------------


@_on_any_part
def scaled_by_count(a: Any, e: Any, inputs: tuple) -> bool:
    """The value, or its change from an input of the same shape, is the expected one times a
    count (or divided by one): a batch size of the inputs, or any count ≥ 3 without inputs."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    counts = _counts(inputs)
    candidates = [(x, y)] + [(x - i, y - i) for i in _input_arrays(inputs) if i.shape == y.shape]
    for got, want in candidates:
        c = _ratio(got, want)
        if c is None:
            continue
        for k in (_near_integer(c), _near_integer(1 / c)):
            if k is not None and k >= 2 and (k in counts if counts else k >= 3):
                return True
    return False


@_on_any_part
def wrong_direction(a: Any, e: Any, inputs: tuple) -> bool:
    """The value is the expected one negated, or it moved from an input of its shape the
    opposite way to the expected change (gradient ascent instead of descent)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if np.any(y) and _same(x, -y):
        return True
    for i in _input_arrays(inputs):
        if i.shape != y.shape:
            continue
        dx, dy = (x - i).ravel(), (y - i).ravel()
        nx, ny = float(np.linalg.norm(dx)), float(np.linalg.norm(dy))
        if nx > 0 and ny > 1e-12 * max(_scale(i), 1e-300) and float(dx @ dy) / (nx * ny) < -0.95:
            return True
    return False


@_on_any_part
def last_short_batch_dropped(a: Any, e: Any, inputs: tuple) -> bool:
    """One entry per epoch missing from a per-update history (p updates an epoch, the short last
    one left out), the first epoch's entries before it still the same."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if not (_axis0(x) and _axis0(y)) or x.shape[1:] != y.shape[1:]:
        return False
    n, k = y.shape[0], y.shape[0] - x.shape[0]
    if not (0 < k < n) or n % k:
        return False
    p = n // k
    return p >= 2 and _same(x[: p - 1], y[: p - 1])


@_on_any_part
def targets_shifted(a: Any, e: Any, inputs: tuple) -> bool:
    """Every element off by exactly ±0.01: targets 0.01/0.99 instead of 0/1 (an error or a
    target array)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    d = np.abs(x - y)
    return x.shape == y.shape and d.size > 0 and bool(np.all(np.abs(d - 0.01) <= 1e-7))


@_on_any_part
def transposed(a: Any, e: Any, inputs: tuple) -> bool:
    """A matrix that is the expected one transposed (rows for columns)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if y.ndim != 2 or min(y.shape) < 2 or x.shape != y.shape[::-1]:
        return False
    return _differs(x, y) and _same(x, y.T)


def _normalised_axes(x: np.ndarray) -> set[int | None]:
    """The axes along which every slice of ``x`` sums to 1 (None: the whole array does)."""
    sums = [(ax, x.sum(axis=ax)) for ax in range(x.ndim) if x.shape[ax] > 1]
    out: set[int | None] = {ax for ax, s in sums if _same(s, np.ones_like(s))}
    if x.size > 1 and abs(float(x.sum()) - 1) <= 1e-6:
        out.add(None)
    return out


def _reduced_shapes(x: np.ndarray, axis: int) -> set[tuple[int, ...]]:
    return {x.shape[:axis] + x.shape[axis + 1 :], x.shape[:axis] + (1,) + x.shape[axis + 1 :]}


@_on_any_part
def wrong_axis(a: Any, e: Any, inputs: tuple) -> bool:
    """Normalised (sums to 1) along another axis than the expected value, or the whole batch
    at once; or the shape of an input reduced along another axis than the expected shape."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if x.shape == y.shape:
        return x.ndim >= 2 and _differs(x, y) and _normalised_elsewhere(x, y)
    return any(_reduced_elsewhere(x.shape, y.shape, i) for i in _input_arrays(inputs))


def _normalised_elsewhere(x: np.ndarray, y: np.ndarray) -> bool:
    want, got = _normalised_axes(y) - {None}, _normalised_axes(x)
    return bool(want) and bool(got) and not (got & want)


def _reduced_elsewhere(got: tuple, want: tuple, i: np.ndarray) -> bool:
    """``got`` and ``want`` are the shape of input ``i`` reduced along different axes (an input
    whose axes have distinct lengths, so that the shapes tell the axes apart)."""
    if i.ndim < 2 or len(set(i.shape)) < i.ndim:
        return False
    want_axes = {ax for ax in range(i.ndim) if want in _reduced_shapes(i, ax)}
    got_axes = {ax for ax in range(i.ndim) if got in _reduced_shapes(i, ax)}
    return bool(want_axes) and bool(got_axes) and not (want_axes & got_axes)


@_on_any_part
def extra_unit_axes(a: Any, e: Any, inputs: tuple) -> bool:
    """The expected values with another shape that differs only by axes of length 1: a bias of
    shape (1, n) or (n, 1) where the stub says (n,), or keepdims where none was asked for."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    return x.shape != y.shape and x.size == y.size and _same(np.squeeze(x), np.squeeze(y))


@_on_any_part
def other_generator(a: Any, e: Any, inputs: tuple) -> bool:
    """The same values in another random order (a shuffle or choice from another generator)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if x.shape != y.shape or not _axis0(y) or y.shape[0] < 3 or not _differs(x, y):
        return False
    return _same(_sorted_rows(x), _sorted_rows(y))


def _sorted_rows(z: np.ndarray) -> np.ndarray:
    """The rows (items along axis 0) of ``z`` in lexicographic order."""
    flat = z.reshape(z.shape[0], -1)
    return flat[np.lexsort(flat.T[::-1])]


def _probe_differs(actual: Any, expected: Any) -> bool:
    if not (isinstance(actual, dict) and isinstance(expected, dict)):
        return False
    for key in RANDOM_PROBES:
        if key in expected and key in actual:
            a, e = _array(actual[key]), _array(expected[key])
            if a is None or e is None or a.shape != e.shape or not np.array_equal(a, e):
                return True
    return False


def global_random(actual: Any, expected: Any, inputs: tuple = ()) -> bool:
    """A generator probe of the scenario differs (see :data:`RANDOM_PROBES`), anywhere in the
    value, or the same values came out in another random order."""
    for _, a, e in _parts(actual, expected):
        if _probe_differs(a, e):
            return True
    return other_generator(actual, expected, inputs)


@_on_any_part
def cost_formula(a: Any, e: Any, inputs: tuple) -> bool:
    """A cost that is the expected ½·Σ written another way: Σ (×2), √Σ, ½·√Σ, the mean
    (2/N of it for a count N), or ½ taken twice."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if x.shape != y.shape or not np.any(y) or np.any(y < 0) or not _differs(x, y):
        return False
    if any(_same(x, f(y)) for f in (lambda v: np.sqrt(2 * v), np.sqrt, lambda v: np.sqrt(2 * v) / 2)):
        return True
    c = _ratio(x, y)
    if c is None:
        return False
    k = _near_integer(2 / c)
    return bool(np.isclose(c, 2, rtol=RTOL) or np.isclose(c, 0.5, rtol=RTOL) or (k is not None and k >= 3))


@_on_any_part
def shifted_by_one(a: Any, e: Any, inputs: tuple) -> bool:
    """A history recorded one step late or early: its entries are the expected ones shifted by
    one (the cost or x after the update instead of before, or the reverse)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if not (_axis0(x) and _axis0(y)) or x.shape[1:] != y.shape[1:] or min(len(x), len(y)) < 2:
        return False
    if len(x) == len(y):
        if not _differs(x, y):
            return False
        return _same(x[:-1], y[1:]) or _same(x[1:], y[:-1])
    if abs(len(x) - len(y)) == 1:
        short, long_ = (x, y) if len(x) < len(y) else (y, x)
        return _same(short, long_[1:]) and _differs(short, long_[:-1])
    return False


@_on_any_part
def one_step_more_or_less(a: Any, e: Any, inputs: tuple) -> bool:
    """A history one entry longer or shorter than expected, the entries they share the same
    (range(n + 1), or the loop stopped one step early)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if not (_axis0(x) and _axis0(y)) or x.shape[1:] != y.shape[1:] or abs(len(x) - len(y)) != 1:
        return False
    n = min(len(x), len(y))
    return n >= 1 and _same(x[:n], y[:n])


@_on_any_part
def percent_for_fraction(a: Any, e: Any, inputs: tuple) -> bool:
    """A percentage where a fraction is expected, or the reverse (×100 or ÷100)."""
    pair = _pair(a, e)
    if pair is None:
        return False
    c = _ratio(*pair)
    return c is not None and (np.isclose(c, 100, rtol=RTOL) or np.isclose(c, 0.01, rtol=RTOL))


@_on_any_part
def history_not_reset(a: Any, e: Any, inputs: tuple) -> bool:
    """A history that holds the expected one and an earlier fit's too (k times as long, the
    expected entries at its start or end): the history was not started afresh."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if not (_axis0(x) and _axis0(y)) or x.shape[1:] != y.shape[1:]:
        return False
    n = len(y)
    return len(x) > n and len(x) % n == 0 and (_same(x[-n:], y) or _same(x[:n], y))


def list_for_array(actual: Any, expected: Any, inputs: tuple = ()) -> bool:
    """The expected values in a list (or tuple) where an array is expected, or the reverse."""
    for _, a, e in _parts(actual, expected):
        kinds = {isinstance(a, np.ndarray), isinstance(e, np.ndarray)}
        if kinds == {True, False} and isinstance(a if isinstance(e, np.ndarray) else e, (list, tuple)):
            pair = _pair(a, e)
            if pair is not None and _same(*pair):
                return True
    return False


@_on_any_part
def schedule_not_used(a: Any, e: Any, inputs: tuple) -> bool:
    """A sequence of learning rates that stays at the first one where the expected changes."""
    pair = _pair(a, e)
    if pair is None:
        return False
    x, y = pair
    if x.ndim != 1 or x.shape != y.shape or len(y) < 2 or not _differs(x, y):
        return False
    return _same(x, np.full_like(x, y[0])) and _differs(y, np.full_like(y, y[0]))


#: Beyond this, exp overflows in float64 (exp(709.78) is the largest finite value).
EXP_LIMIT = 709.0


def _rows_of(i: np.ndarray, shape: tuple) -> np.ndarray | None:
    """For an input of the output's shape: each element's largest |input| in its last-axis row."""
    if i.shape != shape or i.ndim == 0:
        return None
    return np.broadcast_to(np.max(np.abs(i), axis=-1, keepdims=True), shape)


def exp_overflow(actual: Any, expected: Any, inputs: tuple = ()) -> bool:
    """Infinity or nan where a finite value is expected, and the inputs it came from are beyond
    exp's range (|x| > 709): exp overflowed. (A nan from rows whose inputs are small is 0/0
    after an underflow, not this.)"""
    return any(_overflowed(a, e, inputs) for _, a, e in _parts(actual, expected))


def nonfinite_where_finite(actual: Any, expected: Any) -> bool:
    """Infinity or nan in the student's value (or a part of it) where the expected one is finite."""
    return any(_nonfinite(a, e) is not None for _, a, e in _parts(actual, expected))


def _nonfinite(a: Any, e: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """``a`` as an array and where it is not finite, when ``e`` is finite there and it is not."""
    x, y = _array(a), _array(e)
    if x is None or y is None or x.shape != y.shape or not np.all(np.isfinite(y)):
        return None
    bad = ~np.isfinite(x)
    return (x, bad) if bad.any() else None


def _overflowed(a: Any, e: Any, inputs: tuple) -> bool:
    found = _nonfinite(a, e)
    if found is None:
        return False
    x, bad = found
    if np.any(np.isinf(x)):
        return True
    arrays = _input_arrays(inputs)
    rows = [r for r in (_rows_of(i, x.shape) for i in arrays) if r is not None]
    if rows:
        return any(bool(np.any(r[bad] > EXP_LIMIT)) for r in rows)
    return any(_scale(i) > EXP_LIMIT for i in arrays)


# ---- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Misconception:
    """One misconception: what is wrong and what to fix (KO, EN), where it can occur, and the
    relation that detects it (None: only a known mistake that names it can, see ``why_no_detector``)."""

    id: str
    ko: str
    en: str
    fix_ko: str
    fix_en: str
    detect: Detector | None = None
    #: glob patterns of case names the hint may fire on (empty: every case that names it)
    only_on: tuple[str, ...] = ()
    why_no_detector: str = ""

    @property
    def exercises(self) -> tuple[str, ...]:
        """The exercises where it can occur (``misconceptions_where.toml``)."""
        return where().get(self.id, ())

    @property
    def hint(self) -> Hint:
        return Hint(
            self.id,
            f"{self.ko} {self.fix_ko}",
            f"{self.en} {self.fix_en}",
            detect=self.detect,
            only_on=self.only_on,
        )


CATALOGUE: dict[str, Misconception] = {
    m.id: m
    for m in (
        Misconception(
            "not_divided_by_m",
            "결과가 배치 크기 m배만큼 (또는 1/m배) 차이 납니다: 합이나 기울기를 샘플 수로 나누지 않았나요?",
            "The result is off by a factor of the batch size m (or 1/m): did you forget to divide a sum "
            "or gradient by the number of samples?",
            "배치 평균이나 갱신량은 그 배치의 실제 길이 m(짧은 마지막 배치는 m_b)으로 한 번만 나누세요.",
            "Divide the batch sum or the update by the batch's own length m (m_b for a short last batch), once.",
            scaled_by_count,
        ),
        Misconception(
            "update_sign",
            "갱신이 반대 방향으로 갑니다 (경사 상승): 값이 최솟값에서 멀어집니다.",
            "The update goes the wrong way (gradient ascent): the values move away from the minimum.",
            "기울기의 반대 방향으로 가세요: W = W − η · ∂L/∂W (오차를 Y − A로 정의했다면 부호를 확인하세요).",
            "Step against the gradient: W = W − η · ∂L/∂W (if you define the error as Y − A, check the sign).",
            wrong_direction,
        ),
        Misconception(
            "update_before_backprop",
            "가중치를 오차를 전파하는 데 쓰기 전에 갱신했습니다: 앞 층의 기울기가 새 가중치로 계산됩니다.",
            "A weight was updated before it was used to propagate the error: the earlier layer's "
            "gradient is computed with the new weight.",
            "모든 층의 dZ (오차)와 기울기를 먼저 구하고, 그다음에 가중치를 갱신하세요.",
            "Compute every layer's dZ (error) and gradient first, then update the weights.",
            why_no_detector="a second-order change of an earlier layer's update: only its mistake variant shows it",
        ),
        Misconception(
            "dropped_last_batch",
            "짧은 마지막 배치를 버렸습니다: 에포크마다 갱신이 하나씩 모자랍니다.",
            "The short last batch was dropped: each epoch is one update short.",
            "range(0, m, batch_size)로 자르고 마지막 조각이 짧아도 갱신하세요 (그 길이 m_b로 나눔).",
            "Slice with range(0, m, batch_size) and update on the last slice too, however short "
            "(divided by its own length m_b).",
            last_short_batch_dropped,
        ),
        Misconception(
            "targets_001_099",
            "목표값을 0/1이 아니라 0.01/0.99로 만들었나요? 값이 정확히 0.01씩 다릅니다.",
            "Did you make the targets 0.01/0.99 instead of 0/1? The values differ by exactly 0.01.",
            "이 과제의 목표값은 그냥 0/1 원-핫입니다 (튜토리얼의 0.01/0.99 조정을 하지 마세요).",
            "The targets here are plain 0/1 one-hot (no tutorial-style 0.01/0.99 adjustment).",
            targets_shifted,
        ),
        Misconception(
            "hidden_error_shortcut",
            "은닉층 오차를 W2.T @ E2로 구했나요? 강의의 이 지름길은 ½‖Y−A2‖²의 기울기가 아닙니다.",
            "Did you compute the hidden error as W2.T @ E2? That shortcut from the lecture is not the "
            "gradient of ½‖Y−A2‖².",
            "정확한 기울기는 W2.T @ dZ2 (dZ2 = E2 * g'(Z2))입니다. 수치 미분으로 구한 기울기와 비교해 보세요.",
            "The exact one is W2.T @ dZ2 with dZ2 = E2 * g'(Z2); compare with a numerical gradient.",
            why_no_detector="the missing g'(Z2) factor depends on the network's values: only its mistake variant shows it",
        ),
        Misconception(
            "transposed",
            "결과가 기대한 배열의 전치입니다: 행과 열(샘플의 방향)을 바꾸어 썼습니다.",
            "The result is the expected array transposed: rows and columns (the direction of samples) are swapped.",
            "이 과제의 규칙(한 행이 한 샘플인지, 한 열이 한 샘플인지)에 맞게 곱셈 순서와 .T를 확인하세요.",
            "Check the order of the products and the .T against this exercise's rule (one sample per row, "
            "or per column).",
            transposed,
        ),
        Misconception(
            "wrong_axis",
            "합·최댓값·평균·정규화를 다른 축으로 (또는 배치 전체에 대해) 구했습니다.",
            "A sum, maximum, mean or normalisation was taken over the wrong axis (or the whole batch).",
            "샘플마다 구해야 합니다: 한 행이 한 샘플이면 axis=-1 (또는 1), 한 열이 한 샘플이면 axis=0, keepdims=True와 함께.",
            "Take it per sample: axis=-1 (or 1) when a row is a sample, axis=0 when a column is, with keepdims=True.",
            wrong_axis,
        ),
        Misconception(
            "bias_shape",
            "값은 맞지만 모양이 길이 1인 축만큼 다릅니다: 편향을 (1, n)이나 (n, 1)로 만들었거나 keepdims를 잘못 썼나요?",
            "The values are right but the shape differs by axes of length 1: a bias of shape (1, n) or "
            "(n, 1), or a keepdims slip?",
            "스텁이 말하는 모양을 지키세요: 1차원 편향은 (n,), 편향의 기울기는 np.sum(dY, axis=0)처럼 keepdims 없이.",
            "Keep the shape the stub states: a 1-D bias is (n,), and its gradient np.sum(dY, axis=0) without keepdims.",
            extra_unit_axes,
        ),
        Misconception(
            "global_random",
            "주어진 생성기(rng)가 아니라 전역 np.random을 썼거나 np.random.seed를 불렀습니다 (생성자 안도 포함).",
            "The global np.random was used instead of the generator you were given (rng), or "
            "np.random.seed was called (also in a constructor).",
            "스텁이 주는 생성기만 쓰고 (rng.permutation, rng.choice, …), 시드를 직접 정하지 마세요.",
            "Use only the generator the stub gives (rng.permutation, rng.choice, …) and never set a seed yourself.",
            global_random,
        ),
        Misconception(
            "cost_formula",
            "비용 식이 다릅니다: √Σ, 평균, 또는 ½이 빠진 합을 썼나요?",
            "The cost formula differs: √Σ, the mean, or a sum without the ½?",
            "스텁이 말하는 식 그대로 쓰세요 (예: ½·Σ(Y−A)² / m_b).",
            "Use exactly the formula the stub states (such as ½·Σ(Y−A)² / m_b).",
            cost_formula,
        ),
        Misconception(
            "loss_after_update",
            "기록이 한 단계 밀려 있습니다: 갱신한 뒤의 값을 (또는 갱신하기 전의 값을 거꾸로) 기록했나요?",
            "The history is shifted by one step: did you record the value after the update (or before, "
            "where after is asked for)?",
            "스텁이 말하는 때에 기록하세요: 보통 갱신하기 직전의 순전파로 구한 비용이나 갱신 전의 x입니다.",
            "Record at the moment the stub states: usually the cost from the forward pass just before the "
            "update, or x before the update.",
            shifted_by_one,
        ),
        Misconception(
            "off_by_one_steps",
            "단계(에포크, 반복) 수가 하나 많거나 적습니다: range(n + 1)이나 1부터 센 번호?",
            "One step (epoch, iteration) too many or too few: range(n + 1), or counting from 1?",
            "range(n)으로 정확히 n번 돌고, 번호는 0부터 세세요.",
            "Loop exactly n times with range(n), counting from 0.",
            one_step_more_or_less,
        ),
        Misconception(
            "percent_vs_fraction",
            "정확도가 100배 (또는 1/100) 차이 납니다: 퍼센트와 비율을 바꾸어 썼습니다.",
            "The accuracy is off by a factor of 100: a percentage and a fraction are swapped.",
            "스텁을 확인하세요: 비율(0.87)인지 퍼센트(87.0)인지.",
            "Check the stub: a fraction (0.87) or a percentage (87.0).",
            percent_for_fraction,
        ),
        Misconception(
            "state_not_reset",
            "fit을 다시 부르면 앞 호출의 기록이 남아 있습니다: fit이 상태(cost_ 등)를 새로 시작하지 않습니다.",
            "Calling fit again keeps the previous call's history: fit does not start its state (cost_, …) afresh.",
            "fit을 시작할 때 self.cost_ = [] 처럼 기록과 상태를 새로 만드세요.",
            "At the start of fit, start the history and state afresh (self.cost_ = []).",
            history_not_reset,
        ),
        Misconception(
            "list_not_array",
            "값은 맞지만 리스트(또는 튜플)와 numpy 배열이 바뀌었습니다.",
            "The values are right, but a list (or tuple) and a numpy array are swapped.",
            "스텁이 말하는 자료형을 돌려주세요: np.ndarray라면 np.array(...)로 바꾸어서.",
            "Return the type the stub states: for np.ndarray, convert with np.array(...).",
            list_for_array,
        ),
        Misconception(
            "schedule_ignored",
            "학습률 일정을 계산했지만 쓰지 않았습니다: 모든 에포크가 처음 학습률로 갱신됩니다.",
            "The learning-rate schedule is computed but not used: every epoch updates with the first rate.",
            "에포크 e의 갱신에는 self.learning_rate(e)가 돌려준 값을 쓰세요.",
            "In epoch e, update with the value self.learning_rate(e) returns.",
            schedule_not_used,
        ),
        Misconception(
            "exp_overflow",
            "exp가 오버플로했습니다: 입력이 ±709를 넘으면 exp(x)는 inf가 되고 inf/inf는 nan입니다.",
            "exp overflowed: beyond ±709, exp(x) is inf, and inf/inf is nan.",
            "지수를 취하기 전에 최댓값을 빼거나 (softmax), 부호에 따라 식을 나누세요 (sigmoid, tanh는 np.tanh).",
            "Subtract the maximum before exp (softmax), or split the formula by sign (sigmoid; np.tanh for tanh).",
            exp_overflow,
        ),
    )
}


#: Where each misconception can occur, as data: the engine's code names no exercise.
WHERE = Path(__file__).with_name("misconceptions_where.toml")


@functools.cache
def where() -> dict[str, tuple[str, ...]]:
    """Misconception id -> the exercises where it can occur (read when asked: a student bundle,
    which needs only the texts and detectors, may leave the file out)."""
    if not WHERE.is_file():
        return {}
    data = tomllib.loads(WHERE.read_text(encoding="utf-8"))
    return {k: tuple(str(e) for e in v) for k, v in data.items()}


def known(hint_id: str) -> bool:
    return hint_id in CATALOGUE


def hint(hint_id: str) -> Hint:
    """The catalogue's :class:`Hint` for ``hint_id`` (KeyError if it is not in the catalogue)."""
    return CATALOGUE[hint_id].hint


def texts() -> dict[str, tuple[str, str]]:
    """Every misconception's hint text (Korean, English), for ``assign`` naming one in a variant."""
    return {m.id: (m.hint.ko, m.hint.en) for m in CATALOGUE.values()}
