"""Messages in the student's terms: one bilingual load error, "not run" cases grouped, and a
wrong return shape named by what was returned (not the grader's own exception)."""

from __future__ import annotations

from autograder.engine.grade import check
from autograder.exercises import get_exercise
from autograder.report.feedback import check_report, feedback_markdown

SYNTAX_ERROR = "import numpy as np\n\n\ndef mean_squared_error(y, t)\n    return 0.5 * np.sum((y - t) ** 2)\n"


def test_a_syntax_error_is_one_bilingual_message_and_its_cases_say_not_run(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text(SYNTAX_ERROR, encoding="utf-8")
    ex = get_exercise("loss_functions")
    r = check(ex, path)
    text = check_report(ex, r)
    assert "broken.py 4번째 줄에서 파일을 불러오다 오류가 났습니다" in text
    assert "Loading broken.py, line 4 failed" in text and "SyntaxError" in text
    assert "no attribute" not in text
    assert {c.status for c in r.cases} == {"not_loaded"}
    assert text.count("Not run: the file did not load") == 1
    assert f"and {len(r.cases) - 1} more test(s) with the same message" in text
    assert feedback_markdown(ex, r).count("Not run: the file did not load") == 1


def test_an_error_after_the_functions_still_grades_what_was_defined(tmp_path):
    reference = get_exercise("loss_functions").reference_path.read_text(encoding="utf-8")
    path = tmp_path / "late_error.py"
    path.write_text(reference + "\nraise RuntimeError('oops')\n", encoding="utf-8")
    r = check(get_exercise("loss_functions"), path)
    assert r.score == r.max_score and r.load_errors


def test_a_wrong_return_shape_is_named_not_a_grader_exception(tmp_path):
    ex = get_exercise("numerical_gradient")
    source = ex.reference_path.read_text(encoding="utf-8")
    source += "\n\n_gd = gradient_descent\n\n\ndef gradient_descent(f, init_x, lr=0.01, step_num=100):\n"
    source += "    return _gd(f, init_x, lr, step_num)[0]\n"
    path = tmp_path / "returns_only_x.py"
    path.write_text(source, encoding="utf-8")
    text = check_report(ex, check(ex, path))
    assert "(x, x_history)" in text
    assert "too many values to unpack" not in text and "not enough values to unpack" not in text


def test_hidden_feedback_says_what_differs_but_not_the_expected_value(tmp_path):
    import dataclasses

    from autograder.discover.submissions import load_submission
    from autograder.engine.context import GradingContext
    from autograder.engine.grade import grade_submission

    ex = get_exercise("loss_functions")
    source = ex.reference_path.read_text(encoding="utf-8").replace("0.5 * np.sum", "0.25 * np.sum", 1)
    path = tmp_path / "quarter.py"
    path.write_text(source, encoding="utf-8")
    sub = load_submission("quarter", path, ex)
    hidden_of = {
        reveal: [
            c
            for c in grade_submission(GradingContext.build(ex, reveal=reveal), sub).cases
            if c.hidden and not c.passed
        ]  # fmt: skip
        for reveal in (False, True)
    }
    assert hidden_of[False] and all(", expected " not in c.message.en for c in hidden_of[False])
    assert all("기대값" not in c.message.ko for c in hidden_of[False])
    assert all("not the expected value" in c.message.en or "differ" in c.message.en for c in hidden_of[False])
    assert any(", expected " in c.message.en for c in hidden_of[True])
    public = [
        c for c in grade_submission(GradingContext.build(ex), sub).cases if not c.hidden and not c.passed
    ]
    assert any(", expected " in c.message.en for c in public), "public cases keep their expected values"
    assert dataclasses.replace(GradingContext.build(ex, reveal=True)).suite_key.endswith("+reveal")
