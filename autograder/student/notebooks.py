"""Student notebooks, generated from each stub (never edited by hand).

``python -m autograder notebooks`` writes ``assignments/<id>/<module>.ipynb``; a test fails when
a committed notebook differs from what the stub generates now.

The grading rule for notebooks: nnkit runs the code cells in order as a module named after the
exercise, so ``__name__`` is never ``"__main__"`` while grading, while in Jupyter it is. Every
cell that loads data, trains, plots or self-checks is therefore written under
``if __name__ == "__main__":``: it runs when the student presses Run and costs nothing when
the notebook is graded. Students are told to do the same with their own experiments.

An exercise's demonstration is its own file, ``assignments/<id>/demo.py`` (``# %%`` starts a new
cell; its imports of the stub are dropped, the rest join the setup cell), so that adding an
exercise touches no engine file. The self-check and submit cells are
:mod:`autograder.student.notebook_check`.

:func:`notebook_notes` adds what a notebook's self-check should say beyond the scores: a later
stub cell that undoes a function implemented earlier, and which cell a load timeout waited on.
"""

from __future__ import annotations

import ast
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core.paths import ROOT
from autograder.exercises import Exercise
from autograder.runtime.spec import Msg
from autograder.student import notebook_check

if TYPE_CHECKING:
    from autograder.core.results import SubmissionResult
    from autograder.discover.submissions import Cell

GUARD = 'if __name__ == "__main__":  # 채점할 때는 실행되지 않습니다 · skipped when graded\n'

INTRO = """
## 노트북 사용법 · How to use this notebook
- `raise NotImplementedError(...)`를 지우고 코드를 채우세요. 셀 순서대로 실행됩니다.
  Replace each `raise NotImplementedError(...)` with your code; cells run in order.
- 데이터를 불러오고, 학습하고, 그림을 그리는 셀은 `if __name__ == "__main__":` 아래에 둡니다.
  Jupyter에서는 실행되지만 채점할 때는 건너뜁니다. 여러분의 실험 코드도 그렇게 하세요.
  Cells that load data, train or plot sit under `if __name__ == "__main__":`: they run in
  Jupyter and are skipped when grading. Do the same with your own experiments.
- `%매직`과 `!셸` 줄은 채점할 때 실행되지 않습니다. · Magics and `!shell` lines are not run when graded.
- "자가 점검" 셀이 이 노트북을 공개 테스트로 점검합니다 (먼저 저장하세요). 이름을 바꾼 사본도
  그 사본을 점검합니다. 그다음 "제출" 셀은 켜야만 제출합니다. · The "Self-check" cell checks this
  notebook on the public tests (save first); a renamed copy checks itself. The "Submit" cell after
  it hands the notebook in only once you turn it on.
- 터미널에서는 과제 폴더에서 · from a terminal, in the exercise's folder:
  `python check.py {notebook}`
"""

SUBMIT_ABOUT = """## 제출 · Submit (저장한 뒤 실행 · save first)
서버로 이 노트북을 제출합니다. 묶음 폴더의 `submit.toml`에 서버 주소와 토큰을 적고, 아래 셀의
`SUBMIT = False`를 `True`로 바꾼 뒤 실행하세요. 그 전에는 아무것도 보내지 않습니다.
Hands this notebook in to the course server. Write the server's address and your token in
`submit.toml` at the bundle's root, change `SUBMIT = False` to `True` below, and run the cell.
Until then nothing is sent."""

#: Where a notebook's imports come from, for ordering them as ruff's isort would.
LOCAL_MODULES = ("nnkit_data",)


def _guarded(code: str) -> str:
    return GUARD + "".join(f"    {line}\n" if line else "\n" for line in code.splitlines())


def _cell(kind: str, source: str, ident: str) -> dict:
    cell = {"cell_type": kind, "id": ident, "metadata": {}, "source": source.strip("\n")}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell


def demo_path(exercise: Exercise) -> Path:
    return exercise.stub_path.parent / "demo.py"


def _split_module(source: str) -> tuple[list[ast.stmt], list[str]]:
    """A module's imports, and the code after them as cells (``# %%`` lines split it)."""
    tree = ast.parse(source)
    body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    imports = [n for n in body if isinstance(n, ast.Import | ast.ImportFrom)]
    rest = [n for n in body if n not in imports]
    if not rest:
        return imports, []
    lines = source.splitlines()[rest[0].lineno - 1 - _decorators(rest[0]) :]
    cells, current = [], []
    for line in lines:
        if line.strip().startswith("# %%"):
            cells.append(current)
            current = []
        else:
            current.append(line)
    cells.append(current)
    return imports, ["\n".join(c).strip("\n") for c in cells if "".join(c).strip()]


def _decorators(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", None)
    return node.lineno - decorators[0].lineno if decorators else 0


def _demo(exercise: Exercise) -> tuple[list[ast.stmt], list[str]]:
    path = demo_path(exercise)
    if not path.is_file():
        return [], []
    imports, cells = _split_module(path.read_text(encoding="utf-8"))
    own = {exercise.module}
    return [n for n in imports if not (isinstance(n, ast.ImportFrom) and n.module in own)], cells


def _check_cell(exercise: Exercise, action: str = "check") -> tuple[list[ast.stmt], str]:
    """The self-check cell (``action`` "check") or the submit cell ("submit"), and their imports."""
    source = Path(notebook_check.__file__).read_text(encoding="utf-8")
    imports, _ = _split_module(source)
    code = source.split(notebook_check.CELL + "\n", 1)[1]
    code = re.sub(r"\bEXERCISE\b", json.dumps(exercise.id), code)
    chosen = '"check"' if action == "check" else '"submit" if SUBMIT else "dry-run"'
    code = re.sub(r"\bACTION\b", chosen, code)
    guard = code.index("\n") + 1  # the module's own guard line: the notebook writes GUARD instead
    switch = SUBMIT_SWITCH if action == "submit" else ""
    return imports, GUARD + switch + code[guard:].rstrip("\n")


#: The submit cell's first line: nothing is sent until the student turns it on.
SUBMIT_SWITCH = (
    "    # 제출하려면 True로 바꾸고 저장한 뒤 이 셀을 실행하세요 · to hand in: set True, save, run this cell\n"
    "    SUBMIT = False\n"
)


def _names_used(codes: Sequence[str]) -> set[str]:
    used = set()
    for code in codes:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Name):
                used.add(node.id)
    return used


def _binds(node: ast.stmt, alias: ast.alias) -> str:
    """The name ``alias`` of the import ``node`` binds (``import a.b`` binds ``a``)."""
    plain = isinstance(node, ast.Import)
    return alias.asname or (alias.name.split(".")[0] if plain else alias.name)


def _bound(node: ast.stmt) -> set[str]:
    """The names an import statement binds."""
    return {_binds(node, a) for a in node.names}


def _third_party(node: ast.stmt) -> bool:
    module = node.names[0].name if isinstance(node, ast.Import) else "." * node.level + (node.module or "")
    return _section(module) == 1


def _section(module: str) -> int:
    top = module.split(".")[0]
    if top in sys.stdlib_module_names:
        return 0
    return 2 if top in LOCAL_MODULES or module.startswith(".") else 1


def _chosen_aliases(kept: Sequence[ast.stmt], wanted: Sequence[ast.stmt], used: set[str]):
    """``(node, alias, keep)`` for each imported name kept or used, ``kept`` first."""
    for node, keep in [(n, True) for n in kept] + [(n, False) for n in wanted]:
        for alias in node.names:
            if keep or _binds(node, alias) in used:
                yield node, alias, keep


def _as(alias: ast.alias) -> str:
    return f" as {alias.asname}" if alias.asname else ""


def import_block(kept: Sequence[ast.stmt], wanted: Sequence[ast.stmt], used: set[str], source: str) -> str:
    """One import per name, grouped and sorted: ``kept`` as the stub has them, ``wanted`` if used.

    ``source`` is the stub's text: a plain import of the stub keeps its line (and its comment).
    """
    plain: dict[tuple[int, str], str] = {}
    froms: dict[str, dict[str, str]] = {}
    lines = source.splitlines()
    for node, alias, keep in _chosen_aliases(kept, wanted, used):
        if isinstance(node, ast.Import):
            own_line = keep and len(node.names) == 1
            text = lines[node.lineno - 1].strip() if own_line else f"import {alias.name}{_as(alias)}"
            plain.setdefault((_section(alias.name), alias.name), text)
        else:
            module = "." * node.level + (node.module or "")
            froms.setdefault(module, {})[alias.asname or alias.name] = alias.name + _as(alias)
    return _import_sections(plain, froms)


def _import_sections(plain: dict[tuple[int, str], str], froms: dict[str, dict[str, str]]) -> str:
    """Standard library, third party, the course's own modules: a blank line between them."""
    sections: list[list[str]] = [[], [], []]
    for (section, _), text in sorted(plain.items()):
        sections[section].append(text)
    for module in sorted(froms):
        names = ", ".join(sorted(froms[module].values(), key=str.lower))
        sections[_section(module)].append(f"from {module} import {names}")
    return "\n\n".join("\n".join(s) for s in sections if s)


def _stub_parts(source: str) -> tuple[str, list[ast.stmt], list[tuple[int, str | None, ast.stmt, str]]]:
    """The stub's docstring, its imports, and each other top-level statement with its text."""
    tree = ast.parse(source)
    lines = source.splitlines()
    body = [
        n
        for n in tree.body
        if not (isinstance(n, ast.Expr) and isinstance(getattr(n, "value", None), ast.Constant))
    ]
    imports = [n for n in body if isinstance(n, ast.Import | ast.ImportFrom)]
    code_cells = []
    for n, node in enumerate(x for x in body if x not in imports):
        first = node.decorator_list[0].lineno if getattr(node, "decorator_list", None) else node.lineno
        code_cells.append(
            (n, getattr(node, "name", None), node, "\n".join(lines[first - 1 : node.end_lineno]))
        )
    return ast.get_docstring(tree) or "", imports, code_cells


def _code_cells(code_cells: list[tuple[int, str | None, ast.stmt, str]]) -> list[dict]:
    """A code cell per statement; a function or class gets a heading with its summary first."""
    cells = []
    for n, name, node, text in code_cells:
        if name:
            summary = (ast.get_docstring(node) or "").split("\n")[0]
            cells.append(_cell("markdown", f"### `{name}`\n{summary}", f"about-{n}"))
        cells.append(_cell("code", text, f"code-{n}"))
    return cells


def notebook(exercise: Exercise, stub_source: str | None = None) -> dict:
    """The notebook for ``exercise``, from ``stub_source`` (default: the stub)."""
    source = stub_source if stub_source is not None else exercise.stub_path.read_text(encoding="utf-8")
    doc, imports, code_cells = _stub_parts(source)
    demo_imports, demos = _demo(exercise)
    check_imports, check = _check_cell(exercise)
    _, submit = _check_cell(exercise, "submit")
    used = _names_used([c[3] for c in code_cells] + demos + [check, submit])
    # a third-party module only the demo uses (matplotlib: ~0.5 s) is imported in the demo's
    # guarded cell, so that grading and the self-check, which skip that cell, do not load it
    own_use = _names_used([c[3] for c in code_cells] + [check, submit])
    stub_names = set().union(*(_bound(n) for n in imports))
    late = [n for n in demo_imports if _third_party(n) and not (_bound(n) & (own_use | stub_names))]
    setup = import_block(imports, [n for n in demo_imports if n not in late] + check_imports, used, source)
    cells = [
        _cell(
            "markdown",
            f"# {exercise.title.ko} · {exercise.title.en}\n\n{doc}\n"
            + INTRO.format(notebook=f"{exercise.module}.ipynb"),
            "intro",
        ),
        _cell("code", setup, "setup"),
        *_code_cells(code_cells),
    ]
    for n, demo in enumerate(demos):
        own = import_block([], late, _names_used([demo]), "")
        late = [i for i in late if not (_bound(i) & _names_used([demo]))]  # imported once, where first used
        cells.append(_cell("markdown", "## 실행해 보기 · Try it (Jupyter only)", f"demo-about-{n}"))
        cells.append(_cell("code", _guarded(f"{own}\n\n{demo}" if own else demo), f"demo-{n}"))
    cells.append(_cell("markdown", "## 자가 점검 · Self-check (저장한 뒤 실행 · save first)", "check-about"))
    cells.append(_cell("code", check, "check"))
    cells.append(_cell("markdown", SUBMIT_ABOUT, "submit-about"))
    cells.append(_cell("code", submit, "submit"))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "nnkit": {
                "exercise": exercise.id,
                "generated_from": f"assignments/{exercise.id}/{exercise.filename}",
            },
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_text(exercise: Exercise, stub_source: str | None = None) -> str:
    return json.dumps(notebook(exercise, stub_source), ensure_ascii=False, indent=1) + "\n"


def notebook_path(exercise: Exercise) -> Path:
    return exercise.stub_path.with_suffix(".ipynb")


def write_notebooks(exercises: list[Exercise]) -> list[Path]:
    written = []
    for e in exercises:
        path = notebook_path(e)
        path.write_text(notebook_text(e), encoding="utf-8")
        written.append(path)
    return written


# ---- what the self-check says about a notebook beyond its scores ----


@dataclass(frozen=True)
class Undone:
    """A function implemented in one cell and replaced by a stub in a later cell."""

    name: str  # "predict" or "TwoLayerNet.predict"
    implemented: Cell
    stub: Cell


def _is_stub(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the body, docstring aside, only raises NotImplementedError."""
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def _definitions(cell: Cell) -> dict[str, bool]:
    """Top-level functions and methods a cell defines, each with whether it is still a stub."""
    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        return {}
    found: dict[str, bool] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found[node.name] = _is_stub(node)
        elif isinstance(node, ast.ClassDef):
            found[node.name] = False  # a class statement replaces every method of the class
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    found[f"{node.name}.{item.name}"] = _is_stub(item)
    return found


def undone_by_later_stubs(cells: Sequence[Cell]) -> list[Undone]:
    """Functions whose last definition is a stub although an earlier cell implemented them.

    Cells run in order and the last definition is the one graded, so a stub cell left below the
    student's own (a copy pasted in, a cell run twice) silently takes the points away.
    """
    implemented: dict[str, Cell] = {}
    last_stub: dict[str, Cell] = {}
    for cell in cells:
        defined = _definitions(cell)
        classes = {n for n in defined if "." not in n}
        for method in [m for m in last_stub if m.split(".")[0] in classes and m not in defined]:
            del last_stub[method]  # a class statement without that method: nothing to undo
        for name, stub in defined.items():
            if stub:
                last_stub[name] = cell
            else:
                implemented[name] = cell
                last_stub.pop(name, None)
    return [Undone(n, implemented[n], c) for n, c in last_stub.items() if n in implemented]


def cell_number(cell: Cell) -> str:
    """The code cell's number as discovery counts it (code cells only, from 1)."""
    match = re.search(r"\[cell (\d+)\]$", cell.label)
    return match.group(1) if match else cell.label


@dataclass(frozen=True)
class Place:
    """Where a code cell is as the student sees it: its position among all cells, the heading above."""

    position: int  # from 1, markdown cells counted: Jupyter numbers no cell, a student counts them all
    heading: str  # the nearest markdown heading above, "" if none


def cell_places(path: Path) -> dict[str, Place]:
    """Code-cell number (as discovery counts) -> its :class:`Place` in the notebook at ``path``."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"] if "cells" in nb else nb["worksheets"][0]["cells"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError):
        return {}
    places, heading, code = {}, "", 0
    for position, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        if not isinstance(cell, dict):
            continue
        if cell.get("cell_type") == "code":
            code += 1
            places[str(code)] = Place(position, heading)
        elif cell.get("cell_type") in ("markdown", "heading"):
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            found = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
            heading = found[-1] if found else heading
    return places


def where(cell: Cell, places: dict[str, Place] | None = None) -> Msg:
    """A cell named so that the student can find it: position from the top and the heading above."""
    n = cell_number(cell)
    place = (places or {}).get(n)
    if place is None:
        return Msg(f"코드 셀 {n}", f"code cell {n}")
    if not place.heading:
        return Msg(f"위에서 {place.position}번째 셀", f"cell {place.position} from the top")
    return Msg(
        f"위에서 {place.position}번째 셀(제목 “{place.heading}” 아래)",
        f"cell {place.position} from the top (under “{place.heading}”)",
    )


def _first_line(cell: Cell) -> str:
    return next((line.strip() for line in cell.source.splitlines() if line.strip()), "")[:80]


def undone_message(undone: Undone, places: dict[str, Place] | None = None) -> Msg:
    a, b, first = where(undone.implemented, places), where(undone.stub, places), _first_line(undone.stub)
    return Msg(
        f"`{undone.name}`: {a.ko}에 구현했지만, 뒤쪽 {b.ko}에서 NotImplementedError만 내는 처음 코드로 "
        f"다시 정의됩니다 (그 셀의 첫 줄 `{first}`). 셀은 순서대로 실행되고 마지막 정의를 채점하므로, "
        "뒤쪽 셀을 지우거나 그 셀에 구현하세요.",
        f"`{undone.name}`: implemented in {a.en}, but the later {b.en}, first line `{first}`, defines it "
        "again as the stub that raises NotImplementedError. Cells run in order and the last definition "
        "is graded: delete the later cell or implement it there.",
    )


@dataclass(frozen=True)
class Timing:
    """The cells as loaded again on this computer: the one still running, or the slowest."""

    cell: Cell
    seconds: float
    finished: bool  # every cell ended within the limit this time


def time_cells(cells: Sequence[Cell], module: str, folder: Path, limit: float) -> Timing | None:
    """Load ``cells`` again, as grading does, and see which one takes the time.

    Used only when a self-check's loading timed out, to name the cell. The student's own code
    runs here as in their notebook (no sandbox): this is their self-check on their computer,
    never part of grading. Its output is discarded; its working folder is a fresh one.
    """
    if not cells:
        return None
    with tempfile.TemporaryDirectory(prefix="nnkit-timing-") as scratch:
        job = Path(scratch) / "job.json"
        marks = Path(scratch) / "marks.txt"
        job.write_text(json.dumps({"module": module, "cells": [c.source for c in cells]}), encoding="utf-8")
        paths = os.pathsep.join([str(folder), str(ROOT / "assignments"), os.environ.get("PYTHONPATH", "")])
        runner = Path(__file__).with_name("notebook_timing.py")
        proc = subprocess.Popen(
            [sys.executable, str(runner), str(job), str(marks)],
            cwd=scratch,
            env={**os.environ, "PYTHONPATH": paths, "MPLBACKEND": "Agg"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=limit)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        now = time.time()
        marks_read = [float(t) for t in marks.read_text().split()] if marks.is_file() else []
    # a mark before each cell, and one after the last when every cell finished
    starts = marks_read[: len(cells)]
    if not starts:
        return None
    spans = [end - start for start, end in zip(starts, [*marks_read[1:], now])]
    if finished:
        slowest = max(range(len(spans)), key=spans.__getitem__)
        return Timing(cells[slowest], spans[slowest], True)
    return Timing(cells[len(starts) - 1], spans[-1], False)


def timing_message(timing: Timing, limit: float, places: dict[str, Place] | None = None) -> Msg:
    at, first = where(timing.cell, places), _first_line(timing.cell)
    if not timing.finished:
        return Msg(
            f"불러오기 시간 제한({limit:g}초)을 넘긴 셀: {at.ko}, 첫 줄 `{first}`. 학습, 데이터 불러오기, "
            '그림 그리기는 `if __name__ == "__main__":` 아래에 두세요.',
            f"The cell that ran past the load limit ({limit:g} s): {at.en}, first line `{first}`. "
            'Put training, data loading and plotting under `if __name__ == "__main__":`.',
        )
    return Msg(
        f"채점에서는 불러오기 시간 제한({limit:g}초)을 넘겼지만 이 컴퓨터에서는 모든 셀이 끝났습니다. 가장 "
        f"오래 걸린 셀: {at.ko}, 첫 줄 `{first}`, {timing.seconds:.1f}초.",
        f"Loading ran past the limit ({limit:g} s) when checked, but every cell finished on this second "
        f"run. The slowest: {at.en}, first line `{first}`, {timing.seconds:.1f} s.",
    )


def working_cells(cells: Sequence[Cell]) -> list[Cell]:
    """Cells with top-level code that does work while loading (a call or a loop outside any guard).

    What a load timeout can be waiting on, judged without running anything.
    """
    busy = (ast.For, ast.While, ast.AsyncFor, ast.With, ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign)
    found = []
    for cell in cells:
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, busy) and any(isinstance(n, ast.Call) for n in ast.walk(node)):
                found.append(cell)
                break
            if isinstance(node, ast.For | ast.While | ast.AsyncFor):
                found.append(cell)
                break
    return found


def suspects_message(cells: Sequence[Cell], limit: float, places: dict[str, Place] | None = None) -> Msg:
    named = [(where(c, places), _first_line(c)) for c in cells[:5]]
    return Msg(
        f"불러오기 시간 제한({limit:g}초)을 넘겼습니다. 불러올 때 일을 하는 셀: "
        + "; ".join(f"{w.ko}, `{first}`" for w, first in named)
        + '. 학습, 데이터 불러오기, 그림 그리기는 `if __name__ == "__main__":` 아래에 두세요.',
        f"Loading ran past the limit ({limit:g} s). Cells that do work while loading: "
        + "; ".join(f"{w.en}, `{first}`" for w, first in named)
        + '. Put training, data loading and plotting under `if __name__ == "__main__":`.',
    )


def notebook_notes(
    exercise: Exercise, path: Path, result: SubmissionResult, *, run_cells: bool = False
) -> list[Msg]:
    """What the self-check of notebook ``path`` says after the scores (nothing for a ``.py``).

    On a load timeout, ``run_cells`` loads the cells again outside the sandbox to time them
    (:func:`time_cells`): only for a student checking their own notebook (the bundle). Otherwise
    the cells whose top-level code does work are named, with nothing run.
    """
    from autograder.core.errors import UserError
    from autograder.discover.submissions import read_cells

    if path.suffix != ".ipynb":
        return []
    try:
        cells, _ = read_cells(path)
    except UserError:
        return []  # the check has said why already
    places = cell_places(path)
    notes = [undone_message(u, places) for u in undone_by_later_stubs(cells)]
    if "load_timeout" in result.limits_hit:
        limit = exercise.limits.load_timeout
        timing = time_cells(cells, exercise.module, path.parent, limit) if run_cells else None
        if timing:
            notes.append(timing_message(timing, limit, places))
        elif suspects := working_cells(cells):
            notes.append(suspects_message(suspects, limit, places))
    return notes
