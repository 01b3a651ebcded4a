"""Stage 1, discover: what each student handed in, the file to grade, and its code cells.

A folder of submissions holds ``<student>.py``, ``<student>.ipynb`` or a folder ``<student>/``
(see :mod:`autograder.intake` for LMS downloads and zips). Inside a student's folder the file
is found by rule (:func:`choose_file`). Nothing here raises for one student's files: a
submission that cannot be read still becomes a :class:`Submission` with a ``problem``, so that
it gets a gradebook row with the reason, and every path met is accounted for (:class:`Found`).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from autograder.core.errors import UserError
from autograder.exercises import Exercise
from autograder.runtime.spec import Msg

MAX_SOURCE_BYTES = 5 * 2**20
KINDS = (".py", ".ipynb")
#: Folders and files that editors, archivers and version control leave behind: never graded.
CLUTTER_DIRS = {".git", "__pycache__", ".ipynb_checkpoints", "__MACOSX", ".idea", ".vscode", ".venv", "venv"}
CLUTTER_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class Cell:
    label: str  # what tracebacks show: "kim.py" or "kim.ipynb [cell 3]"
    source: str


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path  # what the TA handed in (file or folder)
    file: Path | None  # the file graded
    sha256: str
    cells: tuple[Cell, ...] = ()
    warnings: tuple[Msg, ...] = ()
    problem: Msg | None = None
    extra_files: tuple[Path, ...] = field(default=(), compare=False)
    late: bool | None = None  # what the LMS says (intake): True, False, or None when it does not say

    @property
    def kind(self) -> str:
        return self.file.suffix[1:] if self.file else "missing"


@dataclass(frozen=True)
class Found:
    """One path of a download and what became of it: a line of ``OUT/intake.csv``."""

    path: str  # relative to the download's root
    student: str  # "" when it went to no student
    use: str  # graded, unreadable, helper, not_graded, superseded, ignored, unmatched, ambiguous, metadata
    reason: Msg


def student_id(name: str) -> str:
    """An id from a file or folder name: Unicode NFC (macOS zips write decomposed Hangul), outer
    spaces dropped, inner runs of white space folded to one space."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def display_name(name: str) -> tuple[str, Msg | None]:
    """A name read from disk as text: undecodable bytes decoded as CP949, else replaced."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp949")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
    return text, Msg(
        f"파일 이름이 UTF-8이 아니어서 '{text}'(으)로 읽었습니다.",
        f"The file name was not UTF-8; read as '{text}'.",
    )


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(os.fsencode(p.name) + b"\0" + (p.read_bytes() if _regular(p) else b""))
    return h.hexdigest()


def _regular(path: Path) -> bool:
    """A plain file, judged without following links: FIFOs, devices and folders are never opened."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


# ---- the file a submission is graded by -----------------------------------------------------

#: Names students give their file that are still accepted, with a note: (suffix, kind).
VARIANTS = ((".ipynb.py", None), (".ipynb.txt", ".ipynb"), (".py.txt", ".py"), (".ipynb", ".ipynb"),
            (".py", ".py"))  # fmt: skip


def kind_of(name: str) -> tuple[str | None, str, bool]:
    """(``.py``/``.ipynb``/None, the name without that suffix, whether the name is unusual)."""
    lower = name.lower()
    for suffix, kind in VARIANTS:
        if lower.endswith(suffix) and len(name) > len(suffix):
            base = name[: -len(suffix)]
            unusual = name[-len(suffix) :] != suffix or suffix not in KINDS
            return kind or ".ipynb.py", base, unusual
    return None, name, False


@cache
def public_names(stub: Path) -> frozenset[str]:
    """Top-level functions and classes the exercise's stub defines (what a submission defines)."""
    try:
        tree = ast.parse(stub.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return frozenset()
    return frozenset(
        n.name
        for n in tree.body
        if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef) and not n.name.startswith("_")
    )


def defined_names(path: Path) -> set[str]:
    """Top-level names a ``.py`` defines; nothing for a file that does not parse or is too big."""
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return set()
        text, _ = _decode(path.read_bytes(), path.name)
        tree = ast.parse(text)
    except (OSError, SyntaxError, ValueError, UserError):
        return set()
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)}


@dataclass(frozen=True)
class Choice:
    """The file chosen in a submission, the helpers beside it, and the other candidates."""

    file: tuple[str, Path] | None
    helpers: tuple[tuple[str, Path], ...] = ()
    others: tuple[str, ...] = ()  # candidates not graded (named in the feedback)
    notes: tuple[Msg, ...] = ()
    problem: Msg | None = None


Candidate = tuple  # (name, path, kind, base, unusual)
ORDER = {".py": 0, ".ipynb": 1, ".ipynb.py": 2}


def _depth(c: Candidate) -> int:
    return c[0].count("/")


def _folder(name: str) -> str:
    return name.rsplit("/", 1)[0] if "/" in name else ""


def _pick_unnamed(candidates: list[Candidate], wanted: frozenset[str]) -> Candidate | None:
    """No file named after the module: a notebook, else the one script, else the script that
    defines most of the exercise's functions (None: nothing to tell them apart)."""
    notebooks = [c for c in candidates if c[2] == ".ipynb"]
    scripts = [c for c in candidates if c[2] != ".ipynb"]
    if notebooks:
        return min(notebooks, key=lambda c: (c[4], _depth(c), c[0]))
    if len(scripts) == 1:
        return scripts[0]
    scored = sorted(scripts, key=lambda c: (-len(defined_names(c[1]) & wanted), c[4], _depth(c), c[0]))
    return scored[0] if scored and defined_names(scored[0][1]) & wanted else None


def _cannot_tell(candidates: list[Candidate], exercise: Exercise, wanted: frozenset[str]) -> Msg:
    names = ", ".join(c[0] for c in candidates)
    return Msg(
        f"어느 파일을 채점할지 알 수 없습니다: {names} 중에 {exercise.filename}도 없고, "
        f"과제의 함수({', '.join(sorted(wanted))})를 정의한 파일도 없습니다.",
        f"Cannot tell which file to grade: among {names} there is no {exercise.filename} and "
        f"no file defining the exercise's functions ({', '.join(sorted(wanted))}).",
    )


def not_python(names: list[str], exercise: Exercise) -> Msg:
    """Files were handed in, none of them code: named, with what to do."""
    shown = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
    return Msg(
        f"{shown}: 파이썬 파일(.py)이나 노트북(.ipynb)이 아니어서 채점하지 않았습니다. "
        f"코드를 {exercise.filename}(으)로 저장해 다시 내세요.",
        f"{shown}: not a Python file (.py) or notebook (.ipynb), so nothing was graded. "
        f"Save your code as {exercise.filename} and hand it in again.",
    )


def _choice_notes(
    name: str, kind: str, unusual: bool, others: tuple[str, ...], exercise: Exercise
) -> tuple[Msg, ...]:
    notes = []
    if unusual:
        as_kind = kind if kind != ".ipynb.py" else ".py"
        notes.append(Msg(f"{name}: 이름이 {exercise.filename} 꼴이 아니지만 {as_kind} 파일로 받아 채점했습니다.",
                         f"{name}: not named like {exercise.filename}, but accepted and graded as a {as_kind} file."))  # fmt: skip
    if others:
        notes.append(Msg(f"채점한 파일: {name}. 채점하지 않은 후보: {', '.join(others)}.",
                         f"Graded: {name}. Other candidates, not graded: {', '.join(others)}."))  # fmt: skip
    return tuple(notes)


def choose_file(files: list[tuple[str, Path]], exercise: Exercise, own: str = "") -> Choice:
    """The file to grade among ``files`` ((name inside the submission, real path)), by rule:

    1. a file named after the module anywhere in the tree (``src/``, ``notebooks/``): ``.py``
       before ``.ipynb`` before an unusual spelling (``.PY``, ``.py.txt``), the shallowest first;
    2. else a notebook; 3. else the ``.py`` that defines most of the exercise's functions.
    ``own``: in a plain folder, ``kim.py`` and ``kim.ipynb`` are named after student ``kim``.
    Helpers are the other ``.py`` files in the chosen file's folder (importable beside it).
    """
    wanted = public_names(exercise.stub_path)
    regular = [(n, p) for n, p in files if _regular(p)]
    candidates = [c for c in ((n, p, *kind_of(Path(n).name)) for n, p in regular) if c[2]]
    if not candidates:
        return Choice(None, problem=not_python([n for n, _ in regular], exercise) if regular else None)
    names = {exercise.module.casefold(), own.casefold()} - {""}  # own: a plain file named by the student
    named = [c for c in candidates if student_id(c[3]).casefold() in names]
    if named:
        pick = min(named, key=lambda c: (c[4], ORDER[c[2]], _depth(c), c[0]))
    else:
        pick = _pick_unnamed(candidates, wanted)
        if pick is None:
            return Choice(None, problem=_cannot_tell(candidates, exercise, wanted))
    return _chosen(pick, regular, candidates, named, exercise, wanted)


def _chosen(pick: Candidate, regular: list[tuple[str, Path]], candidates: list[Candidate], named: list[Candidate],
            exercise: Exercise, wanted: frozenset[str]) -> Choice:  # fmt: skip
    """The choice around the file picked: its helpers, the candidates not graded, the notes."""
    name, _path, kind, _base, unusual = pick
    helpers = tuple(
        (n, p) for n, p in regular if n != name and n.endswith(".py") and _folder(n) == _folder(name)
    )
    defines = {
        c[0] for c in candidates if c[0] != name and (c[2] == ".ipynb" or defined_names(c[1]) & wanted)
    }
    others = tuple(sorted(defines | {c[0] for c in named if c[0] != name}))
    return Choice(pick[:2], helpers, others, _choice_notes(name, kind, unusual, others, exercise))


# ---- a plain folder of submissions ----------------------------------------------------------


@dataclass
class Unit:
    """What one student handed in, before the file is chosen: files named as the student named them."""

    student: str
    origin: str  # the path in the download it came from
    files: list[tuple[str, Path]] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)  # what became of each path
    ident: dict[str, str] = field(default_factory=dict)  # what the layout says of the student
    shown: dict[str, str] = field(
        default_factory=dict
    )  # name inside -> path in the download, where they differ
    problem: Msg | None = None
    more: list[str] = field(default_factory=list)  # other paths in the download it came from


def walk(
    root: Path, prefix: str, skip: set[Path] | None = None
) -> tuple[list[tuple[str, Path]], list[Found]]:
    """Regular files under ``root`` as (``prefix/relative name``, path); what is not one is a Found."""
    files: list[tuple[str, Path]] = []
    found: list[Found] = []
    skip = skip or set()
    stack = [(root, prefix)]
    while stack:
        folder, rel = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.append(Found(rel, "", "ignored", _unreadable_folder(exc)))
            continue
        for entry in entries:
            name, note = display_name(entry.name)
            here = f"{rel}/{name}" if rel else name
            path = Path(entry.path)
            if path in skip:
                found.append(Found(here, "", "ignored", OUT_INSIDE))
            elif entry.is_symlink():
                found.append(Found(here, "", "ignored", _symlink_problem(here)))
            elif entry.is_dir(follow_symlinks=False):
                if name in CLUTTER_DIRS:
                    found.append(Found(here + "/", "", "ignored", CLUTTER))
                else:
                    stack.append((path, here))
            elif not entry.is_file(follow_symlinks=False):
                found.append(Found(here, "", "ignored", NOT_A_FILE))
            elif name in CLUTTER_FILES or name.startswith("._"):
                found.append(Found(here, "", "ignored", CLUTTER))
            else:
                files.append((here, path))
                if note:
                    found.append(Found(here, "", "note", note))
    files.sort()
    return files, found


CLUTTER = Msg("편집기·압축·버전 관리 프로그램이 남긴 것", "left by an editor, archiver or version control")
NOT_A_FILE = Msg(
    "일반 파일이 아님 (FIFO, 장치 등): 열지 않음", "not a regular file (FIFO, device): never opened"
)
OUT_INSIDE = Msg("결과 폴더(--out)", "the output folder (--out)")


def _unreadable_folder(exc: OSError) -> Msg:
    return Msg(f"폴더를 읽을 수 없음 ({exc.strerror})", f"folder cannot be read ({exc.strerror})")


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise UserError(f"제출 폴더를 읽을 수 없습니다: {folder} ({exc.strerror})",
                        f"Cannot read the submissions folder: {folder} ({exc.strerror})") from None  # fmt: skip


def _plain_skip(name: str, path: Path, skip: set[Path]) -> Msg | None:
    """Why a top-level entry of a plain folder is no student at all, or None."""
    if path in skip:
        return OUT_INSIDE
    if name.startswith((".", "_")) or name in CLUTTER_FILES or name in CLUTTER_DIRS:
        return CLUTTER
    return None


def _plain_base(entry: os.DirEntry, name: str, is_dir: bool) -> str | None:
    """The student a top-level entry is named after, or None when it is not a submission."""
    if is_dir:
        return name
    if name.lower().endswith(".zip"):
        return name[:-4]
    kind, base, _ = kind_of(name)
    if kind:
        return base
    if entry.is_symlink() and entry.name.endswith(KINDS):
        return Path(name).stem
    return None


EMPTY_FOLDER = Msg("빈 폴더", "an empty folder")


def _empty_folder(name: str) -> Msg:
    return Msg(
        f"{name}/ 폴더가 비어 있습니다: 낸 파일이 없습니다.",
        f"The folder {name}/ is empty: no file was handed in.",
    )


def _plain_folder(unit: Unit, name: str, path: Path, skip: set[Path]) -> None:
    files, inner = walk(path, name, skip)
    unit.files += files
    unit.found += [Found(f.path, unit.student, f.use, f.reason) for f in inner]
    if not files and not inner:  # a folder named after a student, with nothing in it: still their row
        unit.found.append(Found(name + "/", unit.student, "ignored", EMPTY_FOLDER))
        unit.problem = unit.problem or _empty_folder(name)
    if not files and any("symbolic links" in f.reason.en for f in inner):
        unit.problem = _symlink_problem(next(f.path for f in inner if "symbolic" in f.reason.en))


def _plain_add(unit: Unit, entry: os.DirEntry, name: str, skip: set[Path]) -> None:
    """One top-level entry (file, folder, link) into its student's unit."""
    path = Path(entry.path)
    if entry.is_symlink():
        unit.problem = unit.problem or _symlink_problem(name)
        unit.found.append(Found(name, unit.student, "ignored", _symlink_problem(name)))
    elif entry.is_dir(follow_symlinks=False):
        _plain_folder(unit, name, path, skip)
    elif not entry.is_file(follow_symlinks=False):
        unit.found.append(Found(name, unit.student, "ignored", NOT_A_FILE))
        unit.problem = unit.problem or Msg(f"{name}: 일반 파일이 아닙니다.", f"{name}: not a regular file.")
    else:
        unit.files.append((name, path))


def plain_units(folder: Path, skip: set[Path] | None = None) -> tuple[list[Unit], list[Found]]:
    """``<student>.py``/``.ipynb`` (also ``.PY``, ``.py.txt``, ``<student>.zip``) and ``<student>/``."""
    by_student: dict[str, Unit] = {}
    found: list[Found] = []
    seen: dict[tuple[str, str], str] = {}  # (student, suffix as written) -> the first name
    skip = skip or set()
    for entry in _scan(folder):
        name, note = display_name(entry.name)
        why = _plain_skip(name, Path(entry.path), skip)
        base = None if why else _plain_base(entry, name, entry.is_dir(follow_symlinks=False))
        if why or base is None:
            found.append(Found(name, "", "ignored", why or NOT_SUBMISSION))
            continue
        student = student_id(base)
        unit = by_student.setdefault(student, Unit(student, name, ident={"id": student}))
        spelling = (student, name[len(base) :] if name.startswith(base) else name)
        if seen.setdefault(spelling, name) != name:  # two names only the order could choose between
            unit.ident["clash"] = "1"
        if note:
            unit.notes.append(note)
        _plain_add(unit, entry, name, skip)
        if unit.origin != name:
            unit.more.append(name)
    return [by_student[s] for s in sorted(by_student)], found


NOT_SUBMISSION = Msg(
    "제출 파일이 아님 (.py, .ipynb, 폴더, .zip이 아님)", "not a submission (.py, .ipynb, folder or .zip)"
)


def discover(folder: Path, exercise: Exercise) -> list[Submission]:
    """All submissions in a plain folder, sorted by student id; an id handed in twice is an error.

    (``grade`` reads folders and zips through :mod:`autograder.intake`, which instead grades one
    of the two and names both; this strict form serves the similarity report and the benchmark.)
    """
    if not folder.is_dir():
        raise UserError(f"제출 폴더가 없습니다: {folder}", f"Submissions folder not found: {folder}")
    units, _ = plain_units(folder)
    for unit in units:
        if unit.more:
            a, b = unit.origin, unit.more[0]
            raise UserError(
                f"학생 '{unit.student}'의 제출물이 둘입니다: {a}, {b}. 하나만 남기세요.",
                f"Student '{unit.student}' has two submissions: {a} and {b}. Keep one.",
            )
    return [from_unit(u, exercise, folder)[0] for u in units]


def from_unit(
    unit: Unit, exercise: Exercise, root: Path, stage: Path | None = None
) -> tuple[Submission, list[Found]]:
    """The unit's :class:`Submission` (never raising) and the fate of each of its files.

    ``stage``: where to copy files whose name inside the submission is not their name on disk
    (an LMS prefix removed), so that helpers import under the names the student gave them.
    """
    found = list(unit.found)
    try:
        sub, used = _from_unit(unit, exercise, root, stage)
    except Exception as exc:  # whatever one student's files do, the batch goes on
        sub = Submission(
            unit.student,
            root / unit.origin,
            None,
            digest([]),
            problem=Msg(
                f"채점기가 이 제출물을 읽지 못했습니다 ({type(exc).__name__}: {str(exc)[:200]}). 조교에게 알리세요.",
                f"The grader could not read this submission ({type(exc).__name__}: {str(exc)[:200]}). "
                "Tell your TA.",
            ),
        )
        used = {}
    for name, _path in unit.files:
        use, reason = used.get(_inside(unit, name), ("ignored", NOT_GRADED))
        found.append(Found(name, unit.student, use, reason))
    return sub, found


NOT_GRADED = Msg("채점 대상이 아닌 파일", "not a file that is graded")


def _inside(unit: Unit, name: str) -> str:
    """A file's name inside its submission (the student's folder name dropped)."""
    prefix = unit.origin + "/"
    return name[len(prefix) :] if name.startswith(prefix) and not unit.more else name


def _staged(name: str, path: Path, stage: Path | None) -> Path:
    base = name.rsplit("/", 1)[-1]
    if stage is None or path.name == base:
        return path
    target = stage / base
    stage.mkdir(parents=True, exist_ok=True)
    target.write_bytes(path.read_bytes())
    return target


def _from_unit(unit: Unit, exercise: Exercise, root: Path, stage: Path | None) -> tuple[Submission, dict]:
    origin = root / unit.origin
    notes = tuple(unit.notes)
    if unit.problem and not any(_regular(p) for _, p in unit.files):
        return Submission(unit.student, origin, None, digest([]), warnings=notes, problem=unit.problem), {}
    files = [(_inside(unit, n), p) for n, p in unit.files]  # as the student sees them
    choice = choose_file(files, exercise, unit.ident.get("id", ""))
    if choice.file is None:
        problem = choice.problem or Msg(
            f"제출물에 {exercise.filename} (또는 {exercise.module}.ipynb) 파일이 없습니다.",
            f"The submission has no {exercise.filename} (or {exercise.module}.ipynb).",
        )
        return Submission(unit.student, origin, None, digest([]), warnings=notes, problem=problem), {}
    name, path = choice.file
    used = {name: ("graded", Msg("채점한 파일", "the file graded"))}
    for n in choice.others:
        used[n] = (
            "not_graded",
            Msg(f"후보였지만 채점하지 않음 (채점한 파일: {name})", f"a candidate; {name} was graded instead"),
        )
    for n, _ in choice.helpers:
        if n not in used:
            used[n] = (
                "helper",
                Msg("채점한 파일 옆에서 가져올 수 있는 모듈", "a module importable beside the graded file"),
            )
    file = _staged(name, path, stage)
    extra = tuple(_staged(n, p, stage) for n, p in choice.helpers)
    label = name.rsplit("/", 1)[-1]
    sub = load_submission(unit.student, origin, exercise, file=file, extra=extra, notes=notes + choice.notes,
                          label=label)  # fmt: skip
    if sub.problem:  # chosen, but it could not be read: intake.csv says why, as the row does
        used[name] = ("unreadable", sub.problem)
    return sub, used


def _symlink_problem(name: str) -> Msg:
    return Msg(
        f"{name}: 심볼릭 링크는 채점하지 않습니다. 링크가 아닌 파일 자체를 제출하세요.",
        f"{name}: symbolic links are not followed. Submit the file itself, not a link.",
    )


def load_submission(
    student: str,
    path: Path,
    exercise: Exercise,
    file: Path | None = None,
    extra: tuple[Path, ...] | None = None,
    notes: tuple[Msg, ...] = (),
    label: str | None = None,
) -> Submission:
    """One submission read into cells; ``file``/``extra`` when the file was chosen already.

    Never raises for what is in the files: a problem becomes the submission's ``problem``.
    """
    try:
        return _load(student, path, exercise, file, extra, notes, label)
    except Exception as exc:  # a file system oddity: the student's row, not the batch's end
        return Submission(
            student,
            path,
            file,
            digest([]),
            warnings=notes,
            problem=Msg(
                f"채점기가 이 제출물을 읽지 못했습니다 ({type(exc).__name__}).",
                f"The grader could not read this submission ({type(exc).__name__}).",
            ),
        )


def _load(student: str, path: Path, exercise: Exercise, file: Path | None, extra: tuple[Path, ...] | None,
          notes: tuple[Msg, ...], label: str | None = None) -> Submission:  # fmt: skip
    if file is None:
        if path.is_symlink():
            return Submission(
                student, path, None, digest([]), warnings=notes, problem=_symlink_problem(path.name)
            )
        if path.is_dir():
            files, _ = walk(path, "")
            choice = choose_file(files, exercise)
            if choice.file is None:
                problem = choice.problem or Msg(
                    f"폴더에 {exercise.filename} (또는 {exercise.module}.ipynb) 파일이 없습니다.",
                    f"The folder has no {exercise.filename} (or {exercise.module}.ipynb).",
                )
                return Submission(student, path, None, digest([]), warnings=notes, problem=problem)
            file, extra, notes = choice.file[1], tuple(p for _, p in choice.helpers), notes + choice.notes
        else:
            file = path
    extra = extra or ()
    if not _regular(file):
        return Submission(
            student, path, file, digest([]), warnings=notes,
            problem=Msg(f"{file.name}: 일반 파일이 아닙니다.", f"{file.name}: not a regular file."),
        )  # fmt: skip
    sha = digest([file, *extra])
    try:
        cells, warnings = read_cells(file, label)
    except UserError as exc:
        return Submission(student, path, file, sha, warnings=notes, problem=exc.msg)
    return Submission(student, path, file, sha, tuple(cells), notes + tuple(warnings), extra_files=extra)


def _decode(raw: bytes, name: str) -> tuple[str, list[Msg]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = _utf16(raw)
    if text is not None:
        return text, [
            Msg(f"{name}: UTF-8이 아니라 UTF-16으로 읽었습니다. UTF-8로 저장하세요.",
                f"{name}: read as UTF-16, not UTF-8. Please save as UTF-8.")
        ]  # fmt: skip
    try:
        text = raw.decode("cp949")  # Korean Windows editors' default
    except UnicodeDecodeError:
        raise UserError(
            f"{name}: UTF-8 텍스트 파일이 아닙니다. 편집기에서 UTF-8로 저장하세요.",
            f"{name}: not a UTF-8 text file. Save it as UTF-8 in your editor.",
        ) from None
    return text, [
        Msg(
            f"{name}: UTF-8이 아니라 CP949로 읽었습니다. UTF-8로 저장하세요.",
            f"{name}: read as CP949, not UTF-8. Please save as UTF-8.",
        )
    ]


def _utf16(raw: bytes) -> str | None:
    """Windows Notepad's "Unicode" (UTF-16 behind its byte-order mark) as text, or None.

    Only text that reads as code: mostly ASCII (keywords, names, operators) and no control
    characters; other bytes behind the same two-byte mark stay "not UTF-8"."""
    if raw[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return None
    try:
        text = raw.decode("utf-16")
    except UnicodeDecodeError:
        return None
    ascii_share = sum(c.isascii() for c in text) / max(1, len(text))
    controls = any(ord(c) < 32 and c not in "\t\n\r\f" for c in text)
    return text if text and ascii_share >= 0.5 and not controls else None


def _looks_like_notebook(text: str) -> bool:
    return text.lstrip().startswith("{") and '"cells"' in text


def read_cells(file: Path, label: str | None = None) -> tuple[list[Cell], list[Msg]]:
    """The code to run, as cells: one for a ``.py``, the code cells of a notebook."""
    name = label or file.name
    size = file.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise UserError(
            f"{name}: 파일이 너무 큽니다 ({size / 2**20:.0f} MB > 5 MB).",
            f"{name}: file too large ({size / 2**20:.0f} MB > 5 MB).",
        )
    if size == 0:
        raise UserError(f"{name}: 빈 파일입니다.", f"{name}: the file is empty.")
    text, warnings = _decode(file.read_bytes(), name)
    kind = kind_of(file.name)[0] or file.suffix.lower()
    if kind == ".ipynb" and not text.lstrip().startswith("{") and _parses(text):
        return [Cell(name, text)], warnings + [python_in_a_notebook(name)]
    if kind == ".ipynb" or (kind == ".ipynb.py" and _looks_like_notebook(text)):
        return notebook_cells(text, name, warnings)
    return [Cell(name, text)], warnings


def _parses(text: str) -> bool:
    """Python code (a script saved under a notebook's name), not a damaged notebook."""
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return bool(text.strip())


def python_in_a_notebook(name: str) -> Msg:
    return Msg(
        f"{name}: 노트북이 아니라 파이썬 코드가 든 파일이어서 .py 파일로 채점했습니다. 이름을 .py로 바꿔 내세요.",
        f"{name}: holds Python code, not a notebook, so it was graded as a .py file. Name it .py next time.",
    )


def _raw_cells(text: str, name: str) -> list:
    """A notebook's cells, read as plain JSON (nbformat 3's worksheets too)."""
    try:
        nb = json.loads(text)
        if isinstance(nb, dict) and isinstance(nb.get("worksheets"), list) and nb["worksheets"]:
            nb = {"cells": [  # nbformat 3: cells in worksheets, code in "input"
                {**c, "source": c.get("input", "")} for c in nb["worksheets"][0].get("cells", [])
                if isinstance(c, dict)
            ]}  # fmt: skip
        raw_cells = nb["cells"] if isinstance(nb, dict) else None
        if not isinstance(raw_cells, list):
            raise ValueError("no cells")
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UserError(*_not_a_notebook(text, name, exc)) from None
    return raw_cells


def _not_a_notebook(text: str, name: str, exc: Exception) -> tuple[str, str]:
    """Why a notebook could not be read, in the student's terms, and what to do (KO, EN)."""
    again = (
        "Jupyter에서 열어 다시 저장한 뒤 다시 내세요.",
        "Open it in Jupyter, save it again and hand it in again.",
    )
    if isinstance(exc, json.JSONDecodeError):
        # a notebook ends with the "}" of its opening "{": without it the file stopped early
        cut = text.lstrip().startswith("{") and not text.rstrip().endswith("}")
        if cut or not text[exc.pos :].strip():
            return (f"{name}: 노트북 파일이 중간에 끊겼습니다 (저장이나 내려받기가 끝나기 전의 파일). {again[0]}",
                    f"{name}: the notebook file is cut short (saved or downloaded only in part). {again[1]}")  # fmt: skip
        where = (f"{exc.lineno}번째 줄 {exc.colno}번째 글자", f"line {exc.lineno}, column {exc.colno}")
        return (f"{name}: 노트북(JSON) 형식이 아닙니다 ({where[0]}에서 읽기가 멈춤). {again[0]}",
                f"{name}: not in the notebook (JSON) format (reading stopped at {where[1]}). {again[1]}")  # fmt: skip
    if isinstance(exc, RecursionError):
        return (f"{name}: 노트북 파일의 구조가 너무 깊게 중첩되어 읽을 수 없습니다. {again[0]}",
                f"{name}: the notebook is nested too deeply to be read. {again[1]}")  # fmt: skip
    return (f"{name}: JSON 파일이지만 Jupyter 노트북이 아닙니다 (셀 목록 \"cells\"가 없음). {again[0]}",
            f"{name}: a JSON file but not a Jupyter notebook (it has no \"cells\" list). {again[1]}")  # fmt: skip


def _cell_source(cell: dict) -> str | None:
    source = cell.get("source")
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        source = "".join(source)
    return source if isinstance(source, str) else None


def _cell_warnings(name: str, damaged: list[str], dropped: list[str]) -> list[Msg]:
    warnings = []
    if damaged:
        warnings.append(
            Msg(
                f"{name}: 코드 셀 {', '.join(damaged)}번에 읽을 수 있는 코드가 없어 빈 셀로 보았습니다.",
                f"{name}: code cell(s) {', '.join(damaged)} hold no readable source; treated as empty.",
            )
        )
    if dropped:
        shown = "; ".join(dropped[:5]) + (" ..." if len(dropped) > 5 else "")
        warnings.append(
            Msg(
                f"매직/셸 명령은 채점 때 실행하지 않습니다: {shown}",
                f"Magics and shell commands are not run when grading: {shown}",
            )
        )
    return warnings


def notebook_cells(text: str, name: str, warnings: list[Msg]) -> tuple[list[Cell], list[Msg]]:
    """Code cells in order; IPython magics and ``!`` shell lines are dropped (never run).

    What is a magic is IPython's call (:mod:`autograder.magics`), so a ``%`` that continues an
    expression stays; the dropped lines become ``pass`` or empty, keeping line numbers.
    Read as plain JSON, so that a damaged cell (no ``source``, a number for its text) is that
    cell's problem, said in a warning, not the notebook's.
    """
    from autograder.discover.magics import strip_magics

    cells, dropped, damaged = [], [], []
    code_cells = [c for c in _raw_cells(text, name) if isinstance(c, dict) and c.get("cell_type") == "code"]
    for n, cell in enumerate(code_cells, start=1):
        source = _cell_source(cell)
        if source is None:
            damaged.append(str(n))
            source = ""
        code, removed = strip_magics(source)
        dropped += [f"[{n}] {line}" for line in removed]
        cells.append(Cell(f"{name} [cell {n}]", code))
    warnings += _cell_warnings(name, damaged, dropped)
    return cells, warnings
