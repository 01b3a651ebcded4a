"""Exercise 2 (numerical_gradient): what is run is apart from what is judged, hints are precise,
and a wrong return value is named in the student's terms. The checks every exercise shares
(rules, hints, scenarios, doing nothing, labelled sets) are in test_exercises.py."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from autograder.exercises import get_exercise
from autograder.runtime.spec import Msg, load_beside

EX = get_exercise("numerical_gradient")
SCENARIOS = EX.hidden_suite_path.parent / "scenarios.py"
staff = load_beside(str(EX.stub_path), "numerical_gradient_staff")


@pytest.fixture
def graded(grader):
    """Grade a submission's source with the hidden suite."""
    return grader(EX)


# ---- the split: scenarios run, hidden_tests judges -------------------------------------------


def test_scenarios_file_imports_nothing_from_the_kit():
    """Stricter here than for every exercise (test_exercises: nothing that judges)."""
    assert "autograder" not in SCENARIOS.read_text(encoding="utf-8")


def test_no_scenario_unpacks_what_gradient_descent_returned():
    # "x, hist = m.gradient_descent(...)" would blame the student's code for the suite's unpacking
    for path in (SCENARIOS, EX.public_suite_path):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
                assert "gradient_descent" not in ast.unparse(node.value), f"{path.name}: {ast.unparse(node)}"


# ---- rules and hints -------------------------------------------------------------------------


def test_every_mistake_names_its_hint():
    """Each mistake's hint is a case's (test_exercises: with the same text)."""
    assert [m.id for m in EX.mistakes if not m.hint_id] == []


def test_hidden_checks_do_not_show_the_expected_values():
    want = (np.array([1.23456789, -2.5]), np.array([[3.0, 4.0], [2.0, 3.0]]))
    got = (np.array([1.0, -2.0]), np.array([[3.0, 4.0], [2.0, 3.0]]))
    message = staff.descent_check(reveal=False)(got, want)
    assert message is not None and "1.2345" not in message.en + message.ko


# ---- judging gradient_descent's return value, in the student's terms -------------------------


@pytest.mark.parametrize(
    ("returned", "says"),
    [
        (np.array([0.1, 0.2]), "it returned a single array of shape (2,)"),
        (None, "return statement"),
        (1.5, "a single number"),
        ((np.zeros(2), np.zeros((3, 2)), 7), "a tuple of 3 values"),
        (([0.0, 0.0], np.zeros((3, 2))), "not a numpy array"),
        ((np.zeros(2), np.zeros(2)), "not an array of shape (step_num, *init_x.shape)"),
    ],
)
def test_a_wrong_return_of_gradient_descent_is_named(returned, says):
    message = staff.descent_check()(returned, (np.zeros(2), np.zeros((3, 2))))
    assert isinstance(message, Msg) and says in message.en


def test_the_right_descent_passes_and_a_short_history_fails():
    want = (np.array([0.5, 1.0]), np.array([[1.0, 2.0], [0.75, 1.5]]))
    assert staff.descent_check(whole_history=True)(want, want) is None
    message = staff.descent_check()((want[0], want[1][:1]), want)
    assert message is not None and "(2, 2)" in message.en


def test_unchanged_check_sees_a_rounding_error_and_says_by_how_much():
    x = np.array([0.1, 0.7, 0.3])
    moved = x.copy()
    moved[1] = np.nextafter(moved[1], 1.0)  # one ulp: what x[i] += h ... x[i] -= h can leave
    check = staff.unchanged_check("x")
    assert check(x.copy(), x) is None
    assert "1 element(s) of x" in check(moved, x).en
    assert check(x[:2], x) is not None and check(None, x) is not None


# ---- whole submissions -----------------------------------------------------------------------


LABELLED = sorted(EX.labelled_dir.glob("*.py"))


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.stem)
def test_a_labelled_submission_earns_some_points(graded, path):
    """Each wrong submission here gets part of its work right (test_exercises: exactly its hints)."""
    assert graded(path.stem, path.read_text(encoding="utf-8")).score > 0


def test_gradient_descent_returning_only_x_is_told_what_to_return(graded):
    result = graded("only_x", (EX.labelled_dir / "returns_only_x.py").read_text(encoding="utf-8"))
    case = {c.name: c for c in result.cases}["descent_lecture"]
    assert "must return (x, x_history); it returned a single array of shape (2,)" in case.message.en
    assert "unpack" not in case.message.en


def test_a_name_error_gets_no_init_x_hint(graded):
    result = graded("typo", (EX.labelled_dir / "name_error_in_descent.py").read_text(encoding="utf-8"))
    keeps = {c.name: c for c in result.cases}["descent_keeps_init_x"]
    assert keeps.status == "error" and "NameError" in keeps.message.en
    assert keeps.hints == ()


def test_a_forged_restored_array_is_still_judged_on_the_gradient(graded):
    # a submission that restores x by hand after a zero gradient passes the restore case
    # only on its own; the case needs the gradient case too
    source = (EX.reference_path.read_text(encoding="utf-8")).replace(
        "    return grad\n", "    return grad * 0\n", 1
    )
    result = {c.name: c for c in graded("forger", source).cases}
    assert not result["gradient_simple_net"].passed
    assert not result["gradient_simple_net_restores"].passed
    assert result["gradient_simple_net_restores"].points == 0
