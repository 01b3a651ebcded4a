"""A result as the student's page shows it, in one language: score per task, then each case."""

from __future__ import annotations

from dataclasses import dataclass

from autograder.runtime.spec import Msg

#: A case's mark by status (anything else failed): its CSS class, and its words per language.
KINDS = {"passed": "PASS", "not_attempted": "TODO"}
MARKS = {"PASS": Msg("통과", "PASS"), "TODO": Msg("미완성", "TODO"), "FAIL": Msg("실패", "FAIL")}


@dataclass(frozen=True)
class CaseLine:
    kind: str
    mark: str
    task: str
    name: str
    hidden: bool
    points: str
    message: str
    hints: tuple[tuple[str, str], ...]


def feedback(
    exercise_id: str, data: dict, lang: str, hidden: str = "verdicts", revealed: dict | None = None
) -> dict:
    """``hidden``: what is shown of the hidden cases (``rules.hidden_view``): ``points`` (one line
    with their points), ``verdicts`` (the stored messages, graded without expected values) or
    ``expected`` (the messages of ``revealed``, the same file graded with ``reveal=True``, for each
    case whose verdict there is the same; the stored message otherwise)."""
    from autograder.core.results import SubmissionResult
    from autograder.server.courses.suites import exercise as get_exercise

    exercise = get_exercise(exercise_id)
    r = SubmissionResult.from_json(data)
    tasks = [
        (t.id, t.title.render(lang), f"{r.tasks[t.id][0]:g}", f"{r.tasks[t.id][1]:g}") for t in exercise.tasks
    ]
    notes = [m.render(lang) for m in _notes(r)]
    shown = _revealed_messages(r, revealed) if hidden == "expected" and revealed else {}
    cases = [
        CaseLine(
            KINDS.get(c.status, "FAIL"),
            MARKS[KINDS.get(c.status, "FAIL")].render(lang),
            c.task,
            c.name,
            c.hidden,
            f"{c.points:g}/{c.max_points:g}",
            "" if c.passed else shown.get(c.name, c.message).render(lang),
            tuple((hid, h.render(lang)) for hid, h in c.hints),
        )
        for c in r.cases
        if not (c.hidden and hidden == "points")
    ]
    if hidden == "points" and any(c.hidden for c in r.cases):
        notes.append(_hidden_points(r).render(lang))
    return {
        "score": f"{r.score:g}",
        "max_score": f"{r.max_score:g}",
        "tasks": tasks,
        "notes": notes,
        "cases": cases,
        "hidden": hidden,
    }


def _revealed_messages(r, revealed: dict) -> dict:
    """Hidden cases' messages from the ``reveal=True`` grading, where its verdict is the same."""
    from autograder.core.results import SubmissionResult

    again = {c.name: c for c in SubmissionResult.from_json(revealed).cases}
    return {
        c.name: again[c.name].message
        for c in r.cases
        if c.hidden and c.name in again and again[c.name].status == c.status
    }


def _hidden_points(r) -> Msg:
    secret = [c for c in r.cases if c.hidden]
    got, most = sum(c.points for c in secret), sum(c.max_points for c in secret)
    return Msg(
        f"숨은 테스트 {len(secret)}개: {got:g}/{most:g}점 (각 테스트의 결과는 마감 뒤에 공개)",
        f"{len(secret)} hidden tests: {got:g}/{most:g} points (each one's result shown after the deadline)",
    )


def _notes(r) -> list[Msg]:
    """What concerns the whole file: its problem, warnings, load errors, a grader error."""
    from autograder.report.feedback import load_error_msg

    notes = ([r.problem] if r.problem else []) + list(r.warnings)
    notes += [load_error_msg(e) for e in r.load_errors]
    return notes + ([r.grader_error] if r.grader_error else [])
