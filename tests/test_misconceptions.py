"""The course-wide misconception catalogue: attached where it can occur, and each detector
fires on its misconception and on nothing else (the reference's value, other wrong values)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from autograder.core import misconceptions as mc
from autograder.core.errors import UserError
from autograder.core.results import Outcome
from autograder.engine.judge import judge_case, near_zero_atol, nonfinite_cause
from autograder.exercises import Mistake, all_exercises, resolve_hints
from autograder.runtime import wire
from autograder.runtime.spec import Hint, Msg, Suite, snapshot

# ---- attachment: read the catalogue and every exercise's cases --------------------------------


def _cases_by_exercise() -> dict[str, list]:
    return {ex_id: ex.cases(hidden=True) for ex_id, ex in all_exercises().items()}


def unattached() -> list[tuple[str, str]]:
    """(misconception, exercise) pairs where the catalogue says it can occur but no case of the
    exercise names it."""
    cases = _cases_by_exercise()
    missing = []
    for m in mc.CATALOGUE.values():
        for ex_id in m.exercises:
            if not any(h.id == m.id for c in cases.get(ex_id, []) for h in c.hints):
                missing.append((m.id, ex_id))
    return missing


def redeclared() -> list[tuple[str, str]]:
    """(exercise, id): a master that states words of its own for a catalogue id (said twice).

    A case may fit the condition to its scenario (``Hint("id", "", "", when=...)``); the words are
    the catalogue's. Read from the masters' source, where an author would write them."""
    import ast

    out = set()
    for path in sorted(Path(mc.__file__).parents[1].glob("suites/*/master/cases.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Hint" and node.args):
                continue
            hid = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
            words = [*node.args[1:3], *(k.value for k in node.keywords if k.arg in ("ko", "en"))]
            if mc.known(hid) and any(not (isinstance(w, ast.Constant) and w.value == "") for w in words):
                out.add((path.parent.parent.name, hid))
    return sorted(out)


def test_a_case_fitting_a_catalogue_condition_gets_the_catalogue_words():
    own = Hint("not_divided_by_m", "", "", when=lambda got, want: True)
    first, second = _suite_with([own], "fits")[0], _suite_with(["not_divided_by_m"])[0]
    resolved = resolve_hints("loss_functions", [first, second])
    for case in resolved:  # declared with a condition, then named by id: one hint, the course's words
        (hint,) = case.hints
        assert hint.msg == mc.hint("not_divided_by_m").msg and hint.ko
        assert hint.when is own.when and hint.detect is None


def test_every_misconception_has_a_place_and_every_place_is_an_exercise():
    where = mc.where()
    assert set(where) == set(mc.CATALOGUE), "misconceptions_where.toml and the catalogue differ"
    exercises = set(all_exercises())
    assert all(m.exercises and set(m.exercises) <= exercises for m in mc.CATALOGUE.values())


def test_the_ids_the_brief_fixed_are_all_in_the_catalogue():
    fixed = {
        "not_divided_by_m", "update_sign", "update_before_backprop", "dropped_last_batch",
        "targets_001_099", "hidden_error_shortcut", "transposed", "wrong_axis", "bias_shape",
        "global_random", "cost_formula", "loss_after_update", "off_by_one_steps",
        "percent_vs_fraction", "state_not_reset", "list_not_array", "schedule_ignored",
    }  # fmt: skip
    assert fixed <= set(mc.CATALOGUE)


def test_each_misconception_is_attached_to_every_exercise_where_it_can_occur():
    assert unattached() == []


def test_no_suite_states_a_catalogue_misconception_again():
    assert redeclared() == []


def test_every_case_names_only_hints_that_exist():
    # resolve_hints raises on an id that neither a case nor the catalogue declares
    for cases in _cases_by_exercise().values():
        assert all(isinstance(h, Hint) and h.has_condition or mc.known(h.id) for c in cases for h in c.hints)


def test_every_misconception_says_what_is_wrong_and_what_to_fix_in_both_languages():
    for m in mc.CATALOGUE.values():
        assert all(text.strip() for text in (m.ko, m.en, m.fix_ko, m.fix_en)), m.id
        assert any("\uac00" <= ch <= "\ud7a3" for ch in m.ko + m.fix_ko), m.id
        assert m.detect is not None or m.why_no_detector, m.id


# ---- detectors: fire on the misconception, never on the reference or unrelated mistakes ------

rng = np.random.default_rng(17)
M = 32
W0, G = rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
X = rng.normal(size=(4, M))  # one column per sample: m = 32
W_RIGHT = W0 - 0.1 * G / M
COSTS = np.abs(rng.normal(size=12)) + 0.1  # 3 epochs of 4 updates
Z = rng.normal(size=(6, 4))
SOFTMAX = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
ONE_HOT = np.eye(4)[rng.integers(0, 4, 6)]
A = 1 / (1 + np.exp(-Z))
HISTORY = np.cumprod(np.full((10, 2), 0.8), axis=0) * np.array([3.0, -4.0])
B = rng.normal(size=4)
INDICES = np.arange(20)
SCHEDULE = 0.1 / (1 + np.arange(6))
BIG = np.array([[1000.0, 1001.0, 1002.0], [1.0, 2.0, 3.0]])

#: id -> (wrong value showing it, expected value, inputs, unrelated wrong values)
CASES = {
    "not_divided_by_m": (
        W0 - 0.1 * G,
        W_RIGHT,
        (W0, X),
        [W0 - 0.17 * G, W_RIGHT + 1e-3, W0 + 0.1 * G / M, W_RIGHT * 3.0, W_RIGHT.T],
    ),
    "update_sign": (
        W0 + 0.1 * G / M,
        W_RIGHT,
        (W0, X),
        [W0 - 0.1 * G, W_RIGHT + 1e-3, W0 - 0.2 * G / M, rng.normal(size=(5, 4))],
    ),
    "dropped_last_batch": (
        np.r_[COSTS[:3], COSTS[4:10] + 0.5],
        COSTS,
        (),
        [COSTS + 0.1, COSTS[::-1], np.r_[COSTS[:3] + 1, COSTS[4:10]], COSTS[:6] * 2],
    ),
    "targets_001_099": (
        A - (0.98 * ONE_HOT + 0.01),
        A - ONE_HOT,
        (),
        [A - ONE_HOT + 0.02, (A - ONE_HOT) * 1.01, A - ONE_HOT + 0.01 * rng.random((6, 4))],
    ),
    "transposed": (
        SOFTMAX.T,
        SOFTMAX,
        (Z,),
        [SOFTMAX.T + 0.1, SOFTMAX.reshape(4, 6), SOFTMAX * 2],
    ),
    "wrong_axis": (
        np.exp(Z) / np.exp(Z).sum(axis=0),
        SOFTMAX,
        (Z,),
        [SOFTMAX * 1.1, np.abs(Z), SOFTMAX[::-1], SOFTMAX.T],
    ),
    "bias_shape": (B[None, :], B, (), [B[None, :] * 2, B[:3], B + 1, B[::-1]]),
    "global_random": (
        rng.permutation(INDICES),
        INDICES,
        (),
        [INDICES + 1, INDICES[:-1], INDICES * 2, {"order": INDICES, "np_random_used": False}],
    ),
    "cost_formula": (
        np.sqrt(2 * COSTS),
        COSTS,
        (),
        [COSTS * 1.3, COSTS + 1, COSTS * M, COSTS[::-1]],
    ),
    "loss_after_update": (
        np.r_[COSTS[1:], 0.05],
        COSTS,
        (),
        [COSTS[::-1], COSTS * 2, COSTS + 0.01, np.roll(COSTS, 3)],
    ),
    "off_by_one_steps": (
        np.r_[HISTORY, HISTORY[-1:] * 0.8],
        HISTORY,
        (),
        [HISTORY[:8], HISTORY + 0.1, HISTORY[::-1], np.r_[HISTORY[1:], HISTORY[-1:] * 0.8] * 2],
    ),
    "percent_vs_fraction": (87.0, 0.87, (), [0.88, 86.0, 8.7 + 0.01, -0.87]),
    "state_not_reset": (
        np.r_[COSTS, COSTS],
        COSTS,
        (),
        [np.r_[COSTS + 1, COSTS + 2], COSTS[:6], COSTS * 2, np.r_[COSTS, COSTS[:-1]]],
    ),
    "list_not_array": (list(COSTS), COSTS, (), [list(COSTS + 1), COSTS + 1, tuple(COSTS[:-1])]),
    "schedule_ignored": (
        np.full(6, SCHEDULE[0]),
        SCHEDULE,
        (),
        [np.full(6, 0.2), SCHEDULE * 2, SCHEDULE[::-1]],
    ),
    "exp_overflow": (
        np.array([[np.nan] * 3, [0.09, 0.24, 0.67]]),
        np.array([[0.09, 0.24, 0.67], [0.09, 0.24, 0.67]]),
        (BIG,),
        [np.array([[0.09, 0.24, 0.67], [np.nan] * 3]), np.full((2, 3), 1 / 3), np.zeros((2, 3))],
    ),
}

DETECTED = sorted(m.id for m in mc.CATALOGUE.values() if m.detect is not None)


def test_every_detector_has_its_synthetic_cases():
    assert set(CASES) == set(DETECTED)


@pytest.mark.parametrize("mid", DETECTED)
def test_a_detector_fires_on_its_misconception(mid):
    wrong, want, inputs, _ = CASES[mid]
    assert mc.CATALOGUE[mid].detect(wrong, want, inputs)


@pytest.mark.parametrize("mid", DETECTED)
def test_a_detector_stays_quiet_on_the_reference_value(mid):
    _, want, inputs, _ = CASES[mid]
    assert not mc.CATALOGUE[mid].detect(want, want, inputs)


@pytest.mark.parametrize("mid", DETECTED)
def test_a_detector_stays_quiet_on_unrelated_wrong_values(mid):
    _, want, inputs, unrelated = CASES[mid]
    fired = [i for i, other in enumerate(unrelated) if mc.CATALOGUE[mid].detect(other, want, inputs)]
    assert fired == []


@pytest.mark.parametrize("mid", DETECTED)
def test_a_detector_stays_quiet_on_every_other_misconceptions_example(mid):
    """No detector names another misconception's synthetic mistake (where the two relations
    cannot both hold: listed pairs are the same mistake seen two ways)."""
    overlap = {
        ("loss_after_update", "off_by_one_steps"),  # a history one step late is one entry off too
        # ×100 without inputs to tell a batch of 100 from a percentage: a case names one of them
        ("not_divided_by_m", "percent_vs_fraction"),
    }
    fired = []
    for other, (wrong, want, inputs, _) in CASES.items():
        if other != mid and (mid, other) not in overlap and mc.CATALOGUE[mid].detect(wrong, want, inputs):
            fired.append(other)
    assert fired == []


def test_a_part_of_a_value_shows_a_misconception_the_whole_does_not():
    want = {"W1": W_RIGHT, "cost": COSTS}
    got = {"W1": W0 - 0.1 * G, "cost": COSTS}
    assert mc.CATALOGUE["not_divided_by_m"].detect(got, want, (W0, X))
    assert not mc.CATALOGUE["update_sign"].detect(got, want, (W0, X))


def test_a_generator_probe_names_the_global_generator():
    want = {"order": INDICES, "np_random_used": False}
    assert mc.CATALOGUE["global_random"].detect({"order": INDICES, "np_random_used": True}, want, ())
    assert not mc.CATALOGUE["global_random"].detect(dict(want), want, ())


def test_scaling_by_a_count_needs_a_count_of_the_inputs_when_there_are_inputs():
    # ×7 when the inputs have no axis of length 7 is not a missing division by m
    assert not mc.CATALOGUE["not_divided_by_m"].detect(W0 - 0.7 * G / M, W_RIGHT, (W0, X))
    assert mc.CATALOGUE["not_divided_by_m"].detect(W0 - 0.1 * G * 4 / M, W_RIGHT, (W0, X))  # 4 = n_x


# ---- resolution: a case names a catalogue id ----------------------------------------------------


def _suite_with(hints, name="uses_catalogue"):
    return [_case(hints, name=name)]


def test_a_catalogue_id_resolves_to_the_catalogue_hint():
    (case,) = resolve_hints("loss_functions", _suite_with(["not_divided_by_m"]))
    (hint,) = case.hints
    assert hint == mc.hint("not_divided_by_m") and hint.detect is not None
    assert hint.ko.startswith(mc.CATALOGUE["not_divided_by_m"].ko)


def test_a_suites_own_hint_of_that_id_wins_and_an_unknown_id_is_an_error():
    own = Hint("update_sign", "자체", "own", when=lambda got, want: True)
    first, second = _suite_with([own], "declares")[0], _suite_with(["update_sign"])[0]
    resolved = resolve_hints("loss_functions", [first, second])
    assert resolved[1].hints == (own,)
    with pytest.raises(UserError, match="no_such_misconception"):
        resolve_hints("loss_functions", _suite_with(["no_such_misconception"]))


# ---- the judge: detectors with inputs, only_on, near zero, nan, dtype ---------------------------


def scenario(m, ctx):
    return 0


def _case(hints=(), rules=(), name="step[small]", atol=1e-9):
    suite = Suite("loss_functions", hidden=True)
    suite.case("1.1", hints=hints, rules=rules, atol=atol, run=scenario)
    return dataclasses.replace(suite.cases[0], name=name)


def _records(*args):
    return ({"after": wire.to_plain([snapshot(a) for a in args])},)


def _judge(case, value, expected, originals=None, mistakes=None):
    outcome = Outcome("ok", value, calls=originals or ())
    return judge_case(case, outcome, expected, "f", mistakes, originals=originals)


def test_the_judge_gives_a_catalogue_hint_from_the_inputs_of_the_reference_run():
    case = resolve_hints("loss_functions", [_case(["not_divided_by_m", "update_sign"])])[0]
    originals = _records(W0, X, G)
    fired = _judge(case, W0 - 0.1 * G, W_RIGHT, originals)
    assert fired.status == "failed" and [h for h, _ in fired.hints] == ["not_divided_by_m"]
    ascent = _judge(case, W0 + 0.1 * G / M, W_RIGHT, originals)
    assert [h for h, _ in ascent.hints] == ["update_sign"]
    assert _judge(case, W_RIGHT + 1e-3, W_RIGHT, originals).hints == ()
    assert _judge(case, W_RIGHT, W_RIGHT, originals).status == "passed"


def test_a_hint_about_backprop_fires_only_on_a_backprop_case():
    about_backprop = Hint(
        "new_mask", "역전파", "backprop", when=lambda got, want: True, only_on=("backprop*",)
    )
    forward = _case([about_backprop], name="forpass[train]")
    backward = _case([about_backprop], name="backprop_step[train]")
    assert _judge(forward, 1.0, 2.0).hints == ()
    assert [h for h, _ in _judge(backward, 1.0, 2.0).hints] == ["new_mask"]


def _mistake(mid="tiny_h"):
    return Mistake(mid, Msg("h가 너무 작음", "h is tiny"), ("*",), False, "", Path(f"{mid}.py"))


def test_a_mistake_that_returns_zero_does_not_match_a_tiny_nonzero_result():
    """numerical_diff with ``/ 2*h`` gives f'·h² (2e-11 for f' = 2e-3): not tiny h's 0."""
    case = _case(name="diff[small]")
    mistakes = {"tiny_h": (_mistake(), Outcome("ok", 0.0))}
    assert _judge(case, 2e-11, 2e-3, mistakes=mistakes).hints == ()
    assert [h for h, _ in _judge(case, 0.0, 2e-3, mistakes=mistakes).hints] == ["tiny_h"]
    # the criterion is relative to the expected magnitude
    assert near_zero_atol(1e-9, 2e-3, 0.0) == pytest.approx(2e-12)
    assert near_zero_atol(1e-9, 1e6) == 1e-9


def test_nan_is_told_apart_as_overflow_or_zero_over_zero():
    want = np.full((2, 3), 1 / 3)
    overflow = nonfinite_cause(np.array([[np.nan] * 3, [1 / 3] * 3]), want, (BIG,))
    underflow = nonfinite_cause(np.array([[1 / 3] * 3, [np.nan] * 3]), want, (BIG,))
    assert "overflow" in overflow.en and "0/0" in underflow.en
    assert "overflow" in nonfinite_cause(np.array([np.inf, 0.0]), np.zeros(2)).en
    assert (
        nonfinite_cause(want, want) is None
        and nonfinite_cause(np.array([np.nan]), np.array([np.nan])) is None
    )
    judged = _judge(_case(), np.array([[1 / 3] * 3, [np.nan] * 3]), want, _records(BIG))
    assert "0/0" in judged.message.en and "0/0" in judged.message.ko


def test_bool_elements_equal_to_the_expected_floats_pass_unless_a_rule_states_the_dtype():
    z = np.array([-1.0, 0.0, 2.0])
    relu_d = z > 0
    expected = (z > 0).astype(float)
    assert _judge(_case(), relu_d, expected).status == "passed"
    assert _judge(_case(), z < 0, expected).status == "failed"
    stated = _judge(_case(rules=["float_result"]), relu_d, expected)
    assert stated.status == "failed" and "bool elements" in stated.message.en


def test_a_mistake_showing_a_detected_misconception_is_named_by_the_relation_not_by_equality():
    case = resolve_hints("loss_functions", [_case(["percent_vs_fraction"], name="accuracy[small]")])[0]
    odd = Mistake(
        "accuracy_percent", Msg("퍼센트", "percent"), ("*",), False, "", Path("m.py"), "percent_vs_fraction"
    )
    mistakes = {odd.id: (odd, Outcome("ok", 42.0))}
    # the same output as the variant, but not a percentage of the fraction: no hint
    assert _judge(case, 42.0, 0.87, mistakes=mistakes).hints == ()
    # a percentage: named by the relation, whatever the variant returned
    assert [h for h, _ in _judge(case, 87.0, 0.87, mistakes=mistakes).hints] == ["percent_vs_fraction"]


def test_a_nan_in_one_entry_of_a_dict_is_explained_too():
    want = {"W1": np.ones(2), "cost": [0.5, 0.25]}
    assert "0/0" in nonfinite_cause({"W1": np.ones(2), "cost": [0.5, float("nan")]}, want).en
    assert nonfinite_cause({"W1": np.ones(2) * 2, "cost": [0.5, 0.25]}, want) is None


def test_an_arithmetic_exception_says_whether_it_is_an_overflow_or_a_division_by_zero():
    def raised(kind):
        outcome = Outcome("error", error={"type": kind, "message": "boom"})
        return judge_case(_case(), outcome, 1.0, "f").message

    assert "overflow" in raised("OverflowError").en and "오버플로" in raised("OverflowError").ko
    assert "division by zero" in raised("ZeroDivisionError").en
    assert "overflow" not in raised("ValueError").en
