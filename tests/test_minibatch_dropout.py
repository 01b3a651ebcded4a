"""Exercises 4 (minibatch_fit) and 5 (dropout): what the student's self-check says, and the
statistical check of inverted dropout. Grading against the mistakes is covered by validate."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.exercises import get_exercise
from autograder.runtime.spec import Msg

# (exercise, mistake, the public case whose self-check must name it [, the hint's id if not the mistake's])
SELF_CHECK_HINTS = [
    ("minibatch_fit", "hidden_error_shortcut", "bgd_small"),
    ("minibatch_fit", "hidden_error_shortcut", "minibatch_small"),
    ("minibatch_fit", "targets_001_099", "sgd_small"),
    ("minibatch_fit", "dropped_last_batch", "minibatch_small_cost"),
    ("minibatch_fit", "cost_lecture_formula", "bgd_small_cost", "cost_formula"),
    ("minibatch_fit", "cost_lecture_formula", "sgd_small_cost", "cost_formula"),
    ("minibatch_fit", "cost_lecture_formula", "minibatch_small_cost", "cost_formula"),
    ("minibatch_fit", "schedule_divides_by_epochs", "learning_rate_five_epochs", "schedule_end"),
    ("dropout", "drop_ratio_division", "forpass_small_train"),
    ("dropout", "no_scaling", "forpass_small_train"),
    ("dropout", "inverted_mask", "forpass_small_train"),
    ("dropout", "mask_not_stored", "forpass_small_train"),
    ("dropout", "dropout_at_test", "forpass_small_eval"),
    ("dropout", "new_mask_in_backward", "fit_small"),
    ("dropout", "backward_missing_scale", "fit_small"),
    ("dropout", "hidden_error_shortcut", "fit_small"),
]


@pytest.mark.parametrize("row", SELF_CHECK_HINTS, ids=lambda r: f"{r[0]}-{r[1]}-{r[2]}")
def test_self_check_names_the_known_mistake(self_check, row):
    exercise_id, mistake, case, hint = (*row, row[1])[:4]
    result = self_check(exercise_id, mistake)
    assert not result[case].passed
    assert hint in dict(result[case].hints)


def test_lecture_mistakes_are_flagged_as_such():
    lecture = {(e, m.id) for e in ("minibatch_fit", "dropout") for m in get_exercise(e).mistakes if m.lecture}
    assert lecture == {
        ("minibatch_fit", "hidden_error_shortcut"),
        ("minibatch_fit", "cost_lecture_formula"),
        ("dropout", "hidden_error_shortcut"),
        ("dropout", "drop_ratio_division"),
    }


def _statistics_check():
    from autograder.exercises import load_suite

    suite = load_suite(get_exercise("dropout").hidden_suite_path)
    return suite.by_name()["forpass_statistics[p02]"].check


def _activations(drop: float, scale: float, ratio: float = 0.2):
    """A1 of a training pass that drops the first ``drop`` of 10,000 units, kept ones × scale,
    beside the test pass's A1 (all 0.5), as the worker would return them."""
    test = np.full((100, 100), 0.5)
    train = test * scale
    train.flat[: int(drop * train.size)] = 0.0
    return {"train": {"A1": train}, "test": {"A1": test}, "dropout_ratio": ratio}


@pytest.mark.parametrize(
    ("drop", "scale", "ok"),
    [
        (0.2, 1.25, True),
        (0.205, 1.25, True),
        (0.8, 5.0, False),  # inverted mask
        (0.2, 1.0, False),  # no 1/(1 - p)
        (0.2, 5.0, False),  # divided by the drop ratio
    ],
)
def test_dropout_statistics_are_computed_in_the_parent_from_raw_activations(drop, scale, ok):
    got = _activations(drop, scale)
    message = _statistics_check()(got, _activations(0.2, 1.25))
    assert (message is None) == ok
    assert message is None or isinstance(message, Msg)


@pytest.mark.parametrize(
    "got",
    [
        None,
        {"train": {"returned": None}, "test": {"A1": np.ones((100, 100))}},
        {"train": {"A1": np.ones((3, 3))}, "test": {"A1": np.ones((100, 100))}},
        {"train": {"A1": "many"}, "test": {"A1": np.ones((100, 100))}},
        {"drop_fraction": 0.2, "mean_ratio": 1.0},  # the old worker-side statistics, forged
    ],
    ids=["none", "forpass_returned_none", "wrong_shape", "not_an_array", "forged_statistics"],
)
def test_dropout_statistics_refuse_values_of_the_wrong_form(got):
    message = _statistics_check()(got, _activations(0.2, 1.25))
    assert isinstance(message, Msg)


def test_dropout_statistics_read_the_ratio_from_the_reference_not_the_student():
    got = _activations(0.5, 2.0, ratio=0.5)  # right for 0.5, and claims 0.5
    assert isinstance(_statistics_check()(got, _activations(0.2, 1.25)), Msg)
