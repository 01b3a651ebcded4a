"""Every exercise, generically: validate, API parity, task ids, and the sample class goldens."""

from __future__ import annotations

import ast
import dataclasses
import json

import pytest

from autograder.authoring.validate import validate
from autograder.batch.folder import grade_folder
from autograder.exercises import Rule, all_exercises
from autograder.runtime.spec import Msg

EXERCISES = list(all_exercises().values())
IDS = [e.id for e in EXERCISES]


def public_api(path):
    """Top-level functions and classes (with their methods) and their parameter lists."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    api = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            api[node.name] = [a.arg for a in node.args.args]
        elif isinstance(node, ast.ClassDef):
            api[node.name] = sorted(
                (f.name, tuple(a.arg for a in f.args.args))
                for f in node.body
                if isinstance(f, ast.FunctionDef) and (not f.name.startswith("_") or f.name == "__init__")
            )
    return api


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_validate_reference_full_stub_zero_mistakes_as_declared(exercise):
    verdicts = validate(exercise, jobs=2)
    bad = [v for v in verdicts if not v.ok]
    assert not bad, "\n".join(f"{v.variant}: {v.score}/{v.max_score} {v.problem}" for v in bad)
    assert len([v for v in verdicts if v.variant.startswith("mistake:")]) >= 4


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_stub_and_reference_have_the_same_public_api(exercise):
    assert public_api(exercise.stub_path) == public_api(exercise.reference_path)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_every_task_is_named_in_the_stub_and_has_cases(exercise):
    stub = exercise.stub_path.read_text(encoding="utf-8")
    cases = exercise.cases(hidden=True)
    for t in exercise.tasks:
        assert f'NotImplementedError("Task {t.id}: ' in stub, t.id
        assert any(c.task == t.id and not c.hidden for c in cases), f"no public case for {t.id}"
        assert any(c.task == t.id and c.hidden for c in cases), f"no hidden case for {t.id}"


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.examples_dir.is_dir()], ids=lambda e: e.id)
def test_sample_class_scores_match_goldens(exercise, tmp_path):
    expected = json.loads((exercise.examples_dir / "expected.json").read_text(encoding="utf-8"))
    results = grade_folder(exercise, exercise.examples_dir, tmp_path / "out", jobs=2, progress=False)
    assert {r.student: r.score for r in results} == expected
    assert len({r.score for r in results}) >= 3, "the sample class should show a spread of scores"


def test_every_exercise_has_a_sample_class():
    assert [e.id for e in EXERCISES if not (e.examples_dir / "expected.json").is_file()] == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_warm_data_exists_and_is_declared_where_the_cases_read_mnist(exercise):
    sums = (exercise.root / "data" / "SHA256SUMS").read_text(encoding="utf-8")
    listed = {line.split()[-1] for line in sums.splitlines() if line.strip()}
    assert {f"{name}.npz" for name in exercise.warm} <= listed
    paths = [*exercise.suite_paths(hidden=True), *exercise.scenario_paths]  # scenarios.py reads the data
    suites = "".join(p.read_text(encoding="utf-8") for p in paths)
    reads_mnist = "load_mnist(" in suites or ".mnist(" in suites
    assert reads_mnist == bool(exercise.warm), "warm in exercise.toml: the data the cases read"


@pytest.mark.parametrize("exercise", list(all_exercises().values()), ids=lambda e: e.id)
def test_every_hint_has_a_condition_and_a_text_of_its_own(exercise):
    hints = {h.id: h for c in exercise.cases(hidden=True) for h in c.hints}
    assert [h.id for h in hints.values() if not h.has_condition] == []
    texts: dict[tuple[str, str], list[str]] = {}
    for h in hints.values():
        texts.setdefault((h.ko, h.en), []).append(h.id)
    assert [ids for ids in texts.values() if len(ids) > 1] == []


@pytest.mark.parametrize("exercise", list(all_exercises().values()), ids=lambda e: e.id)
def test_every_rule_the_stub_states_has_a_public_case(exercise):
    stub = exercise.stub_path.read_text(encoding="utf-8")
    covered = {r for c in exercise.cases(hidden=False) for r in c.rules}
    assert exercise.rules, "exercise.toml declares the stub's graded rules ([[rules]])"
    assert [r.id for r in exercise.rules if r.doc not in stub] == [], "the rule's phrase is in the stub"
    assert [r.id for r in exercise.rules if r.id not in covered] == [], "a public case checks it"
    declared = {r.id for r in exercise.rules}
    assert covered <= declared, "a case names a rule exercise.toml does not declare"


def test_the_rule_check_fails_a_rule_without_a_public_case(tmp_path):
    ex = next(iter(all_exercises().values()))
    bogus = dataclasses.replace(ex, rules=(*ex.rules, Rule("no_case", ex.tasks[0].id, "def ", Msg("x", "x"))))
    with pytest.raises(AssertionError):
        test_every_rule_the_stub_states_has_a_public_case(bogus)


@pytest.mark.parametrize("exercise", list(all_exercises().values()), ids=lambda e: e.id)
def test_the_worker_never_receives_expected_values_checks_or_hints(exercise):
    for case in exercise.cases(hidden=True):
        program = "\n".join(case.program)
        assert "suite.case" not in program and "Hint(" not in program and "expect=" not in program, case.name
        if case.hidden:
            assert case.scenario.__code__.co_filename.endswith("scenarios.py"), case.name
