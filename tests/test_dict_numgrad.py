"""Exercises 0 (dict_homework) and 2 (numerical_gradient): what the student's self-check says
about each known mistake, and the by-reference scenarios. Grading against the mistakes is
covered by validate."""

from __future__ import annotations

import pytest

from autograder.exercises import get_exercise

# (exercise, mistake, the public case whose self-check must name it)
SELF_CHECK_HINTS = [
    ("dict_homework", "greater_than_80", "special_lecture"),
    ("dict_homework", "returns_scores", "special_lecture"),
    ("dict_homework", "ids_from_set", "words_lecture"),
    ("dict_homework", "case_not_folded", "words_lecture"),
    ("dict_homework", "counts_by_word", "words_lecture"),
    ("dict_homework", "some_punctuation", "words_spacing_and_punctuation"),
    ("dict_homework", "split_on_space", "words_spacing_and_punctuation"),
    ("dict_homework", "split_on_space", "words_empty_text"),
    ("numerical_gradient", "forward_difference", "diff_lecture[x5]"),
    ("numerical_gradient", "forward_difference", "gradient_lecture[p34]"),
    ("numerical_gradient", "tiny_h", "diff_lecture[x10]"),
    ("numerical_gradient", "tiny_h", "gradient_lecture[p02]"),
    ("numerical_gradient", "integer_input", "gradient_integer_input"),
    ("numerical_gradient", "one_d_only", "gradient_2d"),
    ("numerical_gradient", "perturbs_copy", "gradient_simple_net"),
    ("numerical_gradient", "not_restored", "gradient_simple_net_restores"),
    ("numerical_gradient", "restore_by_arithmetic", "gradient_simple_net_restores"),
    ("numerical_gradient", "descent_sign", "descent_lecture"),
    ("numerical_gradient", "descent_sign", "descent_lr_too_small"),
    ("numerical_gradient", "history_alias", "descent_lecture"),
    ("numerical_gradient", "descent_changes_init_x", "descent_keeps_init_x"),
]


#: a mistake whose hint is a course-wide misconception (core/misconceptions.py) of another name
HINT_OF = {"descent_sign": "update_sign"}


@pytest.mark.parametrize("row", SELF_CHECK_HINTS, ids=lambda r: f"{r[0]}-{r[1]}-{r[2]}")
def test_self_check_names_the_known_mistake(self_check, row):
    exercise_id, mistake, case = row
    result = self_check(exercise_id, mistake)
    assert not result[case].passed
    assert HINT_OF.get(mistake, mistake) in dict(result[case].hints)


def test_perturbing_a_copy_gets_the_copy_hint_and_not_the_restore_hints(self_check):
    result = self_check("numerical_gradient", "perturbs_copy")
    hints = dict(result["gradient_simple_net"].hints)
    assert "perturbs_copy" in hints
    assert "not_restored" not in hints and "restore_by_arithmetic" not in hints
    # with an f that reads its argument, a copy gives the right gradient
    assert result["gradient_lecture[p34]"].passed and result["gradient_2d"].passed


def test_lecture_mistakes_are_flagged_as_such():
    lecture = {
        (e, m.id)
        for e in ("dict_homework", "numerical_gradient")
        for m in get_exercise(e).mistakes
        if m.lecture
    }
    assert lecture == {
        ("numerical_gradient", "integer_input"),
        ("numerical_gradient", "descent_changes_init_x"),
    }


def test_mutating_the_score_dict_is_reported_as_mutation(self_check):
    result = self_check("dict_homework", "deletes_low_scores")
    assert result["special_lecture"].passed  # it works on a throw-away copy
    assert not result["special_keeps_input"].passed
    assert "modified its input" in result["special_keeps_input"].message.en
