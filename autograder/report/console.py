"""Console output: aligned tables of wide (Korean) text and the progress bar."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from autograder.core.files import terminal_safe

if TYPE_CHECKING:
    from autograder.core.results import SubmissionResult
    from autograder.exercises import Exercise


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[str]]) -> str:
    """A plain-text table that lines up Korean (double-width) text too."""
    rows = [[terminal_safe(c) for c in row] for row in rows]  # a student id can hold ESC sequences
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def summary_table(exercise: Exercise, results: list[SubmissionResult]) -> str:
    rows = [["학생 student", "점수 score", *[t.id for t in exercise.tasks], "상태 status"]]
    for r in results:
        rows.append(
            [r.student, f"{r.score:g}/{r.max_score:g}",
             *[f"{r.tasks[t.id][0]:g}/{r.tasks[t.id][1]:g}" for t in exercise.tasks], r.status]
        )  # fmt: skip
    return table(rows)


class _Progress:
    def __init__(self, total: int, initial: int, enabled: bool, label: str):
        self.failures = 0
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=initial, desc=label, unit="sub", file=sys.stderr, leave=True)

    def update(self, result: SubmissionResult) -> None:
        self.failures += result.score < result.max_score
        if self.bar:
            self.bar.set_postfix_str(f"not full: {self.failures}", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar:
            self.bar.close()


def progress(total: int, initial: int = 0, enabled: bool = True, label: str = "") -> _Progress:
    return _Progress(total, initial, enabled, label)
