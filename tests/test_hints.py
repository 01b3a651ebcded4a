"""Feedback students can trust: the self-check gives grade's hints, and no hint misleads.

``python -m autograder hints`` grades every known mistake and every labelled wrong submission;
a hint that fires where its mistake is not made counts as wrong. The target is zero.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from autograder.authoring.hints import tally
from autograder.authoring.validate import as_submission
from autograder.engine.context import GradingContext
from autograder.engine.expected import PUBLIC_OUTCOMES, public_key
from autograder.engine.grade import grade_submission
from autograder.exercises import all_exercises

EXERCISES = list(all_exercises().values())
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_no_hint_fires_wrongly_on_mistakes_or_labelled_submissions(exercise):
    counts = tally(exercise)
    assert dict(counts.wrong) == {}, counts.wrong_where
    assert sum(counts.right.values()) > 0


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_stored_public_outcomes_are_current(exercise):
    """validate writes them; a stale file would make the self-check's hints differ from grade's."""
    data = json.loads(exercise.public_suite_path.with_name(PUBLIC_OUTCOMES).read_text(encoding="utf-8"))
    assert data["key"] == public_key(exercise)
    assert set(data["mistakes"]) == {m.id for m in exercise.mistakes}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_check_and_grade_give_the_same_hints_on_the_same_public_case(exercise):
    grade_ctx = GradingContext.build(exercise, hidden=True)
    check_ctx = GradingContext.build(exercise, hidden=False)
    assert check_ctx.expected is not None, "the self-check reads the stored public outcomes"
    reference = exercise.reference_path.read_text(encoding="utf-8")
    public = {c.name for c in check_ctx.cases}
    compared = 0
    for m in exercise.mistakes:
        sub = as_submission(m.id, f"{reference}\n\n{m.source}", exercise)
        graded = {c.name: c for c in grade_submission(grade_ctx, sub).cases if c.name in public}
        checked = {c.name: c for c in grade_submission(check_ctx, sub).cases}
        for name in public:
            assert (checked[name].status, checked[name].hints) == (graded[name].status, graded[name].hints), (
                m.id,
                name,
            )
            compared += bool(graded[name].hints)
    assert compared > 0


def test_the_self_check_without_stored_outcomes_still_runs_but_names_no_mistake(tmp_path):
    exercise = next(e for e in EXERCISES if e.id == "loss_functions")
    ctx = dataclasses.replace(GradingContext.build(exercise, hidden=False), expected=None)
    mistake = next(m for m in exercise.mistakes if m.id == "cee_no_batch_division")
    source = exercise.reference_path.read_text(encoding="utf-8") + "\n\n" + mistake.source
    result = grade_submission(ctx, as_submission("x", source, exercise))
    assert not all(c.passed for c in result.cases)
    assert all(mistake.id not in dict(c.hints) for c in result.cases if not c.hints)
