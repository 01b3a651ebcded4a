"""Exercises 0 (dict_homework) and 1 (loss_functions): precise hints (each mistake gets its own
and no other), empty answers earn nothing, and feedback in the student's terms. The checks every
exercise shares (rules, hints, scenarios, doing nothing, labelled sets) are in test_exercises.py."""

from __future__ import annotations

import ast

import pytest

from autograder.authoring.validate import do_nothing
from autograder.core import misconceptions
from autograder.exercises import get_exercise

EXERCISES = ["dict_homework", "loss_functions"]


def grade_source(grader, exercise_id: str, name: str, source: str):
    return grader(get_exercise(exercise_id))(name, source)


def fired(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in result.cases:
        for hint_id, _ in c.hints:
            out.setdefault(hint_id, []).append(c.name)
    return out


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_a_mistake_naming_a_hint_names_its_own_id(exercise_id):
    """Here a mistake's hint id is the mistake's, or a course-wide misconception's (the catalogue);
    test_exercises: and it says the same text."""
    ex = get_exercise(exercise_id)
    assert [
        m.id for m in ex.mistakes if m.hint_id not in ("", m.id) and not misconceptions.known(m.hint_id)
    ] == []
    assert any(m.hint_id for m in ex.mistakes)


#: dict_homework's empty answers, where zeros are none (validate, test_exercises: pass, an argument, zeros)
EMPTY = {"get_special_students": "return []", "word_index_count": "return {}, {}"}


def test_code_that_returns_empty_answers_scores_zero(grader):
    ex = get_exercise("dict_homework")
    source = do_nothing(ex.stub_path.read_text(encoding="utf-8"), "returns_zeros")
    for f in ast.parse(source).body:
        if isinstance(f, ast.FunctionDef) and f.name in EMPTY:  # redefined after the stub's
            source += f"\n\ndef {f.name}({ast.unparse(f.args)}):\n    {EMPTY[f.name]}\n"
    result = grader(ex)("does_nothing", source)
    assert result.score == 0, [c.name for c in result.cases if c.passed]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_each_mistake_gets_its_own_hint_and_no_other(grader, exercise_id):
    ex = get_exercise(exercise_id)
    reference = ex.reference_path.read_text(encoding="utf-8")
    for m in ex.mistakes:
        got = fired(grade_source(grader, exercise_id, m.id, f"{reference}\n\n{m.source}"))
        assert set(got) == {m.shown_as}, f"{m.id}: {got}"


# issue 12: the public self-check passed each of these; (exercise, mistake, public case)
SELF_CHECK_CATCHES = [
    ("loss_functions", "cee_no_batch_division", "cee_mean_onehot"),
    ("loss_functions", "softmax_whole_batch", "softmax_rows"),
    ("loss_functions", "cee_onehot_only", "cee_mean_labels"),
    ("loss_functions", "cee_labels_only", "cee_mean_onehot"),
    ("loss_functions", "cee_no_delta", "cee_zero_at_answer"),
    ("loss_functions", "softmax_no_max", "softmax_large_inputs"),
    ("dict_homework", "sorted_names", "special_dictionary_order"),
    ("dict_homework", "punctuation_to_space", "words_spacing_and_punctuation"),
]


@pytest.mark.parametrize("row", SELF_CHECK_CATCHES, ids=lambda r: f"{r[1]}-{r[2]}")
def test_the_self_check_fails_the_mistake_and_names_its_hint(self_check, row):
    exercise_id, mistake, case = row
    result = self_check(exercise_id, mistake)
    assert not result[case].passed
    hint = {m.id: m.shown_as for m in get_exercise(exercise_id).mistakes}[mistake]
    assert hint in dict(result[case].hints)  # the case's own hint: no mistake matching needed


def test_word_index_count_that_returns_one_dict_is_told_what_to_return(grader):
    source = get_exercise("dict_homework").reference_path.read_text(encoding="utf-8")
    source += "\n\ndef word_index_count(text):\n    return {}\n"
    result = {c.name: c for c in grade_source(grader, "dict_homework", "one_dict", source).cases}
    for name in ("words_lecture", "words[lecture]"):
        assert "must return (word_id, id_frequency)" in result[name].message.en
        assert "it returned dict" in result[name].message.en


def test_hidden_word_feedback_names_the_dictionary_but_not_the_expected_value(grader):
    source = get_exercise("dict_homework").reference_path.read_text(encoding="utf-8")
    source += "\n\ndef word_index_count(text):\n    w = {x: i for i, x in enumerate(text.lower().split())}\n"
    source += "    return w, {i: 1 for i in w.values()}\n"
    result = {c.name: c for c in grade_source(grader, "dict_homework", "wrong", source).cases}
    hidden = result["words[lecture]"].message.en
    # names the dictionary; never the reference's word ids (compare's missing keys: see the report)
    assert hidden.startswith("word_id") and "'apple': 0" not in hidden and "{" not in hidden


def test_a_softmax_that_changes_its_input_fails_both_unchanged_input_cases(grader):
    source = get_exercise("loss_functions").reference_path.read_text(encoding="utf-8")
    source += (
        "\n\ndef softmax(x):\n"
        "    x -= np.max(x, axis=-1, keepdims=True)\n"
        "    e = np.exp(x)\n"
        "    return e / np.sum(e, axis=-1, keepdims=True)\n"
    )
    result = {c.name: c for c in grade_source(grader, "loss_functions", "in_place", source).cases}
    assert not result["softmax_keeps_input"].passed and not result["softmax_leaves_input"].passed
    assert "modified its input" in result["softmax_keeps_input"].message.en
