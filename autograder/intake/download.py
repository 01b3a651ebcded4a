"""Intake: an LMS download (folder or .zip) and a roster, to one right submission per student.

The layout of the download is recognised from its names (plain, Canvas, Moodle, Gradescope
export, GitHub Classroom, Blackboard; see docs/lms-formats.md) or given with ``--layout``.
Each submission is matched to the roster by what its layout carries, never guessed; the latest
resubmission wins; every path of the download is accounted for in ``OUT/intake.csv``.

The jobs live in their own modules: :mod:`.roster` (the class list and matching), :mod:`.zips`
(safe unpacking), :mod:`.layouts` (each LMS's names), :mod:`.identify` (whose is each unit,
conflicts), :mod:`.listing` (``intake.csv``) and :mod:`.late` (``late`` from the LMS's marks).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.files import safe_name
from autograder.discover.submissions import Found, Submission, Unit, from_unit, walk
from autograder.exercises import Exercise
from autograder.intake.identify import identify
from autograder.intake.late import unit_late
from autograder.intake.layouts import LAYOUT_WORDS, LAYOUTS, detect, read_layout
from autograder.intake.listing import INTAKE_HEADER, read_intake_csv, write_intake_csv
from autograder.intake.roster import (
    MATCHERS,
    ROSTER_FIELDS,
    Roster,
    RosterStudent,
    fold,
    match,
    read_roster,
    squeeze,
)
from autograder.intake.zips import ZipLimits, extract_zip, is_zip_start
from autograder.runtime.spec import Msg

__all__ = [
    "INTAKE_HEADER", "LAYOUTS", "MATCHERS", "ROSTER_FIELDS", "Intake", "Roster", "RosterStudent", "Tally",
    "ZipLimits", "clear_stage", "extract_zip", "fold", "match", "read_download", "read_intake_csv",
    "read_roster", "squeeze", "write_intake_csv",
]  # fmt: skip


@dataclass
class Intake:
    """One download read: the submissions to grade, the roster students with none, every path.

    ``conflicts``: students whose row is ``ambiguous`` (named, never resolved by order), and why.
    """

    layout: str
    line: Msg  # the one line that says what was recognised
    submissions: list[Submission]
    found: list[Found]
    missing: list[str] = field(default_factory=list)
    unmatched: list[Found] = field(default_factory=list)
    conflicts: dict[str, Msg] = field(default_factory=dict)


@dataclass
class Tally:
    """What a batch did, for the console summary: N graded, M reused, K missing, J ignored."""

    graded: int = 0
    reused: int = 0
    missing: int = 0
    ignored: int = 0
    layout: Msg | None = None
    unmatched: list[Found] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # merge: result files of students no longer graded
    ambiguous: int = 0

    def render(self) -> Msg:
        ko = f"{self.graded}명 채점, {self.reused}명 재사용, {self.missing}명 미제출, 파일 {self.ignored}개 제외"
        en = f"{self.graded} graded, {self.reused} reused, {self.missing} missing, {self.ignored} ignored"
        if self.ambiguous:
            ko += f", {self.ambiguous}명 누구의 것인지 불분명"
            en += f", {self.ambiguous} ambiguous"
        return Msg(ko, en)


def _open_download(path: Path, stage: Path, damaged: dict[Path, Msg]) -> tuple[Path, list[Found]]:
    """The folder to read (a zip unpacked into ``stage``) and the lines of entries refused."""
    if not path.exists():
        raise UserError(f"제출 폴더가 없습니다: {path}", f"Submissions folder not found: {path}")
    if not path.is_file():
        return path, []
    if not zipfile.is_zipfile(path) and not is_zip_start(path):
        raise UserError(
            f"{path}: 폴더나 .zip 파일이어야 합니다.", f"{path}: must be a folder or a .zip file."
        )
    top = stage / "download"
    found = extract_zip(path, top, shown="", damaged=damaged)
    return top, [Found(f.path.lstrip("/"), f.student, f.use, f.reason) for f in found]


def _layout_name(detected: str, layout: str | None) -> str:
    if layout and layout not in LAYOUTS:
        raise UserError(
            f"알 수 없는 형식: {layout} ({', '.join(LAYOUTS)})",
            f"Unknown layout: {layout} ({', '.join(LAYOUTS)})",
        )
    return layout or detected


def _in_download(inside: str, lines: list[Found]) -> list[Found]:
    """Paths relative to the layout's root made relative to the download's top."""
    return [Found(f"{inside}/{f.path}" if inside else f.path, f.student, f.use, f.reason) for f in lines]


def read_download(
    path: Path,
    exercise: Exercise,
    stage: Path,
    roster: Roster | None = None,
    layout: str | None = None,
    skip: set[Path] | None = None,
    deadline: datetime | None = None,
) -> Intake:
    """Every submission in ``path`` (a folder or a .zip), matched to ``roster`` when given.

    ``stage`` is a private scratch folder (unpacked zips, files renamed as the student named
    them); ``skip`` holds paths never to read (the output folder when it is inside ``path``).
    ``deadline``: a submission the LMS dated after it is ``late`` (Canvas's LATE mark counts too).
    """
    skip = {p.resolve() for p in (skip or set())}
    damaged: dict[Path, Msg] = {}
    top, unpacked = _open_download(path, stage, damaged)
    skip = skip | {Path(os.path.abspath(p)) for p in skip}
    detected, root, evidence = detect(top, skip, unpacked=path.is_file())
    name = _layout_name(detected, layout)
    got = read_layout(name, root, skip, roster)
    for unit in got.units:
        _unpack_student_zips(unit, stage / "zips" / safe_name(unit.origin), damaged)
        _drop_damaged(unit, damaged)
    who = identify(got.units, roster)
    why = "--layout" if layout else evidence
    words = LAYOUT_WORDS[name]
    line = Msg(f"형식: {name} ({words.ko}; 근거: {why}), 제출물 {len(who.units)}개",
               f"Layout: {name} ({words.en}; from {why}), {len(who.units)} submission(s)")  # fmt: skip
    found = list(got.found) + who.found
    subs = []
    for unit in who.units:
        sub, fates = from_unit(unit, exercise, root, stage / "files" / safe_name(unit.student))
        subs.append(dataclasses.replace(sub, late=unit_late(unit, deadline)))
        found += [
            Found(unit.shown.get(f.path, f.path), f.student or unit.student, f.use, f.reason) for f in fates
        ]
    have = {s.student for s in subs} | set(who.conflicts)
    missing = sorted({s.student_id for s in roster.students} - have) if roster else []
    inside = root.relative_to(top).as_posix() if root != top else ""
    problems = [f for f in unpacked if "/" not in f.path] + _damaged_lines(top, damaged)  # on the console too
    return Intake(name, line, sorted(subs, key=lambda s: s.student), unpacked + _in_download(inside, found),
                  missing, problems + _in_download(inside, who.unmatched), who.conflicts)  # fmt: skip


def _damaged_lines(top: Path, damaged: dict[Path, Msg]) -> list[Found]:
    """Each damaged entry, for the console (its student's row and intake.csv say it too)."""
    return [Found(p.relative_to(top).as_posix() if p.is_relative_to(top) else p.name, "", "ignored", why)
            for p, why in sorted(damaged.items())]  # fmt: skip


def _drop_damaged(unit: Unit, damaged: dict[Path, Msg]) -> None:
    """A damaged zip entry is never graded as it stands: named for its student instead."""
    if not damaged:
        return
    kept, lost = [], None
    for name, path in unit.files:
        why = damaged.get(path)
        if why is None:
            kept.append((name, path))
            continue
        unit.found.append(Found(unit.shown.get(name, name), "", "ignored", why))
        lost = why
    if len(kept) < len(unit.files):
        if kept:  # other files remain: said beside the grade
            unit.notes.append(lost)
        else:
            unit.problem = unit.problem or lost
    unit.files = kept


STUDENT_ZIP = ZipLimits(entries=2000, total_bytes=64 * 2**20)


def _unpack_student_zips(unit: Unit, stage: Path, damaged: dict[Path, Msg]) -> None:
    """A student's own .zip is unpacked and searched like a folder (with a note)."""
    keep = []
    for n, (name, path) in enumerate(unit.files):
        if not name.lower().endswith(".zip") or path in damaged:
            keep.append((name, path))
            continue
        target = stage / str(n)
        try:
            refused = extract_zip(path, target, STUDENT_ZIP, shown=name, damaged=damaged)
        except UserError as exc:
            unit.found.append(Found(name, "", "ignored", exc.msg))
            unit.problem = unit.problem or exc.msg
            continue
        files, inner = walk(target, name)
        keep += files
        unit.found += refused + inner
        unit.found.append(
            Found(name, "", "metadata", Msg("풀어서 안을 살펴본 zip", "a zip, unpacked and searched"))
        )
        unit.notes.append(Msg(f"{name}: zip 파일을 풀어 그 안의 파일을 채점했습니다.",
                              f"{name}: your zip was unpacked and the file inside it graded."))  # fmt: skip
    unit.files = keep


def clear_stage(stage: Path) -> None:
    shutil.rmtree(stage, ignore_errors=True)
