"""What a student reads from ``check``: verdicts streamed case by case, repeated messages grouped,
a public case's first printed lines, API slips named with their line, and a bilingual ``--help``."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from autograder.cli.commands import build_parser
from autograder.core.paths import ROOT
from autograder.core.results import CaseResult, Outcome, SubmissionResult
from autograder.engine.run import _outcome, clean_printed
from autograder.engine.slips import slip_message
from autograder.exercises import get_exercise
from autograder.report.console import CheckPrinter, mark
from autograder.runtime import wire
from autograder.runtime.spec import Msg
from autograder.runtime.worker import CaseOutput, student_error
from conftest import REFERENCE_LOSS, public_count

HANGUL = re.compile("[가-힣]")
LATIN = re.compile("[A-Za-z]{3,}")


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args], cwd=ROOT, capture_output=True, text=True
    )


WRONG = Msg("틀림", "wrong")


def result(name, status="failed", message=WRONG, hidden=False, task="1.1"):
    points = 1.0 if status == "passed" else 0.0
    return CaseResult(name, task, hidden, points, 1.0, status, message)


def printer(lang="both"):
    lines: list[str] = []
    p = CheckPrinter(get_exercise("loss_functions"), "loss_functions.py", lang, say=lines.append)
    return p, lines


def summary(cases):
    return SubmissionResult("s", "loss_functions", "f.py", "", "", 0.0, float(len(cases)), {}, tuple(cases))


# ---- printed output: bounded in the worker, checked again in the parent, shown for public cases


def test_the_worker_keeps_twenty_lines_and_counts_the_rest():
    kept = CaseOutput()
    for i in range(50):
        kept.add(f"line {i}\n")
    report = kept.report()
    assert report["text"].splitlines() == [f"line {i}" for i in range(wire.PRINTED_LINES)]
    assert report["lines"] == 50
    long = CaseOutput()
    long.add("x" * 10**6)  # one endless line: cut by characters, still one line
    assert len(long.report()["text"]) == wire.PRINTED_CHARS and long.report()["lines"] == 1


def test_the_parent_refuses_malformed_printed_output_and_cuts_it_again():
    assert clean_printed({"text": 3, "lines": 1}) is None
    assert clean_printed({"text": "a", "lines": -1}) is None
    assert clean_printed("a\nb") is None
    text, lines = clean_printed({"text": "a\n" * 500, "lines": 2})  # a worker that lies about both
    assert text.count("\n") == wire.PRINTED_LINES and lines == 500
    forged = {"status": "ok", "value": 1, "calls": [], "printed": {"text": [], "lines": 0}}
    assert _outcome(forged, 0.1).status == "protocol"


def test_a_hidden_case_keeps_no_printed_output():
    msg = {"status": "ok", "value": 1, "calls": [], "printed": {"text": "secret\n", "lines": 1}}
    assert _outcome(msg, 0.1).printed == "secret\n"
    assert _outcome(msg, 0.1, hidden=True).printed == ""
    p, lines = printer()
    shown = Outcome("ok", printed="secret\n", printed_lines=1)
    p(result("h", "passed", hidden=True), shown, [])
    assert not any("secret" in line for line in lines)


def test_check_shows_twenty_printed_lines_and_says_how_many_were_cut():
    p, lines = printer("en")
    text = "".join(f"debug {i}\n" for i in range(wire.PRINTED_LINES))
    p(result("mse", "passed"), Outcome("ok", printed=text, printed_lines=50), [])
    shown = [line for line in lines if "│ debug" in line]
    assert len(shown) == wire.PRINTED_LINES and "debug 19" in shown[-1]
    assert any("30 more lines (cut)" in line for line in lines)
    ko, lines_ko = printer("ko")
    ko(result("mse", "passed"), Outcome("ok", printed="x\n", printed_lines=1), [])
    assert any("출력한" in line for line in lines_ko) and not any("cut" in line for line in lines_ko)


# ---- verdicts: bilingual marks, one message per distinct failure, the repeats listed once


def test_marks_are_bilingual_and_follow_lang():
    assert (
        mark("passed") == "[통과 PASS]"
        and mark("failed", "en") == "[FAIL]"
        and mark("not_run", "ko") == "[건너뜀]"
    )


def test_a_message_repeated_in_many_cases_is_printed_once_then_listed_with_its_count():
    p, lines = printer("en")
    timeout = [
        result(
            f"case{i}", "timeout", Msg(f"테스트 case{i}에서 10초", f"ran longer than 10 s in test case{i}")
        )
        for i in range(14)
    ]
    for r in timeout:
        p(r, Outcome("timeout"), [])
    p.finish(summary(timeout))
    text = "\n".join(lines)
    assert text.count("ran longer than 10 s in test") == 2  # under the first case, and in the list
    assert "(×14: case0, case1" in text and "…" in text
    assert sum("same message as case0" in line for line in lines) == 13


def test_different_messages_are_not_grouped():
    p, lines = printer("en")
    cases = [result("a", message=Msg("가", "one")), result("b", message=Msg("나", "two"))]
    for r in cases:
        p(r, Outcome("ok"), [])
    p.finish(summary(cases))
    assert "same message" not in "\n".join(lines) and "×" not in "\n".join(lines)


def test_check_streams_each_verdict_while_the_next_case_runs(monkeypatch, tmp_path):
    """Each verdict is out before the case after next is sent: judged while the worker runs the
    next one (the parent's judging overlaps the worker's run), never all at the end."""
    from autograder.engine.grade import check
    from autograder.sandbox import pool

    events = []
    send = pool.Worker.send

    def logged(self, message, deadline):
        if "case" in message:
            events.append(("sent", message["case"]))
        return send(self, message, deadline)

    monkeypatch.setattr(pool.Worker, "send", logged)
    good = tmp_path / "loss_functions.py"
    good.write_text(REFERENCE_LOSS, encoding="utf-8")
    done = check(
        get_exercise("loss_functions"), good, watch=lambda r, o, e: events.append(("judged", r.name))
    )
    names = [c.name for c in done.cases]
    assert [e for e in events if e[0] == "judged"] == [("judged", n) for n in names]
    for earlier, after_next in zip(names, names[2:]):
        assert events.index(("judged", earlier)) < events.index(("sent", after_next))


# ---- API slips


def _fit_case():
    return next(c for c in get_exercise("minibatch_fit").cases(hidden=False) if c.name == "sgd_small")


def _surfaced_at_fit(case):
    """The scenario frames the worker reports when ``fit`` returned None: weights(net), then the case."""
    entry = next(s for s in case.program if s.startswith(f"def {case.scenario.__name__}("))
    line = next(i for i, text in enumerate(entry.splitlines(), 1) if ".fit(" in text)
    return [{"function": "weights", "line": 2}, {"function": case.scenario.__name__, "line": line}]


SOURCE = """class MnistBGD:
    def fit(self, X, y):
        return self


class MnistSGD:
    def fit(self, X, y):
        self.W1 = X
"""


def test_fit_returning_none_is_named_with_the_students_line():
    case = _fit_case()
    error = {"type": "AttributeError", "message": "'NoneType' object has no attribute 'W1'", "where": None,
             "trace": "", "surfaced": _surfaced_at_fit(case)}  # fmt: skip
    slip = slip_message(Outcome("error", error=error), case, {"minibatch.py": SOURCE.splitlines()})
    assert slip is not None
    assert "fit returned None" in slip.en and "return self" in slip.en and "line 7" in slip.en  # MnistSGD's
    assert "fit이 None을 돌려주었습니다" in slip.ko and "7번째 줄" in slip.ko
    assert slip_message(Outcome("error", error=error), case) is not None  # no file: still named


@pytest.mark.parametrize(
    "error",
    [
        {"type": "ValueError", "message": "shapes (3,4) and (2,3) not aligned", "where": None},
        {"type": "AttributeError", "message": "'MnistSGD' object has no attribute 'W3'", "where": None},
        {"type": "AttributeError", "message": "'NoneType' object has no attribute 'W1'", "where": None},
    ],
)
def test_other_errors_are_not_slips(error):
    # the last: no frame of the scenario tells which function gave the None, so nothing is guessed
    assert slip_message(Outcome("error", error={**error, "trace": ""}), _fit_case()) is None
    assert slip_message(Outcome("ok", 1.0), _fit_case()) is None


def test_the_call_that_gave_the_none_is_named_not_the_last_one_on_the_line():
    from types import SimpleNamespace

    program = ("def scenario(m, ctx):\n    net = m.Net()\n    return net.forward(X).dot(W)\n",)
    case = SimpleNamespace(program=program)  # all a slip reads of a case
    error = {"type": "AttributeError", "message": "'NoneType' object has no attribute 'dot'", "where": None,
             "trace": "", "surfaced": [{"function": "scenario", "line": 3}]}  # fmt: skip
    theirs = {"net.py": ["class Net:", "    def forward(self, X):", "        self.A = X"]}
    slip = slip_message(Outcome("error", error=error), case, theirs)
    assert slip is not None and slip.en.startswith("forward returned None (net.py, line 2")
    assert "did you forget the `return` statement?" in slip.en
    # a name their file does not define is never blamed
    assert slip_message(Outcome("error", error=error), case, {"net.py": ["def other():", "    pass"]}) is None


def test_a_none_used_inside_the_students_code_points_at_their_line():
    where = {"file": "minibatch.py", "line": 12, "code": "Z = self.forpass(X) @ W"}
    error = {"type": "TypeError", "message": "unsupported operand type(s) for @: 'NoneType' and 'float'",
             "where": where, "trace": ""}  # fmt: skip
    slip = slip_message(Outcome("error", error=error), _fit_case())
    assert slip is not None and "minibatch.py, line 12" in slip.en and "`return`" in slip.en


def test_the_worker_reports_the_scenario_frames_an_exception_surfaced_in():
    namespace: dict = {}
    exec(compile("def scenario(net):\n    return net.W1\n", "<scenario abc>", "exec"), namespace)
    try:
        namespace["scenario"](None)
    except AttributeError as exc:
        report = student_error(exc, {"minibatch.py"})
    assert report["where"] is None and report["surfaced"] == [{"function": "scenario", "line": 2}]


def test_check_names_fit_returning_none_end_to_end(tmp_path):
    source = get_exercise("minibatch_fit").reference_path.read_text(encoding="utf-8")
    wrong = tmp_path / "minibatch.py"
    wrong.write_text(source.replace("        return self\n", "        pass\n"), encoding="utf-8")
    out = cli("check", "minibatch_fit", str(wrong)).stdout
    assert "fit returned None (minibatch.py, line" in out and "did you forget `return self`?" in out
    assert "fit이 None을 돌려주었습니다" in out and "[실패 FAIL] 4.2 bgd_small" in out
    right = tmp_path / "right" / "minibatch.py"
    right.parent.mkdir()
    right.write_text(source, encoding="utf-8")
    assert "returned None" not in cli("check", "minibatch_fit", str(right)).stdout


def test_check_of_a_printing_and_looping_submission(tmp_path):
    """50 printed lines per case show as 20 and a cut note; the looping task's skipped cases
    share one message, printed once and listed with its count."""
    source = REFERENCE_LOSS.replace(
        "def mean_squared_error(y, t):\n",
        "def mean_squared_error(y, t):\n    for i in range(50):\n        print(i)\n",
    ).replace("def softmax(x):\n", "def softmax(x):\n    while True:\n        pass\n")
    sub = tmp_path / "loss_functions.py"
    sub.write_text(source, encoding="utf-8")
    out = cli("--lang", "en", "check", "loss_functions", str(sub)).stdout
    assert out.count("… 30 more lines (cut)") == 3  # the three mse cases
    assert "│ 19" in out and "│ 20" not in out
    # in full under the first skipped case, then recalled once in the list of repeated messages
    n, loops = public_count("loss_functions"), public_count("loss_functions", "1.3")
    skipped = loops - 1  # softmax's first case runs out of time; the rest of task 1.3 is not run
    assert out.count("Not run: the task timed out") == 2 and f"(×{skipped}: softmax_large_inputs" in out
    assert out.count("same message as softmax_large_inputs") == skipped - 1
    assert "ran longer than" in out and f"{n - loops}/{n} public tests passed" in out


# ---- --help in both languages


@pytest.mark.parametrize("student", [False, True])
def test_every_help_is_korean_and_english(student):
    parser = build_parser(student=student)
    commands = next(a for a in parser._actions if a.dest == "command")
    pages = {"": parser.format_help()}
    for name, sub in commands.choices.items():
        if student and name not in ("check", "list"):
            continue
        pages[name] = sub.format_help()
        for action in sub._actions:
            assert action.help and HANGUL.search(action.help) and LATIN.search(action.help), (
                name,
                action.dest,
            )
        assert sub.description and HANGUL.search(sub.description), name
    for name, page in pages.items():
        assert "사용법 · usage" in page and "옵션 · options" in page, name


def test_argparse_errors_are_bilingual():
    done = cli("check")
    assert done.returncode == 2 and "다음 인자가 필요합니다" in done.stderr and "required" in done.stderr
