"""Generated student notebooks: fresh, graded like the .py, and their Jupyter-only cells run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from autograder.exercises import ROOT, all_exercises
from autograder.notebooks import GUARD, notebook_path, notebook_text
from autograder.pipeline import grade_folder

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
