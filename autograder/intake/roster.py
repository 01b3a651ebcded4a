"""The roster: the class list a download is matched against (``--roster ROSTER.csv``)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.korean import josa

ROSTER_FIELDS = ("student_id", "name", "email", "login", "lms_id", "github")

#: Headers Korean rosters use (as a university's student list saves them), read as ours.
ROSTER_ALIASES = {
    "학번": "student_id",
    "이름": "name",
    "성명": "name",
    "이메일": "email",
    "이메일_주소": "email",
    "전자우편": "email",
}


@dataclass(frozen=True)
class RosterStudent:
    student_id: str
    name: str = ""
    email: str = ""
    login: str = ""
    lms_id: str = ""
    github: str = ""


@dataclass(frozen=True)
class Roster:
    """The class list: one row per student, keyed by ``student_id``."""

    students: tuple[RosterStudent, ...]
    columns: frozenset[str] = frozenset()

    def get(self, sid: str) -> RosterStudent | None:
        return next((s for s in self.students if s.student_id == sid), None)

    @property
    def has_names(self) -> bool:
        return "name" in self.columns and any(s.name for s in self.students)


def fold(text: str) -> str:
    """Names compared as people mean them: NFC, white space folded, case ignored."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def squeeze(text: str) -> str:
    """Letters and digits only (Canvas writes ``Kim Min-jun`` as ``kimminjun``)."""
    return re.sub(r"[\W_]+", "", fold(text))


def _header(cell: str) -> str:
    name = fold(cell).replace(" ", "_")
    return ROSTER_ALIASES.get(name, name)


def _roster_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"명단 파일을 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"Cannot read the roster: {path} ({exc.strerror})") from None  # fmt: skip
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp949", "replace")  # saved from Korean Excel


def read_roster(path: Path) -> Roster:
    """A CSV with a header: ``student_id`` (required) and any of name, email, login, lms_id, github.

    Korean headers are read as their English names: ``학번`` student_id, ``이름``/``성명`` name,
    ``이메일`` email.
    """
    rows = list(csv.reader(_roster_text(path).splitlines()))
    header = [_header(h) for h in rows[0]] if rows else []
    if "student_id" not in header:
        optional = ", ".join(ROSTER_FIELDS[1:])
        raise UserError(
            f"{path}: 명단의 첫 줄에 student_id(또는 학번) 열이 있어야 합니다 (선택: {optional}).",
            f"{path}: the roster's first line needs a student_id (or 학번) column (optional: {optional}).",
        )
    students, seen = [], set()
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        student = _roster_row(path, n, header, row)
        if student.student_id in seen:
            raise UserError(
                f"{path}:{n}: student_id {josa(repr(student.student_id), '가')} 두 번 나옵니다.",
                f"{path}:{n}: student_id '{student.student_id}' appears twice.",
            )
        seen.add(student.student_id)
        students.append(student)
    return Roster(tuple(students), frozenset(h for h in header if h in ROSTER_FIELDS))


def _roster_row(path: Path, n: int, header: list[str], row: list[str]) -> RosterStudent:
    values = {
        h: " ".join(unicodedata.normalize("NFC", v).split())
        for h, v in zip(header, row)
        if h in ROSTER_FIELDS
    }
    if not values.get("student_id"):
        raise UserError(f"{path}:{n}: student_id가 비어 있습니다.", f"{path}:{n}: student_id is empty.")
    return RosterStudent(**values)


# ---- matching a submission's identifiers to the roster ------------------------------------

#: Which roster column each identifier a layout carries is compared with, and how.
MATCHERS: dict[str, tuple[str, Callable[[str], str]]] = {
    "lms_id": ("lms_id", str.strip),
    "login": ("login", fold),
    "sid": ("student_id", fold),
    "email": ("email", fold),
    "github": ("github", fold),
    "name": ("name", fold),
    "squeezed_name": ("name", squeeze),
    "id": ("student_id", fold),
}


def _column_hits(roster: Roster, column: str, norm: Callable[[str], str], wanted: str) -> set[str]:
    return {
        s.student_id for s in roster.students if getattr(s, column) and norm(getattr(s, column)) == wanted
    }


def _hits(roster: Roster, key: str, value: str) -> set[str]:
    """The roster students one identifier points to."""
    column, norm = MATCHERS[key]
    wanted = norm(value)
    hits = _column_hits(roster, column, norm, wanted)
    if key == "squeezed_name":  # Canvas writes the sortable name, family name first
        hits |= {
            s.student_id
            for s in roster.students
            if s.name and squeeze(" ".join(s.name.split()[::-1])) == wanted
        }
    if key == "id":  # a plain file may be named by login, e-mail or GitHub name as well
        for col in ("login", "email", "github", "name"):
            if col in roster.columns:
                hits |= _column_hits(roster, col, fold, wanted)
    return hits


def match(roster: Roster, ident: dict[str, str]) -> tuple[list[str], str]:
    """Roster ids the identifiers point to, and how: each identifier gives a set of students; the
    answer is what all non-empty sets agree on (one id), else it is ambiguous or unmatched."""
    sets, used = [], []
    for key, value in ident.items():
        if key not in MATCHERS or not value or MATCHERS[key][0] not in roster.columns:
            continue
        hits = _hits(roster, key, value)
        if hits:
            sets.append(hits)
            used.append(f"{key}={value}")
    if not sets:
        return [], "unmatched"
    common = set.intersection(*sets)
    if len(common) == 1:
        return sorted(common), "; ".join(used)
    return sorted(set.union(*sets) if not common else common), "ambiguous"
