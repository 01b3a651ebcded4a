"""The instructor's check: reference = full marks, stub = zero, each mistake loses what it should."""

from __future__ import annotations

from dataclasses import dataclass

from autograder.discover import Cell, Submission, digest
from autograder.exercises import Exercise
from autograder.pipeline import GradingContext, SubmissionResult, grade_submission
from autograder.sandbox import Sandbox, choose


@dataclass(frozen=True)
class Verdict:
    exercise: str
    variant: str
    score: float
    max_score: float
    expected_score: float
    ok: bool
    problem: str = ""


def _as_submission(name: str, source: str, exercise: Exercise) -> Submission:
    return Submission(
        name, exercise.reference_path, exercise.reference_path, digest([]), (Cell(exercise.filename, source),)
    )


def validate(exercise: Exercise, jobs: int | None = None, sandbox: Sandbox | None = None) -> list[Verdict]:
    ctx = GradingContext.build(exercise, hidden=True, jobs=jobs, sandbox=sandbox or choose())
    cases = list(ctx.cases)
    reference = exercise.reference_path.read_text(encoding="utf-8")

    def grade(name: str, source: str) -> SubmissionResult:
        return grade_submission(ctx, _as_submission(name, source, exercise))

    verdicts = []
    full = sum(c.points for c in cases)
    ref = grade("reference", reference)
    bad = [c.name for c in ref.cases if not c.passed]
    verdicts.append(
        Verdict(exercise.id, "reference", ref.score, full, full, not bad, f"fails {bad}" if bad else "")
    )
    stub = grade("stub", exercise.stub_path.read_text(encoding="utf-8"))
    passed = [c.name for c in stub.cases if c.status != "not_attempted"]
    problem = f"not 'not attempted': {passed}" if passed else ""
    verdicts.append(
        Verdict(exercise.id, "stub", stub.score, full, 0.0, stub.score == 0 and not passed, problem)
    )
    for m in exercise.mistakes:
        r = grade(m.id, f"{reference}\n\n{m.source}")
        should_fail = m.expected_failures(cases)
        failed = {c.name for c in r.cases if not c.passed}
        hinted = any(m.id in dict(c.hints) for c in r.cases)
        problems = []
        if not should_fail:
            problems.append(f"its patterns {list(m.fails)} match no case")
        if failed != should_fail:
            problems.append(
                f"fails {sorted(failed - should_fail)} unexpectedly" if failed - should_fail else ""
            )
            problems.append(f"passes {sorted(should_fail - failed)}" if should_fail - failed else "")
        if should_fail and not hinted:
            problems.append("its hint never shows")
        expected_score = full - sum(c.points for c in cases if c.name in should_fail)
        text = "; ".join(p for p in problems if p)
        verdicts.append(
            Verdict(exercise.id, f"mistake:{m.id}", r.score, full, expected_score, not text, text)
        )
    return verdicts
