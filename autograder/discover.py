"""Stage 1, discover: find the submissions in a folder and turn each into code cells.

A submission is ``<student>.py``, ``<student>.ipynb`` or a folder ``<student>/`` holding the
exercise's file. The student id is the name exactly as given (Korean letters and spaces
included). A submission that cannot be read still becomes a :class:`Submission` with a
``problem``, so that it gets a gradebook row with the reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from autograder.errors import UserError
from autograder.exercises import Exercise
from autograder.spec import Msg

MAX_SOURCE_BYTES = 5 * 2**20
KINDS = (".py", ".ipynb")


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

    @property
    def kind(self) -> str:
        return self.file.suffix[1:] if self.file else "missing"


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode() + b"\0" + (p.read_bytes() if p.is_file() else b""))
    return h.hexdigest()


def discover(folder: Path, exercise: Exercise) -> list[Submission]:
    """All submissions in ``folder``, sorted by student id; duplicate ids are an error."""
    if not folder.is_dir():
        raise UserError(f"제출 폴더가 없습니다: {folder}", f"Submissions folder not found: {folder}")
    by_student: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if not entry.is_dir() and entry.suffix not in KINDS:
            continue
        student = entry.name if entry.is_dir() else entry.stem
        if student in by_student:
            a, b = by_student[student].name, entry.name
            raise UserError(
                f"학생 '{student}'의 제출물이 둘입니다: {a}, {b}. 하나만 남기세요.",
                f"Student '{student}' has two submissions: {a} and {b}. Keep one.",
            )
        by_student[student] = entry
    return [load_submission(student, path, exercise) for student, path in sorted(by_student.items())]


def _symlink_problem(name: str) -> Msg:
    return Msg(
        f"{name}: 심볼릭 링크는 채점하지 않습니다. 링크가 아닌 파일 자체를 제출하세요.",
        f"{name}: symbolic links are not followed. Submit the file itself, not a link.",
    )


def load_submission(student: str, path: Path, exercise: Exercise) -> Submission:
    if path.is_symlink():
        return Submission(student, path, None, digest([]), problem=_symlink_problem(path.name))
    if path.is_dir():
        links = [path / n for n in (exercise.filename, f"{exercise.module}.ipynb") if (path / n).is_symlink()]
        if links and not any(
            (path / n).is_file() and not (path / n).is_symlink()
            for n in (exercise.filename, f"{exercise.module}.ipynb")
        ):
            return Submission(
                student, path, None, digest([]), problem=_symlink_problem(f"{path.name}/{links[0].name}")
            )
        file = _file_in_folder(path, exercise)
        if file is None:
            return Submission(
                student,
                path,
                None,
                digest([]),
                problem=Msg(
                    f"폴더에 {exercise.filename} (또는 {exercise.module}.ipynb) 파일이 없습니다.",
                    f"The folder has no {exercise.filename} (or {exercise.module}.ipynb).",
                ),
            )
        extra = tuple(p for p in path.iterdir() if p.suffix == ".py" and p != file and not p.is_symlink())
    else:
        file, extra = path, ()
    sha = digest([file, *extra])
    try:
        cells, warnings = read_cells(file)
    except UserError as exc:
        return Submission(student, path, file, sha, problem=exc.msg)
    return Submission(student, path, file, sha, tuple(cells), tuple(warnings), extra_files=extra)


def _file_in_folder(folder: Path, exercise: Exercise) -> Path | None:
    for name in (exercise.filename, f"{exercise.module}.ipynb"):
        if (folder / name).is_file() and not (folder / name).is_symlink():
            return folder / name
    candidates = [p for p in folder.iterdir() if p.suffix in KINDS and not p.is_symlink()]
    return candidates[0] if len(candidates) == 1 else None


def _decode(raw: bytes, name: str) -> tuple[str, list[Msg]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
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


def read_cells(file: Path) -> tuple[list[Cell], list[Msg]]:
    """The code to run, as cells: one for a ``.py``, the code cells of a notebook."""
    size = file.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise UserError(
            f"{file.name}: 파일이 너무 큽니다 ({size / 2**20:.0f} MB > 5 MB).",
            f"{file.name}: file too large ({size / 2**20:.0f} MB > 5 MB).",
        )
    if size == 0:
        raise UserError(f"{file.name}: 빈 파일입니다.", f"{file.name}: the file is empty.")
    text, warnings = _decode(file.read_bytes(), file.name)
    if file.suffix == ".py":
        return [Cell(file.name, text)], warnings
    return notebook_cells(text, file.name, warnings)


def notebook_cells(text: str, name: str, warnings: list[Msg]) -> tuple[list[Cell], list[Msg]]:
    """Code cells in order; IPython magics and ``!`` shell lines are dropped (never run).

    What is a magic is IPython's call (:mod:`autograder.magics`), so a ``%`` that continues an
    expression stays; the dropped lines become ``pass`` or empty, keeping line numbers.
    """
    import warnings as python_warnings

    import nbformat

    from autograder.magics import strip_magics

    try:
        with python_warnings.catch_warnings():
            python_warnings.simplefilter("ignore")  # notebooks from old Jupyter lack cell ids: fine here
            nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises many types for damaged files
        raise UserError(
            f"{name}: 노트북 파일을 읽을 수 없습니다 ({type(exc).__name__}).",
            f"{name}: cannot read the notebook ({type(exc).__name__}).",
        ) from None
    cells = []
    dropped = []
    for n, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        code, removed = strip_magics(source)
        dropped += [f"[{n}] {line}" for line in removed]
        cells.append(Cell(f"{name} [cell {n}]", code))
    if dropped:
        shown = "; ".join(dropped[:5]) + (" ..." if len(dropped) > 5 else "")
        warnings.append(
            Msg(
                f"매직/셸 명령은 채점 때 실행하지 않습니다: {shown}",
                f"Magics and shell commands are not run when grading: {shown}",
            )
        )
    return cells, warnings
