"""Which notebook a notebook's self-check (or submit) cell runs in, from what its front end exposes.

``python -m autograder.student.this_notebook ACTION EXERCISE``, run by the generated cells with the
bundle's root as its folder, reads the cell's clues as JSON on stdin, says which notebook it took
and how it knows, then runs ``check`` or ``submit`` on it (``dry-run``: says what ``submit``
would send, and where its settings come from, sending nothing). The clues, first that decides:

- a name the front end gives: VS Code's ``__vsc_ipynb_file__``, Jupyter's and JupyterLab's
  ``__session__`` (or ``JPY_SESSION_NAME``), when it names a notebook file here;
- Colab: the notebook itself, as Colab's front end hands it over (``get_ipynb``), unsaved edits
  included, written to a scratch file (Colab's files live in Drive, not beside the kernel);
- otherwise (nbclient, ``jupyter nbconvert --execute``, Jupyter before 7): the code this kernel has
  run (IPython's ``In``) against the code cells of each notebook in the kernel's folder: the
  notebook whose cells were run, and no others, wins.

When none decides, ``check`` takes the notebook saved last and says plainly that it could not
tell; ``submit`` sends nothing then (handing in the wrong file is worse than handing in none).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.runtime.spec import Msg

ACTIONS = ("check", "submit", "dry-run")


@dataclass(frozen=True)
class Found:
    path: Path | None
    how: Msg
    sure: bool  # a front end named it, or only this notebook's cells were run


def _named(name: str, folder: Path) -> Path | None:
    """The notebook ``name`` stands for: absolute (VS Code), from the server's root (Jupyter), or bare."""
    tries = [p / name for p in (folder, *folder.parents)] + [folder / Path(name).name]
    return next((p for p in tries if p.suffix == ".ipynb" and p.is_file()), None)


def code_cells(path: Path) -> list[str]:
    """A notebook's code cells as text, stripped (nothing when it is not a readable notebook)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        cells = data.get("cells") or [c for w in data.get("worksheets", []) for c in w.get("cells", [])]
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, TypeError):
        return []
    found = []
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        text = "".join(source) if isinstance(source, list) else str(source)
        if text.strip():
            found.append(text.strip())
    return found


def by_cells_run(ran: list[str], folder: Path) -> tuple[list[Path], int]:
    """The notebooks in ``folder`` that best match the code run: cells found in ``ran`` less those not.

    Returns the best ones (several when they tie) and their score.
    """
    run = {r.strip() for r in ran if isinstance(r, str) and r.strip()}
    scored = []
    for path in sorted(folder.glob("*.ipynb")):
        cells = code_cells(path)
        if cells:
            hit = sum(c in run for c in cells)
            scored.append((hit - (len(cells) - hit), hit, path))
    if not scored or max(s[1] for s in scored) == 0:
        return [], 0
    best = max(s[0] for s in scored)
    return [p for s, _, p in scored if s == best], best


def _newest(paths: list[Path]) -> Path | None:
    return max(paths, key=os.path.getmtime) if paths else None


def find(clues: dict, exercise: str) -> Found:
    """Which notebook the cell that sent ``clues`` runs in (see the module's docstring)."""
    folder = Path(str(clues.get("folder") or ".")).resolve()
    for key, front in (("vscode", "VS Code"), ("jupyter", "Jupyter")):
        name = clues.get(key)
        if isinstance(name, str) and name and (path := _named(name, folder)):
            return Found(
                path, Msg(f"{front}가 알려 준 이 노트북", f"this notebook, as {front} names it"), True
            )
    if isinstance(clues.get("colab"), str):
        scratch = Path(tempfile.mkdtemp(prefix="nnkit-colab-"))
        path = scratch / f"{exercise}_colab.ipynb"
        path.write_text(clues["colab"], encoding="utf-8")
        return Found(path, Msg("Colab이 넘겨 준 이 노트북 (저장 안 한 내용 포함)",
                               "this notebook as Colab hands it over (unsaved edits included)"), True)  # fmt: skip
    ran = clues.get("ran") if isinstance(clues.get("ran"), list) else []
    best, _ = by_cells_run(ran, folder)
    if len(best) == 1:
        return Found(best[0], Msg("이 커널이 실행한 셀들이 담긴 노트북", "the notebook holding the cells this kernel ran"), True)  # fmt: skip
    newest = _newest(best) or _newest(sorted(folder.glob("*.ipynb")))
    if newest is None:
        return Found(None, Msg(f"{folder}에 노트북이 없습니다", f"no notebook in {folder}"), False)
    names = ", ".join(p.name for p in best) if len(best) > 1 else ""
    return Found(newest, Msg(
        "어느 노트북인지 알 수 없어 이 폴더에서 마지막으로 저장된 노트북을 점검했습니다"
        + (f" (같은 셀을 담은 노트북: {names})" if names else ""),
        "could not tell which notebook this is, so the one saved last in this folder was taken"
        + (f" (notebooks holding the same cells: {names})" if names else ""),
    ), False)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2 or argv[0] not in ACTIONS:
        print(
            "usage: python -m autograder.student.this_notebook {check,submit,dry-run} EXERCISE < clues.json"
        )
        return 2
    action, exercise, rest = argv[0], argv[1], argv[2:]
    try:
        clues = json.loads(sys.stdin.read() or "{}")
    except ValueError:
        clues = {}
    found = find(clues if isinstance(clues, dict) else {}, exercise)
    if found.path is None:
        print(Msg(f"점검할 노트북이 없습니다: {found.how.ko}.", f"No notebook to check: {found.how.en}.").render(sep="\n"))  # fmt: skip
        return 2
    shown = found.path.name
    print(Msg(f"대상 노트북: {shown} ({found.how.ko})", f"Notebook: {shown} ({found.how.en})").render(sep="\n"))  # fmt: skip
    if not found.sure:
        print(Msg(
            "다른 노트북을 점검하려면 과제 폴더에서: python check.py 노트북이름.ipynb",
            "To check another, from the exercise's folder: python check.py NOTEBOOK.ipynb",
        ).render(sep="\n"))  # fmt: skip
    sys.stdout.flush()
    from autograder.student.launcher import run_command as cli

    if action == "check":
        return cli(["check", exercise, str(found.path), *rest])
    return _submit(action, exercise, found, rest, cli)


def _submit(action: str, exercise: str, found: Found, rest: list[str], cli) -> int:
    from autograder.core.errors import UserError
    from autograder.student.submit import settings

    if not found.sure:
        print(Msg(
            "어느 노트북인지 확실하지 않아 제출하지 않았습니다. 과제 폴더에서: python submit.py 노트북이름.ipynb",
            "Not sent: which notebook this is is not certain. From the exercise's folder: "
            "python submit.py NOTEBOOK.ipynb",
        ).render(sep="\n"))  # fmt: skip
        return 2
    try:
        server, _, where = settings(found.path, None, None)
    except UserError as exc:
        print(exc.msg.render(sep="\n"))
        return 2
    if action == "dry-run":
        print(Msg(
            f"제출하지 않았습니다. 제출하려면 이 셀의 SUBMIT = False를 True로 바꾸고 저장한 뒤 실행하세요 "
            f"(서버 {server}, 설정 {where}).",
            f"Nothing sent. To hand in, change SUBMIT = False to True in this cell, save, and run it "
            f"(server {server}, settings {where}).",
        ).render(sep="\n"))  # fmt: skip
        return 0
    return cli(["submit", exercise, str(found.path), *rest])


if __name__ == "__main__":
    sys.exit(main())
