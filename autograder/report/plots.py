"""Plots in the feedback: a submission's learning curve beside the reference's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograder.core.files import terminal_safe, valid_text

if TYPE_CHECKING:
    pass

#: Beyond this a curve has diverged; larger values (up to ±1e308) break the plot's axis arithmetic.
CURVE_LIMIT = 1e12


def plottable(values) -> list[float]:
    """A curve as a plot can draw it: numbers clipped to ±:data:`CURVE_LIMIT`, the rest a gap."""
    import math

    out = []
    for v in values:
        try:
            x = float(v)
        except (TypeError, ValueError, OverflowError):
            x = math.nan
        out.append(max(-CURVE_LIMIT, min(CURVE_LIMIT, x)) if math.isfinite(x) else math.nan)
    return out


def curve_png(curve: dict) -> bytes:
    """The student's learning curve beside the reference's on the same case (a small PNG)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(plottable(curve["reference"]), label="reference", color="#4c72b0", linewidth=2)
    ax.plot(plottable(curve["student"]), label="you", color="#dd8452", linestyle="--")
    key = terminal_safe(valid_text(curve["key"]))
    ax.set(title=f"{key} ({terminal_safe(valid_text(curve['case']))})", xlabel="step", ylabel=key)
    ax.legend()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return buf.getvalue()
