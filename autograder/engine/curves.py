"""Learning curves found in a fit's outcome: validated, downsampled, kept for the feedback plot."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core.results import Outcome
from autograder.engine.expected import Expected
from autograder.runtime.spec import Case, Msg

CURVE_POINTS = 500  # a stored and plotted curve keeps at most this many points


CURVE_KEYS = ("cost_", "cost", "train_loss_list", "loss_list")


def _curve_in(value: Any, depth: int = 0) -> tuple[str, list[float]] | None:
    if not isinstance(value, dict) or depth > 2:
        return None
    for key, item in value.items():
        if key in CURVE_KEYS:
            arr = _as_curve(item)
            if arr is not None:
                return str(key), downsample(arr)
        found = _curve_in(item, depth + 1)
        if found:
            return found
    return None


def _as_curve(item: Any) -> np.ndarray | None:
    """A 1-D float array of at least two points, or None (ragged lists, objects, ints...)."""
    if isinstance(item, list) and not all(type(v) in (float, int) for v in item):
        return None
    if isinstance(item, np.ndarray) and item.dtype.kind != "f":
        return None
    if not isinstance(item, (list, np.ndarray)):
        return None
    try:
        arr = np.asarray(item, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    return arr if arr.ndim == 1 and arr.size >= 2 else None


def downsample(arr: np.ndarray, points: int = CURVE_POINTS) -> list[float]:
    """At most ``points`` evenly spaced points of a curve, first and last kept."""
    if arr.size > points:
        arr = arr[np.linspace(0, arr.size - 1, points).round().astype(int)]
    return [float(v) for v in arr]


#: A plotted value is kept within ±this: beyond it a curve is drawn at the bound (noted).
CURVE_BOUND = 1e12


def plottable(values: list[float]) -> tuple[list[float], Msg | None]:
    """A curve any plot and JSON writer takes: it stops before its first nan, and values beyond
    ±:data:`CURVE_BOUND` (±inf included) are drawn at the bound; a note says what was changed."""
    arr = np.asarray(values, dtype=float)
    nan = np.flatnonzero(np.isnan(arr))
    cut = arr.size - int(nan[0]) if nan.size else 0
    arr = arr[: arr.size - cut]
    clipped = int(np.count_nonzero(np.abs(arr) > CURVE_BOUND))
    arr = np.clip(arr, -CURVE_BOUND, CURVE_BOUND)
    notes_ko, notes_en = [], []
    if cut:
        notes_ko.append(f"값이 nan이 된 뒤의 {cut}개 점은 그리지 않았습니다")
        notes_en.append(f"the {cut} point(s) from the first nan on are not drawn")
    if clipped:
        notes_ko.append(
            f"±{CURVE_BOUND:g}를 넘는 값(무한대 포함) {clipped}개는 ±{CURVE_BOUND:g}로 그렸습니다"
        )
        notes_en.append(
            f"{clipped} value(s) beyond ±{CURVE_BOUND:g} (inf included) are drawn at ±{CURVE_BOUND:g}"
        )
    note = None
    if notes_en:
        note = Msg(
            "학습 곡선이 발산했습니다: " + ", ".join(notes_ko) + ".",
            "Your learning curve diverged: " + ", ".join(notes_en) + ".",
        )
    return [float(v) for v in arr], note


def learning_curve(cases: list[Case], outcomes: dict[str, Outcome], expected: Expected | None) -> dict | None:
    """The longest training curve a case returned, with the reference's on the same case.

    Both are made :func:`plottable`; a curve left with fewer than two points is not kept, and a
    ``note`` (``{"ko", "en"}``) says what was cut or clipped.
    """
    best = None
    for case in cases:
        found = _pair(case, outcomes[case.name], expected)
        if found and (best is None or len(found["reference"]) > len(best["reference"])):
            best = found
    return _plotted(best) if best else None


def _pair(case: Case, got: Outcome, expected: Expected | None) -> dict | None:
    """The student's and the reference's curve of one case, under the same key, or None."""
    if got.status != "ok" or expected is None or case.name not in expected.reference:
        return None
    mine, ref = _curve_in(got.value), _curve_in(expected.reference[case.name].value)
    if not (mine and ref and mine[0] == ref[0]):
        return None
    return {"case": case.name, "key": mine[0], "student": mine[1], "reference": ref[1]}


def _plotted(curve: dict) -> dict | None:
    student, note = plottable(curve["student"])
    reference, ref_note = plottable(curve["reference"])
    if len(student) < 2 or len(reference) < 2:
        return None
    curve = curve | {"student": student, "reference": reference}
    note = note or ref_note
    if note:
        curve["note"] = {"ko": note.ko, "en": note.en}
    return curve
