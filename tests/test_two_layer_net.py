"""Exercise 3 (two_layer_net): what the self-check says for each known mistake, the staff's
backprop check, and the stub's warning about numerical gradients on the full network.
Grading against the mistakes (hidden cases included) is covered by validate; the checks every
exercise shares (rules, hints, scenarios, doing nothing, the labelled set) are in test_exercises.py."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from autograder.authoring.reproduce import load_reference
from autograder.engine.grade import check
from autograder.exercises import get_exercise, load_suite
from autograder.runtime.spec import load_beside

EXERCISE = get_exercise("two_layer_net")

# (mistake, the public case whose self-check must name it [, the hint's id if not the mistake's])
SELF_CHECK_HINTS = [
    ("gradient_sign", "gradient_small"),
    ("gradient_sign", "train_tiny", "update_sign"),
    ("gradient_ascent", "train_tiny", "update_sign"),
    ("no_batch_division", "gradient_duplicated_batch", "not_divided_by_m"),
    ("bias_keepdims", "gradient_small", "bias_shape"),
    ("bias_wrong_axis", "gradient_small", "wrong_axis"),
    ("sigmoid_grad_wrong_variable", "gradient_small"),
    ("softmax_whole_batch", "predict_small"),
    ("accuracy_onehot_only", "accuracy_small[labels]"),
    ("numgrad_on_copy", "numgrad_small"),
]


@pytest.mark.parametrize("row", SELF_CHECK_HINTS, ids=lambda r: f"{r[0]}-{r[1]}")
def test_self_check_names_the_known_mistake(self_check, row):
    mistake, case, hint = (*row, row[0])[:3]
    result = self_check(EXERCISE.id, mistake)
    assert not result[case].passed
    assert hint in dict(result[case].hints)


def test_self_check_hints_name_only_the_mistake_made(self_check):
    """A wrong sign is not also reported as a missing /N or a wrong bias shape."""
    hints = dict(self_check(EXERCISE.id, "gradient_sign")["gradient_small"].hints)
    assert set(hints) == {"gradient_sign"}


def test_training_with_numerical_gradient_fails_fast_with_its_reason(self_check):
    result = self_check(EXERCISE.id, "train_numerical_gradient")["train_tiny"]
    assert result.status == "error"
    assert "NumericalGradientInTraining" in result.message.en
    assert "79,520" in result.message.en


def test_the_stub_warns_of_79520_forward_passes_on_the_full_net():
    net = load_reference(EXERCISE).TwoLayerNet(784, 50, 10)
    passes = 2 * sum(p.size for p in net.params.values())
    assert passes == 79_520
    tree = ast.parse(EXERCISE.stub_path.read_text(encoding="utf-8"))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "TwoLayerNet")
    method = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "numerical_gradient")
    assert "79,520" in ast.get_docstring(method)


def test_lecture_simplenet_tolerance_covers_the_printed_weights():
    """The lecture prints W rounded to 8 digits: the reference's loss is 2.5e-7 off, inside 1e-6."""
    ref = load_reference(EXERCISE)
    net = ref.simpleNet()
    net.W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
    loss = net.loss(np.array([0.6, 0.9]), np.array([0, 0, 1]))
    assert 1e-9 < abs(loss - 0.92806853663411326) < 1e-6


# ---- the trust boundary: what is run, what is judged ------------------------------------------

SUITES = EXERCISE.hidden_suite_path.parent
STAFF_PATH = EXERCISE.stub_path.parent / "two_layer_net_staff.py"
KEYS = ("W1", "b1", "W2", "b2")


def _hidden():
    return load_beside(str(EXERCISE.hidden_suite_path), "hidden_tests")


def _public():
    load_suite(EXERCISE.public_suite_path)  # puts the exercise's staff helpers on sys.path, as grading does
    return load_beside(str(EXERCISE.public_suite_path), "public_tests")


def _staff():
    load_suite(EXERCISE.public_suite_path)
    return load_beside(str(EXERCISE.public_suite_path), "two_layer_net_staff")


def test_the_staff_file_computes_no_answer_the_student_writes():
    """No forward pass, loss or gradient in what students receive: no exp, log, matrix product."""
    source = STAFF_PATH.read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.BinOp) and isinstance(n.op, ast.MatMult)]
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not attrs & {"exp", "log", "dot", "matmul", "tanh"}


def test_the_numerical_gradient_is_written_once():
    """The staff's numerical gradient lives in hidden_tests.py only; the public suite holds its value."""
    for path in (EXERCISE.public_suite_path, STAFF_PATH, SUITES / "scenarios.py"):
        assert "def staff_numerical_gradient" not in path.read_text(encoding="utf-8"), path
        assert "def below_1e7" not in path.read_text(encoding="utf-8") or path == STAFF_PATH
    public = _public()
    numerical = _hidden().staff_numerical_gradient(public.PARAMS, public.X, public.T)
    for k in KEYS:
        # a central difference with h = 1e-4 carries rounding noise of about eps / h = 1e-12, which
        # depends on the BLAS kernel of the machine that wrote the literal: compare well above it
        np.testing.assert_allclose(public.STAFF_NUMGRAD[k], numerical[k], rtol=1e-7, atol=1e-10)


def _reference_gradient(params, x, t):
    net = load_reference(EXERCISE).TwoLayerNet(3, 4, 2)
    net.params = {k: v.copy() for k, v in params.items()}
    return net.gradient(x, t)


def test_backprop_check_accepts_backprop_and_rejects_wrong_values_and_forms():
    public, below = _public(), _staff().below_1e7
    good = _reference_gradient(public.PARAMS, public.X, public.T)
    assert below(good, public.STAFF_NUMGRAD) is None
    assert below({**good, "b1": 1.001 * good["b1"]}, public.STAFF_NUMGRAD) is not None
    assert below({**good, "W2": np.full((4, 2), np.nan)}, public.STAFF_NUMGRAD) is not None
    assert "b2" in below({k: good[k] for k in ("W1", "b1", "W2")}, public.STAFF_NUMGRAD).en
    assert "float" in below(0.5, public.STAFF_NUMGRAD).en
    assert "shape (5,)" in below({**good, "b1": np.zeros(5)}, public.STAFF_NUMGRAD).en


def test_forged_inputs_cannot_pass_the_hidden_backprop_check():
    """The check reads the inputs from the reference's run; the student's copy is ignored."""
    hidden, public = _hidden(), _public()
    case = next(c for c in load_suite(EXERCISE.hidden_suite_path).cases if c.name == "backprop_check_random")
    rng = np.random.default_rng(0)
    real = {"params": hidden.scenarios.staff.random_params(rng, (3, 4, 2)), "x": public.X, "t": public.T}
    forged = {"params": public.PARAMS, "x": public.X, "t": public.T}
    wrong_at_real = _reference_gradient(public.PARAMS, public.X, public.T)  # right only at the forged inputs
    want = {"grads": _reference_gradient(**real), "inputs": real}
    assert case.check({"grads": want["grads"], "inputs": forged}, want) is None
    assert case.check({"grads": wrong_at_real, "inputs": forged}, want) is not None


def test_accuracy_labels_hint_needs_the_axis_error_not_a_missing_division(tmp_path):
    """A count of correct samples (no / N) is named as such, not as the one-hot-only mistake."""
    source = EXERCISE.reference_path.read_text(encoding="utf-8").replace(
        "return np.sum(y == t) / float(x.shape[0])", "return np.sum(y == t)"
    )
    path = tmp_path / EXERCISE.filename
    path.write_text(source, encoding="utf-8")
    result = {c.name: c for c in check(EXERCISE, path).cases}
    for name in ("accuracy_small[onehot]", "accuracy_small[labels]"):
        assert set(dict(result[name].hints)) == {"accuracy_not_divided"}
