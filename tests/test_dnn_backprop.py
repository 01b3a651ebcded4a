"""Exercise 6 (dnn_backprop): the self-check names the known mistakes, and the gradient case
holds the update to central differences, not to the reference. Grading against the mistakes
is covered by validate."""

from __future__ import annotations

import types

import numpy as np
import pytest

from autograder.exercises import get_exercise, load_suite
from autograder.pipeline import check

EX = get_exercise("dnn_backprop")
REFERENCE = EX.reference_path.read_text(encoding="utf-8")

# (mistake, the public case whose self-check must name it)
SELF_CHECK_HINTS = [
    ("lecture_error_shortcut", "backprop_small"),
    ("lecture_error_shortcut", "fit_small_cost"),
    ("m_wrong_axis", "backprop_small"),
    ("update_before_propagating", "backprop_small"),
    ("update_loop_off_by_one", "backprop_small"),
    ("forpass_loop_off_by_one", "forpass_small"),
    ("activation_index_shifted", "forpass_small"),
    ("late_bound_lambdas", "forpass_small"),
    ("relu_d_in_place", "relu_d_keeps_input"),
    ("derivative_of_a", "activation_values[sigmoid_d]"),
    ("cost_half_mean", "fit_small_cost"),
    ("predict_row_major", "predict_small"),
    ("evaluate_argmax_binary", "evaluate_small"),
]


@pytest.mark.parametrize(("mistake", "case"), SELF_CHECK_HINTS, ids=lambda v: v)
def test_self_check_names_the_known_mistake(mistake, case, tmp_path):
    path = tmp_path / EX.filename
    path.write_text(REFERENCE + "\n\n" + (EX.mistakes_dir / f"{mistake}.py").read_text(encoding="utf-8"))
    result = {c.name: c for c in check(EX, path).cases}
    assert not result[case].passed
    assert mistake in dict(result[case].hints)


def test_lecture_mistakes_are_flagged_as_such():
    assert {m.id for m in EX.mistakes if m.lecture} == {
        "lecture_error_shortcut",
        "relu_d_in_place",
        "m_wrong_axis",
    }


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType(EX.module)
    exec(compile(source, EX.filename, "exec"), module.__dict__)
    return module


def _gradient_case():
    return load_suite(EX.hidden_suite_path).by_name()["backprop_numerical_gradient[depth4]"]


class _Ctx:
    def __init__(self, name: str):
        from autograder.spec import Context

        self.rng = Context(name).rng


def test_reference_update_equals_minus_eta_times_central_differences():
    case = _gradient_case()
    out = case.scenario(_module(REFERENCE), _Ctx(case.name), *case.args)
    for update, numerical in zip(out["update"], out["numerical"]):
        assert np.allclose(update, numerical, rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("scale", [1.01, 0.99, 4.0])
def test_gradient_check_fails_an_update_that_is_slightly_off(scale):
    """An update a little too large or small fails, although no known mistake describes it."""
    wrong = REFERENCE.replace("self.W[i] += self.eta *", f"self.W[i] += {scale} * self.eta *")
    assert wrong != REFERENCE
    case = _gradient_case()
    reference_out = case.scenario(_module(REFERENCE), _Ctx(case.name), *case.args)
    wrong_out = case.scenario(_module(wrong), _Ctx(case.name), *case.args)
    assert case.check(reference_out, reference_out) is None
    assert case.check(wrong_out, reference_out) is not None


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        ("@ A[i - 1].T / m", "@ A[i - 1].T", "not_divided_by_m"),
        ("self.W[i] += self.eta", "self.W[i] -= self.eta", "update_sign"),
    ],
)
def test_gradient_case_names_the_slip(old, new, hint):
    wrong = REFERENCE.replace(old, new)
    assert wrong != REFERENCE
    case = _gradient_case()
    reference_out = case.scenario(_module(REFERENCE), _Ctx(case.name), *case.args)
    wrong_out = case.scenario(_module(wrong), _Ctx(case.name), *case.args)
    assert case.check(wrong_out, reference_out) is not None
    fired = [h.id for h in case.hints if h.when(wrong_out, reference_out)]
    assert fired == [hint]
