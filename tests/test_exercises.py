"""What every exercise must satisfy, written once and parametrised over the registry.

Each check is a function that returns the problems it finds (``[]``: none), so a failure says
what is wrong, and ``test_the_generic_checks_fail_*`` feed each one a broken stub, suite or
exercise to show it does fail wrong code. What only one exercise needs (its self-check rows,
its own trust-boundary details) stays in ``tests/test_<exercise>.py``.

The checks: the reference earns full marks, the stub and code that does nothing earn zero,
mistakes fail what they declare (``validate``); stub and reference have the same public API;
every task is named in the stub and has public and hidden cases; every rule is stated in the
stub and checked by a public case of its task; every hint has a condition and a text of its
own, and a mistake naming a hint says that hint's text; scenarios declare nothing that judges
and the worker's programs carry no expected value, check or hint; the warm data is declared;
the labelled wrong submissions get exactly their hints; the sample class scores its goldens.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import subprocess
import sys
import types

import hypothesis
import pytest

from autograder.authoring.validate import DO_NOTHING, do_nothing, validate
from autograder.batch.folder import grade_folder
from autograder.core.paths import ROOT
from autograder.exercises import Exercise, Rule, all_exercises
from autograder.runtime.spec import Hint, Msg
from conftest import restored_env

EXERCISES = list(all_exercises().values())
IDS = [e.id for e in EXERCISES]
each_exercise = pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)

#: names that judge: none may appear in a scenarios file (the code the worker runs)
JUDGE_NAMES = {"Hint", "Suite", "suite", "Msg", "REFERENCE", "PerParam", "compare", "expect", "check",
               "below_1e7", "relative_errors", "allclose"}  # fmt: skip
JUDGE_KEYWORDS = {"expect", "check", "hints", "rtol"}
#: what never appears in a program sent to a worker
PROGRAM_WORDS = ("suite.case", "Hint(", "expect=")
# issue 17: at least 15 labelled submissions per exercise (a third with two or more mistakes)
MIN_RULES, MIN_MISTAKES, LABELLED_FILES = 8, 4, (15, 40)


def read(path) -> str:
    return path.read_text(encoding="utf-8")


# ---- the checks ----------------------------------------------------------------------------------


def public_api(source: str) -> dict:
    """Top-level functions and classes (with their methods) and their parameter lists."""
    api = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            api[node.name] = [a.arg for a in node.args.args]
        elif isinstance(node, ast.ClassDef):
            api[node.name] = sorted(
                (f.name, tuple(a.arg for a in f.args.args))
                for f in node.body
                if isinstance(f, ast.FunctionDef) and (not f.name.startswith("_") or f.name == "__init__")
            )
    return api


def api_problems(stub: str, reference: str) -> list[str]:
    ours, theirs = public_api(stub), public_api(reference)
    return [f"{name}: stub {ours.get(name)} != reference {theirs.get(name)}"
            for name in sorted(set(ours) | set(theirs)) if ours.get(name) != theirs.get(name)]  # fmt: skip


def task_problems(tasks, stub: str, cases) -> list[str]:
    problems = [
        f"{t.id}: not raised in the stub" for t in tasks if f'NotImplementedError("Task {t.id}: ' not in stub
    ]
    for t in tasks:
        problems += [f"{t.id}: no {kind} case" for kind, hidden in (("public", False), ("hidden", True))
                     if not any(c.task == t.id and c.hidden == hidden for c in cases)]  # fmt: skip
    return problems


def rule_problems(rules, stub: str, cases) -> list[str]:
    """A doc phrase not in the stub, a rule no public case of its task names, a case naming an
    undeclared rule, a rule id twice, fewer rules than a stub states."""
    problems = [f"{r.id}: {r.doc!r} is not in the stub" for r in rules if r.doc not in stub]
    problems += [f"{r.id}: no public case" for r in rules
                 if not any(r.id in c.rules and not c.hidden and c.task == r.task for c in cases)]  # fmt: skip
    declared = {r.id for r in rules}
    problems += [f"{c.name}: undeclared rule {r}" for c in cases for r in c.rules if r not in declared]
    if len(declared) != len(rules):
        problems.append("a rule id is declared twice")
    if len(rules) < MIN_RULES:
        problems.append(f"{len(rules)} rules: the stub's graded conventions are declared in [[rules]]")
    return problems


def hint_problems(cases, mistakes) -> list[str]:
    """A hint without a condition, one text under two ids, a mistake's text unlike its hint's."""
    hints: dict[str, Hint] = {}
    for c in cases:
        for h in c.hints:
            hints.setdefault(getattr(h, "id", repr(h)), h)
    problems = [f"{hid}: not a Hint" for hid, h in hints.items() if not isinstance(h, Hint)]
    # has_condition: when, error, mutated or a catalogue misconception's detect
    problems += [f"{hid}: no condition" for hid, h in hints.items()
                 if isinstance(h, Hint) and not h.has_condition]  # fmt: skip
    texts: dict[tuple[str, str], set[str]] = {}
    for hid, h in hints.items():
        texts.setdefault((h.ko, h.en), set()).add(hid)
    for m in mistakes:
        texts.setdefault((m.hint.ko, m.hint.en), set()).add(m.shown_as)
        if m.hint_id and m.hint_id not in hints:
            problems.append(f"{m.id}: names hint {m.hint_id}, which no case declares")
        elif m.hint_id and hints[m.hint_id].msg != m.hint:
            problems.append(f"{m.id}: says other than its hint {m.hint_id}")
    problems += [f"one text, ids {sorted(ids)}" for ids in texts.values() if len(ids) > 1]
    return problems


def scenario_problems(source: str) -> list[str]:
    """What the worker runs names nothing that judges (names, attributes, imports, keywords)."""
    tree = ast.parse(source)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {a.name for a in node.names} | {a.asname for a in node.names if a.asname}
    keywords = {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords}
    return [f"names {sorted(names & JUDGE_NAMES)}"] * bool(names & JUDGE_NAMES) + [
        f"keywords {sorted(keywords & JUDGE_KEYWORDS)}"
    ] * bool(keywords & JUDGE_KEYWORDS)


def program_problems(cases, scenarios_path) -> list[str]:
    """No program carries an expected value, check or hint; hidden cases run scenarios.py's code."""
    problems = [
        f"{c.name}: {w!r} in its program" for c in cases for w in PROGRAM_WORDS if w in "\n".join(c.program)
    ]
    problems += [f"{c.name}: its scenario is not in scenarios.py" for c in cases
                 if c.hidden and c.scenario.__code__.co_filename != str(scenarios_path)]  # fmt: skip
    return problems


def validate_problems(verdicts) -> list[str]:
    problems = [f"{v.variant}: {v.score}/{v.max_score} {v.problem}" for v in verdicts if not v.ok]
    mistakes = [v for v in verdicts if v.variant.startswith("mistake:")]
    if len(mistakes) < MIN_MISTAKES:
        problems.append(f"{len(mistakes)} mistakes: fewer than {MIN_MISTAKES}")
    return problems


def earned(result) -> list[str]:
    """Cases that gave points (code that does nothing must earn none)."""
    return [c.name for c in result.cases if c.points > 0] + [f"score {result.score}"] * bool(result.score)


def expected_hints(source: str) -> set[str]:
    """The file's ``EXPECTED_HINTS`` (its last assignment, as Python would read it)."""
    found = [
        set(ast.literal_eval(node.value))
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["EXPECTED_HINTS"]
    ]
    assert found, "no EXPECTED_HINTS"
    return found[-1]


def labelled_problems(name: str, source: str, result) -> list[str]:
    """A labelled wrong submission gets exactly its hints, and not all the points."""
    fired = {hid for c in result.cases for hid, _ in c.hints}
    want = expected_hints(source)
    problems = [f"{name}: hints {sorted(fired)}, expected {sorted(want)}"] * (fired != want)
    if not result.score < result.max_score:
        problems.append(f"{name}: scores {result.score}/{result.max_score}")
    return problems


# ---- every exercise ------------------------------------------------------------------------------


@each_exercise
def test_validate_reference_full_stub_zero_mistakes_as_declared(exercise):
    assert validate_problems(validate(exercise, jobs=2)) == []


@each_exercise
def test_stub_and_reference_have_the_same_public_api(exercise):
    assert api_problems(read(exercise.stub_path), read(exercise.reference_path)) == []


@each_exercise
def test_every_task_is_named_in_the_stub_and_has_cases(exercise):
    assert task_problems(exercise.tasks, read(exercise.stub_path), exercise.cases(hidden=True)) == []


@each_exercise
def test_every_rule_is_stated_in_the_stub_and_has_a_public_case(exercise):
    assert rule_problems(exercise.rules, read(exercise.stub_path), exercise.cases(hidden=True)) == []


@each_exercise
def test_every_hint_has_a_condition_and_a_text_of_its_own(exercise):
    assert hint_problems(exercise.cases(hidden=True), exercise.mistakes) == []


@each_exercise
def test_scenarios_declare_nothing_that_judges(exercise):
    assert scenario_problems(read(exercise.hidden_suite_path.parent / "scenarios.py")) == []


@each_exercise
def test_the_worker_never_receives_expected_values_checks_or_hints(exercise):
    scenarios = exercise.hidden_suite_path.parent / "scenarios.py"
    assert program_problems(exercise.cases(hidden=True), scenarios) == []


@each_exercise
def test_warm_data_exists_and_is_declared_where_the_cases_read_mnist(exercise):
    sums = read(exercise.root / "data" / "SHA256SUMS")
    listed = {line.split()[-1] for line in sums.splitlines() if line.strip()}
    assert {f"{name}.npz" for name in exercise.warm} <= listed
    paths = [*exercise.suite_paths(hidden=True), *exercise.scenario_paths]  # scenarios.py reads the data
    suites = "".join(read(p) for p in paths)
    reads_mnist = "load_mnist(" in suites or ".mnist(" in suites
    assert reads_mnist == bool(exercise.warm), "warm in exercise.toml: the data the cases read"


def _argument_counts(exercise: Exercise) -> int:
    """The most arguments (not self) of a function the stub leaves to the student."""
    counts = [
        len([a for a in node.args.args if a.arg not in ("self", "cls")])
        for node in ast.walk(ast.parse(read(exercise.stub_path)))
        if isinstance(node, ast.FunctionDef) and "NotImplementedError" in ast.unparse(node)
    ]
    return max(counts, default=0)


# validate does every kind with each function's first argument; here, its second and third
# (numerical_gradient's numerical_diff(f, x), gradient_descent(f, init_x, ...)): a function with
# fewer returns its last
OTHER_ARGUMENTS = [
    pytest.param(e, kind, which, id=f"{e.id}-{kind}-{which}")
    for e in EXERCISES
    for kind in DO_NOTHING
    if kind != "pass"
    for which in range(1, min(3, _argument_counts(e)))
]


@pytest.mark.parametrize(("exercise", "kind", "which"), OTHER_ARGUMENTS)
def test_returning_any_argument_or_its_zeros_earns_nothing(grader, exercise, kind, which):
    source = do_nothing(read(exercise.stub_path), kind, which)
    assert earned(grader(exercise)(f"do_nothing_{kind}_{which}", source)) == []


LABELLED = [
    pytest.param(e, p, id=f"{e.id}-{p.stem}") for e in EXERCISES for p in sorted(e.labelled_dir.glob("*.py"))
]


@each_exercise
def test_every_exercise_has_a_labelled_set_a_third_of_it_composite(exercise):
    """Issue 17: at least 15 labelled submissions, a third with two or more mistakes at once."""
    from autograder.authoring.hints import labelled

    low, high = LABELLED_FILES
    expected = [hints for _, _, hints in labelled(exercise)]
    assert low <= len(expected) <= high
    assert 3 * sum(len(h) >= 2 for h in expected) >= len(expected)


@pytest.mark.parametrize(("exercise", "path"), LABELLED)
def test_a_labelled_submission_gets_exactly_its_hints(grader, exercise, path):
    source = read(path)
    assert labelled_problems(path.stem, source, grader(exercise)(path.stem, source)) == []


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.examples_dir.is_dir()], ids=lambda e: e.id)
def test_sample_class_scores_match_goldens(exercise, tmp_path):
    expected = json.loads(read(exercise.examples_dir / "expected.json"))
    results = grade_folder(exercise, exercise.examples_dir, tmp_path / "out", jobs=2, progress=False)
    assert {r.student: r.score for r in results} == expected
    assert len({r.score for r in results}) >= 3, "the sample class should show a spread of scores"


def test_every_exercise_has_a_sample_class():
    assert [e.id for e in EXERCISES if not (e.examples_dir / "expected.json").is_file()] == []


# ---- the checks fail wrong code ------------------------------------------------------------------

LOSS = all_exercises()["loss_functions"]


def test_the_generic_checks_fail_a_stub_whose_api_or_tasks_differ():
    stub, reference = read(LOSS.stub_path), read(LOSS.reference_path)
    renamed = stub.replace("def softmax(x)", "def softmax(a)")
    assert renamed != stub
    assert api_problems(renamed, reference) == ["softmax: stub ['a'] != reference ['x']"]
    assert api_problems(stub + "\n\ndef extra():\n    pass\n", reference) == [
        "extra: stub [] != reference None"
    ]
    cases = LOSS.cases(hidden=True)
    untold = stub.replace('NotImplementedError("Task 1.3: ', 'NotImplementedError("Task 1.x: ')
    assert task_problems(LOSS.tasks, untold, cases) == ["1.3: not raised in the stub"]
    no_hidden = [c for c in cases if not (c.hidden and c.task == "1.1")]
    assert task_problems(LOSS.tasks, stub, no_hidden) == ["1.1: no hidden case"]


def test_the_generic_checks_fail_rules_without_a_public_case_or_stub_text():
    stub, cases = read(LOSS.stub_path), LOSS.cases(hidden=True)
    text = Msg("-", "-")
    extra = (
        Rule("rows_sum_to_one", "1.3", "each row sums to 1", text),
        Rule("made_up", "1.3", "not there", text),
    )
    hidden_only = [c for c in cases if c.hidden] + [
        dataclasses.replace(LOSS.cases(hidden=False)[0], rules=("nowhere",))
    ]
    problems = rule_problems(LOSS.rules + extra, stub, hidden_only)
    assert "rows_sum_to_one: no public case" in problems
    assert "made_up: 'not there' is not in the stub" in problems
    assert "mse_lecture[correct_guess]: undeclared rule nowhere" in problems
    assert "softmax_rows: no public case" in problems  # the real public cases were left out
    other_task = [dataclasses.replace(c, task="1.1") if "softmax_rows" in c.rules else c for c in cases]
    assert rule_problems(LOSS.rules, stub, other_task) == ["softmax_rows: no public case"]
    assert rule_problems(LOSS.rules + LOSS.rules[:1], stub, cases) == ["a rule id is declared twice"]
    assert rule_problems(LOSS.rules[:2], stub, cases)[-1].startswith("2 rules")


def test_the_generic_checks_fail_hints_without_a_condition_or_with_a_shared_text():
    cases = LOSS.cases(hidden=True)
    first = next(c for c in cases if c.hints)
    hint = first.hints[0]
    bare = Hint("bare", "힌트", "hint")
    twin = dataclasses.replace(hint, id="twin")
    broken = [dataclasses.replace(first, hints=(*first.hints, bare, twin)), *cases]
    problems = hint_problems(broken, ())
    assert "bare: no condition" in problems
    assert f"one text, ids {sorted([hint.id, 'twin'])}" in problems
    mistake = next(m for m in LOSS.mistakes if m.hint_id)
    assert hint_problems(cases, [dataclasses.replace(mistake, hint=Msg("다른", "other"))]) == [
        f"{mistake.id}: says other than its hint {mistake.hint_id}"
    ]
    assert hint_problems(cases, [dataclasses.replace(mistake, hint_id="nowhere")])[0].endswith(
        "no case declares"
    )


def test_the_generic_checks_fail_scenarios_and_programs_that_judge():
    scenarios = read(LOSS.hidden_suite_path.parent / "scenarios.py")
    assert scenario_problems(scenarios) == []
    assert scenario_problems(scenarios + "\nfrom autograder.runtime.spec import Hint\n") == ["names ['Hint']"]
    assert scenario_problems(scenarios + "\nnp.allclose(1, 1)\n") == ["names ['allclose']"]
    assert scenario_problems(scenarios + "\nf(1, rtol=0.1)\n") == ["keywords ['rtol']"]
    cases = LOSS.cases(hidden=True)
    path = LOSS.hidden_suite_path.parent / "scenarios.py"
    leaky = types.SimpleNamespace(
        name="leaky", program=(*cases[0].program, "x = dict(expect=1)"), hidden=False
    )
    assert program_problems([leaky], path) == [f"{leaky.name}: 'expect=' in its program"]
    hidden = next(c for c in cases if c.hidden)
    assert program_problems([hidden], path.with_name("elsewhere.py")) == [
        f"{hidden.name}: its scenario is not in scenarios.py"
    ]


def test_the_generic_checks_fail_code_that_earns_and_hints_that_differ(grader, tmp_path):
    grade = grader(LOSS)
    stub, reference = read(LOSS.stub_path), read(LOSS.reference_path)
    one_done = do_nothing(stub, "returns_zeros") + "\n\n" + reference  # every task done after all
    assert earned(grade("not_nothing", one_done)) != []
    path = sorted(LOSS.labelled_dir.glob("*.py"))[0]
    source = read(path)
    assert labelled_problems(path.stem, source, grade(path.stem, source)) == []
    relabelled = source + "\nEXPECTED_HINTS = ['made_up']\n"
    assert labelled_problems("x", relabelled, grade("x", relabelled))[0].startswith("x: hints")
    full = grade("reference", reference)
    assert labelled_problems("ref", "EXPECTED_HINTS = []", full) == [
        f"ref: scores {full.max_score}/{full.max_score}"
    ]


class _ReferenceAsStub(Exercise):
    """loss_functions whose stub is its reference and which declares no mistakes."""

    @property
    def stub_path(self):
        return self.reference_path

    @property
    def mistakes(self):
        return ()


def test_the_generic_checks_fail_a_stub_that_scores_and_too_few_mistakes(monkeypatch):
    monkeypatch.setattr(
        "autograder.authoring.validate.write_public_outcomes", lambda *a: None
    )  # keep the file
    broken = _ReferenceAsStub(**{f.name: getattr(LOSS, f.name) for f in dataclasses.fields(LOSS)})
    problems = validate_problems(validate(broken, jobs=2))
    assert any(p.startswith("stub: ") for p in problems)
    assert any(p.startswith("do-nothing:") for p in problems)  # nothing was left undone
    assert problems[-1] == "0 mistakes: fewer than 4"


# ---- the test suite's own settings: markers, hypothesis, NNKIT_CACHE ----------------------------


def _collected(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode in (0, 5), done.stdout + done.stderr  # 5: none selected
    return {line for line in done.stdout.splitlines() if "::" in line}


def test_markers_select_the_tests_of_an_exercise_and_of_a_task():
    from test_two_layer_net import SELF_CHECK_HINTS

    files = ["tests/test_two_layer_net.py", "tests/test_exercises.py", "tests/test_dnn_backprop.py"]
    tasks = {c.name: c.task for c in all_exercises()["two_layer_net"].cases(hidden=True)}
    row = "tests/test_two_layer_net.py::test_self_check_names_the_known_mistake[{}-{}]"
    rows = {row.format(*r[:2]): tasks[r[1]] for r in SELF_CHECK_HINTS}
    assert {"3.5"} < set(rows.values())
    selected = _collected("-m", "task_3_5", *files)
    assert {i for i in selected if i in rows} == {i for i, task in rows.items() if task == "3.5"}
    assert (
        "tests/test_exercises.py::test_stub_and_reference_have_the_same_public_api[two_layer_net]" in selected
    )
    assert not {i for i in selected if "[loss_functions]" in i or "test_dnn_backprop.py" in i}
    by_exercise = _collected("-m", "two_layer_net", *files)
    assert set(rows) < by_exercise
    assert (
        "tests/test_two_layer_net.py::test_lecture_simplenet_tolerance_covers_the_printed_weights"
        in by_exercise
    )
    assert (
        "tests/test_exercises.py::test_every_exercise_has_a_labelled_set_a_third_of_it_composite[two_layer_net]"
        in by_exercise
    )
    assert not {i for i in by_exercise if "test_dnn_backprop.py" in i or "[dropout]" in i}


def test_hypothesis_has_no_deadline_on_a_shared_machine():
    assert hypothesis.settings().deadline is None


def test_restored_env_puts_nnkit_cache_back_as_it_was(monkeypatch):
    monkeypatch.delenv("NNKIT_CACHE", raising=False)
    with restored_env("NNKIT_CACHE"):
        os.environ["NNKIT_CACHE"] = "/elsewhere"
    assert "NNKIT_CACHE" not in os.environ
    monkeypatch.setenv("NNKIT_CACHE", "/mine")
    with restored_env("NNKIT_CACHE"):
        os.environ.pop("NNKIT_CACHE")
    assert os.environ["NNKIT_CACHE"] == "/mine"


def test_validate_names_a_case_whose_limit_leaves_the_reference_too_little_room():
    from autograder.authoring.validate import TIME_MARGIN, tight_cases
    from autograder.core.results import Outcome
    from autograder.exercises import get_exercise

    ex = get_exercise("loss_functions")
    cases = ex.cases(True)
    limit = ex.limits.case_timeout
    slow, fast = cases[0], cases[1]
    reference = {c.name: Outcome("ok", seconds=0.001) for c in cases}
    assert tight_cases(ex, reference) == []
    reference[slow.name] = Outcome("ok", seconds=limit / TIME_MARGIN * 1.5)
    reference[fast.name] = Outcome("ok", seconds=limit / TIME_MARGIN * 0.5)
    named = tight_cases(ex, reference)
    assert len(named) == 1 and slow.name in named[0] and "timeout" in named[0]
