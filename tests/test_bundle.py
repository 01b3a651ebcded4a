"""The student bundle: complete enough to self-check, and nothing of the grader's side leaks."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from autograder.bundle import build
from autograder.errors import UserError
from autograder.exercises import all_exercises, load_suite

EXERCISES = list(all_exercises().values())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return build(tmp_path_factory.mktemp("dist") / "student")


def bundle_text(bundle) -> str:
    texts = []
    for path in bundle.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ipynb", ".md", ".json", ".toml", ".txt"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def function_bodies(path) -> dict[str, str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    bodies = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            if body:
                bodies[node.name] = squash("\n".join(ast.get_source_segment(source, n) for n in body))
    return bodies


def test_no_grader_files_in_the_bundle(bundle):
    names = {p.name for p in bundle.rglob("*")}
    assert not names & {
        "solutions",
        "hidden_tests.py",
        "mistakes",
        "expected.json",
        "reproduce.py",
        "otter_export.py",
    }
    assert not any("suites" in p.parts and p.parent.name == "autograder" for p in bundle.rglob("*"))
    assert (bundle.parent / "student.zip").is_file()


GIVEN = {body for e in EXERCISES for body in function_bodies(e.stub_path).values()}  # handed out on purpose


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_no_reference_body_and_no_hidden_case_name_leaks(bundle, exercise):
    flat = squash(bundle_text(bundle))
    leaked = [
        name
        for name, body in function_bodies(exercise.reference_path).items()
        if body not in GIVEN and len(body) > 20 and body in flat
    ]
    assert not leaked, f"reference bodies found in the bundle: {leaked}"
    own = bundle_text(bundle / "assignments" / exercise.id) + bundle_text(bundle / "autograder")
    public = {c.name for c in load_suite(exercise.public_suite_path).cases}
    hidden = {c.name for c in load_suite(exercise.hidden_suite_path).cases} - public
    found = sorted(n for n in hidden if re.search(rf"(?<![\w.]){re.escape(n)}(?![\w\[])", own))
    assert not found, f"hidden case names found in the bundle: {found}"


def test_the_leak_check_would_catch_a_leak(bundle, tmp_path):
    """Plant a reference file and a hidden case name; the same searches must find them."""
    exercise = all_exercises()["loss_functions"]
    secret = {
        n: b for n, b in function_bodies(exercise.reference_path).items() if b not in GIVEN and len(b) > 20
    }
    assert secret  # at least one reference body is not handed out anywhere
    planted = (
        bundle_text(bundle) + exercise.reference_path.read_text(encoding="utf-8") + "\ncee_zero_probability\n"
    )
    assert all(body in squash(planted) for body in secret.values())
    assert not any(body in squash(bundle_text(bundle)) for body in secret.values())
    assert re.search(r"(?<![\w.])cee_zero_probability(?![\w\[])", planted)


def test_self_check_runs_from_the_bundle(bundle):
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check", "loss_functions", "assignments/loss_functions/loss_functions.py"],
        cwd=bundle, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "0/14 public tests passed" in done.stdout, done.stderr


def test_self_check_of_an_exercise_with_a_staff_file_runs_from_the_bundle(bundle):
    """dict_homework's public cases import dict_homework_staff.py: the bundle ships it."""
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check", "dict_homework", "assignments/dict_homework/dict_homework.py"],
        cwd=bundle, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "0/8 public tests passed" in done.stdout, done.stderr


@pytest.fixture(scope="module")
def single_bundles(tmp_path_factory):
    root = tmp_path_factory.mktemp("single")
    return {e.id: build(root / e.id, [e.id]) for e in EXERCISES}


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_a_bundle_of_one_exercise_holds_none_of_its_answers(single_bundles, exercise):
    """Stricter than the whole-course rule: only what this exercise's own stub hands out is given."""
    folder = single_bundles[exercise.id]
    assert sorted(p.name for p in (folder / "assignments").iterdir() if p.is_dir()) == [exercise.id]
    flat = squash(bundle_text(folder))
    own = set(function_bodies(exercise.stub_path).values())
    leaked = [
        name
        for name, body in function_bodies(exercise.reference_path).items()
        if body not in own and len(body) > 20 and body in flat
    ]
    assert not leaked, f"{exercise.id}'s answers in its own bundle: {leaked}"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"python -m autograder check {exercise.id} assignments/{exercise.id}/{exercise.filename}" in readme
    assert (folder.parent / f"{exercise.id}.zip").is_file()


def test_the_whole_course_bundle_gives_away_answers_the_single_ones_keep(bundle, single_bundles):
    """Why single bundles exist: later stubs hand out earlier answers (e.g. two_layer_net's softmax)."""
    whole = squash(bundle_text(bundle))
    given_away = [
        (e.id, name)
        for e in EXERCISES
        for name, body in function_bodies(e.reference_path).items()
        if body not in set(function_bodies(e.stub_path).values()) and len(body) > 20 and body in whole
    ]
    assert ("loss_functions", "softmax") in given_away
    for exercise_id, name in given_away:
        body = function_bodies(all_exercises()[exercise_id].reference_path)[name]
        assert body not in squash(bundle_text(single_bundles[exercise_id]))


def test_self_check_runs_from_a_single_exercise_bundle(single_bundles):
    folder = single_bundles["numerical_gradient"]
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check", "numerical_gradient",
         "assignments/numerical_gradient/numerical_gradient.py"],
        cwd=folder, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "public tests passed" in done.stdout, done.stdout + done.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "autograder", "list"], cwd=folder, capture_output=True, text=True
    )  # fmt: skip
    assert "numerical_gradient" in listed.stdout and "loss_functions" not in listed.stdout


def test_unknown_exercise_in_a_bundle_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="nope"):
        build(tmp_path / "student", ["nope"])
