"""The student bundle: complete enough to self-check, and nothing of the grader's side leaks."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import pytest

from autograder.core.errors import UserError
from autograder.exercises import all_exercises, load_suite
from autograder.student.bundle import build
from conftest import public_count

EXERCISES = list(all_exercises().values())

LOSS_N, DICT_N = public_count("loss_functions"), public_count("dict_homework")  # public cases


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    return build(tmp_path_factory.mktemp("dist") / "student")


def bundle_text(bundle) -> str:
    texts = []
    for path in bundle.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ipynb", ".md", ".json", ".toml", ".txt"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def function_bodies(path) -> dict[str, str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    bodies = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            if body:
                bodies[node.name] = squash("\n".join(ast.get_source_segment(source, n) for n in body))
    return bodies


def test_no_grader_files_in_the_bundle(bundle):
    names = {p.name for p in bundle.rglob("*")}
    assert not names & {
        "solutions",
        "hidden_tests.py",
        "mistakes",
        "expected.json",
        "reproduce.py",
        "otter_export.py",
    }
    assert not any("suites" in p.parts and p.parent.name == "autograder" for p in bundle.rglob("*"))
    assert (bundle.parent / "student.zip").is_file()


GIVEN = {body for e in EXERCISES for body in function_bodies(e.stub_path).values()}  # handed out on purpose


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_no_reference_body_and_no_hidden_case_name_leaks(bundle, exercise):
    flat = squash(bundle_text(bundle))
    leaked = [
        name
        for name, body in function_bodies(exercise.reference_path).items()
        if body not in GIVEN and len(body) > 20 and body in flat
    ]
    assert not leaked, f"reference bodies found in the bundle: {leaked}"
    own = bundle_text(bundle / "assignments" / exercise.id) + bundle_text(bundle / "autograder")
    public = {c.name for c in load_suite(exercise.public_suite_path).cases}
    hidden = {c.name for c in load_suite(exercise.hidden_suite_path).cases} - public
    found = sorted(n for n in hidden if re.search(rf"(?<![\w.]){re.escape(n)}(?![\w\[])", own))
    assert not found, f"hidden case names found in the bundle: {found}"


def test_the_leak_check_would_catch_a_leak(bundle, tmp_path):
    """Plant a reference file and a hidden case name; the same searches must find them."""
    exercise = all_exercises()["loss_functions"]
    secret = {
        n: b for n, b in function_bodies(exercise.reference_path).items() if b not in GIVEN and len(b) > 20
    }
    assert secret  # at least one reference body is not handed out anywhere
    planted = (
        bundle_text(bundle) + exercise.reference_path.read_text(encoding="utf-8") + "\ncee_zero_probability\n"
    )
    assert all(body in squash(planted) for body in secret.values())
    assert not any(body in squash(bundle_text(bundle)) for body in secret.values())
    assert re.search(r"(?<![\w.])cee_zero_probability(?![\w\[])", planted)


def test_self_check_runs_from_the_bundle(bundle):
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check", "loss_functions", "assignments/loss_functions/loss_functions.py"],
        cwd=bundle, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and f"0/{LOSS_N} public tests passed" in done.stdout, done.stderr


def test_self_check_of_an_exercise_with_a_staff_file_runs_from_the_bundle(bundle):
    """dict_homework's public cases import dict_homework_staff.py: the bundle ships it."""
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check", "dict_homework", "assignments/dict_homework/dict_homework.py"],
        cwd=bundle, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and f"0/{DICT_N} public tests passed" in done.stdout, done.stderr


@pytest.fixture(scope="module")
def single_bundles(tmp_path_factory):
    root = tmp_path_factory.mktemp("single")
    return {e.id: build(root / e.id, [e.id]) for e in EXERCISES}


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_a_bundle_of_one_exercise_holds_none_of_its_answers(single_bundles, exercise):
    """Stricter than the whole-course rule: only what this exercise's own stub hands out is given."""
    folder = single_bundles[exercise.id]
    assert sorted(p.name for p in (folder / "assignments").iterdir() if p.is_dir()) == [exercise.id]
    flat = squash(bundle_text(folder))
    own = set(function_bodies(exercise.stub_path).values())
    leaked = [
        name
        for name, body in function_bodies(exercise.reference_path).items()
        if body not in own and len(body) > 20 and body in flat
    ]
    assert not leaked, f"{exercise.id}'s answers in its own bundle: {leaked}"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert f"python -m autograder check {exercise.id} assignments/{exercise.id}/{exercise.filename}" in readme
    assert (folder.parent / f"{exercise.id}.zip").is_file()


def test_the_whole_course_bundle_gives_away_answers_the_single_ones_keep(bundle, single_bundles):
    """Why single bundles exist: later stubs hand out earlier answers (e.g. two_layer_net's softmax)."""
    whole = squash(bundle_text(bundle))
    given_away = [
        (e.id, name)
        for e in EXERCISES
        for name, body in function_bodies(e.reference_path).items()
        if body not in set(function_bodies(e.stub_path).values()) and len(body) > 20 and body in whole
    ]
    assert ("loss_functions", "softmax") in given_away
    for exercise_id, name in given_away:
        body = function_bodies(all_exercises()[exercise_id].reference_path)[name]
        assert body not in squash(bundle_text(single_bundles[exercise_id]))


def test_self_check_runs_from_a_single_exercise_bundle(single_bundles):
    folder = single_bundles["numerical_gradient"]
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "check", "numerical_gradient",
         "assignments/numerical_gradient/numerical_gradient.py"],
        cwd=folder, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "public tests passed" in done.stdout, done.stdout + done.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "autograder", "list"], cwd=folder, capture_output=True, text=True
    )  # fmt: skip
    assert "numerical_gradient" in listed.stdout and "loss_functions" not in listed.stdout


def test_unknown_exercise_in_a_bundle_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="nope"):
        build(tmp_path / "student", ["nope"])


# ---- the bundle's command line: students' commands only, --lang anywhere, plain messages ----


def run_in(folder, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args], cwd=folder, capture_output=True, text=True, env=env
    )  # fmt: skip


def test_the_bundle_offers_only_check_list_and_submit(bundle):
    assert (bundle / "autograder" / "STUDENT_BUNDLE").is_file()
    usage = run_in(bundle, "--help").stdout
    assert "{check,list,submit}" in usage and not re.search(r"\b(grade|validate|reproduce|dist)\b", usage), (
        usage
    )
    for staff in (["grade", "loss_functions", "subs", "--out", "out"], ["reproduce"], ["dist"], ["validate"]):
        done = run_in(bundle, *staff)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert f"'{staff[0]}' 명령은 조교용" in done.stderr and "teaching-staff command" in done.stderr


def test_the_kit_itself_still_offers_every_command():
    from autograder.cli.commands import build_parser

    usage = build_parser(student=False).format_usage()
    assert all(name in usage for name in ("grade", "validate", "reproduce", "dist", "check", "list"))
    assert not re.search(r"\bgrade\b", build_parser(student=True).format_help())


@pytest.mark.parametrize("where", ["before", "after"])
def test_lang_works_before_or_after_the_subcommand(bundle, where):
    stub = "assignments/loss_functions/loss_functions.py"
    for lang, shown, hidden in (
        ("en", "public tests passed", "공개 테스트"),
        ("ko", "공개 테스트", "public tests passed"),
    ):
        args = ["check", "loss_functions", stub]
        done = run_in(bundle, *(["--lang", lang, *args] if where == "before" else [*args, "--lang", lang]))
        assert done.returncode == 1 and shown in done.stdout and hidden not in done.stdout, done.stdout
    listed = run_in(bundle, *(["--lang", "en", "list"] if where == "before" else ["list", "--lang", "en"]))
    assert "Loss functions" in listed.stdout and "손실 함수" not in listed.stdout


def test_the_sandbox_warning_is_the_tas_not_the_students(bundle):
    """Forced onto the fallback, the kit warns its TA; the bundle's check does not warn a student."""
    import os

    from autograder.core.paths import ROOT

    env = {**os.environ, "NNKIT_SANDBOX": "rlimit"}
    stub = "assignments/loss_functions/loss_functions.py"
    in_kit = run_in(ROOT, "check", "loss_functions", stub, env=env)
    in_bundle = run_in(bundle, "check", "loss_functions", stub, env=env)
    assert "Not using the bubblewrap sandbox" in in_kit.stderr
    assert in_bundle.returncode == 1 and f"0/{LOSS_N} public tests passed" in in_bundle.stdout
    assert "bubblewrap" not in in_bundle.stderr and "⚠" not in in_bundle.stderr


@pytest.fixture
def without(tmp_path):
    """An environment in which importing the named package fails, as if it were not installed."""
    import os

    def make(package: str) -> dict:
        fake = tmp_path / "hidden" / package
        fake.mkdir(parents=True, exist_ok=True)
        (fake / "__init__.py").write_text(
            f"raise ModuleNotFoundError({f'No module named {package!r}'!r}, name={package!r})\n",
            encoding="utf-8",
        )
        return {**os.environ, "PYTHONPATH": str(tmp_path / "hidden")}

    return make


def test_missing_numpy_gets_a_message_not_a_traceback(bundle, without):
    env = without("numpy")
    for args in (["list"], ["check", "loss_functions"]):
        done = run_in(bundle, *args, env=env)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "필요한 패키지가 설치되어 있지 않습니다: numpy" in done.stderr
        assert "not installed: numpy" in done.stderr and "-m pip install numpy" in done.stderr


def test_missing_nbformat_is_not_needed_to_check(bundle, without):
    """Notebooks are read as plain JSON (a damaged cell is that cell's problem), not with nbformat."""
    env = without("nbformat")
    notebook = "assignments/loss_functions/loss_functions.ipynb"
    done = run_in(bundle, "check", "loss_functions", notebook, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"0/{LOSS_N} public tests passed" in done.stdout
    py = run_in(bundle, "check", "loss_functions", "assignments/loss_functions/loss_functions.py", env=env)
    assert py.returncode == 1 and f"0/{LOSS_N} public tests passed" in py.stdout


@pytest.mark.parametrize("module", ["numpy", "numpy.linalg", "nbformat", "yaml", "student_helper"])
def test_only_the_kits_own_requirements_get_the_message(monkeypatch, capsys, module):
    """Anything else missing is a bug to see, with its traceback."""
    import autograder.cli.commands
    from autograder.cli import depends

    def missing(argv=None):
        raise ModuleNotFoundError(f"No module named {module!r}", name=module)

    monkeypatch.setattr(autograder.cli.commands, "main", missing)
    if module.split(".")[0] in ("numpy", "nbformat"):
        assert depends.main([]) == 2
        assert f"pip install {module.split('.')[0]}" in capsys.readouterr().err
    else:
        with pytest.raises(ModuleNotFoundError):
            depends.main([])


def test_a_renamed_notebook_copy_checks_itself_from_the_bundle(bundle):
    """The generated self-check cell, run as Jupyter would run it in a renamed copy holding the answers."""
    import json
    import os

    from autograder.student.notebooks import notebook_text

    exercise = all_exercises()["loss_functions"]
    folder = bundle / "assignments" / "loss_functions"
    copy = folder / "loss_functions (복사본).ipynb"
    copy.write_text(
        notebook_text(exercise, exercise.reference_path.read_text(encoding="utf-8")), encoding="utf-8"
    )
    try:
        cell = next(
            c["source"] for c in json.loads(copy.read_text(encoding="utf-8"))["cells"] if c["id"] == "check"
        )
        script = folder / "run_check_cell.py"
        script.write_text(
            "import importlib, json, os, subprocess, sys\nfrom pathlib import Path\n__session__ = sys.argv[1]\n"
            + cell,
            encoding="utf-8",
        )
        done = subprocess.run(
            [sys.executable, script.name, copy.name], cwd=folder, capture_output=True, text=True,
            env={**os.environ, "JPY_SESSION_NAME": ""},
        )  # fmt: skip
        assert f"{LOSS_N}/{LOSS_N} public tests passed" in done.stdout, done.stdout + done.stderr
        assert "loss_functions (복사본).ipynb" in done.stdout
    finally:
        copy.unlink()
        (folder / "run_check_cell.py").unlink(missing_ok=True)


def test_the_bundle_ships_the_submit_client_and_its_settings_but_no_server(bundle):
    student = bundle / "autograder" / "student"
    assert {"submit.py", "this_notebook.py", "launcher.py"} <= {p.name for p in student.iterdir()}
    assert not (bundle / "autograder" / "server").exists()
    assert "autograder.server" not in (student / "submit.py").read_text(encoding="utf-8")
    config = (bundle / "submit.toml").read_text(encoding="utf-8")
    assert 'server = ""' in config and 'token = ""' in config and "토큰" in config and "token" in config
    readme = (bundle / "README.md").read_text(encoding="utf-8")
    assert "submit.toml" in readme and "제출 토큰" in readme and "submit token" in readme
    assert "python -m autograder submit dict_homework assignments/dict_homework/dict_homework.py" in readme
    for exercise in EXERCISES:
        folder = bundle / "assignments" / exercise.id
        assert f"main('submit', '{exercise.id}'" in (folder / "submit.py").read_text(encoding="utf-8")
        assert f"main('check', '{exercise.id}'" in (folder / "check.py").read_text(encoding="utf-8")
        cells = json.loads((folder / f"{exercise.module}.ipynb").read_text(encoding="utf-8"))["cells"]
        submit_cell = next(c["source"] for c in cells if c["id"] == "submit")
        assert "SUBMIT = False" in submit_cell and '"submit" if SUBMIT else "dry-run"' in submit_cell
    helped = run_in(bundle, "submit", "--help")
    assert helped.returncode == 0 and "submit.toml" in helped.stdout


def test_submit_in_the_bundle_without_settings_sends_nothing_and_says_how(bundle):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NNKIT_SERVER", "NNKIT_TOKEN")}
    done = run_in(bundle, "submit", "dict_homework", "assignments/dict_homework/dict_homework.py", env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "submit.toml" in done.stderr and "--server URL --token TOKEN" in done.stderr
