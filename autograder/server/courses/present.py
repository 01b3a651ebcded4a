"""A result as the student's page shows it, in one language: score per task, then each case."""

from __future__ import annotations

from dataclasses import dataclass

MARKS = {"passed": "PASS", "not_attempted": "TODO"}


@dataclass(frozen=True)
class CaseLine:
    mark: str
    task: str
    name: str
    hidden: bool
    points: str
    message: str
    hints: tuple[tuple[str, str], ...]


def feedback(exercise_id: str, data: dict, lang: str) -> dict:
    from autograder.core.results import SubmissionResult
    from autograder.report.feedback import load_error_msg
    from autograder.server.courses.suites import exercise as get_exercise

    exercise = get_exercise(exercise_id)
    r = SubmissionResult.from_json(data)
    tasks = [
        (t.id, t.title.render(lang), f"{r.tasks[t.id][0]:g}", f"{r.tasks[t.id][1]:g}") for t in exercise.tasks
    ]
    notes = [m.render(lang) for m in ([r.problem] if r.problem else []) + list(r.warnings)]
    notes += [load_error_msg(e).render(lang) for e in r.load_errors]
    if r.grader_error:
        notes.append(r.grader_error.render(lang))
    cases = [
        CaseLine(
            MARKS.get(c.status, "FAIL"),
            c.task,
            c.name,
            c.hidden,
            f"{c.points:g}/{c.max_points:g}",
            "" if c.passed else c.message.render(lang),
            tuple((hid, h.render(lang)) for hid, h in c.hints),
        )
        for c in r.cases
    ]
    return {
        "score": f"{r.score:g}",
        "max_score": f"{r.max_score:g}",
        "tasks": tasks,
        "notes": notes,
        "cases": cases,
    }
