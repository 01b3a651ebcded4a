"""The student bundle: complete enough to self-check, and nothing of the grader's side leaks."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from autograder.bundle import build
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
    assert done.returncode == 1 and "0/6 public tests passed" in done.stdout, done.stderr
