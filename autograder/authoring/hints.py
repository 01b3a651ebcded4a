"""How precise the hints are: ``python -m autograder hints [EXERCISE ...]``.

Grades every known mistake variant (the reference with the mistake's definitions) and every
hand-written wrong submission in ``autograder/suites/<ex>/labelled/`` (each names the hints it
should get in ``EXPECTED_HINTS``), then counts per hint: fired where it should (right), fired
where it should not (wrong), and not fired where it should (missed). The target is no wrong
firing: a hint that names the wrong mistake misleads more than no hint.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass, field

from autograder.authoring.validate import as_submission
from autograder.core import misconceptions
from autograder.engine.context import GradingContext
from autograder.engine.grade import grade_submission
from autograder.exercises import Exercise
from autograder.sandbox.confine import Sandbox


@dataclass
class HintTally:
    right: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    wrong_where: dict[str, list[str]] = field(default_factory=dict)


def labelled(exercise: Exercise) -> list[tuple[str, str, set[str]]]:
    """(name, source, expected hint ids) of each hand-written wrong submission."""
    out = []
    folder = exercise.labelled_dir
    for path in sorted(folder.glob("*.py")) if folder.is_dir() else []:
        source = path.read_text(encoding="utf-8")
        expected: set[str] = set()
        for node in ast.parse(source).body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [
                "EXPECTED_HINTS"
            ]:
                expected = set(ast.literal_eval(node.value))
        out.append((f"labelled:{path.stem}", source, expected))
    return out


def variants(exercise: Exercise) -> list[tuple[str, str, set[str]]]:
    """Every known mistake (expecting its own hint) and every labelled submission."""
    reference = exercise.reference_path.read_text(encoding="utf-8")
    out = [
        (f"mistake:{m.id}", f"{reference}\n\n{m.source}", {m.shown_as, *m.also}) for m in exercise.mistakes
    ]
    return out + labelled(exercise)


def tally(exercise: Exercise, jobs: int | None = None, sandbox: Sandbox | None = None) -> HintTally:
    ctx = GradingContext.build(exercise, hidden=True, jobs=jobs, sandbox=sandbox)
    counts = HintTally()
    for name, source, expected in variants(exercise):
        result = grade_submission(ctx, as_submission(name, source, exercise))
        fired = {hid for c in result.cases for hid, _ in c.hints}
        for hid in fired & expected:
            counts.right[hid] += 1
        for hid in fired - expected:
            counts.wrong[hid] += 1
            counts.wrong_where.setdefault(hid, []).append(name)
        for hid in expected - fired:
            counts.missed[hid] += 1
    return counts


def table_rows(exercise: Exercise, counts: HintTally) -> list[list[str]]:
    """One row per hint: its counts, whether its words are the course-wide catalogue's or the
    exercise's own, and the first variants it fired on wrongly."""
    ids = sorted(set(counts.right) | set(counts.wrong) | set(counts.missed))
    rows = []
    for hid in ids:
        where = ", ".join(counts.wrong_where.get(hid, [])[:3])
        source = "catalogue" if misconceptions.known(hid) else "exercise"
        rows.append(
            [
                exercise.id,
                hid,
                source,
                str(counts.right[hid]),
                str(counts.wrong[hid]),
                str(counts.missed[hid]),
                where,
            ]
        )
    return rows


def run(exercises: list[Exercise], jobs: int | None = None) -> tuple[list[list[str]], int]:
    """The table for ``exercises`` and the number of wrong firings in all."""
    rows = [["exercise", "hint", "from", "right", "wrong", "missed", "wrongly on"]]
    wrong = 0
    for ex in exercises:
        counts = tally(ex, jobs)
        rows += table_rows(ex, counts)
        wrong += sum(counts.wrong.values())
    return rows, wrong
