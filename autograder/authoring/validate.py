"""The instructor's check: reference = full marks, stub = zero, each mistake loses what it should."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from autograder.core.results import Outcome, SubmissionResult
from autograder.discover.submissions import Cell, Submission, digest
from autograder.engine.context import GradingContext
from autograder.engine.expected import write_public_outcomes
from autograder.engine.grade import grade_submission
from autograder.exercises import Exercise, Mistake
from autograder.runtime.spec import Case
from autograder.sandbox.confine import Sandbox, choose


@dataclass(frozen=True)
class Verdict:
    exercise: str
    variant: str
    score: float
    max_score: float
    expected_score: float
    ok: bool
    problem: str = ""


def as_submission(name: str, source: str, exercise: Exercise) -> Submission:
    return Submission(
        name, exercise.reference_path, exercise.reference_path, digest([]), (Cell(exercise.filename, source),)
    )


DO_NOTHING = {
    "pass": "pass",
    "returns_input": "return {arg}",
    "returns_zeros": "return __import__('numpy').zeros_like({arg})",
}


def do_nothing(stub: str, kind: str, which: int = 0) -> str:
    """The stub with every unimplemented function answering without doing the work: ``pass``
    (returns None), returning its first argument, or zeros of that argument's shape.

    ``which``: the argument returned is the one at that index instead (its last if it has
    fewer; ``self`` and ``cls`` are not counted)."""
    tree = ast.parse(stub)
    lines = stub.splitlines(True)
    edits = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        raises = [
            n
            for n in node.body
            if isinstance(n, ast.Raise) and "NotImplementedError" in ast.get_source_segment(stub, n)
        ]
        if not raises:
            continue
        params = [a.arg for a in node.args.args if a.arg not in ("self", "cls")]
        arg = params[min(which, len(params) - 1)] if params else "None"
        raise_node = raises[0]
        indent = " " * raise_node.col_offset
        edits.append(
            (raise_node.lineno, raise_node.end_lineno, indent + DO_NOTHING[kind].format(arg=arg) + "\n")
        )
    for first, last, text in sorted(edits, reverse=True):
        lines[first - 1 : last] = [text]
    return "".join(lines)


def validate(
    exercise: Exercise,
    jobs: int | None = None,
    sandbox: Sandbox | None = None,
    notes: list[str] | None = None,
) -> list[Verdict]:
    """Reference, stub, code that does nothing, and each known mistake, graded as a student's.

    ``notes``: gets the :func:`tight_cases` lines."""
    ctx = GradingContext.build(exercise, hidden=True, jobs=jobs, sandbox=sandbox or choose())
    if notes is not None and ctx.expected is not None:
        notes += tight_cases(exercise, ctx.expected.reference)
    write_public_outcomes(exercise, ctx.expected)
    cases = list(ctx.cases)
    reference = exercise.reference_path.read_text(encoding="utf-8")
    stub = exercise.stub_path.read_text(encoding="utf-8")

    def grade(name: str, source: str) -> SubmissionResult:
        return grade_submission(ctx, as_submission(name, source, exercise))

    full = sum(c.points for c in cases)
    verdicts = [_reference_verdict(exercise, grade("reference", reference), full)]
    verdicts.append(_stub_verdict(exercise, grade("stub", stub), full))
    for kind in DO_NOTHING:
        verdicts.append(
            _do_nothing_verdict(exercise, kind, grade(f"do_nothing_{kind}", do_nothing(stub, kind)), full)
        )
    for m in exercise.mistakes:
        verdicts.append(_mistake_verdict(exercise, m, grade(m.id, f"{reference}\n\n{m.source}"), cases, full))
    return verdicts


#: How many times the reference's own time a case's limit should leave a student's code.
TIME_MARGIN = 20


def tight_cases(exercise: Exercise, reference: dict[str, Outcome]) -> list[str]:
    """Cases whose limit is under ``TIME_MARGIN`` times the reference's time on them, as lines
    for the author. A note, never a failed validation: times depend on the machine's load."""
    lines = []
    for case in exercise.cases(True):
        limit, took = case.timeout or exercise.limits.case_timeout, reference[case.name].seconds
        if took * TIME_MARGIN > limit:
            lines.append(
                f"{exercise.id}: {case.name}: 모범 답안 {took:.2f}초, 제한 {limit:g}초 ({TIME_MARGIN}배 미만): "
                f"테스트에 timeout을 따로 주세요 · the reference took {took:.2f} s, the limit is {limit:g} s "
                f"(under {TIME_MARGIN}x): give the case its own timeout"
            )
    return lines


def _reference_verdict(exercise: Exercise, r: SubmissionResult, full: float) -> Verdict:
    bad = [c.name for c in r.cases if not c.passed]
    return Verdict(exercise.id, "reference", r.score, full, full, not bad, f"fails {bad}" if bad else "")


def _stub_verdict(exercise: Exercise, r: SubmissionResult, full: float) -> Verdict:
    passed = [c.name for c in r.cases if c.status != "not_attempted"]
    problem = f"not 'not attempted': {passed}" if passed else ""
    return Verdict(exercise.id, "stub", r.score, full, 0.0, r.score == 0 and not passed, problem)


def _do_nothing_verdict(exercise: Exercise, kind: str, r: SubmissionResult, full: float) -> Verdict:
    earned = [c.name for c in r.cases if c.points > 0]
    problem = f"earns points on {earned}" if earned else ""
    return Verdict(exercise.id, f"do-nothing:{kind}", r.score, full, 0.0, r.score == 0, problem)


def _mistake_verdict(
    exercise: Exercise, m: Mistake, r: SubmissionResult, cases: list[Case], full: float
) -> Verdict:
    """A mistake fails exactly the cases its ``fails`` patterns name, and its hint shows."""
    should_fail = m.expected_failures(cases)
    failed = {c.name for c in r.cases if not c.passed}
    hinted = any(m.shown_as in dict(c.hints) for c in r.cases)
    problems = []
    if not should_fail:
        problems.append(f"its patterns {list(m.fails)} match no case")
    if failed - should_fail:
        problems.append(f"fails {sorted(failed - should_fail)} unexpectedly")
    if should_fail - failed:
        problems.append(f"passes {sorted(should_fail - failed)}")
    if should_fail and not hinted:
        problems.append("its hint never shows")
    expected_score = full - sum(c.points for c in cases if c.name in should_fail)
    text = "; ".join(problems)
    return Verdict(exercise.id, f"mistake:{m.id}", r.score, full, expected_score, not text, text)
