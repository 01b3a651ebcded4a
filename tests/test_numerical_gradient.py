"""Exercise 2 (numerical_gradient): what is run is apart from what is judged, every rule the
stub states has a public case, hints are precise, and code that does nothing earns nothing."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from autograder.authoring.validate import as_submission
from autograder.engine.context import GradingContext
from autograder.engine.grade import grade_submission
from autograder.exercises import get_exercise, load_suite
from autograder.runtime.spec import Hint, Msg, load_beside
from autograder.sandbox.confine import choose

EX = get_exercise("numerical_gradient")
SCENARIOS = EX.hidden_suite_path.parent / "scenarios.py"
staff = load_beside(str(EX.stub_path), "numerical_gradient_staff")


@pytest.fixture(scope="module")
def graded():
    """Grade a submission's source with the hidden suite (one context for the module)."""
    ctx = GradingContext.build(EX, hidden=True, sandbox=choose())
    return lambda name, source: grade_submission(ctx, as_submission(name, source, EX))


# ---- the split: scenarios run, hidden_tests judges -------------------------------------------


def test_scenarios_file_holds_no_judging():
    tree = ast.parse(SCENARIOS.read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not names & {"Hint", "Suite", "Msg", "expect", "check", "compare"}
    assert "autograder" not in SCENARIOS.read_text(encoding="utf-8")


def test_hidden_suite_declares_no_scenario_of_its_own():
    for case in load_suite(EX.hidden_suite_path).cases:
        assert case.scenario.__code__.co_filename == str(SCENARIOS), case.name


def test_no_scenario_unpacks_what_gradient_descent_returned():
    # "x, hist = m.gradient_descent(...)" would blame the student's code for the suite's unpacking
    for path in (SCENARIOS, EX.public_suite_path):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
                assert "gradient_descent" not in ast.unparse(node.value), f"{path.name}: {ast.unparse(node)}"


# ---- rules and hints -------------------------------------------------------------------------


def test_every_rule_is_stated_in_the_stub_and_has_a_public_case():
    stub = EX.stub_path.read_text(encoding="utf-8")
    public = [c for c in EX.cases(hidden=False)]
    assert len(EX.rules) >= 8
    for rule in EX.rules:
        assert rule.doc in stub, rule.id
        assert any(rule.id in c.rules and c.task == rule.task for c in public), rule.id


def test_every_hint_has_a_condition_and_one_text_has_one_id():
    hints = {h.id: h for c in EX.cases(hidden=True) for h in c.hints}
    assert all(isinstance(h, Hint) and (h.when or h.error) for h in hints.values())
    texts = [(h.ko, h.en) for h in hints.values()]
    assert len(texts) == len(set(texts))


def test_each_mistake_names_its_hint_and_says_the_same():
    hints = {h.id: h for c in EX.cases(hidden=True) for h in c.hints}
    for mistake in EX.mistakes:
        meta = next(
            ast.literal_eval(n.value)
            for n in ast.parse(mistake.source).body
            if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "MISTAKE"
        )
        hint = hints[meta["hint"]]
        assert mistake.hint == hint.msg, mistake.id


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


def _doing_nothing(body: str) -> str:
    return (
        "import numpy as np\n\n"
        f"def numerical_diff(f, x):\n    {body.format(a='x')}\n\n"
        f"def numerical_gradient(f, x):\n    {body.format(a='x')}\n\n"
        f"def gradient_descent(f, init_x, lr=0.01, step_num=100):\n    {body.format(a='init_x')}\n"
    )


@pytest.mark.parametrize("body", ["pass", "return {a}", "return np.zeros_like({a})", "return f"])
def test_code_that_does_nothing_scores_zero(graded, body):
    assert graded("nothing", _doing_nothing(body)).score == 0


LABELLED = sorted(EX.labelled_dir.glob("*.py"))


def _expected_hints(source: str) -> set[str]:
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXPECTED_HINTS":
            return set(ast.literal_eval(node.value))
    raise AssertionError("no EXPECTED_HINTS")


def test_the_labelled_set_is_four_to_eight_files():
    assert 4 <= len(LABELLED) <= 8


@pytest.mark.parametrize("path", LABELLED, ids=lambda p: p.stem)
def test_labelled_submissions_get_exactly_their_hints(graded, path):
    source = path.read_text(encoding="utf-8")
    result = graded(path.stem, source)
    fired = {hid for c in result.cases for hid, _ in c.hints}
    assert fired == _expected_hints(source)
    assert 0 < result.score < result.max_score


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
