"""Plots in the feedback: a submission's learning curve beside the reference's.

Drawn as a small SVG written here, without matplotlib: a batch writes one per submission of a
training exercise, and matplotlib took about 0.3 s of the batch's main thread for each on a
quiet machine (more under load, and it holds the GIL the grading threads need); this takes a
few milliseconds (32 ms at load 9). The SVG is text: every number in it is formatted here and every word
escaped, so nothing from a submission can add markup.
"""

from __future__ import annotations

import functools
import math
from html import escape

from autograder.core.files import terminal_safe, valid_text
from autograder.report.class_report import font_face

#: Beyond this a curve has diverged; larger values (up to ±1e308) break the plot's axis arithmetic.
CURVE_LIMIT = 1e12

#: The plot's size in pixels, and the margins around its axes (left, right, top, bottom).
WIDTH, HEIGHT = 440, 270
MARGIN = (64, 14, 34, 44)
REFERENCE_COLOUR, STUDENT_COLOUR = "#4c72b0", "#dd8452"
FONTS = "'nnkit-ko', NanumGothic, 'Noto Sans CJK KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"
#: The plot's own words; the report font cut to their characters is embedded (about 5 KB), so
#: they render on a computer without a Korean font. Other characters use the viewer's fonts.
WORDS = ("모범 답안 · reference", "여러분 · you", "단계 · step", "여러분 · you vs 모범 답안 · reference")


@functools.cache
def curve_font() -> str:
    """The ``@font-face`` of the plot's own words (computed once per process)."""
    return font_face("".join(WORDS))


def plottable(values) -> list[float]:
    """A curve as a plot can draw it: numbers clipped to ±:data:`CURVE_LIMIT`, the rest a gap."""
    out = []
    for v in values:
        try:
            x = float(v)
        except (TypeError, ValueError, OverflowError):
            x = math.nan
        out.append(max(-CURVE_LIMIT, min(CURVE_LIMIT, x)) if math.isfinite(x) else math.nan)
    return out


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten apart) covering ``low``..``high``."""
    span = high - low
    if not span > 0:
        return [low]
    raw = span / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + step * 1e-9:
        ticks.append(0.0 if abs(k * step) < step * 1e-9 else k * step)
        k += 1
    return ticks


def _label(value: float) -> str:
    return escape(f"{value:.4g}")


def _y_range(curves: list[list[float]]) -> tuple[float, float]:
    finite = [v for curve in curves for v in curve if math.isfinite(v)]
    if not finite:
        return 0.0, 1.0
    low, high = min(finite), max(finite)
    pad = (high - low) * 0.05 if high > low else max(abs(low) * 0.05, 1e-3)
    return low - pad, high + pad


def _polylines(values: list[float], x, y, **style: str) -> list[str]:
    """One polyline per run of finite values (a nan is a gap)."""
    attrs = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in style.items())
    runs: list[list[str]] = [[]]
    for i, v in enumerate(values):
        if math.isfinite(v):
            runs[-1].append(f"{x(i):.1f},{y(v):.1f}")
        elif runs[-1]:
            runs.append([])
    return [f'<polyline fill="none" {attrs} points="{" ".join(run)}"/>' for run in runs if len(run) > 1]


def curve_svg(curve: dict) -> str:
    """The student's learning curve beside the reference's on the same case (a small SVG)."""
    reference, student = plottable(curve["reference"]), plottable(curve["student"])
    left, right, top, bottom = MARGIN
    plot_w, plot_h = WIDTH - left - right, HEIGHT - top - bottom
    steps = max(len(reference), len(student), 2) - 1
    low, high = _y_range([reference, student])

    def x(i: float) -> float:
        return left + plot_w * i / steps

    def y(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    key = escape(terminal_safe(valid_text(curve["key"])))
    case = escape(terminal_safe(valid_text(curve["case"])))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONTS}" font-size="11">',
        f"<title>{key} ({case}): {WORDS[3]}</title>",
        f"<style>{curve_font()}</style>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>',
    ]
    for t in nice_ticks(low, high):
        parts.append(f'<line x1="{left - 4}" x2="{left}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#444"/>')
        parts.append(f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{_label(t)}</text>')
    for t in nice_ticks(0, steps):
        if t == int(t):
            parts.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}" stroke="#444"/>')  # fmt: skip
            parts.append(f'<text x="{x(t):.1f}" y="{top + plot_h + 16}" text-anchor="middle">{int(t)}</text>')
    parts += _polylines(reference, x, y, stroke=REFERENCE_COLOUR, stroke_width="2")
    parts += _polylines(student, x, y, stroke=STUDENT_COLOUR, stroke_width="1.5", stroke_dasharray="5,3")
    parts += [
        f'<text x="{left + plot_w / 2:.0f}" y="20" text-anchor="middle" font-size="13">{key} ({case})</text>',
        f'<text x="{left + plot_w / 2:.0f}" y="{HEIGHT - 8}" text-anchor="middle">{WORDS[2]}</text>',
        f'<text transform="translate(14 {top + plot_h / 2:.0f}) rotate(-90)" text-anchor="middle">{key}</text>',
        *_legend(left + plot_w - 150, top + 8),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _legend(x: float, y: float) -> list[str]:
    return [
        f'<rect x="{x}" y="{y}" width="142" height="40" fill="#fff" fill-opacity="0.85" stroke="#ccc"/>',
        f'<line x1="{x + 8}" x2="{x + 32}" y1="{y + 13}" y2="{y + 13}" stroke="{REFERENCE_COLOUR}" stroke-width="2"/>',
        f'<text x="{x + 38}" y="{y + 17}">{WORDS[0]}</text>',
        f'<line x1="{x + 8}" x2="{x + 32}" y1="{y + 29}" y2="{y + 29}" stroke="{STUDENT_COLOUR}" '
        'stroke-width="1.5" stroke-dasharray="5,3"/>',
        f'<text x="{x + 38}" y="{y + 33}">{WORDS[1]}</text>',
    ]
