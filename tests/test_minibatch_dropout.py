"""Exercises 4 (minibatch_fit) and 5 (dropout): what the student's self-check says, and the
statistical check of inverted dropout. Grading against the mistakes is covered by validate."""

from __future__ import annotations

import pytest

from autograder.exercises import get_exercise
from autograder.pipeline import check
from autograder.spec import Msg

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
def test_self_check_names_the_known_mistake(row, tmp_path):
    exercise_id, mistake, case, hint = (*row, row[1])[:4]
    ex = get_exercise(exercise_id)
    source = ex.reference_path.read_text(encoding="utf-8")
    source += "\n\n" + (ex.mistakes_dir / f"{mistake}.py").read_text(encoding="utf-8")
    path = tmp_path / ex.filename
    path.write_text(source, encoding="utf-8")
    result = {c.name: c for c in check(ex, path).cases}
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


@pytest.mark.parametrize(
    ("got", "ok"),
    [
        ({"drop_fraction": 0.203, "mean_ratio": 1.01}, True),
        ({"drop_fraction": 0.8, "mean_ratio": 1.0}, False),  # inverted mask
        ({"drop_fraction": 0.2, "mean_ratio": 0.8}, False),  # no 1/(1 - p)
        ({"drop_fraction": 0.2, "mean_ratio": 4.0}, False),  # divided by the drop ratio
    ],
)
def test_dropout_statistics_check(got, ok):
    message = _statistics_check()(got, 0.2)
    assert (message is None) == ok
    assert message is None or isinstance(message, Msg)
