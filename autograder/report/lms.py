"""LMS import files (Canvas, Moodle): the score under the LMS's own student columns."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from autograder.core.results import SubmissionResult
    from autograder.exercises import Exercise
    from autograder.intake.roster import Roster


@dataclass(frozen=True)
class GradebookOptions:
    """How the gradebook and the LMS file are written.

    ``excel``: UTF-8 with a byte-order mark, so Excel shows Korean names correctly.
    ``lms``: also write ``OUT/<lms>.csv`` in that LMS's import layout (docs/lms-formats.md).
    ``roster``: fills the LMS's own student columns (Canvas ID, SIS ids; Moodle's key).
    ``lms_template``: Canvas's exported gradebook: its student rows and columns are kept and
    the score goes under the assignment's own column header (``lms_column`` picks it).
    ``lms_key``: Moodle's identifier column: ``idnumber``, ``email`` or ``username``.
    ``deadline``: a submission the LMS dated after it is ``late`` (intake; Canvas's mark counts too).
    """

    excel: bool = False
    lms: str | None = None
    roster: Roster | None = None
    lms_template: Path | None = None
    lms_column: str | None = None
    lms_key: str = "idnumber"
    deadline: datetime | None = None


LMS_LAYOUTS = ("canvas", "moodle")


#: Moodle's grade import: the identifier column's header, and the roster field that fills it.
MOODLE_KEYS = {"idnumber": ("ID number", "student_id"), "email": ("Email address", "email"),
               "username": ("Username", "login")}  # fmt: skip


#: Columns of a Canvas gradebook export that describe the student, not an assignment.
CANVAS_STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account",
                          "Section")  # fmt: skip


@dataclass(frozen=True)
class LmsFile:
    """An LMS import file's rows and the students it could not place (named, never dropped)."""

    rows: list[list]
    unplaced: tuple[str, ...] = ()


def _lms_score(r: SubmissionResult) -> str:
    # no submission (or none known to be theirs): left empty, so the LMS keeps its own policy
    return "" if r.status in ("missing", "ambiguous") else f"{r.score:g}"


def _late_word(late: bool | None) -> str:
    return "" if late is None else ("late" if late else "on_time")


def lms_rows(exercise: Exercise, results: list[SubmissionResult], lms: str,
             options: GradebookOptions | None = None) -> LmsFile:  # fmt: skip
    # complexity: one branch per LMS layout, each a few lines; kept whole so the layouts read side by side
    """The LMS import file. Canvas: its gradebook-import columns and a "Points Possible" row.
    Moodle: the chosen identifier column and one grade column, for its CSV grade import."""
    options = options or GradebookOptions()
    title = f"{exercise.title.en} ({exercise.id})"
    most = max((r.max_score for r in results), default=0)
    roster = options.roster
    if lms == "canvas" and options.lms_template:
        return _canvas_from_template(exercise, results, options, f"{most:g}")
    if lms == "canvas":
        rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title]]
        rows.append(["Points Possible", "", "", "", "", f"{most:g}"])
        for r in results:
            who = roster.get(r.student) if roster else None
            if who:
                rows.append([who.name or r.student, who.lms_id, who.student_id, who.login, "", _lms_score(r)])
            else:
                rows.append([r.student, "", "", r.student, "", _lms_score(r)])
        return LmsFile(rows)
    if lms == "moodle":
        return _moodle_rows(title, results, options)
    raise ValueError(lms)


def _moodle_rows(title: str, results: list[SubmissionResult], options: GradebookOptions) -> LmsFile:
    """Moodle's grade import: the identifier column, the grade, and ``Late`` when the download says."""
    header, field_name = MOODLE_KEYS[options.lms_key]
    roster = options.roster
    # lateness beside the grade when the download says it (leave it on "Ignore" in the mapping)
    late = any(r.late is not None for r in results)
    rows, unplaced = [[header, title, *(["Late"] if late else [])]], []
    for r in results:
        who = roster.get(r.student) if roster else None
        key = getattr(who, field_name) if who else (r.student if options.lms_key == "idnumber" else "")
        if key:
            rows.append([key, _lms_score(r), *([_late_word(r.late)] if late else [])])
        else:
            unplaced.append(r.student)
    return LmsFile(rows, tuple(unplaced))


def _canvas_from_template(exercise: Exercise, results: list[SubmissionResult], options: GradebookOptions,
                          most: str) -> LmsFile:  # fmt: skip
    """Canvas's own export, cut to its student columns and this assignment's column, scores filled."""
    path = options.lms_template
    table_rows = _read_template(path)
    header = table_rows[0]
    student_cols = [i for i, h in enumerate(header) if h in CANVAS_STUDENT_COLUMNS]
    column = _assignment_column(path, header, student_cols, exercise, options.lms_column)
    by_key = _template_keys(results, options.roster)
    out_rows = [[header[i] for i in student_cols] + [header[column]]]
    placed: set[str] = set()
    for row in table_rows[1:]:
        cells = row + [""] * (len(header) - len(row))
        first = cells[header.index("Student")].strip()
        if first == "Points Possible":
            out_rows.append([cells[i] for i in student_cols] + [cells[column] or most])
            continue
        if not first or first == "Student, Test":  # the test student Canvas adds to every course
            continue
        match = _template_match(header, cells, by_key)
        if match is not None:
            placed.add(match.student)
        out_rows.append([cells[i] for i in student_cols] + [_lms_score(match) if match else cells[column]])
    unplaced = tuple(r.student for r in results if r.student not in placed)
    return LmsFile(out_rows, unplaced)


def _read_template(path: Path) -> list[list[str]]:
    """The rows of a Canvas gradebook export; refused (bilingual) if unreadable or not Canvas's."""
    from autograder.core.errors import UserError

    try:
        table_rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UserError(
            f"Canvas 성적부 파일을 읽을 수 없습니다: {path} ({exc})",
            f"Cannot read the Canvas gradebook export: {path} ({exc})",
        ) from None
    if not table_rows or "Student" not in table_rows[0]:
        raise UserError(
            f"{path}: Canvas에서 내보낸 성적부가 아닙니다 (첫 줄에 Student 열이 없습니다).",
            f"{path}: not a Canvas gradebook export (no Student column in its first line).",
        )
    return table_rows


def squeeze(text: str) -> str:
    """A column title reduced for matching: NFKC (a title exported on a Mac is decomposed, NFD),
    no spaces or punctuation, case folded; Korean letters are kept."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).casefold()


def _assignment_column(path: Path, header: list[str], student_cols: list[int], exercise: Exercise,
                       asked: str | None) -> int:  # fmt: skip
    """The template's column for this exercise: ``--lms-column``, else its id, module, English or
    Korean title; several matches or none are refused with the names."""
    from autograder.core.errors import UserError

    wanted = [w for w in (asked, exercise.id, exercise.module, exercise.title.en, exercise.title.ko) if w]
    for w in wanted:
        found = [i for i, h in enumerate(header) if i not in student_cols and squeeze(w) in squeeze(h)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(header[i] for i in found)
            raise UserError(
                f"{path}: '{w}'에 맞는 과제 열이 여럿입니다: {names}. --lms-column으로 하나를 고르세요.",
                f"{path}: several assignment columns match '{w}': {names}. Choose one with --lms-column.",
            )
    raise UserError(
        f"{path}: 이 과제의 열을 찾지 못했습니다 ({', '.join(wanted)}). --lms-column으로 열 이름을 주세요.",
        f"{path}: no column for this exercise ({', '.join(wanted)}). Name it with --lms-column.",
    )


def _template_keys(
    results: list[SubmissionResult], roster: Roster | None
) -> dict[tuple[str, str], SubmissionResult]:
    """(Canvas column, value) -> result: the roster's Canvas ids, else the student id as SIS id/login."""
    by_key: dict[tuple[str, str], SubmissionResult] = {}
    for r in results:
        who = roster.get(r.student) if roster else None
        keys = [("SIS Login ID", r.student), ("SIS User ID", r.student)]
        if who:
            keys = [("ID", who.lms_id), ("SIS User ID", who.student_id), ("SIS Login ID", who.login)]
        for k in keys:
            if k[1]:
                by_key[k] = r
    return by_key


def _template_match(header: list[str], cells: list[str], by_key: dict) -> SubmissionResult | None:
    """The result for one template row, by Canvas ID, then SIS User ID, then SIS Login ID."""
    for h in ("ID", "SIS User ID", "SIS Login ID"):
        if h in header and (h, cells[header.index(h)]) in by_key:
            return by_key[(h, cells[header.index(h)])]
    return None
