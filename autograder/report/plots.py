"""Plots in the feedback: a submission's learning curve beside the reference's."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def curve_png(curve: dict) -> bytes:
    """The student's learning curve beside the reference's on the same case (a small PNG)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(curve["reference"], label="reference", color="#4c72b0", linewidth=2)
    ax.plot(curve["student"], label="you", color="#dd8452", linestyle="--")
    ax.set(title=f"{curve['key']} ({curve['case']})", xlabel="step", ylabel=curve["key"])
    ax.legend()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return buf.getvalue()
