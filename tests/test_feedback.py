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
    assert "broken.py 4번째 줄에서 파일을 불러오는 중에 오류가 났습니다" in text
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


#: Reads the scenario program the worker received (up the call stack), prints it and raises it
#: back: compressed in one function, as it is in another, as "not attempted" in a third.
LEAKS_THE_SCENARIO = """
import base64, sys, zlib


def _received():
    frame = sys._getframe()
    while frame is not None:
        message = frame.f_locals.get("message")
        if isinstance(message, dict) and "program" in message:
            return message
        frame = frame.f_back
    return {"case": "?", "program": []}


def _leak():
    message = _received()
    program = "\\n".join(message["program"])
    print(f"PRINTED::{message['case']}::")
    print(program)
    return program


def mean_squared_error(y, t):
    raise ValueError(base64.b64encode(zlib.compress(_leak().encode())).decode())


def cross_entropy_error(y, t):
    raise ValueError(_leak())


def softmax(x):
    raise NotImplementedError(" ".join(_leak().split()))
"""


def _hidden_only_lines(exercise) -> set[str]:
    public = {
        line.strip() for c in exercise.cases(hidden=False) for s in c.program for line in s.splitlines()
    }
    return {
        line.strip()
        for c in exercise.cases(hidden=True)
        if c.hidden
        for s in c.program
        for line in s.splitlines()
        if len(line.strip()) >= 20 and line.strip() not in public
    }


def test_a_submission_that_leaks_the_scenario_gets_none_of_the_hidden_text_into_its_feedback(tmp_path):
    import base64
    import zlib

    from autograder.discover.submissions import load_submission
    from autograder.engine.context import GradingContext
    from autograder.engine.grade import grade_submission

    ex = get_exercise("loss_functions")
    path = tmp_path / "leaks_the_scenario.py"
    path.write_text(LEAKS_THE_SCENARIO, encoding="utf-8")
    r = grade_submission(GradingContext.build(ex), load_submission("leaks_the_scenario", path, ex))
    text = feedback_markdown(ex, r)
    secret = _hidden_only_lines(ex)
    assert secret, "the hidden suite has text of its own"
    assert [line for line in secret if line in text] == []
    hidden = [c for c in ex.cases(hidden=True) if c.hidden]
    for case in hidden:
        blob = base64.b64encode(zlib.compress("\n".join(case.program).encode())).decode()
        assert blob[:40] not in text
        assert f"PRINTED::{case.name}::" not in text  # nothing printed in a hidden case is kept
    # a hidden case's message: the exception type and at most one short line, with the student's line
    for c in r.cases:
        if c.hidden:
            assert c.status in ("error", "not_attempted")
            assert "\n" not in c.message.en and len(c.message.en) < 400
    assert any("Raised ValueError" in c.message.en and "line " in c.message.en for c in r.cases if c.hidden)
    # public cases keep more: their prints and messages are the student's to see
    public = next(c for c in ex.cases(hidden=False))
    assert f"PRINTED::{public.name}::" in text
    assert all(c.status == "error" for c in r.cases if not c.hidden and c.task == "1.2")


def test_a_hidden_message_is_one_line_of_at_most_200_characters_and_quotes_no_program():
    from autograder.core.results import Outcome
    from autograder.engine.judge import outcome_problem

    ex = get_exercise("loss_functions")
    hidden = next(c for c in ex.cases(hidden=True) if c.hidden)
    public = next(c for c in ex.cases(hidden=False))
    where = {"file": "loss_functions.py", "line": 7, "code": "raise ValueError(x)"}
    long = "shapes (3,4) and (4,3) do not line up " * 20 + "\nsecond line"
    error = Outcome("error", error={"type": "ValueError", "message": long, "where": where, "trace": ""})
    _, msg = outcome_problem(error, "mse", hidden, ex.limits)
    assert "second line" not in msg.en and "\n" not in msg.en
    assert "ValueError: shapes (3,4)" in msg.en and "loss_functions.py, line 7" in msg.en
    assert len(msg.en) < len("Raised ValueError: ") + 200 + 60
    _, full = outcome_problem(error, "mse", public, ex.limits)
    assert "second line" in full.en  # public cases keep the whole message
    program = "\n".join(hidden.program)
    quoting = Outcome("not_attempted", message=program[:150])
    _, msg = outcome_problem(quoting, "mse", hidden, ex.limits)
    assert program[:40] not in msg.en and "not shown" in msg.en


def test_an_error_place_outside_the_students_own_file_is_not_shown():
    from autograder.engine.run import clean_error

    sources = {"loss_functions.py": ["import numpy as np", "def f():", "    return 1 / 0"]}
    forged = {
        "type": "X",
        "message": "m",
        "trace": "",
        "where": {"file": "<scenario>", "line": 1, "code": "secret"},
    }
    assert clean_error(forged, sources=sources)["where"] is None
    own = {**forged, "where": {"file": "loss_functions.py", "line": 3, "code": "the scenario's text"}}
    assert clean_error(own, sources=sources)["where"] == {
        "file": "loss_functions.py",
        "line": 3,
        "code": "return 1 / 0",  # read from the file handed in, not from the worker
    }
