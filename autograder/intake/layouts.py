"""Layouts of LMS downloads: each reader turns a download's names into units with identifiers.

Identity is read only from the part of a name the LMS wrote, anchored at the LMS's own
separators (the first ``_<id>_assignsubmission_`` of a Moodle name, the first ``_attempt_<time>``
of a Blackboard one, Canvas's name before its first ``_``); the rest, which the student chose,
is only ever the file's own name. See docs/lms-formats.md.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from autograder.core.errors import UserError
from autograder.discover.submissions import CLUTTER, Found, Unit, display_name, plain_units, student_id, walk
from autograder.intake.roster import Roster, fold
from autograder.runtime.spec import Msg

LAYOUTS = ("plain", "canvas", "moodle", "gradescope", "github", "blackboard")

CANVAS = re.compile(r"^(?P<name>[^_/]+)_(?:(?P<late>LATE)_)?(?P<uid>\d+)_(?P<aid>\d+)_(?P<file>.+)$")
#: Canvas's own file for a submission that is not a file: online text, a website URL, media.
CANVAS_ENTRY = re.compile(
    r"^(?P<name>[^_/]+)_(?:(?P<late>LATE)_)?(?P<uid>\d+)_(?P<kind>text|link|url|media)\.html?$"
)
CANVAS_COPY = re.compile(r"^(?P<stem>.+?)-(?P<n>\d+)(?P<ext>(?:\.[A-Za-z0-9]+){0,2})$")
MOODLE_DIR = re.compile(r"^(?P<name>.+)_(?P<pid>\d+)_assign(?:submission|feedback)_(?P<plugin>[a-z]+)_?$")
#: Flat files: the name up to the FIRST ``_<id>_assignsubmission_<plugin>_`` is Moodle's; what
#: follows is the student's file name (which may imitate the pattern: never read greedily).
MOODLE_FILE = re.compile(r"^(?P<name>.+?)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.+)$")
BLACKBOARD = re.compile(r"^(?P<head>.+?)_attempt_(?P<ts>\d{4}(?:-\d{2}){5})(?:_(?P<file>.+)|\.txt)$")
BLACKBOARD_NAME = re.compile(r"^Name:\s*(?P<name>.+?)\s*\((?P<user>[^()]+)\)\s*$")
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


def _visible(entries: list[tuple[str, Path, bool]]) -> list[tuple[str, Path, bool]]:
    return [e for e in entries if not e[0].startswith((".", "__MACOSX"))]


def _canvas_name(name: str, is_dir: bool) -> bool:
    return not is_dir and bool(CANVAS.match(name) or CANVAS_ENTRY.match(name))


#: (layout, does this entry follow its naming), tried in this order.
NAMING = (
    ("moodle", lambda n, d: bool((MOODLE_DIR if d else MOODLE_FILE).match(n))),
    ("blackboard", lambda n, d: not d and bool(BLACKBOARD.match(n))),
    ("canvas", _canvas_name),
)


def _by_names(visible: list[tuple[str, Path, bool]]) -> tuple[str, str] | None:
    """The layout at least half of the entries' names follow, and one such name."""
    for layout, test in NAMING:
        hits = [e[0] for e in visible if test(e[0], e[2])]
        if hits and len(hits) * 2 >= len(visible):
            return layout, hits[0]
    repos = [e for e in visible if e[2] and (e[1] / ".git").exists()]
    if repos and len(repos) * 2 >= len(visible):
        return "github", f"{repos[0][0]}/.git"
    return None


def detect(root: Path, skip: set[Path], unpacked: bool = False) -> tuple[str, Path, str]:
    """(layout, its root, the evidence in a few words) for a download folder.

    A download that holds a single folder is looked into when it came from a zip (zips wrap
    their content in one folder), or when that folder is itself an LMS layout.
    """
    visible = _visible(_entries(root, skip))
    if len(visible) == 1 and visible[0][2] and not (visible[0][1] / ".git").exists():
        inner = visible[0][1]
        if unpacked or (inner / GRADESCOPE_META).is_file() or detect(inner, skip)[0] != "plain":
            return detect(inner, skip)
    if (root / GRADESCOPE_META).is_file():
        return "gradescope", root, GRADESCOPE_META
    got = _by_names(visible)
    if got:
        return got[0], root, got[1]
    return "plain", root, visible[0][0] if visible else ""


def _set_aside(layout: Layout, name: str, is_dir: bool, lms: str) -> None:
    shown = name + ("/" if is_dir else "")
    if name.startswith(".") or name in ("__MACOSX",):
        layout.found.append(Found(shown, "", "ignored", CLUTTER))
    else:
        layout.found.append(Found(shown, "", "ignored", Msg(f"{lms}의 이름 규칙에 맞지 않음", f"does not follow {lms}'s naming")))  # fmt: skip


# ---- Canvas ---------------------------------------------------------------------------------


def _copy_base(name: str) -> tuple[str, int]:
    """Canvas renames a file handed in again ``loss_functions-1.py``: (its own name, the copy number)."""
    m = CANVAS_COPY.match(name)
    return (m["stem"] + m["ext"], int(m["n"])) if m else (name, 0)


def _newer(raw: str) -> Msg:
    return Msg(f"같은 파일을 나중에 다시 냄: {raw}", f"handed in again later: {raw}")


CANVAS_KINDS = {"text": ("온라인 텍스트 입력", "online text entry"), "link": ("웹사이트 주소", "website URL"),
                "url": ("웹사이트 주소", "website URL"), "media": ("미디어 녹화", "media recording")}  # fmt: skip


def canvas_entry(kind: str) -> Msg:
    """The line of ``intake.csv`` for Canvas's file of a submission that is not a file."""
    ko, en = CANVAS_KINDS[kind]
    return Msg(f"Canvas의 {ko} 제출 (파일 제출이 아님)", f"Canvas's {en} submission (not a file upload)")


def canvas_not_a_file(kind: str) -> Msg:
    """The row's problem and the feedback, when a Canvas submission holds no file at all."""
    ko, en = CANVAS_KINDS[kind]
    return Msg(
        f"Canvas에 파일이 아니라 {ko}(으)로 제출했습니다. 채점할 파일이 없습니다. "
        "과제 파일(.py 또는 .ipynb)을 '파일 업로드'로 다시 제출하세요.",
        f"Handed in on Canvas as an {en}, not a file: there is no file to grade. "
        "Hand in the exercise's file (.py or .ipynb) again as a file upload.",
    )


def _canvas_unit(uid: str, items: list[tuple[int, str, str, Path, re.Match]]) -> Unit:
    """One Canvas user's files: per original name, the highest attachment id wins."""
    first = items[0][4]
    unit = Unit(
        first["name"],
        items[0][2],
        ident={"lms_id": uid, "login": first["name"], "squeezed_name": first["name"]},
    )
    latest: dict[str, tuple[int, str, Path, bool]] = {}
    for aid, own, raw, path, m in sorted(items, key=lambda i: i[0]):
        base, _ = _copy_base(own)
        if base in latest:
            old = latest[base]
            unit.found.append(Found(old[1], "", "superseded", _newer(raw)))
            unit.notes.append(Msg(f"{base}: 다시 낸 파일({raw})을 채점했습니다. 예전 파일({old[1]})은 채점하지 않았습니다.",
                                  f"{base}: the resubmission ({raw}) was graded, not the earlier {old[1]}."))  # fmt: skip
        latest[base] = (aid, raw, path, bool(m["late"]))
    unit.files = sorted((base, path) for base, (_, _, path, _) in latest.items())
    unit.shown = {base: raw for base, (_, raw, _, _) in latest.items()}
    # Canvas marks a file LATE when it came after the due date: the files graded say it
    unit.ident["late"] = "1" if any(late for _, _, _, late in latest.values()) else "0"
    return unit


def canvas(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("canvas", root)
    files: dict[str, list[tuple[int, str, str, Path, re.Match]]] = {}
    entries: dict[str, list[tuple[str, re.Match]]] = {}
    for name, path, is_dir in _entries(root, skip):
        m = None if is_dir else CANVAS.match(name)
        text = None if is_dir or m else CANVAS_ENTRY.match(name)
        if m:
            files.setdefault(m["uid"], []).append((int(m["aid"]), m["file"], name, path, m))
        elif text:
            entries.setdefault(text["uid"], []).append((name, text))
        else:
            _set_aside(layout, name, is_dir, "Canvas")
    for uid in sorted(set(files) | set(entries)):
        layout.units.append(_canvas_with_entries(uid, files.get(uid, []), entries.get(uid, [])))
    return layout


def _canvas_with_entries(uid: str, items: list, texts: list[tuple[str, re.Match]]) -> Unit:
    """A Canvas user's unit: their files, and their non-file submissions named as such."""
    if items:
        unit = _canvas_unit(uid, items)
    else:
        m = texts[0][1]
        unit = Unit(
            m["name"], texts[0][0], ident={"lms_id": uid, "login": m["name"], "squeezed_name": m["name"]}
        )
        unit.ident["late"] = "1" if m["late"] else "0"
        unit.problem = canvas_not_a_file(m["kind"])
    for name, m in texts:
        unit.found.append(Found(name, "", "ignored", canvas_entry(m["kind"])))
    return unit


# ---- Moodle ---------------------------------------------------------------------------------

MOODLE_ONLINE_ONLY = Msg(
    "파일 제출이 없습니다 (온라인 텍스트만 있음).", "No file was handed in (online text only)."
)
MOODLE_EMPTY = Msg(
    "파일 제출 폴더가 비어 있습니다: 낸 파일이 없습니다.",
    "The file submission folder is empty: no file was handed in.",
)


def _moodle_add(unit: Unit, name: str, path: Path, is_dir: bool, m: re.Match) -> None:
    """A ``_file_`` entry of one participant: a folder (walked) or a flat file."""
    if unit.origin != name and (unit.files or unit.more):
        unit.more.append(name)
    elif not unit.files:
        unit.origin = name
    if is_dir:
        files, inner = walk(path, name)
        unit.files += files
        unit.found += inner
        unit.ident["had_folder"] = "1"
    else:
        unit.files.append((m["file"], path))
        unit.shown[m["file"]] = name


def moodle(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("moodle", root)
    units: dict[str, Unit] = {}
    for name, path, is_dir in _entries(root, skip):
        m = (MOODLE_DIR if is_dir else MOODLE_FILE).match(name)
        if not m:
            _set_aside(layout, name, is_dir, "Moodle")
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
        _moodle_add(unit, name, path, is_dir, m)
    for unit in units.values():
        if not unit.files:
            unit.problem = MOODLE_EMPTY if unit.ident.pop("had_folder", "") else MOODLE_ONLINE_ONLY
            if unit.problem is MOODLE_EMPTY:
                unit.found.append(Found(unit.origin + "/", "", "ignored", Msg("빈 폴더", "an empty folder")))
        unit.ident.pop("had_folder", None)
    layout.units = [units[k] for k in sorted(units)]
    return layout


# ---- Gradescope -----------------------------------------------------------------------------


def _plain_keys(d: object) -> dict:
    return {str(k).lstrip(":"): v for k, v in d.items()} if isinstance(d, dict) else {}


def _read_metadata(root: Path) -> dict:
    import yaml

    try:
        meta = yaml.safe_load((root / GRADESCOPE_META).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"{GRADESCOPE_META}를 읽을 수 없습니다 ({type(exc).__name__}).",
                        f"Cannot read {GRADESCOPE_META} ({type(exc).__name__}).") from None  # fmt: skip
    return meta if isinstance(meta, dict) else {}


def _gradescope_units(root: Path, key: str, info: dict) -> list[Unit]:
    """Every submitter of one submission folder gets a unit (a group: each member a row)."""
    folder = root / key
    submitters = [_plain_keys(s) for s in info.get("submitters") or []]
    when = str(info.get("created_at", ""))
    units = []
    for person in submitters or [{}]:
        ident = {k: str(person.get(k) or "") for k in ("name", "sid", "email")}
        unit = Unit(student_id(ident["name"] or ident["sid"] or key), key, ident={**ident, "when": when})
        if folder.is_dir():
            unit.files, unit.found = walk(folder, key)
        else:
            unit.problem = Msg(
                f"{key} 폴더가 내보내기에 없습니다.", f"The folder {key} is missing from the export."
            )
        units.append(unit)
    return units


def gradescope(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("gradescope", root)
    meta = _read_metadata(root)
    layout.found.append(
        Found(GRADESCOPE_META, "", "metadata", Msg("Gradescope 제출 정보", "Gradescope's submission data"))
    )
    described = set()
    for key, value in sorted(meta.items(), key=lambda kv: str(kv[0])):
        described.add(str(key))
        layout.units += _gradescope_units(root, str(key), _plain_keys(value))
    for name, _path, is_dir in _entries(root, skip):
        if name != GRADESCOPE_META and name not in described:
            why = Msg(f"{GRADESCOPE_META}에 없는 항목", f"not listed in {GRADESCOPE_META}")
            layout.found.append(Found(name + ("/" if is_dir else ""), "", "ignored", why))
    return layout


# ---- GitHub Classroom -------------------------------------------------------------------------


def _github_user(name: str, prefix: str, roster: Roster | None) -> str:
    """The user a repository belongs to: the name after the prefix the repositories share; with
    one repository, the roster member whose GitHub name it ends in."""
    if prefix or not roster:
        return name[len(prefix) :]
    hits = [s.github for s in roster.students if s.github and fold(name).endswith("-" + fold(s.github))]
    return hits[0] if len(hits) == 1 else name


def github(root: Path, skip: set[Path], roster: Roster | None = None) -> Layout:
    layout = Layout("github", root)
    repos = []
    for name, path, is_dir in _entries(root, skip):
        if is_dir and not name.startswith("."):
            repos.append((name, path))
        else:
            _set_aside(layout, name, is_dir, "GitHub Classroom")
    prefix = os.path.commonprefix([n for n, _ in repos]) if len(repos) > 1 else ""
    prefix = prefix[: prefix.rfind("-") + 1] if "-" in prefix else ""
    for name, path in repos:
        user = _github_user(name, prefix, roster)
        unit = Unit(student_id(user), name, ident={"github": user})
        unit.files, unit.found = walk(path, name)
        layout.units.append(unit)
    return layout


# ---- Blackboard -------------------------------------------------------------------------------


def _assignment_prefix(heads: list[str]) -> str:
    """What the names share before the username (Blackboard writes ``Assignment_username``)."""
    if not heads:
        return ""
    shared = os.path.commonprefix(heads) if len(heads) > 1 else heads[0].rsplit("_", 1)[0] + "_"
    return shared[: shared.rfind("_") + 1]


def _receipt_name(path: Path, user: str) -> str:
    """The full name on the receipt's first line, ``Name: Full Name (username)`` (Blackboard
    writes it; later lines hold the student's own text and are never read for identity)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            first = f.readline()
    except OSError:
        return ""
    who = BLACKBOARD_NAME.match(first.strip())
    return who["name"] if who and fold(who["user"]) == fold(user) else ""


RECEIPT = Msg("Blackboard 제출 영수증", "Blackboard's submission receipt")


def _blackboard_unit(user: str, by_time: dict[str, list]) -> Unit:
    """One user's attempts: the latest attempt's files are graded, earlier ones superseded."""
    times = sorted(by_time)
    unit = Unit(student_id(user), by_time[times[-1]][0][0], ident={"login": user, "when": times[-1]})
    for ts in times[:-1]:
        unit.found += [Found(name, "", "superseded", Msg(f"예전 시도 ({ts})", f"an earlier attempt ({ts})"))
                       for name, _, _ in by_time[ts]]  # fmt: skip
    if len(times) > 1:
        unit.notes.append(
            Msg(f"마지막 시도({times[-1]})를 채점했습니다.", f"The last attempt ({times[-1]}) was graded.")
        )
    for name, path, m in by_time[times[-1]]:
        if m["file"]:
            unit.files.append((m["file"], path))
            unit.shown[m["file"]] = name
        else:
            unit.found.append(Found(name, "", "metadata", RECEIPT))
            unit.ident["name"] = _receipt_name(path, user) or unit.ident.get("name", "")
    if not unit.ident.get("name"):
        unit.ident.pop("name", None)
    return unit


def blackboard(root: Path, skip: set[Path]) -> Layout:
    layout = Layout("blackboard", root)
    matched = []
    for name, path, is_dir in _entries(root, skip):
        m = None if is_dir else BLACKBOARD.match(name)
        if m:
            matched.append((name, path, m))
        else:
            _set_aside(layout, name, is_dir, "Blackboard")
    assignment = _assignment_prefix(sorted({m["head"] for _, _, m in matched}))
    attempts: dict[str, dict[str, list]] = {}
    for name, path, m in matched:
        attempts.setdefault(m["head"][len(assignment) :], {}).setdefault(m["ts"], []).append((name, path, m))
    layout.units = [_blackboard_unit(user, by_time) for user, by_time in sorted(attempts.items())]
    return layout


def plain(root: Path, skip: set[Path]) -> Layout:
    units, found = plain_units(root, skip)
    return Layout("plain", root, units, found)


READERS = {
    "canvas": canvas,
    "moodle": moodle,
    "gradescope": gradescope,
    "blackboard": blackboard,
    "plain": plain,
}


def read_layout(name: str, root: Path, skip: set[Path], roster: Roster | None) -> Layout:
    return github(root, skip, roster) if name == "github" else READERS[name](root, skip)


LAYOUT_WORDS = {
    "plain": Msg("학생마다 파일이나 폴더 하나", "one file or folder per student"),
    "canvas": Msg("Canvas 제출물 내려받기", "Canvas submissions download"),
    "moodle": Msg("Moodle 제출물 내려받기", "Moodle submissions download"),
    "gradescope": Msg("Gradescope 제출물 내보내기", "Gradescope submissions export"),
    "github": Msg("GitHub Classroom 저장소들", "GitHub Classroom repositories"),
    "blackboard": Msg("Blackboard 과제 내려받기", "Blackboard assignment download"),
}
