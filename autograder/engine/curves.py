"""Learning curves found in a fit's outcome: validated, downsampled, kept for the feedback plot."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core.results import Outcome
from autograder.engine.expected import Expected
from autograder.runtime.spec import Case

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


def learning_curve(cases: list[Case], outcomes: dict[str, Outcome], expected: Expected | None) -> dict | None:
    """The longest training curve a case returned, with the reference's on the same case."""
    best = None
    for case in cases:
        got = outcomes[case.name]
        if got.status != "ok" or expected is None or case.name not in expected.reference:
            continue
        mine, ref = _curve_in(got.value), _curve_in(expected.reference[case.name].value)
        if mine and ref and mine[0] == ref[0] and (best is None or len(ref[1]) > len(best["reference"])):
            best = {"case": case.name, "key": mine[0], "student": mine[1], "reference": ref[1]}
    return best
