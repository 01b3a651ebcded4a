"""Exercise 6 (dnn_backprop): the self-check names the known mistakes, and the gradient case
holds the update to central differences, not to the reference. Grading against the mistakes
is covered by validate; the checks every exercise shares are in test_exercises.py."""

from __future__ import annotations

import types

import numpy as np
import pytest

from autograder.exercises import get_exercise

EX = get_exercise("dnn_backprop")
REFERENCE = EX.reference_path.read_text(encoding="utf-8")

# (mistake, the public case whose self-check must name it)
SELF_CHECK_HINTS = [
    ("hidden_error_shortcut", "backprop_small"),
    ("hidden_error_shortcut", "fit_small_cost"),
    ("m_wrong_axis", "backprop_small"),
    ("update_before_backprop", "backprop_small"),
    ("update_loop_off_by_one", "backprop_small"),
    ("forpass_loop_off_by_one", "forpass_small"),
    ("activation_index_shifted", "forpass_small"),
    ("late_bound_lambdas", "forpass_small"),
    ("relu_d_in_place", "relu_d_keeps_input"),
    ("derivative_of_a", "activation_values[sigmoid_d]"),
    ("cost_formula", "fit_small_cost"),
    ("predict_row_major", "predict_small"),
    ("evaluate_argmax_binary", "evaluate_small"),
]


@pytest.mark.parametrize(("mistake", "case"), SELF_CHECK_HINTS, ids=lambda v: v)
def test_self_check_names_the_known_mistake(self_check, mistake, case):
    result = self_check(EX.id, mistake)
    assert not result[case].passed
    assert mistake in dict(result[case].hints)


def test_lecture_mistakes_are_flagged_as_such():
    assert {m.id for m in EX.mistakes if m.lecture} == {
        "hidden_error_shortcut",
        "relu_d_in_place",
        "m_wrong_axis",
    }


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType(EX.module)
    exec(compile(source, EX.filename, "exec"), module.__dict__)
    return module


def _gradient_case(name: str = "backprop_update[depth4]"):
    return {c.name: c for c in EX.cases(hidden=True)}[name]


class _Ctx:
    def __init__(self, name: str):
        from autograder.runtime.spec import Context

        self.rng = Context(name).rng


def _run(case, source: str):
    """The scenario's output as the parent receives it (through the wire's plain data)."""
    from autograder.runtime import wire

    out = case.scenario(_module(source), _Ctx(case.name), *case.args)
    return wire.decode(wire.to_plain(out))


def test_reference_update_equals_minus_eta_times_central_differences():
    case = _gradient_case()
    out = _run(case, REFERENCE)
    assert case.check(out, out) is None


@pytest.mark.parametrize("scale", [1.01, 0.99, 4.0])
def test_gradient_check_fails_an_update_that_is_slightly_off(scale):
    """An update a little too large or small fails, although no known mistake describes it."""
    wrong = REFERENCE.replace("self.W[i] += self.eta *", f"self.W[i] += {scale} * self.eta *")
    assert wrong != REFERENCE
    case = _gradient_case()
    assert case.check(_run(case, wrong), _run(case, REFERENCE)) is not None


def test_gradient_check_reads_the_inputs_of_the_reference_run_not_the_students():
    """A student's forged inputs (W before = W after) cannot make an unchanged W pass."""
    case = _gradient_case()
    reference_out = _run(case, REFERENCE)
    lazy = REFERENCE.replace("self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m", "pass")
    assert lazy != REFERENCE
    forged = _run(case, lazy)
    forged["inputs"]["W"] = [w.copy() for w in forged["W"][1:]]
    forged["inputs"]["eta"] = 0.0
    assert case.check(forged, reference_out) is not None


def test_gradient_check_says_what_w_is_when_it_is_not_a_list_of_arrays():
    case = _gradient_case()
    message = case.check({"W": 3.0}, _run(case, REFERENCE))
    assert message is not None and "W" in message.en


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
    reference_out, wrong_out = _run(case, REFERENCE), _run(case, wrong)
    assert case.check(wrong_out, reference_out) is not None
    fired = [h.id for h in case.hints if h.when(wrong_out, reference_out)]
    assert fired == [hint]


def test_the_update_relations_compose_and_stay_quiet_on_the_reference():
    """Three mistakes in one backprop (the lecture's hidden error, W -= and no / m) get a hint
    each, from relations to the exact step; the reference's step gets none."""
    shortcut = next(m for m in EX.mistakes if m.id == "hidden_error_shortcut").source
    composite = shortcut.replace(
        "self.W[i] += self.eta * dZ[i] @ A[i - 1].T / m", "self.W[i] -= self.eta * dZ[i] @ A[i - 1].T"
    )
    assert composite != shortcut
    case = _gradient_case()
    reference_out = _run(case, REFERENCE)
    wrong_out = _run(case, f"{REFERENCE}\n\n{composite}")
    assert case.check(wrong_out, reference_out) is not None
    fired = {h.id for h in case.hints if h.when(wrong_out, reference_out)}
    assert fired == {"hidden_error_shortcut", "update_sign", "not_divided_by_m"}
    assert not {h.id for h in case.hints if h.when(reference_out, reference_out)}


SCENARIOS = EX.root / "autograder" / "suites" / "dnn_backprop" / "scenarios.py"
STAFF = EX.root / "assignments" / "dnn_backprop" / "dnn_backprop_staff.py"


@pytest.mark.parametrize("path", [SCENARIOS, STAFF], ids=lambda p: p.name)
def test_what_the_worker_receives_holds_no_judging_and_no_answer(path):
    """No expected value, check or hint; no task-6.1 activation, forward pass or gradient."""
    import io
    import tokenize

    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    names = {t.string for t in tokens if t.type == tokenize.NAME}  # code only: not docstrings
    for word in ("Hint", "expect", "check", "compare", "sigmoid", "tanh", "relu", "maximum", "forward",
                 "numerical_update", "argmax"):  # fmt: skip
        assert word not in names, word
    assert "@" not in {t.string for t in tokens if t.type == tokenize.OP}  # no layer product (task 6.2)


def test_every_hidden_program_is_free_of_the_judges_forward_pass():
    for case in EX.cases(hidden=True):
        program = "\n".join(case.program)
        assert "def forward" not in program and "numerical_update" not in program, case.name


def test_staff_activations_are_not_the_students():
    """A net built from the staff file cannot stand in for task 6.1's functions."""
    import importlib

    staff = importlib.import_module("dnn_backprop_staff")
    z = np.linspace(-3, 3, 13)
    student = _module(REFERENCE)
    for g, g_prime in staff.PAIRS.values():
        for f in (
            student.sigmoid,
            student.sigmoid_d,
            student.tanh,
            student.tanh_d,
            student.relu,
            student.relu_d,
        ):
            assert not np.allclose(g(z), f(z)) and not np.allclose(g_prime(z), f(z))


def test_relu_d_hint_fires_on_the_lectures_in_place_relu_d_only(tmp_path):
    case = {c.name: c for c in EX.cases(hidden=False)}["relu_d_keeps_input"]
    hint = next(h for h in case.hints if h.id == "relu_d_in_place")
    lecture = REFERENCE + "\n\n" + (EX.mistakes_dir / "relu_d_in_place.py").read_text(encoding="utf-8")
    assert hint.when(_run(case, lecture), case.expect)
    assert not hint.when(_run(case, REFERENCE), case.expect)


def test_evaluate_cases_tell_the_shifted_activation_from_a_correct_net():
    shifted = (
        REFERENCE + "\n\n" + (EX.mistakes_dir / "activation_index_shifted.py").read_text(encoding="utf-8")
    )
    for name in ("evaluate_accuracy[multiclass]", "evaluate_accuracy[binary]"):
        case = {c.name: c for c in EX.cases(hidden=True)}[name]
        assert _run(case, shifted) != _run(case, REFERENCE), name
