"""Exercises 4 (minibatch_fit) and 5 (dropout) after the trust-boundary split: no program sent to
a worker names the judges' helpers, and weights and cost_ are judged apart. The checks every
exercise shares (scenarios, programs, doing nothing, labelled sets) are in test_exercises.py."""

from __future__ import annotations

import re

import pytest

from autograder.exercises import get_exercise, load_suite

EXERCISES = ["minibatch_fit", "dropout"]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_no_program_sent_to_a_worker_names_the_judges_helpers(exercise_id):
    ex = get_exercise(exercise_id)
    for suite_path in (ex.hidden_suite_path, ex.public_suite_path):
        for case in load_suite(suite_path).cases:
            program = "\n".join(case.program)
            assert "_wrong_cost_formula" not in program and "dropout_statistics" not in program, case.name


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_weights_and_cost_are_separate_cases(exercise_id):
    ex = get_exercise(exercise_id)
    names = [c.name for p in (ex.public_suite_path, ex.hidden_suite_path) for c in load_suite(p).cases]
    cost_cases = [n for n in names if re.search(r"_cost(\[|$)", n)]
    assert len(cost_cases) >= 2
    assert all(f"{n}".startswith(("bgd", "sgd", "minibatch", "fit", "step")) for n in cost_cases)
