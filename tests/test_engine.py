"""The grading engine on fixture submissions named by their behaviour (loss_functions)."""

from __future__ import annotations

import csv
import json

import pytest

from autograder.batch.folder import grade_folder
from autograder.core.errors import UserError
from conftest import REFERENCE_LOSS, notebook

MSE = "mse_"


def scores(results):
    return {r.student: r for r in results}


def task(result, task_id):
    return result.tasks[task_id][0]


def graded(loss_ex, make_class, tmp_path, files):
    out = tmp_path / "out"
    results = grade_folder(loss_ex, make_class(files), out, jobs=2, progress=False)
    return scores(results), out


def test_reference_full_and_stub_zero(loss_ex, make_class, tmp_path):
    stub = loss_ex.stub_path.read_text(encoding="utf-8")
    by, out = graded(
        loss_ex, make_class, tmp_path, {"passes_all.py": REFERENCE_LOSS, "untouched_stub.py": stub}
    )
    assert by["passes_all"].score == by["passes_all"].max_score > 0
    assert by["untouched_stub"].score == 0
    assert {c.status for c in by["untouched_stub"].cases} == {"not_attempted"}


def test_wrong_answer_fails_with_named_hint(loss_ex, make_class, tmp_path):
    wrong = REFERENCE_LOSS.replace("0.5 * np.sum((y - t) ** 2)", "np.mean((y - t) ** 2)")
    by, _ = graded(loss_ex, make_class, tmp_path, {"mse_mean.py": wrong})
    r = by["mse_mean"]
    failed = [c for c in r.cases if not c.passed]
    assert failed and all(c.name.startswith(MSE) for c in failed)
    assert task(r, "1.1") == 0 and task(r, "1.2") == r.tasks["1.2"][1]
    assert all("cost_formula" in dict(c.hints) for c in failed)  # the catalogue's: ½·Σ, not the mean


def test_crash_in_one_case_costs_only_that_task(loss_ex, make_class, tmp_path):
    crashing = REFERENCE_LOSS + "\n\ndef softmax(x):\n    raise ValueError('boom')\n"
    by, _ = graded(loss_ex, make_class, tmp_path, {"softmax_raises.py": crashing})
    r = by["softmax_raises"]
    assert task(r, "1.3") == 0
    assert r.score == r.max_score - r.tasks["1.3"][1]
    soft = [c for c in r.cases if c.task == "1.3"]
    assert all(c.status == "error" and "ValueError: boom" in c.message.en for c in soft)
    assert "line" in soft[0].message.en  # the student's own line is named


LOOPING_MSE = REFERENCE_LOSS + "\n\ndef mean_squared_error(y, t):\n    while True:\n        pass\n"


def test_a_looping_task_costs_one_case_and_its_other_cases_are_not_run(loss_ex, make_class, tmp_path):
    by, out = graded(loss_ex, make_class, tmp_path, {"infinite_loop_in_mse.py": LOOPING_MSE})
    r = by["infinite_loop_in_mse"]
    mse = [c for c in r.cases if c.task == "1.1"]
    # one case spent its time; the rest of the task was not run (and spent none)
    assert [c.status for c in mse] == ["timeout"] + ["not_run"] * (len(mse) - 1)
    assert all(
        "Not run: the task timed out" in c.message.en and "실행하지 않음" in c.message.ko for c in mse[1:]
    )
    assert task(r, "1.1") == 0
    assert task(r, "1.2") == r.tasks["1.2"][1] and task(r, "1.3") == r.tasks["1.3"][1]
    assert r.limits_hit == ("case_timeout",)
    feedback = (out / "feedback" / "infinite_loop_in_mse.md").read_text(encoding="utf-8")
    assert "the rest of their task (not run)" in feedback


def test_the_task_after_a_looping_one_is_not_starved(loss_ex, make_class, tmp_path):
    """Issue 17: a loop in one function used the whole budget, so a correct neighbour lost points."""
    looping_everywhere_in_cee = REFERENCE_LOSS + (
        "\n\ndef cross_entropy_error(y, t):\n    while True:\n        pass\n"
        "\n\ndef mean_squared_error(y, t):\n    while True:\n        pass\n"
    )
    by, _ = graded(loss_ex, make_class, tmp_path, {"two_looping_tasks.py": looping_everywhere_in_cee})
    r = by["two_looping_tasks"]
    assert task(r, "1.3") == r.tasks["1.3"][1] > 0
    assert [c.status for c in r.cases if c.status == "timeout"] == ["timeout", "timeout"]


def test_a_regrade_of_some_tasks_gives_the_same_scores_as_the_full_run(loss_ex, make_class, tmp_path):
    """Issue 20: ``regrade --task 1.2`` changed a looping student's score 11 -> 20."""
    folder = make_class({"loops_in_mse.py": LOOPING_MSE, "passes_all.py": REFERENCE_LOSS})
    out = tmp_path / "out"
    full = scores(grade_folder(loss_ex, folder, out, jobs=2, progress=False))
    for tasks in ({"1.2"}, {"1.1"}, {"1.1", "1.3"}):
        again = scores(grade_folder(loss_ex, folder, out, jobs=2, progress=False, tasks=tasks))
        for student, r in full.items():
            assert again[student].score == r.score, (tasks, student)
            assert [(c.name, c.status, c.points) for c in again[student].cases] == [
                (c.name, c.status, c.points) for c in r.cases
            ], (tasks, student)


def test_task_shares_come_from_the_whole_case_list_and_cover_each_tasks_longest_case():
    from autograder.engine.run import task_shares
    from autograder.exercises import Limits
    from autograder.runtime.spec import Case

    def case(name, task, timeout=None):
        return Case(name, task, 1.0, False, print, timeout=timeout)

    cases = [case("a1", "1"), case("a2", "1"), case("a3", "1"), case("b1", "2", timeout=25), case("c1", "3")]
    limits = Limits(case_timeout=5, load_timeout=10, submission_timeout=40)
    shares = task_shares(cases, limits)
    # 30 s after loading, split 15 : 25 : 5; no share below its task's longest case limit
    assert shares == {"1": 10.0, "2": 25.0, "3": 5.0}
    assert task_shares([c for c in cases if c.task == "1"], limits)["1"] == 30.0  # why grade passes all cases


def test_a_task_that_ran_out_of_its_share_runs_no_more_cases():
    from autograder.engine.run import _TaskClock
    from autograder.exercises import Limits
    from autograder.runtime.spec import Case

    limits = Limits(case_timeout=5)
    clock = _TaskClock({"1": 6.0, "2": 6.0})
    first = Case("a1", "1", 1.0, False, print)
    clock.deadline(first, limits)
    assert not clock.by_share  # 6 s left: the case's own 5 s limit comes first
    clock.spent["1"] = 4.0
    clock.deadline(first, limits)
    assert clock.by_share  # 2 s left of the share
    clock._add("1", 2.5)
    assert clock.stopped("1") and not clock.stopped("2")
    assert clock.ended == {"1": "task_timeout"}
    clock.blame = "2"
    clock.charge_load(7.0)  # a new worker's load after task 2 killed the last one
    assert clock.stopped("2") and clock.blame is None
    clock.stop("2", "case_timeout")  # a case of it timed out: that is the reason given
    assert clock.ended == {"1": "task_timeout", "2": "case_timeout"}


@pytest.mark.parametrize(
    "name,body,status",
    [
        ("sys_exit_in_call", "import sys\n    sys.exit(0)", "error"),
        ("raises_system_exit_in_call", "raise SystemExit(0)", "error"),
        ("os_exit_in_call", "import os\n    os._exit(0)", "crashed"),
        ("keyboard_interrupt_in_call", "raise KeyboardInterrupt", "error"),
    ],
)
def test_exiting_inside_student_code_gives_no_points(loss_ex, make_class, tmp_path, name, body, status):
    import dataclasses

    from autograder.exercises import Limits

    src = REFERENCE_LOSS + f"\n\ndef cross_entropy_error(y, t):\n    {body}\n"
    # a new worker after each crash is paid from the task's share: give it room for 15 of them
    roomy = dataclasses.replace(
        loss_ex, limits=Limits(case_timeout=1, load_timeout=4, submission_timeout=120)
    )
    by, _ = graded(roomy, make_class, tmp_path, {f"{name}.py": src})
    r = by[name]
    cee = [c for c in r.cases if c.task == "1.2"]
    assert {c.status for c in cee} == {status}
    assert task(r, "1.2") == 0
    assert r.score == r.max_score - r.tasks["1.2"][1]


@pytest.mark.parametrize("code", ["import os\nos._exit(0)\n", "import sys\nsys.exit(0)\n"])
def test_exit_at_import_scores_what_was_defined_before(loss_ex, make_class, tmp_path, code):
    mse_only = "import numpy as np\n\ndef mean_squared_error(y, t):\n    return 0.5 * np.sum((y - t) ** 2)\n"
    by, _ = graded(loss_ex, make_class, tmp_path, {"exits_at_import.py": mse_only + code})
    r = by["exits_at_import"]
    if "_exit" in code:  # the process is gone: nothing can be graded
        assert r.score == 0
    else:  # SystemExit is an exception: what was defined before it is graded
        assert task(r, "1.1") == r.tasks["1.1"][1] and r.score == task(r, "1.1")
        assert r.load_errors[0]["type"] == "SystemExit"


def test_every_submission_gets_a_gradebook_row(loss_ex, make_class, tmp_path):
    files = {
        "좋은 학생.py": REFERENCE_LOSS,
        "syntax_error.py": "def f(:\n",
        "empty.py": "",
        "not_utf8.py": b"\xff\xfe\x00garbage\x80\x81",
        "folder_without_file": {"notes.txt": "hello"},
        "folder_student": {"loss_functions.py": REFERENCE_LOSS},
        "broken_notebook.ipynb": "{not json",
    }
    by, out = graded(loss_ex, make_class, tmp_path, files)
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        rows = {row["student"]: row for row in csv.DictReader(f)}
    expected_students = {
        "좋은 학생",
        "syntax_error",
        "empty",
        "not_utf8",
        "folder_without_file",
        "folder_student",
        "broken_notebook",
    }
    assert set(rows) == expected_students
    assert float(rows["좋은 학생"]["score"]) == by["좋은 학생"].max_score
    assert float(rows["folder_student"]["score"]) == by["folder_student"].max_score
    for student in expected_students - {"좋은 학생", "folder_student"}:
        assert float(rows[student]["score"]) == 0, student
    assert "empty" in by["empty"].problem.en
    assert "UTF-8" in by["not_utf8"].problem.en or by["not_utf8"].warnings
    assert by["syntax_error"].load_errors[0]["type"] == "SyntaxError"
    for student in expected_students:
        assert (out / "feedback" / f"{student}.md").is_file()
        assert (
            json.loads((out / "results" / f"{student}.json").read_text(encoding="utf-8"))["student"]
            == student
        )


def test_notebook_magics_dropped_and_failing_cell_skipped(loss_ex, make_class, tmp_path):
    nb = notebook(
        "!rm -rf ~\n%matplotlib inline\nimport numpy as np",
        "def mean_squared_error(y, t):\n    return 0.5 * np.sum((y - t) ** 2)",
        "raise RuntimeError('experiment failed')",
        "def softmax(x):\n    e = np.exp(x - x.max(axis=-1, keepdims=True))\n    return e / e.sum(axis=-1, keepdims=True)",
    )
    by, _ = graded(loss_ex, make_class, tmp_path, {"notebook_student.ipynb": nb})
    r = by["notebook_student"]
    assert task(r, "1.1") == r.tasks["1.1"][1] and task(r, "1.3") == r.tasks["1.3"][1]
    assert task(r, "1.2") == 0
    assert r.load_errors[0]["cell"].endswith("[cell 3]")
    assert any("rm -rf" in w.en for w in r.warnings)


def test_duplicate_student_id_grades_one_file_and_names_both(loss_ex, make_class, tmp_path):
    # one student's two files no longer stop the class (issue 11): the rule picks the .py
    folder = make_class({"kim.py": REFERENCE_LOSS, "kim.ipynb": notebook("x = 1")})
    (r,) = grade_folder(loss_ex, folder, tmp_path / "out", jobs=1, progress=False)
    assert (r.student, r.file, r.score) == ("kim", "kim.py", r.max_score)
    assert any("kim.py" in w.en and "kim.ipynb" in w.en for w in r.warnings)


def test_rerun_reuses_results_and_regrades_changed_submission(loss_ex, make_class, tmp_path, monkeypatch):
    from autograder.batch import folder as pipeline

    folder = make_class({"a.py": REFERENCE_LOSS, "b.py": REFERENCE_LOSS})
    out = tmp_path / "out"
    first = grade_folder(loss_ex, folder, out, jobs=1, progress=False)
    calls = []
    real = pipeline.grade_submission
    monkeypatch.setattr(
        pipeline,
        "grade_submission",
        lambda ex, sub, *a, **k: calls.append(sub.student) or real(ex, sub, *a, **k),
    )
    (folder / "b.py").write_text("def softmax(x):\n    return x\n", encoding="utf-8")
    second = grade_folder(loss_ex, folder, out, jobs=1, progress=False)
    assert calls == ["b"]
    assert scores(second)["a"] == scores(first)["a"]
    assert scores(second)["b"].score == 0


def test_suite_key_changes_with_the_engine_code_that_runs_in_scenarios(tmp_path):
    """Cached expected outputs and resumed rows must not survive a change to Context or the data helper."""
    import shutil

    from autograder.core.paths import ROOT
    from autograder.exercises import SCENARIO_ENGINE, get_exercise, load_exercise

    for part in (
        "assignments/loss_functions",
        "solutions/loss_functions",
        "autograder/suites/loss_functions",
    ):
        shutil.copytree(ROOT / part, tmp_path / part)
    for name in (*SCENARIO_ENGINE, "data/SHA256SUMS"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    copy = load_exercise(tmp_path / "assignments" / "loss_functions" / "exercise.toml")
    assert copy.suite_key() == get_exercise("loss_functions").suite_key()
    keys = {copy.suite_key()}
    for name in SCENARIO_ENGINE:
        with open(tmp_path / name, "a", encoding="utf-8") as f:
            f.write("\n# changed\n")
        keys.add(copy.suite_key())
    assert len(keys) == 1 + len(SCENARIO_ENGINE)


def test_hidden_cases_name_the_public_suites_hints_by_id():
    from autograder.exercises import get_exercise
    from autograder.runtime.spec import Hint

    exercise = get_exercise("two_layer_net")
    cases = {c.name: c for c in exercise.cases(hidden=True)}
    public = {h.id: h for c in exercise.cases(hidden=False) for h in c.hints}
    hidden = cases["accuracy_mnist[labels]"]
    assert hidden.hidden and all(isinstance(h, Hint) for h in hidden.hints)
    assert [h.id for h in hidden.hints] == [
        "percent_vs_fraction",
        "accuracy_not_divided",
        "accuracy_onehot_only",
    ]
    assert hidden.hints[0].msg == public["percent_vs_fraction"].msg
    # the same declaration, not a copy: its predicate is the public suite file's code
    assert hidden.hints[0].when.__code__.co_filename == str(exercise.public_suite_path)
    assert all(isinstance(h, Hint) for c in cases.values() for h in c.hints)


def test_a_hint_id_nobody_declares_is_a_user_error():
    from autograder.exercises import resolve_hints
    from autograder.runtime.spec import Suite

    suite = Suite("loss_functions", hidden=True)

    @suite.case("1.1", hints=["no_such_hint"])
    def uses_a_missing_hint(m, ctx):
        return 0

    with pytest.raises(UserError, match="no_such_hint"):
        resolve_hints("loss_functions", suite.cases)


def test_a_diverging_learning_curve_is_plotted_and_written_with_a_note(tmp_path):
    """Issue 16: a curve of ±1e308 stopped the batch in the plotting code."""
    import numpy as np

    from autograder.core.results import Outcome, SubmissionResult
    from autograder.engine.curves import CURVE_BOUND, learning_curve
    from autograder.engine.expected import Expected
    from autograder.exercises import get_exercise
    from autograder.report.feedback import feedback_markdown
    from autograder.report.plots import curve_svg
    from autograder.runtime.spec import Case

    case = Case("fit_curve", "1", 1.0, True, print)
    reference = Outcome("ok", {"cost_": [3.0, 2.0, 1.0, 0.5, 0.25, 0.1]})
    for wild in ([1.0, 1e308, -1e308, 2.0], [1.0, np.inf, -np.inf, 5.0], [1.0, 2.0, 1e300, np.nan, np.nan]):
        curve = learning_curve(
            [case], {case.name: Outcome("ok", {"cost_": wild})}, Expected({case.name: reference})
        )
        assert curve is not None and all(abs(v) <= CURVE_BOUND for v in curve["student"])
        assert curve["reference"] == [3.0, 2.0, 1.0, 0.5, 0.25, 0.1]  # kept as it was
        assert "diverged" in curve["note"]["en"] and "발산" in curve["note"]["ko"]
        assert curve_svg(curve).startswith("<svg")
        json.dumps(curve, allow_nan=False)  # a strict JSON writer takes it
        exercise = get_exercise("loss_functions")
        row = SubmissionResult(
            "s",
            exercise.id,
            "f.py",
            "",
            "",
            0.0,
            1.0,
            {t.id: [0, 1] for t in exercise.tasks},
            (),
            curve=curve,
        )
        assert curve["note"]["en"] in feedback_markdown(exercise, row).replace("\\", "")
    nan_only = learning_curve(
        [case], {case.name: Outcome("ok", {"cost_": [np.nan, np.nan]})}, Expected({case.name: reference})
    )
    assert nan_only is None  # nothing left to draw
    tame = learning_curve(
        [case], {case.name: Outcome("ok", {"cost_": [2.0, 1.0]})}, Expected({case.name: reference})
    )
    assert "note" not in tame and tame["student"] == [2.0, 1.0]


FORGES_THEN_CLOSES_ITS_INPUT = """
import json, os, sys
channel = int(sys.argv[1])
for fd in range(3, 256):  # the job pipe among them: the grader's next write to it fails at once
    if fd != channel:
        try:
            os.close(fd)
        except OSError:
            pass
for message in ({"event": "loaded", "errors": []},
                {"event": "result", "case": "mse_lecture[correct_guess]", "status": "ok", "value": 1.0}):
    body = json.dumps(message).encode()
    os.write(channel, len(body).to_bytes(4, "big") + body)
os._exit(0)
"""


def test_what_a_dying_worker_wrote_is_read_before_its_death_is_reported(loss_ex, make_class, tmp_path):
    """A refused write to the worker used to be taken as its end at once, so whether its last
    messages were judged depended on which side of the pipe won the race (the hostile corpus's
    ``forges_results`` failed CI that way). Closing its job pipe first makes the refusal certain."""
    from autograder.sandbox.confine import choose

    files = {"forges_then_closes_its_input.py": FORGES_THEN_CLOSES_ITS_INPUT}
    out = tmp_path / "out"
    results = grade_folder(loss_ex, make_class(files), out, jobs=1, progress=False, sandbox=choose("rlimit"))
    r = scores(results)["forges_then_closes_its_input"]
    first = next(c for c in r.cases if c.name == "mse_lecture[correct_guess]")
    assert first.status == "failed" and "result is 1, expected" in first.message.en
    assert r.score == 0


def test_judging_overlaps_the_next_case_but_never_counts_against_its_time(loss_ex):
    """The parent judges a case while the worker runs the next one; the judging time is moved
    out of that case's clock, so a slow judge cannot push a student's case over its limit."""
    import time

    from autograder.discover.submissions import Cell
    from autograder.engine.run import run_submission
    from autograder.exercises import Limits
    from autograder.sandbox.confine import choose

    limits = Limits(case_timeout=1, load_timeout=4, submission_timeout=60)
    cases = [c for c in loss_ex.cases(hidden=False) if c.task == "1.1"][:3]
    heard = []

    def slow_judge(case, outcome, load_errors):
        heard.append(case.name)
        time.sleep(1.2)  # longer than a case may take

    run = run_submission(
        loss_ex.module, [Cell("ref.py", REFERENCE_LOSS)], cases, limits, choose(), on_outcome=slow_judge
    )
    assert heard == [c.name for c in cases]  # each heard once, in order, the last one too
    assert {o.status for o in run.outcomes.values()} == {"ok"}
    assert all(o.seconds < 1 for o in run.outcomes.values())
