"""Exercise 3 (two_layer_net): what the self-check says for each known mistake, the staff's
backprop check, and the stub's warning about numerical gradients on the full network.
Grading against the mistakes (hidden cases included) is covered by validate."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from autograder.exercises import get_exercise, load_suite
from autograder.pipeline import check
from autograder.reproduce import load_reference

EXERCISE = get_exercise("two_layer_net")

# (mistake, the public case whose self-check must name it [, the hint's id if not the mistake's])
SELF_CHECK_HINTS = [
    ("gradient_sign", "gradient_small"),
    ("gradient_sign", "train_tiny", "gradient_ascent"),
    ("gradient_ascent", "train_tiny"),
    ("no_batch_division", "gradient_duplicated_batch"),
    ("bias_keepdims", "gradient_small"),
    ("bias_wrong_axis", "gradient_small"),
    ("sigmoid_grad_wrong_variable", "gradient_small"),
    ("softmax_whole_batch", "predict_small"),
    ("accuracy_onehot_only", "accuracy_small[labels]"),
    ("numgrad_on_copy", "numgrad_small"),
]


def self_check(mistake, tmp_path):
    source = EXERCISE.reference_path.read_text(encoding="utf-8")
    source += "\n\n" + (EXERCISE.mistakes_dir / f"{mistake}.py").read_text(encoding="utf-8")
    path = tmp_path / EXERCISE.filename
    path.write_text(source, encoding="utf-8")
    return {c.name: c for c in check(EXERCISE, path).cases}


@pytest.mark.parametrize("row", SELF_CHECK_HINTS, ids=lambda r: f"{r[0]}-{r[1]}")
def test_self_check_names_the_known_mistake(row, tmp_path):
    mistake, case, hint = (*row, row[0])[:3]
    result = self_check(mistake, tmp_path)
    assert not result[case].passed
    assert hint in dict(result[case].hints)


def test_self_check_hints_name_only_the_mistake_made(tmp_path):
    """A wrong sign is not also reported as a missing /N or a wrong bias shape."""
    hints = dict(self_check("gradient_sign", tmp_path)["gradient_small"].hints)
    assert set(hints) == {"gradient_sign"}


def test_training_with_numerical_gradient_fails_fast_with_its_reason(tmp_path):
    result = self_check("train_numerical_gradient", tmp_path)["train_tiny"]
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


@pytest.mark.parametrize("suite_path", EXERCISE.suite_paths(hidden=True), ids=lambda p: p.name)
def test_backprop_check_accepts_below_1e7_and_rejects_above(suite_path):
    cases = load_suite(suite_path).by_name()
    check_fn = next(c.check for name, c in cases.items() if name.startswith("backprop_check"))
    good = {"W1": 3e-10, "b1": 1e-9, "W2": 5e-11, "b2": 9e-8}
    assert check_fn(good, None) is None
    assert check_fn({**good, "b1": 2e-7}, None) is not None
    assert check_fn({**good, "W2": float("nan")}, None) is not None


def test_lecture_simplenet_tolerance_covers_the_printed_weights():
    """The lecture prints W rounded to 8 digits: the reference's loss is 2.5e-7 off, inside 1e-6."""
    ref = load_reference(EXERCISE)
    net = ref.simpleNet()
    net.W = np.array([[0.47355232, 0.9977393, 0.84668094], [0.85557411, 0.03563661, 0.69422093]])
    loss = net.loss(np.array([0.6, 0.9]), np.array([0, 0, 1]))
    assert 1e-9 < abs(loss - 0.92806853663411326) < 1e-6
