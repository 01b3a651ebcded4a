"""Per-submission result files, Gradescope's results JSON, and the class gradebook."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core.files import safe_name, write_atomic, write_csv
from autograder.report.feedback import feedback_markdown
from autograder.report.lms import GradebookOptions, lms_rows
from autograder.report.plots import curve_svg

if TYPE_CHECKING:
    from autograder.core.results import SubmissionResult
    from autograder.exercises import Exercise
    from autograder.intake.roster import Roster
    from autograder.sandbox.confine import Sandbox


def load_result(out: Path, student: str) -> SubmissionResult | None:
    """The result on disk for ``student``, or None (missing, damaged or of an older format)."""
    return load_result_file(out / "results" / f"{safe_name(student)}.json")


def load_result_file(path: Path) -> SubmissionResult | None:
    from autograder.core.results import SubmissionResult

    try:
        return SubmissionResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or from an older format: grade again


#: Field names of Gradescope's autograder results format (results.json), top level and per test.
GRADESCOPE_TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
                  "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}  # fmt: skip


GRADESCOPE_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
                   "tags", "visibility", "extra_data"}  # fmt: skip


def gradescope_json(exercise: Exercise, r: SubmissionResult) -> dict:
    """The result in Gradescope's format: one test per case; hidden cases shown once published."""
    tests = []
    for c in r.cases:
        text = "passed" if c.passed else c.message.render(sep="\n")
        text += "".join(f"\n[{hid}] {h.ko}\n{h.en}" for hid, h in c.hints)
        tests.append(
            {
                "name": c.name,
                "number": c.task,
                "score": c.points,
                "max_score": c.max_points,
                "status": "passed" if c.passed else "failed",
                "output": text,
                "tags": [exercise.task_of_id(c.task).column],
                "visibility": "after_published" if c.hidden else "visible",
            }
        )
    notes = ([r.problem] if r.problem else []) + list(r.warnings)
    return {
        "score": r.score,
        "execution_time": r.seconds,
        "output": "\n".join(m.render(sep="\n") for m in notes) or f"{r.score:g} / {r.max_score:g}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def write_submission(out: Path, exercise: Exercise, result: SubmissionResult) -> None:
    """A submission's files; its result last, durable: a batch resumes from the results it finds,
    so a result on disk means its feedback and Gradescope files are there too."""
    name = safe_name(result.student)
    write_atomic(
        out / "gradescope" / f"{name}.json",
        json.dumps(gradescope_json(exercise, result), ensure_ascii=False, indent=1),
        durable=False,
    )
    if result.curve:
        write_atomic(out / "feedback" / f"{name}.curve.svg", curve_svg(result.curve), durable=False)
    write_atomic(out / "feedback" / f"{name}.md", feedback_markdown(exercise, result), durable=False)
    write_atomic(out / "results" / f"{name}.json", json.dumps(result.to_json(), ensure_ascii=False, indent=1))


def late_cell(late: bool | None) -> str:
    """The ``late`` column: ``late``, ``on_time``, or empty when the LMS does not say."""
    return "" if late is None else ("late" if late else "on_time")


def gradebook_rows(
    exercise: Exercise, results: list[SubmissionResult], roster: Roster | None = None
) -> list[list]:
    """One row per submission; nothing that varies between runs (times are in results/).

    A ``name`` column follows ``student`` when the roster has names; a ``late`` column comes
    before ``status`` when the download says whether anyone was late."""
    names = roster is not None and roster.has_names
    late = any(r.late is not None for r in results)
    header = ["student", *(["name"] if names else []), "score", "max_score", *[t.column for t in exercise.tasks],
              *(["late"] if late else []), "status"]  # fmt: skip
    rows = [header]
    for r in results:
        who = roster.get(r.student) if names else None
        rows.append(
            [r.student, *([who.name if who else ""] if names else []), f"{r.score:g}", f"{r.max_score:g}",
             *[f"{r.tasks[t.id][0]:g}" for t in exercise.tasks], *([late_cell(r.late)] if late else []), r.status]
        )  # fmt: skip
    return rows


def write_gradebook(
    out: Path,
    exercise: Exercise,
    results: list[SubmissionResult],
    sandbox: Sandbox,
    options: GradebookOptions | None = None,
    shard: tuple[int, int] | None = None,
) -> tuple[str, ...]:
    """gradebook.csv, the LMS file if asked for, and gradebook.meta.json; returns the students the
    LMS file could not place (for the console and the metadata)."""
    options = options or GradebookOptions()
    write_csv(out / "gradebook.csv", gradebook_rows(exercise, results, options.roster), options.excel)
    unplaced: tuple[str, ...] = ()
    if options.lms:
        lms = lms_rows(exercise, results, options.lms, options)
        write_csv(out / f"{options.lms}.csv", lms.rows, options.excel)
        unplaced = lms.unplaced
    meta = {
        "exercise": exercise.id,
        "suite_key": exercise.suite_key(),
        "sandbox": sandbox.name,
        "sandbox_description": sandbox.description,
        "sandbox_fallback_reason": sandbox.reason or None,
        "sandbox_notice": {"ko": sandbox.notice.ko, "en": sandbox.notice.en} if sandbox.notice else None,
        "sandbox_confinement": sandbox.confinement,  # resources, uid, scratch, seccomp
        "submissions": len(results),
        "students": [r.student for r in results],  # merge takes these, not every file in results/
        "shard": list(shard) if shard else None,
        "lms_unplaced": list(unplaced),
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    write_atomic(out / "gradebook.meta.json", json.dumps(meta, ensure_ascii=False, indent=1))
    return unplaced
