"""Staff downloads, written by the same report functions as ``grade``: gradebook.csv, canvas.csv,
moodle.csv, report.html, and the counting submissions as the folder zip ``grade`` reads, so both
routes give identical grades."""

from __future__ import annotations

import dataclasses
import io
import tempfile
import zipfile
from pathlib import Path

from autograder.server.courses.models import Student
from autograder.server.courses.rules import counting, rule_for

DOWNLOADS = ("gradebook.csv", "canvas.csv", "moodle.csv", "report.html", "submissions.zip")


def roster():
    from autograder.intake.download import ROSTER_FIELDS, Roster, RosterStudent

    students = tuple(
        RosterStudent(**{f: getattr(s, f) for f in ROSTER_FIELDS})
        for s in Student.objects.order_by("student_id")
    )
    return Roster(students, frozenset(f for f in ROSTER_FIELDS if any(getattr(s, f) for s in students)))


def class_results(exercise_id: str) -> tuple[list, list[str]]:
    """Each roster student's counting result, or their missing row (as ``grade --roster`` writes it);
    and the students whose counting submission is not graded yet."""
    from autograder.batch.folder import NO_SUBMISSION
    from autograder.core.results import SubmissionResult
    from autograder.discover.submissions import Submission
    from autograder.engine.context import GradingContext
    from autograder.engine.grade import grade_submission
    from autograder.sandbox.confine import choose
    from autograder.server.courses.suites import exercise as get_exercise

    exercise = get_exercise(exercise_id)
    rule = rule_for(exercise_id)
    # a missing row runs nothing: its cases are named, no reference is computed
    bare = GradingContext(exercise, tuple(exercise.cases(hidden=True)), choose(), None, exercise.suite_key())
    results, pending = [], []
    for student in Student.objects.order_by("student_id"):
        sub = counting(student, exercise_id, rule)
        if sub is None:
            nothing = Submission(student.student_id, Path("."), None, "", problem=NO_SUBMISSION)
            results.append(dataclasses.replace(grade_submission(bare, nothing), missing=True))
        elif sub.status != "graded":
            pending.append(student.student_id)
        else:
            results.append(SubmissionResult.from_json(sub.result))
    return sorted(results, key=lambda r: r.student), pending


def submissions_zip(exercise_id: str) -> bytes:
    """``<student_id>/<module><kind>`` for every counting submission: ``grade EX this.zip`` reads it."""
    from autograder.server.courses.suites import exercise as get_exercise

    exercise = get_exercise(exercise_id)
    rule = rule_for(exercise_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for student in Student.objects.order_by("student_id"):
            sub = counting(student, exercise_id, rule)
            if sub is not None:
                data = type(sub).objects.values_list("data", flat=True).get(pk=sub.pk)
                z.writestr(f"{student.student_id}/{exercise.module}{sub.kind}", bytes(data))
    return buffer.getvalue()


def class_file(exercise_id: str, name: str) -> bytes:
    """One of the class files, written into a temporary folder by the report writers."""
    from autograder.report.class_report import write_class_report
    from autograder.report.gradebook import write_gradebook
    from autograder.report.lms import GradebookOptions
    from autograder.sandbox.confine import choose
    from autograder.server.courses.suites import exercise as get_exercise

    exercise = get_exercise(exercise_id)
    results, _ = class_results(exercise_id)
    lms = name[: -len(".csv")] if name in ("canvas.csv", "moodle.csv") else None
    options = GradebookOptions(lms=lms, roster=roster())
    with tempfile.TemporaryDirectory(prefix="nnkit-export-") as tmp:
        out = Path(tmp)
        sandbox = choose()
        write_gradebook(out, exercise, results, sandbox, options)
        if name == "report.html":
            write_class_report(out, exercise, results, f"sandbox: {sandbox.description}")
        return (out / name).read_bytes()
