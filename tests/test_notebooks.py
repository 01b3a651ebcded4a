"""Generated student notebooks: fresh, graded like the .py, and their Jupyter-only cells run."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from autograder.batch.folder import grade_folder
from autograder.core.paths import ROOT
from autograder.exercises import all_exercises
from autograder.student.notebooks import GUARD, notebook_path, notebook_text

EXERCISES = list(all_exercises().values())
IDS = [e.id for e in EXERCISES]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_committed_notebook_is_what_the_stub_generates(exercise):
    path = notebook_path(exercise)
    assert path.is_file(), f"run: python -m autograder notebooks {exercise.id}"
    assert path.read_text(encoding="utf-8") == notebook_text(exercise), (
        f"{path.name} is stale: run python -m autograder notebooks {exercise.id}"
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_notebook_grades_zero_as_stub_and_full_with_reference_code(exercise, tmp_path):
    (tmp_path / "stub_nb.ipynb").write_text(notebook_text(exercise), encoding="utf-8")
    reference = exercise.reference_path.read_text(encoding="utf-8")
    (tmp_path / "ref_nb.ipynb").write_text(notebook_text(exercise, reference), encoding="utf-8")
    by = {r.student: r for r in grade_folder(exercise, tmp_path, tmp_path / "out", jobs=2, progress=False)}
    assert by["stub_nb"].score == 0
    assert by["ref_nb"].score == by["ref_nb"].max_score and by["ref_nb"].load_errors == ()


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_jupyter_only_cells_run_in_jupyter_mode(exercise, tmp_path):
    """Run every code cell as Jupyter would (``__name__ == "__main__"``), reference code filled in."""
    nb = json.loads(notebook_text(exercise, exercise.reference_path.read_text(encoding="utf-8")))
    cells = [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]
    assert sum(GUARD in c for c in cells) >= 2  # the demo(s) and the self-check are guarded
    script = tmp_path / "run_cells.py"
    script.write_text(
        "import matplotlib\nmatplotlib.use('Agg')\nimport json, sys\n"
        "for src in json.load(open(sys.argv[1]))['cells']:\n"
        "    if src['cell_type'] == 'code':\n"
        "        exec(compile(src['source'], 'cell', 'exec'), globals())\n",
        encoding="utf-8",
    )
    nb_file = tmp_path / "nb.json"
    nb_file.write_text(json.dumps(nb), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "assignments"), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, str(script), str(nb_file)],
        cwd=exercise.stub_path.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "public tests passed" in done.stdout  # the self-check cell ran the real check


def test_old_format_notebook_with_outputs_and_errors_is_graded(tmp_path):
    import nbformat

    exercise = all_exercises()["loss_functions"]
    reference = exercise.reference_path.read_text(encoding="utf-8")
    v3 = nbformat.v3.new_notebook()
    v3.worksheets.append(nbformat.v3.new_worksheet(cells=[
        nbformat.v3.new_code_cell(input=reference, outputs=[nbformat.v3.new_output("stream", output_text="hi\n")]),
    ]))  # fmt: skip
    (tmp_path / "old_format.ipynb").write_text(nbformat.writes(v3, version=3), encoding="utf-8")
    v4 = json.loads(notebook_text(exercise, reference))
    for cell in v4["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 3
            cell["outputs"] = [
                {"output_type": "error", "ename": "ValueError", "evalue": "x", "traceback": ["..."]}
            ]
    (tmp_path / "saved_with_errors.ipynb").write_text(json.dumps(v4), encoding="utf-8")
    by = {r.student: r for r in grade_folder(exercise, tmp_path, tmp_path / "out", jobs=2, progress=False)}
    assert by["old_format"].score == by["old_format"].max_score
    assert by["saved_with_errors"].score == by["saved_with_errors"].max_score


# ---- magics and shell lines: IPython decides, line numbers stay ----

MAGIC_CELLS = {
    "line_magic": ("%time f()\ny = 1\n", "pass  # nnkit: magic/shell line removed\ny = 1\n"),
    "shell_line": ("!ls -la\ny = 1\n", "pass  # nnkit: magic/shell line removed\ny = 1\n"),
    "shell_assignment": ("files = !ls\ny = 1\n", "pass  # nnkit: magic/shell line removed\ny = 1\n"),
    "indented_continued_shell": (
        "if True:\n    !pip install \\\n        numpy\n    y = 1\n",
        "if True:\n    pass  # nnkit: magic/shell line removed\n\n    y = 1\n",
    ),
    "cell_magic": ("%%timeit\nx = 1\ny = 2\n", "pass  # nnkit: magic/shell line removed\n\n\n"),
    "modulo_continuation": ("x = (7\n  % 4)\n", "x = (7\n  % 4)\n"),
    "modulo_after_backslash": ("x = 7 \\\n% 4\n", "x = 7 \\\n% 4\n"),
    "percent_inside_a_string": ('s = """\n%d apples\n"""\n', 's = """\n%d apples\n"""\n'),
}


@pytest.mark.parametrize("use_ipython", [True, False], ids=["ipython", "tokenizer_fallback"])
@pytest.mark.parametrize("case", list(MAGIC_CELLS), ids=list(MAGIC_CELLS))
def test_magics_are_blanked_and_python_is_kept_line_for_line(case, use_ipython):
    from autograder.discover.magics import strip_magics

    source, expected = MAGIC_CELLS[case]
    code, dropped = strip_magics(source, use_ipython=use_ipython)
    assert code == expected
    assert len(code.splitlines()) == len(source.splitlines())
    assert bool(dropped) == (code != source)
    compile(code, "cell", "exec")


def test_without_ipython_the_tokenizer_decides(monkeypatch):
    """The student bundle may lack IPython: the import fails and the fallback still keeps `%` continuations."""
    from autograder.discover import magics

    monkeypatch.setitem(sys.modules, "IPython.core.inputtransformer2", None)  # import raises ImportError
    assert magics._ipython_transformer() is None
    assert magics.strip_magics("x = (7\n  % 4)\n%ls\n")[0] == "x = (7\n  % 4)\n" + magics.PLACEHOLDER + "\n"


def test_a_percent_continuation_line_grades_instead_of_failing_to_load(tmp_path):
    """The regex that came before turned this valid line into `pass`, a syntax error in the middle of the call."""
    from tests.conftest import REFERENCE_LOSS, notebook

    exercise = all_exercises()["loss_functions"]
    cells = (REFERENCE_LOSS, "scale = (10\n  % 4)\n", "%matplotlib inline\n!echo hi\n")
    (tmp_path / "percent_continuation.ipynb").write_text(notebook(*cells), encoding="utf-8")
    (result,) = grade_folder(exercise, tmp_path, tmp_path / "out", jobs=1, progress=False)
    assert result.load_errors == () and result.score == result.max_score
    assert any("%matplotlib inline" in w.en and "!echo hi" in w.en for w in result.warnings)
    assert not any("scale" in w.en for w in result.warnings)


# ---- the self-check cell checks the notebook it is in ----


def check_cell(exercise_id: str = "loss_functions", ident: str = "check") -> str:
    nb = json.loads(notebook_text(all_exercises()[exercise_id]))
    return next(c["source"] for c in nb["cells"] if c["id"] == ident)


class RecordingSubprocess:
    """Stands in for ``subprocess`` in the cell's namespace: records the command instead of running it."""

    def __init__(self):
        self.commands = []

    def run(self, command, **kwargs):
        self.commands.append((command, kwargs["cwd"], json.loads(kwargs["input"])))
        return types.SimpleNamespace(stdout="", stderr="")


@pytest.fixture
def kit_with_notebooks(tmp_path, monkeypatch):
    """A kit folder (autograder/__main__.py) with an exercise folder holding three notebooks, as cwd."""
    from tests.conftest import notebook

    (tmp_path / "autograder").mkdir()
    (tmp_path / "autograder" / "__main__.py").write_text("", encoding="utf-8")
    folder = tmp_path / "assignments" / "loss_functions"
    folder.mkdir(parents=True)
    for age, name in enumerate(["loss_functions.ipynb", "my_copy.ipynb", "older.ipynb"][::-1]):
        (folder / name).write_text(notebook(f"x = '{name}'", "import numpy as np"), encoding="utf-8")
        os.utime(
            folder / name, (1_000_000 + age, 1_000_000 + age)
        )  # older.ipynb oldest, loss_functions newest
    monkeypatch.chdir(folder)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    return tmp_path, folder


def run_check_cell(extra: dict, ident: str = "check") -> tuple[list, object, dict]:
    recorder = RecordingSubprocess()
    namespace = {"__name__": "__main__", "importlib": importlib, "json": json, "os": os, "sys": sys, "subprocess": recorder,
                 "Path": Path, **extra}  # fmt: skip
    exec(compile(check_cell(ident=ident), "check", "exec"), namespace)
    ((command, cwd, clues),) = recorder.commands
    return command, cwd, clues


def which(clues: dict):
    from autograder.student.this_notebook import find

    return find(clues, "loss_functions")


@pytest.mark.parametrize(
    "given",
    [
        {"__vsc_ipynb_file__": "{folder}/my_copy.ipynb"},  # VS Code: absolute
        {"__session__": "assignments/loss_functions/my_copy.ipynb"},  # Jupyter: from the server's root
        {"__session__": "my_copy.ipynb"},
    ],
    ids=["vscode_absolute", "jupyter_session_from_server_root", "jupyter_session_bare_name"],
)
def test_the_self_check_cell_checks_its_own_renamed_notebook(kit_with_notebooks, given):
    kit, folder = kit_with_notebooks
    command, cwd, clues = run_check_cell({k: v.format(folder=folder) for k, v in given.items()})
    assert command[-3:] == ["autograder.student.this_notebook", "check", "loss_functions"]
    assert Path(cwd) == kit and Path(clues["folder"]) == folder
    found = which(clues)
    assert found.path == (folder / "my_copy.ipynb").resolve() and found.sure


def test_the_self_check_cell_reads_jpy_session_name(kit_with_notebooks, monkeypatch):
    kit, folder = kit_with_notebooks
    monkeypatch.setenv("JPY_SESSION_NAME", str(folder / "older.ipynb"))
    _, _, clues = run_check_cell({})
    assert which(clues).path == (folder / "older.ipynb").resolve()


def test_without_a_name_the_cells_this_kernel_ran_decide(kit_with_notebooks):
    """nbclient and nbconvert name no file: the code run (IPython's In) picks the notebook, not its age."""
    kit, folder = kit_with_notebooks
    ran = ["", "x = 'older.ipynb'", "import numpy as np", "print(1)"]
    _, _, clues = run_check_cell({"__session__": "gone/elsewhere.ipynb", "In": ran})
    found = which(clues)
    assert found.path == (folder / "older.ipynb").resolve() and found.sure
    assert "cells this kernel ran" in found.how.en


def test_when_nothing_tells_the_cell_says_so_and_names_the_file(kit_with_notebooks):
    kit, folder = kit_with_notebooks
    os.utime(folder / "my_copy.ipynb", (2_000_000, 2_000_000))
    found = which({"folder": str(folder), "ran": ["import numpy as np"]})  # a cell every notebook holds
    assert found.path == (folder / "my_copy.ipynb").resolve() and not found.sure
    assert "could not tell" in found.how.en and "알 수 없어" in found.how.ko
    assert "my_copy.ipynb" in found.how.en and "older.ipynb" in found.how.en  # the tie, named


def test_an_unsure_notebook_is_checked_but_never_submitted(kit_with_notebooks, capsys, monkeypatch):
    import io

    from autograder.student import this_notebook

    kit, folder = kit_with_notebooks
    sent = []
    monkeypatch.setattr("autograder.student.launcher.run_command", lambda argv: sent.append(argv) or 0)
    for action in ("check", "submit"):
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"folder": str(folder), "ran": []})))
        this_notebook.main([action, "loss_functions"])
    assert sent == [["check", "loss_functions", str((folder / "loss_functions.ipynb").resolve())]]
    out = capsys.readouterr().out
    assert "could not tell which notebook" in out and "python check.py NOTEBOOK.ipynb" in out
    assert "Not sent" in out and "제출하지 않았습니다" in out


def test_the_submit_cell_sends_nothing_until_turned_on(kit_with_notebooks):
    kit, folder = kit_with_notebooks
    cell = check_cell(ident="submit")
    assert "SUBMIT = False" in cell
    command, _, _ = run_check_cell({"__session__": "my_copy.ipynb"}, ident="submit")
    assert command[-2:] == ["dry-run", "loss_functions"]
    on = cell.replace("SUBMIT = False", "SUBMIT = True")
    recorder = RecordingSubprocess()
    exec(compile(on, "submit", "exec"), {"__name__": "__main__", "importlib": importlib, "json": json, "os": os, "sys": sys,
                                         "subprocess": recorder, "Path": Path})  # fmt: skip
    assert recorder.commands[0][0][-2:] == ["submit", "loss_functions"]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_submit_cell_follows_the_self_check_cell(exercise):
    ids = [c["id"] for c in json.loads(notebook_text(exercise))["cells"]]
    assert ids[-4:] == ["check-about", "check", "submit-about", "submit"]


# ---- a later stub cell undoing the student's function; the cell a load timeout waited on ----


def cells_of(*sources: str):
    from autograder.discover.submissions import Cell

    return [Cell(f"hw.ipynb [cell {n}]", s) for n, s in enumerate(sources, start=1)]


STUB_SOFTMAX = 'def softmax(x):\n    """doc"""\n    raise NotImplementedError("Task 1.3: softmax")\n'
OWN_SOFTMAX = "def softmax(x):\n    return x\n"


def test_a_later_stub_cell_that_undoes_an_implemented_function_is_found():
    from autograder.student.notebooks import undone_by_later_stubs

    (undone,) = undone_by_later_stubs(cells_of(OWN_SOFTMAX, "x = 1", STUB_SOFTMAX))
    assert (undone.name, undone.implemented.label, undone.stub.label) == (
        "softmax",
        "hw.ipynb [cell 1]",
        "hw.ipynb [cell 3]",
    )


@pytest.mark.parametrize(
    "sources",
    [(STUB_SOFTMAX, OWN_SOFTMAX), (STUB_SOFTMAX,), (OWN_SOFTMAX, STUB_SOFTMAX, OWN_SOFTMAX), ("def f(:",)],
    ids=["implemented_below_the_stub", "never_implemented", "implemented_again", "syntax_error"],
)
def test_no_undone_function_when_the_last_definition_is_the_students(sources):
    from autograder.student.notebooks import undone_by_later_stubs

    assert undone_by_later_stubs(cells_of(*sources)) == []


def test_a_class_pasted_again_as_stub_undoes_its_implemented_methods_only():
    from autograder.student.notebooks import undone_by_later_stubs

    own = (
        "class Net:\n    def predict(self, x):\n        return x\n    def loss(self, x):\n        return 0\n"
    )
    stub = (
        "class Net:\n    def predict(self, x):\n        raise NotImplementedError\n"
        "    def loss(self, x):\n        return 1\n    def extra(self):\n        raise NotImplementedError()\n"
    )
    assert [u.name for u in undone_by_later_stubs(cells_of(own, stub))] == ["Net.predict"]
    assert undone_by_later_stubs(cells_of(own, stub, own)) == []


def test_check_of_a_notebook_names_the_later_stub_cell(tmp_path, capsys):
    from autograder.cli.commands import main
    from tests.conftest import REFERENCE_LOSS, notebook

    path = tmp_path / "pasted_twice.ipynb"
    path.write_text(notebook("import numpy as np", REFERENCE_LOSS, STUB_SOFTMAX), encoding="utf-8")
    assert main(["check", "loss_functions", str(path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "`softmax`: implemented in cell 2 from the top, but the later cell 3 from the top" in out


def test_time_cells_names_the_cell_still_running_at_the_limit(tmp_path):
    from autograder.student.notebooks import time_cells

    cells = cells_of("x = 1", "import time\ntime.sleep(600)", "y = 2")
    timing = time_cells(cells, "hw", tmp_path, limit=3)
    assert timing is not None and not timing.finished and timing.cell is cells[1]


def test_time_cells_names_the_slowest_when_every_cell_finishes(tmp_path):
    from autograder.student.notebooks import time_cells

    cells = cells_of("x = 1", "total = sum(range(3 * 10**7))", "raise ValueError('skipped, as grading does')")
    timing = time_cells(cells, "hw", tmp_path, limit=120)
    assert timing is not None and timing.finished and timing.cell is cells[1]


def test_check_of_a_notebook_that_times_out_loading_names_the_cell(tmp_path, loss_ex):
    from autograder.engine.grade import check
    from autograder.student.notebooks import notebook_notes
    from tests.conftest import REFERENCE_LOSS, notebook

    path = tmp_path / "sleeps_at_top_level.ipynb"
    path.write_text(notebook(REFERENCE_LOSS, "import time\ntime.sleep(600)", "z = 3"), encoding="utf-8")
    result = check(loss_ex, path)
    assert "load_timeout" in result.limits_hit
    (timed,) = notebook_notes(loss_ex, path, result, run_cells=True)  # the bundle: the student's own code
    assert "cell 2 from the top, first line `import time`" in timed.en and "위에서 2번째 셀" in timed.ko
    (judged,) = notebook_notes(loss_ex, path, result)  # the kit: nothing of the student's runs unsandboxed
    assert "that do work while loading: cell 2 from the top, `import time`." in judged.en


def test_working_cells_are_those_with_top_level_calls_or_loops():
    from autograder.student.notebooks import working_cells

    cells = cells_of(
        "import numpy as np\nX = [1, 2]\ndef f():\n    return train()",
        "net = train()",
        "for i in range(3):\n    pass",
        'if __name__ == "__main__":\n    train()',
        "print(1)",
    )
    assert [c.label for c in working_cells(cells)] == [
        "hw.ipynb [cell 2]",
        "hw.ipynb [cell 3]",
        "hw.ipynb [cell 5]",
    ]


# ---- imports once; demos are the exercise's own files ----


def import_problems(code_cells: list[str]) -> list[str]:
    """Names imported twice or imported and never used, across a notebook's code cells."""
    import ast

    bound: list[str] = []
    used: set[str] = set()
    for code in code_cells:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                bound += [a.asname or a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.Name):
                used.add(node.id)
    twice = sorted({n for n in bound if bound.count(n) > 1})
    inline = ["__import__ inline"] if "__import__" in used else []
    return (
        [f"{n} imported twice" for n in twice] + inline + [f"{n} unused" for n in sorted(set(bound) - used)]
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_notebook_imports_what_it_uses_once(exercise):
    nb = json.loads(notebook_text(exercise))
    code = [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]
    # what the stub imports is the student's to use (dict_homework's `string`, minibatch's one_hot_encoding)
    handed_out = set(import_problems([exercise.stub_path.read_text(encoding="utf-8")]))
    assert [p for p in import_problems(code) if p not in handed_out] == []


def test_the_import_check_catches_a_double_and_an_unused_import():
    cells = ["import numpy as np\nimport os", "import numpy as np\nx = np.zeros(1)", "__import__('pathlib')"]
    assert import_problems(cells) == ["np imported twice", "__import__ inline", "os unused"]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_demo_cells_come_from_the_exercise_folder(exercise):
    from autograder.student.notebooks import demo_path

    demo = demo_path(exercise)
    assert demo.is_file()
    nb = json.loads(notebook_text(exercise))
    demos = [c["source"] for c in nb["cells"] if c["id"].startswith("demo-") and c["cell_type"] == "code"]
    body = demo.read_text(encoding="utf-8").split("# %%")[-1].strip().splitlines()
    assert demos and body[-1].strip() in demos[-1]
    assert not any(f"from {exercise.module} import" in d for d in demos)  # the stub is the notebook itself


def engine_names(source: str) -> set[str]:
    """String literals (docstrings aside) and identifiers in a module's code: what it depends on."""
    import ast

    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.add(node.value)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
    return found


def names_an_exercise(source: str) -> list[str]:
    import re

    names = engine_names(source)
    return sorted(i for i in IDS if any(re.search(rf"(?<![A-Za-z0-9]){i}(?![A-Za-z0-9])", n) for n in names))


def test_no_engine_module_names_an_exercise():
    """An exercise is data: adding one touches no engine file (suites live in their own folders)."""
    named = {
        path.name: found
        for path in sorted((ROOT / "autograder").glob("*.py"))
        if (found := names_an_exercise(path.read_text(encoding="utf-8")))
    }
    assert named == {}


def test_the_exercise_name_search_would_catch_a_demo_table():
    planted = '"""Docs may say loss_functions."""\nDEMOS = {"loss_functions": ["print(softmax(x))"]}\n'
    assert names_an_exercise(planted) == ["loss_functions"]
    assert names_an_exercise('"""Docs may say dropout."""\nx = 1\n') == []


def test_cells_are_named_by_position_among_all_cells_and_the_heading_above(tmp_path, loss_ex):
    """Jupyter numbers no cell: the message counts markdown cells too and names the heading."""
    from autograder.student.notebooks import notebook_notes

    nb = json.loads(notebook_text(loss_ex, loss_ex.reference_path.read_text(encoding="utf-8")))
    own = next(n for n, c in enumerate(nb["cells"], start=1) if "def softmax" in c["source"])
    nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                        "source": STUB_SOFTMAX})  # fmt: skip
    path = tmp_path / "pasted.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    (note,) = notebook_notes(loss_ex, path, types.SimpleNamespace(limits_hit=()))
    code_number = sum(c["cell_type"] == "code" for c in nb["cells"])
    assert f"implemented in cell {own} from the top (under “`softmax`”)" in note.en, note.en
    assert f"the later cell {len(nb['cells'])} from the top (under “제출 · Submit" in note.en
    assert f"위에서 {own}번째 셀(제목 “`softmax`” 아래)에 구현했지만" in note.ko
    assert f"later cell {code_number} " not in note.en  # the code-cell count Jupyter never shows


def test_under_colab_the_cell_sends_the_notebook_colab_hands_over(kit_with_notebooks, monkeypatch):
    """Colab keeps the notebook in Drive: its front end hands the notebook over, and that is checked."""
    kit, folder = kit_with_notebooks
    colab_nb = {"cells": [{"cell_type": "code", "source": "x = 'colab'", "metadata": {}, "outputs": []}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    message = types.ModuleType("google.colab._message")
    message.blocking_request = lambda kind, timeout_sec: {"ipynb": colab_nb} if kind == "get_ipynb" else None
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setitem(sys.modules, "google.colab._message", message)
    _, _, clues = run_check_cell({})
    found = which(clues)
    assert found.sure and "Colab" in found.how.en and found.path.parent != folder
    assert json.loads(found.path.read_text(encoding="utf-8")) == colab_nb
