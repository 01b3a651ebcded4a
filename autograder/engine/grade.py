"""Grading one submission: run its cases in a worker, judge each outcome in the parent, summarise."""

from __future__ import annotations

import dataclasses
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autograder.core.errors import UserError
from autograder.core.results import CaseResult, Outcome, SubmissionResult
from autograder.discover.submissions import Submission
from autograder.engine.context import GradingContext
from autograder.engine.curves import learning_curve
from autograder.engine.expected import expected_value
from autograder.engine.judge import judge_case
from autograder.engine.run import run_submission, task_shares
from autograder.engine.slips import slip_message
from autograder.exercises import Exercise
from autograder.runtime.spec import Case, Msg
from autograder.sandbox import pool
from autograder.sandbox.confine import Sandbox, announce, choose

#: Called as each case is judged: its result, its outcome (``printed`` included) and the load
#: errors known so far. ``check`` prints from it while the run goes on.
Watch = Callable[[CaseResult, Outcome, list], None]


def grade_submission(
    ctx: GradingContext, sub: Submission, cases: list[Case] | None = None, watch: Watch | None = None
) -> SubmissionResult:
    """One submission's row. Whatever goes wrong in the kit itself on this submission becomes
    that row's ``grader_error`` (the batch goes on); the student is never blamed for it.

    ``watch``: see :data:`Watch` (a case a later case's ``requires`` takes points from is
    reported as it was judged; the returned row has the final verdicts)."""
    cases = list(ctx.cases if cases is None else cases)
    common = dict(
        student=sub.student,
        exercise=ctx.exercise.id,
        file=str(sub.file.name if sub.file else sub.path.name),
        sha256=sub.sha256,
        suite_key=ctx.suite_key,
        warnings=sub.warnings,
        sandbox=ctx.sandbox.name,
    )
    try:
        return _grade(ctx, sub, cases, common, watch)
    except pool.Interrupted:
        raise
    except Exception as exc:
        detail = f"{type(exc).__name__}: {str(exc)[:300]}"
        print(f"nnkit: grader error on {sub.student!r}: {detail}", file=sys.stderr)
        traceback.print_exc(limit=8, file=sys.stderr)
        problem = Msg(
            f"채점기 내부 오류로 이 제출물을 채점하지 못했습니다 ({detail}). 학생의 잘못이 아닙니다. "
            "조교는 이 학생만 다시 채점하세요 (--student).",
            f"The grader itself failed on this submission ({detail}); not the student's fault: "
            "regrade this student alone (--student).",
        )
        results = tuple(
            CaseResult(c.name, c.task, c.hidden, 0.0, c.points, "grader_error", problem) for c in cases
        )
        return _summarise(ctx.exercise, results, grader_error=problem, **common)


def _grade(
    ctx: GradingContext, sub: Submission, cases: list[Case], common: dict, watch: Watch | None = None
) -> SubmissionResult:
    exercise = ctx.exercise
    if sub.problem:
        results = tuple(
            CaseResult(c.name, c.task, c.hidden, 0.0, c.points, "error", sub.problem) for c in cases
        )
        return _summarise(exercise, results, problem=sub.problem, **common)
    sources = {c.label: c.source.splitlines() for c in sub.cells}
    judged: dict[str, CaseResult] = {}

    def settled(case: Case, outcome: Outcome, load_errors: list) -> None:
        result = _judge(ctx, case, outcome, load_errors, sources)
        judged[case.name] = result
        if watch is not None:
            watch(result, outcome, load_errors)

    run = run_submission(
        exercise.module,
        sub.cells,
        cases,
        exercise.limits,
        ctx.sandbox,
        sub.extra_files,
        exercise.warm,
        # from every case of the run, also when grading some of them (regrade --task)
        shares=task_shares(ctx.cases, exercise.limits),
        on_outcome=settled,
    )
    return _summarise(
        exercise,
        tuple(_together(cases, [judged[c.name] for c in cases])),
        load_errors=tuple(run.load_errors),
        output=run.output,
        output_bytes=run.output_bytes,
        seconds=round(run.seconds, 3),
        limits_hit=tuple(run.limits_hit),
        curve=learning_curve(cases, run.outcomes, ctx.expected),
        **common,
    )


def _judge(
    ctx: GradingContext, case: Case, outcome: Outcome, load_errors: list, sources: dict[str, list[str]]
) -> CaseResult:
    """One case's verdict, from its outcome alone (so it can be reported as soon as it ran)."""
    exercise, expected = ctx.exercise, ctx.expected
    mistakes, originals = None, None
    if expected and case.name in expected.reference:
        originals = expected.reference[case.name].calls
        mistakes = {
            m.id: (m, expected.mistakes[m.id][case.name])
            for m in exercise.mistakes
            if m.id in expected.mistakes and m.id in expected.distinct_mistakes(case)
        }
    judged = judge_case(
        case,
        outcome,
        expected_value(case, expected),
        exercise.task_of_id(case.task).name,
        mistakes,
        exercise.limits,
        originals,
        reveal=ctx.reveal if case.hidden else True,
    )
    return _slipped(_not_loaded(judged, outcome, load_errors, exercise.module), outcome, case, sources)


def _slipped(result: CaseResult, outcome: Outcome, case: Case, sources: dict[str, list[str]]) -> CaseResult:
    """An error that is an API slip (a function of theirs returned None) says so first."""
    if result.status != "error":
        return result
    slip = slip_message(outcome, case, sources)
    if slip is None:
        return result
    message = Msg(f"{slip.ko}\n{result.message.ko}", f"{slip.en}\n{result.message.en}")
    return dataclasses.replace(result, message=message)


def _not_loaded(result: CaseResult, outcome: Outcome, load_errors: list[dict], module: str) -> CaseResult:
    """A case that failed only because the file did not load says so, instead of the
    "no attribute" error that follows from it (one message for the load, in the report)."""
    if not load_errors or outcome.status != "error" or result.status == "passed":
        return result
    err = outcome.error or {}
    missing = err.get("type") == "AttributeError" and f"module '{module}' has no attribute" in str(
        err.get("message", "")
    )
    if not missing:
        return result
    message = Msg(
        "실행하지 않음: 파일을 끝까지 불러오지 못했습니다 (위의 불러오기 오류를 먼저 고치세요).",
        "Not run: the file did not load completely (fix the load error above first).",
    )
    return dataclasses.replace(result, status="not_loaded", message=message, hints=())


def _together(cases: list[Case], results: list[CaseResult]) -> list[CaseResult]:
    """A passed case whose ``requires`` cases did not all pass earns nothing (see ``Case.requires``)."""
    passed = {r.name for r in results if r.passed}
    by_name = {c.name: c for c in cases}
    out = []
    for r in results:
        needs = [n for n in by_name[r.name].requires if n in by_name and n not in passed] if r.passed else []
        if needs:
            names = ", ".join(needs)
            r = dataclasses.replace(
                r,
                points=0.0,
                status="failed",
                message=Msg(
                    f"이 테스트는 {names} 테스트도 통과해야 점수를 받습니다.",
                    f"This case earns its points only together with {names}.",
                ),
            )
        out.append(r)
    return out


def _summarise(ex: Exercise, results: tuple[CaseResult, ...], **kw: Any) -> SubmissionResult:
    tasks = {t.id: [0.0, 0.0] for t in ex.tasks}
    for r in results:
        tasks[r.task][0] += r.points
        tasks[r.task][1] += r.max_points
    tasks = {k: [round(a, 2), round(b, 2)] for k, (a, b) in tasks.items()}
    return SubmissionResult(
        score=round(sum(r.points for r in results), 2),
        max_score=round(sum(r.max_points for r in results), 2),
        tasks=tasks,
        cases=results,
        **kw,
    )


def check(
    exercise: Exercise, path: Path, sandbox: Sandbox | None = None, watch: Watch | None = None
) -> SubmissionResult:
    """The student's self-check: public cases only, literal expected values, no reference.
    ``watch``: told of each case as it is judged (see :data:`Watch`)."""
    from autograder.discover.submissions import load_submission

    if not path.exists():
        raise UserError(f"파일이 없습니다: {path}", f"File not found: {path}")
    sub = load_submission(path.stem, path, exercise)
    sandbox = sandbox or choose()
    announce(sandbox)
    return grade_submission(GradingContext.build(exercise, hidden=False, sandbox=sandbox), sub, watch=watch)
