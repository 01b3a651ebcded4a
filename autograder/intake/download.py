"""Intake: an LMS download (folder or .zip) and a roster, to one right submission per student.

The layout of the download is recognised from its names (plain, Canvas, Moodle, Gradescope
export, GitHub Classroom, Blackboard; see docs/lms-formats.md) or given with ``--layout``.
Each submission is matched to the roster by what its layout carries, never guessed; the latest
resubmission wins; every path of the download is accounted for in ``OUT/intake.csv``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.files import safe_name, write_csv
from autograder.discover.submissions import (
    CLUTTER,
    Found,
    Submission,
    Unit,
    display_name,
    from_unit,
    plain_units,
    student_id,
    walk,
)
from autograder.exercises import Exercise
from autograder.runtime.spec import Msg

LAYOUTS = ("plain", "canvas", "moodle", "gradescope", "github", "blackboard")

# ---- roster --------------------------------------------------------------------------------

ROSTER_FIELDS = ("student_id", "name", "email", "login", "lms_id", "github")


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


def fold(text: str) -> str:
    """Names compared as people mean them: NFC, white space folded, case ignored."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def squeeze(text: str) -> str:
    """Letters and digits only (Canvas writes ``Kim Min-jun`` as ``kimminjun``)."""
    return re.sub(r"[\W_]+", "", fold(text))


def read_roster(path: Path) -> Roster:
    """A CSV with a header: ``student_id`` (required) and any of name, email, login, lms_id, github."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"명단 파일을 읽을 수 없습니다: {path} ({exc.strerror})",
                        f"Cannot read the roster: {path} ({exc.strerror})") from None  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp949", "replace")  # saved from Korean Excel
    rows = list(csv.reader(text.splitlines()))
    header = [fold(h).replace(" ", "_") for h in rows[0]] if rows else []
    if "student_id" not in header:
        raise UserError(
            f"{path}: 명단의 첫 줄에 student_id 열이 있어야 합니다 (선택: {', '.join(ROSTER_FIELDS[1:])}).",
            f"{path}: the roster's first line needs a student_id column (optional: {', '.join(ROSTER_FIELDS[1:])}).",
        )
    students, seen = [], set()
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        values = {
            h: " ".join(unicodedata.normalize("NFC", v).split())
            for h, v in zip(header, row)
            if h in ROSTER_FIELDS
        }
        sid = values.get("student_id", "")
        if not sid:
            raise UserError(f"{path}:{n}: student_id가 비어 있습니다.", f"{path}:{n}: student_id is empty.")
        if sid in seen:
            raise UserError(
                f"{path}:{n}: student_id '{sid}'가 두 번 나옵니다.",
                f"{path}:{n}: student_id '{sid}' appears twice.",
            )
        seen.add(sid)
        students.append(RosterStudent(**values))
    return Roster(tuple(students), frozenset(h for h in header if h in ROSTER_FIELDS))


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


def match(roster: Roster, ident: dict[str, str]) -> tuple[list[str], str]:
    """Roster ids the identifiers point to, and how: each identifier gives a set of students; the
    answer is what all non-empty sets agree on (one id), else it is ambiguous or unmatched."""
    sets, used = [], []
    for key, value in ident.items():
        if key not in MATCHERS or not value:
            continue
        column, norm = MATCHERS[key]
        if column not in roster.columns:
            continue
        wanted = norm(value)
        hits = {
            s.student_id for s in roster.students if getattr(s, column) and norm(getattr(s, column)) == wanted
        }
        if key == "squeezed_name":  # Canvas writes the sortable name, family name first
            hits |= {
                s.student_id
                for s in roster.students
                if s.name and squeeze(" ".join(s.name.split()[::-1])) == wanted
            }
        if key == "id":  # a plain file may be named by login, e-mail or GitHub name as well
            for col in ("login", "email", "github", "name"):
                if col in roster.columns:
                    hits |= {
                        s.student_id
                        for s in roster.students
                        if fold(getattr(s, col)) == wanted and getattr(s, col)
                    }
        if hits:
            sets.append(hits)
            used.append(f"{key}={value}")
    if not sets:
        return [], "unmatched"
    common = set.intersection(*sets)
    if len(common) == 1:
        return sorted(common), "; ".join(used)
    return sorted(set.union(*sets) if not common else common), "ambiguous"


# ---- zips ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ZipLimits:
    """Caps on what a zip may unpack to (a zip bomb is refused, not unpacked)."""

    entries: int = 20_000
    total_bytes: int = 1024 * 2**20
    ratio: float = 200.0  # uncompressed / compressed, for entries over 1 MiB


def _entry_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        name = info.filename
    else:  # no UTF-8 flag: Python read it as CP437; Korean Windows zips are CP949, macOS's UTF-8
        raw = info.filename.encode("cp437", "replace")
        for encoding in ("utf-8", "cp949"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            name = info.filename
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def extract_zip(path: Path, dest: Path, limits: ZipLimits = ZipLimits(), shown: str = "") -> list[Found]:
    """Unpack ``path`` into ``dest`` safely; entries refused are returned as ``ignored``.

    Refused as a whole (UserError): more entries, more bytes or a higher compression ratio than
    ``limits``. Refused one by one: absolute paths, ``..``, links and other non-files.
    """
    shown = shown or path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(
            f"{shown}: zip 파일을 열 수 없습니다 ({exc}).", f"{shown}: cannot open the zip ({exc})."
        ) from None
    found: list[Found] = []
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.entries:
            raise UserError(f"{shown}: 항목이 너무 많습니다 ({len(infos)} > {limits.entries}).",
                            f"{shown}: too many entries ({len(infos)} > {limits.entries}).")  # fmt: skip
        declared = sum(i.file_size for i in infos)
        if declared > limits.total_bytes:
            raise UserError(
                f"{shown}: 풀면 너무 큽니다 ({declared / 2**20:.0f} MiB > {limits.total_bytes / 2**20:.0f} MiB).",
                f"{shown}: too large unpacked ({declared / 2**20:.0f} MiB > {limits.total_bytes / 2**20:.0f} MiB).",
            )
        for info in infos:
            if info.file_size > 2**20 and info.file_size / max(1, info.compress_size) > limits.ratio:
                raise UserError(
                    f"{shown}: 압축률이 비정상적으로 높은 항목이 있습니다 ({_entry_name(info)}). 압축 폭탄일 수 있습니다.",
                    f"{shown}: an entry is compressed implausibly well ({_entry_name(info)}); possibly a zip bomb.",
                )
        written = 0
        dest.mkdir(parents=True, exist_ok=True)
        for info in infos:
            name = _entry_name(info)
            parts = [p for p in name.split("/") if p not in ("", ".")]
            mode = info.external_attr >> 16
            here = f"{shown}/{'/'.join(parts)}"
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
                found.append(Found(here, "", "ignored", UNSAFE_PATH))
                continue
            if info.is_dir() or not parts:
                continue
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):  # type bits are set by Unix zippers only
                found.append(Found(here, "", "ignored", ZIP_LINK if stat.S_ISLNK(mode) else ZIP_NOT_FILE))
                continue
            if info.flag_bits & 0x1:
                found.append(Found(here, "", "ignored", Msg("암호가 걸린 항목", "an encrypted entry")))
                continue
            target = dest.joinpath(*parts)
            if any(len(os.fsencode(p)) > 255 for p in parts):
                found.append(
                    Found(here, "", "ignored", Msg("이름이 너무 긴 항목", "an entry whose name is too long"))
                )
                continue
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(target, "xb") as out:
                    while chunk := src.read(2**16):
                        written += len(chunk)
                        if written > limits.total_bytes:  # sizes in the header can lie
                            raise UserError(f"{shown}: 풀면 너무 큽니다.", f"{shown}: too large unpacked.")
                        out.write(chunk)
            except FileExistsError:
                found.append(
                    Found(
                        here,
                        "",
                        "ignored",
                        Msg("같은 이름의 항목이 이미 있음", "an entry of the same name came first"),
                    )
                )
            except (zipfile.BadZipFile, OSError, NotADirectoryError, EOFError, ValueError) as exc:
                found.append(
                    Found(
                        here,
                        "",
                        "ignored",
                        Msg(f"풀 수 없는 항목 ({exc})", f"an entry that cannot be unpacked ({exc})"),
                    )
                )
    return found


UNSAFE_PATH = Msg("절대 경로나 '..'가 든 항목: 풀지 않음", "an absolute path or '..': not unpacked")
ZIP_LINK = Msg("링크 항목: 풀지 않음", "a link: not unpacked")
ZIP_NOT_FILE = Msg("일반 파일이 아닌 항목: 풀지 않음", "not a regular file: not unpacked")


# ---- layouts ------------------------------------------------------------------------------

CANVAS = re.compile(r"^(?P<name>[^_/]+)_(?:(?P<late>LATE)_)?(?P<uid>\d+)_(?P<aid>\d+)_(?P<file>.+)$")
CANVAS_COPY = re.compile(r"^(?P<stem>.+?)-(?P<n>\d+)(?P<ext>(?:\.[A-Za-z0-9]+){0,2})$")
MOODLE_DIR = re.compile(r"^(?P<name>.+)_(?P<pid>\d+)_assign(?:submission|feedback)_(?P<plugin>[a-z]+)_?$")
MOODLE_FILE = re.compile(r"^(?P<name>.+)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.+)$")
BLACKBOARD = re.compile(r"^(?P<head>.+)_attempt_(?P<ts>\d{4}(?:-\d{2}){5})(?:_(?P<file>.+)|\.txt)$")
GRADESCOPE_META = "submission_metadata.yml"


@dataclass
class Layout:
    """What a layout made of the download: units with identifiers, and the paths it set aside."""

    name: str
    root: Path
    units: list[Unit] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)


def _entries(root: Path, skip: set[Path]) -> list[tuple[str, Path, bool]]:
    out = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if Path(entry.path) in skip:
            continue
        name, _ = display_name(entry.name)
        out.append(
            (unicodedata.normalize("NFC", name), Path(entry.path), entry.is_dir(follow_symlinks=False))
        )
    return out


def detect(root: Path, skip: set[Path], unpacked: bool = False) -> tuple[str, Path, str]:
    """(layout, its root, the evidence in a few words) for a download folder.

    A download that holds a single folder is looked into when it came from a zip (zips wrap
    their content in one folder), or when that folder is itself an LMS layout.
    """
    entries = _entries(root, skip)
    visible = [e for e in entries if not e[0].startswith((".", "__MACOSX"))]
    if len(visible) == 1 and visible[0][2] and not (visible[0][1] / ".git").exists():
        inner = visible[0][1]
        if unpacked or (inner / GRADESCOPE_META).is_file() or _shares_layout(inner, skip):
            return detect(inner, skip)
    if (root / GRADESCOPE_META).is_file():
        return "gradescope", root, GRADESCOPE_META
    names = [e[0] for e in visible]
    for layout, test in (
        ("moodle", lambda n, d: (MOODLE_DIR if d else MOODLE_FILE).match(n)),
        ("blackboard", lambda n, d: not d and BLACKBOARD.match(n)),
        ("canvas", lambda n, d: not d and CANVAS.match(n)),
    ):
        hits = [e[0] for e in visible if test(e[0], e[2])]
        if hits and len(hits) * 2 >= len(visible):
            return layout, root, hits[0]
    repos = [e for e in visible if e[2] and (e[1] / ".git").exists()]
    if repos and len(repos) * 2 >= len(visible):
        return "github", root, f"{repos[0][0]}/.git"
    return "plain", root, names[0] if names else ""


def _shares_layout(folder: Path, skip: set[Path]) -> bool:
    return detect(folder, skip)[0] != "plain"


def _copy_base(name: str) -> tuple[str, int]:
    """Canvas renames a file handed in again ``loss_functions-1.py``: (its own name, the copy number)."""
    m = CANVAS_COPY.match(name)
    return (m["stem"] + m["ext"], int(m["n"])) if m else (name, 0)


def canvas(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("canvas", root)
    files: dict[str, list[tuple[int, str, str, Path, re.Match]]] = {}
    for name, path, is_dir in _entries(root, skip):
        m = CANVAS.match(name)
        if not m or is_dir:
            _set_aside(layout, name, path, is_dir, "Canvas")
            continue
        files.setdefault(m["uid"], []).append((int(m["aid"]), m["file"], name, path, m))
    for uid, items in sorted(files.items()):
        first = items[0][4]
        unit = Unit(
            first["name"],
            items[0][2],
            ident={"lms_id": uid, "login": first["name"], "squeezed_name": first["name"]},
        )
        latest: dict[str, tuple[int, str, Path]] = {}
        for aid, own, raw, path, m in sorted(items, key=lambda i: i[0]):
            base, _ = _copy_base(own)
            if base in latest:
                old = latest[base]
                unit.found.append(Found(old[1], "", "superseded", _newer(raw)))
                unit.notes.append(Msg(f"{base}: 다시 낸 파일({raw})을 채점했습니다. 예전 파일({old[1]})은 채점하지 않았습니다.",
                                      f"{base}: the resubmission ({raw}) was graded, not the earlier {old[1]}."))  # fmt: skip
            latest[base] = (aid, raw, path)
            if m["late"]:
                unit.ident["late"] = "1"
        unit.files = sorted((base, path) for base, (_, _, path) in latest.items())
        unit.shown = {base: raw for base, (_, raw, _) in latest.items()}
        layout.units.append(unit)
    return layout


def _newer(raw: str) -> Msg:
    return Msg(f"같은 파일을 나중에 다시 냄: {raw}", f"handed in again later: {raw}")


def _set_aside(layout: Layout, name: str, path: Path, is_dir: bool, lms: str) -> None:
    if name.startswith(".") or name in ("__MACOSX",):
        layout.found.append(Found(name + ("/" if is_dir else ""), "", "ignored", CLUTTER))
    else:
        layout.found.append(Found(name + ("/" if is_dir else ""), "", "ignored",
                                  Msg(f"{lms}의 이름 규칙에 맞지 않음", f"does not follow {lms}'s naming")))  # fmt: skip


def moodle(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("moodle", root)
    units: dict[str, Unit] = {}
    for name, path, is_dir in _entries(root, skip):
        m = (MOODLE_DIR if is_dir else MOODLE_FILE).match(name)
        if not m:
            _set_aside(layout, name, path, is_dir, "Moodle")
            continue
        unit = units.setdefault(
            m["pid"], Unit(student_id(m["name"]), name, ident={"lms_id": m["pid"], "name": m["name"]})
        )
        if m["plugin"] != "file":
            what = Msg(
                f"Moodle의 {m['plugin']} 제출(파일이 아님)", f"Moodle's {m['plugin']} submission (not a file)"
            )
            unit.found.append(Found(name + ("/" if is_dir else ""), "", "ignored", what))
            continue
        if unit.origin != name and unit.files:
            unit.origin += f", {name}"
        elif not unit.files:
            unit.origin = name
        if is_dir:
            files, inner = walk(path, name)
            unit.files += files
            unit.found += inner
        else:
            unit.files.append((m["file"], path))
            unit.shown[m["file"]] = name
    for unit in units.values():
        if not unit.files:
            unit.problem = Msg(
                "파일 제출이 없습니다 (온라인 텍스트만 있음).", "No file was handed in (online text only)."
            )
    layout.units = [units[k] for k in sorted(units)]
    return layout


def gradescope(root: Path, skip: set[Path]) -> Layout:
    import yaml

    layout = Layout("gradescope", root)
    try:
        meta = yaml.safe_load((root / GRADESCOPE_META).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"{GRADESCOPE_META}를 읽을 수 없습니다 ({type(exc).__name__}).",
                        f"Cannot read {GRADESCOPE_META} ({type(exc).__name__}).") from None  # fmt: skip
    layout.found.append(
        Found(GRADESCOPE_META, "", "metadata", Msg("Gradescope 제출 정보", "Gradescope's submission data"))
    )

    def plain(d: object) -> dict:
        return {str(k).lstrip(":"): v for k, v in d.items()} if isinstance(d, dict) else {}

    described = set()
    for key, value in sorted(meta.items() if isinstance(meta, dict) else [], key=lambda kv: str(kv[0])):
        folder = root / str(key)
        info = plain(value)
        described.add(str(key))
        submitters = [plain(s) for s in info.get("submitters") or []]
        when = str(info.get("created_at", ""))
        for person in submitters or [{}]:
            ident = {k: str(person.get(k) or "") for k in ("name", "sid", "email")}
            unit = Unit(
                student_id(ident["name"] or ident["sid"] or str(key)), str(key), ident={**ident, "when": when}
            )
            if folder.is_dir():
                unit.files, unit.found = walk(folder, str(key))
            else:
                unit.problem = Msg(
                    f"{key} 폴더가 내보내기에 없습니다.", f"The folder {key} is missing from the export."
                )
            layout.units.append(unit)
    for name, _path, is_dir in _entries(root, skip):
        if name != GRADESCOPE_META and name not in described:
            why = Msg(f"{GRADESCOPE_META}에 없는 항목", f"not listed in {GRADESCOPE_META}")
            layout.found.append(Found(name + ("/" if is_dir else ""), "", "ignored", why))
    return layout


def github(root: Path, skip: set[Path], roster: Roster | None) -> Layout:
    layout = Layout("github", root)
    repos = []
    for name, path, is_dir in _entries(root, skip):
        if is_dir and not name.startswith("."):
            repos.append((name, path))
        else:
            _set_aside(layout, name, path, is_dir, "GitHub Classroom")
    prefix = os.path.commonprefix([n for n, _ in repos]) if len(repos) > 1 else ""
    prefix = prefix[: prefix.rfind("-") + 1] if "-" in prefix else ""
    for name, path in repos:
        user = name[len(prefix) :]
        if not prefix and roster:  # one repo: its name ends in a roster member's GitHub name
            hits = [
                s.github for s in roster.students if s.github and fold(name).endswith("-" + fold(s.github))
            ]
            user = hits[0] if len(hits) == 1 else name
        unit = Unit(student_id(user), name, ident={"github": user})
        unit.files, unit.found = walk(path, name)
        layout.units.append(unit)
    return layout


def blackboard(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("blackboard", root)
    attempts: dict[str, dict[str, list]] = {}
    matched = []
    for name, path, is_dir in _entries(root, skip):
        m = None if is_dir else BLACKBOARD.match(name)
        if not m:
            _set_aside(layout, name, path, is_dir, "Blackboard")
            continue
        matched.append((name, path, m))
    heads = sorted({m["head"] for _, _, m in matched})
    assignment = (
        os.path.commonprefix(heads) if len(heads) > 1 else heads[0].rsplit("_", 1)[0] + "_" if heads else ""
    )
    assignment = assignment[: assignment.rfind("_") + 1]
    for name, path, m in matched:
        user = m["head"][len(assignment) :]
        attempts.setdefault(user, {}).setdefault(m["ts"], []).append((name, path, m))
    for user, by_time in sorted(attempts.items()):
        times = sorted(by_time)
        unit = Unit(student_id(user), by_time[times[-1]][0][0], ident={"login": user, "when": times[-1]})
        for ts in times[:-1]:
            for name, _, _ in by_time[ts]:
                unit.found.append(
                    Found(name, "", "superseded", Msg(f"예전 시도 ({ts})", f"an earlier attempt ({ts})"))
                )
        if len(times) > 1:
            unit.notes.append(
                Msg(
                    f"마지막 시도({times[-1]})를 채점했습니다.", f"The last attempt ({times[-1]}) was graded."
                )
            )
        for name, path, m in by_time[times[-1]]:
            if m["file"]:
                unit.files.append((m["file"], path))
                unit.shown[m["file"]] = name
            else:
                unit.found.append(
                    Found(
                        name, "", "metadata", Msg("Blackboard 제출 영수증", "Blackboard's submission receipt")
                    )
                )
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    text = ""
                who = re.search(r"^Name:\s*(.+?)\s*\(([^()]+)\)\s*$", text, re.M)
                if who:
                    unit.ident["name"] = who[1]
        layout.units.append(unit)
    return layout


def plain(root: Path, skip: set[Path]) -> Layout:
    units, found = plain_units(root, skip)
    return Layout("plain", root, units, found)


LAYOUT_WORDS = {
    "plain": Msg("학생마다 파일이나 폴더 하나", "one file or folder per student"),
    "canvas": Msg("Canvas 제출물 내려받기", "Canvas submissions download"),
    "moodle": Msg("Moodle 제출물 내려받기", "Moodle submissions download"),
    "gradescope": Msg("Gradescope 제출물 내보내기", "Gradescope submissions export"),
    "github": Msg("GitHub Classroom 저장소들", "GitHub Classroom repositories"),
    "blackboard": Msg("Blackboard 과제 내려받기", "Blackboard assignment download"),
}


# ---- the whole intake ---------------------------------------------------------------------


@dataclass
class Intake:
    """One download read: the submissions to grade, the roster students with none, every path."""

    layout: str
    line: Msg  # the one line that says what was recognised
    submissions: list[Submission]
    found: list[Found]
    missing: list[str] = field(default_factory=list)
    unmatched: list[Found] = field(default_factory=list)


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

    def render(self) -> Msg:
        return Msg(
            f"{self.graded}명 채점, {self.reused}명 재사용, {self.missing}명 미제출, 파일 {self.ignored}개 제외",
            f"{self.graded} graded, {self.reused} reused, {self.missing} missing, {self.ignored} ignored",
        )


def read_download(
    path: Path,
    exercise: Exercise,
    stage: Path,
    roster: Roster | None = None,
    layout: str | None = None,
    skip: set[Path] | None = None,
) -> Intake:
    """Every submission in ``path`` (a folder or a .zip), matched to ``roster`` when given.

    ``stage`` is a private scratch folder (unpacked zips, files renamed as the student named
    them); ``skip`` holds paths never to read (the output folder when it is inside ``path``).
    """
    skip = {p.resolve() for p in (skip or set())}
    if not path.exists():
        raise UserError(f"제출 폴더가 없습니다: {path}", f"Submissions folder not found: {path}")
    unpacked: list[Found] = []
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise UserError(
                f"{path}: 폴더나 .zip 파일이어야 합니다.", f"{path}: must be a folder or a .zip file."
            )
        top = stage / "download"
        unpacked = [
            Found(f.path.lstrip("/"), f.student, f.use, f.reason) for f in extract_zip(path, top, shown="")
        ]
    else:
        top = path
    skip = skip | {Path(os.path.abspath(p)) for p in skip}
    name, root, evidence = detect(top, skip, unpacked=path.is_file())
    if layout:
        if layout not in LAYOUTS:
            raise UserError(
                f"알 수 없는 형식: {layout} ({', '.join(LAYOUTS)})",
                f"Unknown layout: {layout} ({', '.join(LAYOUTS)})",
            )
        name = layout
    readers = {
        "canvas": canvas,
        "moodle": moodle,
        "gradescope": gradescope,
        "blackboard": blackboard,
        "plain": plain,
    }
    got = github(root, skip, roster) if name == "github" else readers[name](root, skip)
    found = list(got.found)
    for unit in got.units:
        _unpack_student_zips(unit, stage / "zips" / safe_name(unit.origin))
    units, unmatched = _identify(got.units, roster, found)
    words = LAYOUT_WORDS[name]
    why = "--layout" if layout else evidence
    line = Msg(f"형식: {name} ({words.ko}; 근거: {why}), 제출물 {len(units)}개",
               f"Layout: {name} ({words.en}; from {why}), {len(units)} submission(s)")  # fmt: skip
    subs = []
    for unit in units:
        sub, fates = from_unit(unit, exercise, root, stage / "files" / safe_name(unit.student))
        subs.append(sub)
        found += [
            Found(unit.shown.get(f.path, f.path), f.student or unit.student, f.use, f.reason) for f in fates
        ]
    missing = sorted({s.student_id for s in roster.students} - {s.student for s in subs}) if roster else []
    inside = root.relative_to(top).as_posix() if root != top else ""
    found = unpacked + [
        Found(f"{inside}/{f.path}" if inside else f.path, f.student, f.use, f.reason) for f in found
    ]
    unmatched = [
        Found(f"{inside}/{f.path}" if inside else f.path, f.student, f.use, f.reason) for f in unmatched
    ]
    return Intake(name, line, sorted(subs, key=lambda s: s.student), found, missing, unmatched)


def _unpack_student_zips(unit: Unit, stage: Path) -> None:
    """A student's own .zip is unpacked and searched like a folder (with a note)."""
    keep = []
    for n, (name, path) in enumerate(unit.files):
        if not name.lower().endswith(".zip"):
            keep.append((name, path))
            continue
        target = stage / str(n)
        try:
            refused = extract_zip(path, target, ZipLimits(entries=2000, total_bytes=64 * 2**20), shown=name)
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
        unit.notes.append(
            Msg(
                f"{name}: zip 파일을 풀어 그 안의 파일을 채점했습니다.",
                f"{name}: your zip was unpacked and the file inside it graded.",
            )
        )
    unit.files = keep


def _identify(units: list[Unit], roster: Roster | None, found: list[Found]) -> tuple[list[Unit], list[Found]]:
    """Each unit's student id (the roster's, or the layout's), and units of one student merged."""
    unmatched: list[Found] = []
    named: list[Unit] = []
    if roster:
        for unit in units:
            ids, how = match(roster, {k: v for k, v in unit.ident.items() if isinstance(v, str)})
            if len(ids) == 1:
                unit.student = ids[0]
                named.append(unit)
                continue
            shown = ", ".join(
                f"{k}={v}" for k, v in unit.ident.items() if isinstance(v, str) and v and k != "when"
            )
            if ids:
                reason = Msg(f"명단의 여러 학생과 맞음 ({', '.join(ids)}; {shown}): 추측하지 않음",
                             f"matches several roster students ({', '.join(ids)}; {shown}): not guessed")  # fmt: skip
                use = "ambiguous"
            else:
                reason = Msg(f"명단의 누구와도 맞지 않음 ({shown})", f"matches no roster student ({shown})")
                use = "unmatched"
            lines = [Found(unit.origin, "", use, reason)] + [Found(n, "", use, reason) for n, _ in unit.files]
            found += lines
            unmatched.append(lines[0])
    else:
        counts: dict[str, set[str]] = {}
        for unit in units:
            counts.setdefault(unit.student, set()).add(
                unit.ident.get("lms_id") or unit.ident.get("sid") or unit.origin
            )
        for unit in units:
            if len(counts[unit.student]) > 1 and unit.ident.get(
                "lms_id" if "lms_id" in unit.ident else "sid"
            ):
                unit.student = f"{unit.student} ({unit.ident.get('lms_id') or unit.ident.get('sid')})"
            named.append(unit)
    merged: dict[str, Unit] = {}
    for unit in named:
        old = merged.get(unit.student)
        if old is None:
            merged[unit.student] = unit
            continue
        if unit.ident.get("when") and old.ident.get("when"):  # the latest submission wins
            new, older = (unit, old) if str(unit.ident["when"]) >= str(old.ident["when"]) else (old, unit)
            new.found += older.found + [Found(n, "", "superseded", Msg("나중 제출물이 있음", "a later submission exists"))
                                        for n, _ in older.files]  # fmt: skip
            new.notes.append(
                Msg(
                    f"가장 나중 제출물({new.origin})을 채점했습니다.",
                    f"The latest submission ({new.origin}) was graded.",
                )
            )
            merged[unit.student] = new
        else:
            old.files += unit.files
            old.found += unit.found
            old.notes += unit.notes
            old.origin += f", {unit.origin}"
            old.problem = old.problem if old.files else unit.problem
    return [merged[k] for k in sorted(merged)], unmatched


INTAKE_HEADER = ["path", "student", "use", "reason_ko", "reason_en"]


def write_intake_csv(out: Path, found: list[Found], excel: bool = False) -> None:
    """``OUT/intake.csv``: every path of the download, the student it went to (or none), and why."""
    rows = [INTAKE_HEADER] + [[f.path, f.student, f.use, f.reason.ko, f.reason.en]
                              for f in sorted(found, key=lambda f: (f.path, f.use))]  # fmt: skip
    write_csv(out / "intake.csv", rows, excel)


def clear_stage(stage: Path) -> None:
    shutil.rmtree(stage, ignore_errors=True)


def read_intake_csv(out: Path) -> list:
    """The lines of ``OUT/intake.csv`` (none when it is missing), as written by intake."""
    from autograder.discover.submissions import Found

    try:
        rows = list(csv.DictReader(io.StringIO((out / "intake.csv").read_text(encoding="utf-8-sig"))))
    except OSError:
        return []

    def back(cell: str) -> str:  # undo csv_cell's guard, which is added again on writing
        return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell

    return [Found(back(r["path"]), back(r["student"]), r["use"], Msg(back(r["reason_ko"]), back(r["reason_en"])))
            for r in rows]  # fmt: skip
