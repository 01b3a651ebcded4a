"""The otter-grader export agrees with nnkit's grader, task by task, on every sample submission.

Each run is a real ``otter run`` (otter-grader 7.0.0) of a zip built by ``otter generate``
from test files generated from the suite declarations.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from autograder.authoring.otter_export import (
    build_zip,
    failed_cases,
    otter_check,
    otter_run,
    otter_test_file,
    stage,
)
from autograder.batch.folder import grade_folder
from autograder.engine.grade import check
from autograder.exercises import all_exercises
from autograder.student.bundle import build as build_bundle

pytestmark = pytest.mark.otter

EXERCISES = list(all_exercises().values())


def _class_with_extras(exercise, folder: Path) -> Path:
    """The sample class plus the reference, the stub and the first known mistake."""
    import shutil

    shutil.copytree(exercise.examples_dir, folder, ignore=shutil.ignore_patterns("*.json"))
    reference = exercise.reference_path.read_text(encoding="utf-8")
    (folder / "zz_reference.py").write_text(reference, encoding="utf-8")
    shutil.copy(exercise.stub_path, folder / "zz_stub.py")
    mistake = exercise.mistakes[0]
    (folder / f"zz_mistake_{mistake.id}.py").write_text(f"{reference}\n\n{mistake.source}", encoding="utf-8")
    return folder


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_otter_run_agrees_with_nnkit_task_by_task_and_case_by_case(exercise, tmp_path):
    folder = _class_with_extras(exercise, tmp_path / "class")
    nnkit = {r.student: r for r in grade_folder(exercise, folder, tmp_path / "nnkit", jobs=2, progress=False)}
    zip_path = build_zip(exercise, tmp_path / "dist")
    subs = sorted(p for p in folder.iterdir() if not p.name.startswith("."))

    def run(sub: Path):
        return sub, otter_run(zip_path, sub, tmp_path / "otter" / sub.stem)

    otter = dict(map(run, subs))  # one otter at a time: see otter_export._OTTER_LOCK
    disagreements = []
    for sub, result in otter.items():
        student = sub.name if sub.is_dir() else sub.stem
        mine = nnkit[student]
        for t in exercise.tasks:
            if mine.problem is None and mine.load_errors == () and not result.scores:
                disagreements.append(
                    f"{student}: otter wrote no results ({result.attempts} runs):\n{result.log}"
                )
                break
            theirs = result.scores.get(t.column, 0.0)
            if abs(theirs - mine.tasks[t.id][0]) > 1e-9:
                disagreements.append(f"{student} {t.id}: nnkit {mine.tasks[t.id][0]}, otter {theirs}")
        failed = {c.name for c in mine.cases if not c.passed}
        if result.scores and result.failed != failed:
            disagreements.append(
                f"{student}: cases failed only under nnkit {sorted(failed - result.failed)}, "
                f"only under otter {sorted(result.failed - failed)}"
            )
    assert not disagreements, "\n".join(disagreements)
    assert nnkit["zz_reference"].score == nnkit["zz_reference"].max_score
    assert sum(otter[folder / "zz_reference.py"].scores.values()) == nnkit["zz_reference"].max_score
    assert sum(otter[folder / "zz_stub.py"].scores.values()) == 0
    assert otter[folder / "zz_stub.py"].failed == {c.name for c in exercise.cases(hidden=True)}


def test_generated_test_files_are_otter_exception_tests_pytest_cannot_collect(tmp_path):
    exercise = all_exercises()["loss_functions"]
    staged = stage(exercise, tmp_path / "staged", hidden=False)
    files = sorted((staged / "tests").iterdir())
    assert [f.name for f in files] == ["task_1_1.py", "task_1_2.py", "task_1_3.py"]
    tree = ast.parse(files[0].read_text(encoding="utf-8"))
    decorated = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.decorator_list]
    assert len(decorated) == len([c for c in exercise.cases(hidden=False) if c.task == "1.1"])
    assert not (staged / "tests" / "conftest.py").exists() and not (staged / "tests" / "__init__.py").exists()
    assert not (staged / "nnkit_otter" / "expected.json").exists()  # public export: no reference outputs
    assert not (staged / "nnkit_otter" / "suites" / "hidden_tests.py").exists()


def test_test_file_names_each_case_with_its_points_and_visibility():
    exercise = all_exercises()["loss_functions"]
    cases = [c for c in exercise.cases(hidden=True) if c.task == "1.2"]
    text = otter_test_file(exercise, "1.2", cases)
    assert "name = '1.2 cross_entropy_error'" in text
    assert "@test_case(name='cee_zero_probability', points=1, hidden=True)" in text
    assert "@test_case(name='cee_lecture[correct_guess]', points=1, hidden=False)" in text


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return build_bundle(tmp_path_factory.mktemp("dist") / "student")


def otter_check_failures(folder: Path, filename: str) -> set[str] | str:
    """The public cases ``otter check`` fails in the student's folder (or its output, if unreadable)."""
    done = otter_check(folder, filename)
    if not any(line.endswith(("passed!", "result:")) for line in done.log.splitlines()):
        return f"after {done.attempts} runs: {done.log}"
    return failed_cases(done.log)


def _sample(mistakes: dict[str, set[str]], k: int = 3) -> list[str]:
    """Up to k mistakes the public cases catch and one they miss: otter is slow to start."""
    caught = [m for m, failed in mistakes.items() if failed][:k]
    missed = [m for m, failed in mistakes.items() if not failed][:1]
    return caught + missed


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_otter_check_reports_the_same_cases_as_nnkit_check(exercise, bundle, tmp_path, monkeypatch):
    # the folders are copied out of the bundle: its data/ is where a student's copy would find it
    monkeypatch.setenv("NNKIT_DATA", str(bundle / "data"))
    reference = exercise.reference_path.read_text(encoding="utf-8")
    variants = {
        "stub": exercise.stub_path.read_text(encoding="utf-8"),
        "reference": reference,
        **{f"mistake_{m.id}": f"{reference}\n\n{m.source}" for m in exercise.mistakes},
    }
    mine = {}
    for name, source in variants.items():
        folder = tmp_path / name
        shutil.copytree(bundle / "assignments" / exercise.id, folder)
        (folder / exercise.filename).write_text(source, encoding="utf-8")
        mine[name] = {c.name for c in check(exercise, folder / exercise.filename).cases if not c.passed}
    assert mine["stub"] == {c.name for c in exercise.cases(hidden=False)}  # the stub fails every public case
    assert mine["reference"] == set()
    chosen = ["stub", "reference", *_sample({n: f for n, f in mine.items() if n.startswith("mistake_")})]
    theirs = {name: otter_check_failures(tmp_path / name, exercise.filename) for name in chosen}
    disagreements = [
        f"{name}: nnkit check fails {sorted(mine[name])}, otter check fails "
        f"{failed if isinstance(failed, str) else sorted(failed)}"
        for name, failed in theirs.items()
        if failed != mine[name]
    ]
    assert not disagreements, "\n".join(disagreements)


def test_otter_run_tries_again_and_keeps_otters_output_when_it_writes_no_results(tmp_path):
    # os._exit ends otter's kernel: no results.json, on every attempt
    exercise = all_exercises()["loss_functions"]
    zip_path = build_zip(exercise, tmp_path / "dist")
    submission = tmp_path / "os_exit_at_import.py"
    shutil.copy(Path(__file__).parent / "hostile" / "os_exit_at_import.py", submission)
    run = otter_run(zip_path, submission, tmp_path / "otter", attempts=2)
    assert run.scores == {} and run.attempts == 2
    assert run.log.startswith("exit ") and len(run.log) > len("exit 1\n")
    reference = tmp_path / "reference.py"
    shutil.copy(exercise.reference_path, reference)
    honest = otter_run(zip_path, reference, tmp_path / "otter-ref")
    assert (
        honest.attempts == 1
        and honest.log == ""
        and sum(honest.scores.values()) == sum(c.points for c in exercise.cases(hidden=True))
    )


def test_failed_cases_reads_otters_per_case_lines():
    output = (
        "1.2 cross_entropy_error results:\n"
        "    cee_lecture[correct_guess] result:\n"
        "        ✅ Test case passed\n\n"
        "    cee_batch_onehot result:\n"
        "        ❌ Test case failed\n"
        "        Error at line 42 in test 1.2 cross_entropy_error:\n"
        "              nnkit_otter.run_case('cee_batch_onehot', env)\n"
        "        AssertionError: result: 24.0 (기대값 1.2) / result is 24.0, expected 1.2\n\n"
        "    cee_batch_labels result:\n"
        "        ❌ Test case failed\n"
    )
    assert failed_cases(output) == {"cee_batch_onehot", "cee_batch_labels"}
    assert failed_cases("1.1 mean_squared_error results: All test cases passed!\n") == set()
