"""Exercises 4 (minibatch_fit) and 5 (dropout) after the trust-boundary split: what the worker
receives holds no judge data, weights and cost_ are judged apart, code that does nothing
scores zero, and the labelled wrong submissions get exactly their hints."""

from __future__ import annotations

import ast
import re
import shutil

import pytest

from autograder.batch.folder import grade_folder
from autograder.exercises import get_exercise, load_suite

EXERCISES = ["minibatch_fit", "dropout"]
JUDGE_NAMES = {"Hint", "Suite", "PerParam", "REFERENCE", "compare"}


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_scenarios_file_holds_no_hint_expectation_or_check(exercise_id):
    ex = get_exercise(exercise_id)
    tree = ast.parse((ex.hidden_suite_path.parent / "scenarios.py").read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    keywords = {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords}
    assert not names & JUDGE_NAMES
    assert not keywords & {"expect", "check", "hints", "rtol"}


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_no_program_sent_to_a_worker_names_a_hint_or_expected_value(exercise_id):
    ex = get_exercise(exercise_id)
    for suite_path in (ex.hidden_suite_path, ex.public_suite_path):
        for case in load_suite(suite_path).cases:
            program = "\n".join(case.program)
            assert "Hint(" not in program and "expect=" not in program, case.name
            assert "_wrong_cost_formula" not in program and "dropout_statistics" not in program


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_weights_and_cost_are_separate_cases(exercise_id):
    ex = get_exercise(exercise_id)
    names = [c.name for p in (ex.public_suite_path, ex.hidden_suite_path) for c in load_suite(p).cases]
    cost_cases = [n for n in names if re.search(r"_cost(\[|$)", n)]
    assert len(cost_cases) >= 2
    assert all(f"{n}".startswith(("bgd", "sgd", "minibatch", "fit")) for n in cost_cases)


def _variant(stub: str, kind: str) -> str:
    """The stub with every NotImplementedError replaced by code that does nothing useful."""
    out, first = [], "None"
    for line in stub.split("\n"):
        sig = re.match(r"\s*def \w+\((.*)\):", line)
        if sig:
            args = [a.split("=")[0].strip() for a in sig.group(1).split(",")]
            args = [a for a in args if a and a != "self"]
            first = args[0] if args else "None"
        todo = re.match(r"(\s*)raise NotImplementedError", line)
        if todo:
            body = {"pass": "pass", "first": f"return {first}", "zeros": f"return np.zeros_like({first})"}
            line = todo.group(1) + body[kind]
        out.append(line)
    return "import numpy as np\n" + "\n".join(out)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_code_that_does_nothing_scores_zero(exercise_id, tmp_path):
    ex = get_exercise(exercise_id)
    stub = ex.stub_path.read_text(encoding="utf-8")
    for kind in ("pass", "first", "zeros"):
        (tmp_path / "in" / kind).mkdir(parents=True)
        (tmp_path / "in" / kind / ex.filename).write_text(_variant(stub, kind), encoding="utf-8")
    results = grade_folder(ex, tmp_path / "in", tmp_path / "out", jobs=2, progress=False)
    assert {r.student: r.score for r in results} == {"pass": 0, "first": 0, "zeros": 0}


def _expected_hints(path) -> set[str]:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [
            "EXPECTED_HINTS"
        ]:
            return set(ast.literal_eval(node.value))
    raise AssertionError(f"{path.name} has no EXPECTED_HINTS")


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_labelled_wrong_submissions_get_exactly_their_hints(exercise_id, tmp_path):
    ex = get_exercise(exercise_id)
    labelled = sorted((ex.hidden_suite_path.parent / "labelled").glob("*.py"))
    assert 4 <= len(labelled) <= 8
    for path in labelled:
        (tmp_path / "in" / path.stem).mkdir(parents=True)
        shutil.copy(path, tmp_path / "in" / path.stem / ex.filename)
    results = grade_folder(ex, tmp_path / "in", tmp_path / "out", jobs=2, progress=False)
    fired = {r.student: {hid for c in r.cases for hid, _ in c.hints} for r in results}
    assert all(r.score < r.max_score for r in results)
    assert fired == {p.stem: _expected_hints(p) for p in labelled}
