"""``make dist``: the student bundle, ``dist/student/`` and ``dist/student.zip``.

``make dist HW="loss_functions numerical_gradient"`` builds a bundle of just those exercises
(``dist/student-loss_functions-numerical_gradient/``), for a course that releases them one by
one: later stubs hand out earlier exercises' answers as helpers (two_layer_net's ``softmax`` is
loss_functions' task 1.3), so a whole-course bundle given out in week one gives those away.

It holds what students need to do and self-check the exercises: stubs, generated notebooks and
their demos, public tests (nnkit's and otter's), the data and its helper, and the public part of
the engine (what ``python -m autograder check`` runs), marked so that its command line offers the
students' commands only (``check``, ``list``, ``submit``); in each exercise's folder ``check.py`` and
``submit.py`` run them from there (:mod:`autograder.student.launcher`), and ``submit.toml`` at the
root holds the server's address and the student's token. It never holds ``solutions/``, the hidden suites,
the known mistakes or reference outputs; ``tests/test_bundle.py`` searches it to make sure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.core.korean import josa
from autograder.core.paths import ROOT, STUDENT_MARKER
from autograder.engine.expected import PUBLIC_OUTCOMES
from autograder.exercises import all_exercises
from autograder.student.launcher import launcher_text
from autograder.student.submit import CONFIG, CONFIG_TEMPLATE

#: What of the engine a student receives (globs below ``autograder/``): what ``check`` and ``list``
#: import, nothing grading-side (authoring, batch, intake, the class report, similarity, this file).
ENGINE_ALLOW = (
    "__init__.py",
    "__main__.py",
    "exercises.py",
    "runtime/*.py",
    "core/*.py",
    "discover/*.py",
    "sandbox/*.py",
    "engine/*.py",
    "cli/*.py",
    "report/__init__.py",
    "report/feedback.py",
    "report/console.py",
    "student/__init__.py",
    "student/notebooks.py",
    "student/notebook_check.py",
    "student/notebook_timing.py",
    "student/this_notebook.py",
    "student/launcher.py",
    "student/submit.py",
)

STUDENT_README = """# nnkit 과제 묶음 · nnkit exercises (student bundle)

## 준비 · Setup
Python 3.11과 numpy, matplotlib, nbformat이 필요합니다 · needs Python 3.11 with numpy,
matplotlib and nbformat (`pip install numpy matplotlib nbformat`).

## 과제 · Exercises
{exercises}

각 폴더의 `.py`(또는 같은 이름의 `.ipynb`)에서 `raise NotImplementedError("Task N.k: ...")`를
여러분의 코드로 바꾸세요. Replace each `raise NotImplementedError("Task N.k: ...")` in the
exercise's `.py` (or the notebook of the same name) with your code.

## 자가 점검 · Self-check
과제 폴더에서 (예: `cd assignments/{first}`) · from the exercise's folder:
```sh
python check.py
python check.py {first_notebook}
```
`check.py`는 그 폴더의 `{first_file}`을(를) 점검하고, 파일 이름을 주면 그 파일(노트북도)을
점검합니다. · `check.py` checks the folder's `{first_file}`, or the file (a notebook too) you name.

이 폴더(묶음의 맨 위)에서는 · from this folder (the bundle's root):
```sh
python -m autograder check {first} assignments/{first}/{first_file}
python -m autograder list
```
공개 테스트마다 통과 여부, 점수, 실패하면 힌트(한국어/영어)를 보여 줍니다. 모두 통과하면 종료
코드 0. 채점에는 이것 말고도 숨겨진 테스트가 있습니다. `list`는 과제와 문항을 보여 줍니다.
`--lang ko` 또는 `--lang en`을 붙이면 한 언어로만 씁니다. · Shows each public test, its points and,
on failure, a hint in Korean and English; exit status 0 when all pass. Grading also uses hidden
tests. `list` shows the exercises and their tasks. Add `--lang ko` or `--lang en` for one language.

노트북은 "자가 점검" 셀이 그 노트북을 점검합니다. `demo.py`는 노트북의 "실행해 보기" 셀과 같은
코드로, `python demo.py`로 여러분의 코드를 돌려 봅니다 (과제 폴더에서). · A notebook's "Self-check"
cell checks that notebook. `demo.py` holds the notebook's "Try it" code: `python demo.py`, from the
exercise's folder, runs it on your code.

otter-grader를 쓴다면 · with otter-grader (`pip install "otter-grader==7.0.0"`), from an
exercise folder: `otter check {first_file} -t otter_tests` — the same public cases.

## 제출 · Submitting
`.py` 파일이나 노트북(`.ipynb`) 하나를 그대로 제출하세요 (파일 이름은 바꿔도 됩니다).
Submit the one `.py` file or notebook as it is.

수업에 nnkit 서버가 있으면 터미널이나 노트북에서 바로 제출하고 몇 초 뒤 점수와 피드백을 받습니다.
먼저 이 폴더의 `submit.toml`에 서버 주소(조교가 알려 줍니다)와 여러분의 제출 토큰(서버의 내
페이지에서 만듭니다)을 적으세요. 토큰은 비밀번호처럼 다루세요. · If your course runs an nnkit server,
hand in from a terminal or the notebook and get the score and feedback in seconds. First write the
server's address (from your TA) and your submit token (made on your home page of the server) in
`submit.toml` in this folder; keep the token to yourself, like a password.
```toml
server = "https://nnkit.example.ac.kr"
token = "..."
```
과제 폴더에서 · from the exercise's folder:
```sh
python submit.py {first_file}
```
이 폴더에서 · from this folder: `python -m autograder submit {first} assignments/{first}/{first_file}`.
`--server URL --token TOKEN`이나 환경 변수 `NNKIT_SERVER`, `NNKIT_TOKEN`이 `submit.toml`보다
우선합니다. 노트북에서는 "제출" 셀의 `SUBMIT = False`를 `True`로 바꾸고 실행하세요 (그 전에는 보내지
않습니다). · `--server URL --token TOKEN`, or `NNKIT_SERVER` and `NNKIT_TOKEN`, win over
`submit.toml`. In a notebook, set `SUBMIT = False` to `True` in the "Submit" cell and run it
(nothing is sent before).

- 노트북의 데이터 불러오기·학습·그림 셀은 `if __name__ == "__main__":` 아래에 두세요: 채점할 때는
  건너뜁니다. · Keep data-loading, training and plotting cells under `if __name__ == "__main__":`;
  grading skips them.
- `%매직`, `!셸` 줄은 채점 때 실행되지 않습니다. · Magics and `!shell` lines are not run when graded.
- 입력 배열을 바꾸지 말고, 전역 난수 시드를 정하지 마세요. · Never modify input arrays; never set
  the global random seed.
"""


def build(dest: Path | None = None, exercises: list[str] | None = None, server: str = "") -> Path:
    """Write the bundle folder and its zip; returns the folder.

    ``exercises``: ids to include (default: all); unknown ids are a UserError naming them.
    ``server``: the course server's address, written into the bundle's ``submit.toml``.
    """
    from autograder.authoring.otter_export import SUPPORT, stage
    from autograder.exercises import get_exercise

    chosen = (
        [get_exercise(i) for i in dict.fromkeys(exercises)] if exercises else list(all_exercises().values())
    )
    chosen.sort(key=lambda e: e.number)
    if dest is None:
        suffix = "" if not exercises else "-" + "-".join(e.id for e in chosen)
        dest = ROOT / "dist" / f"student{suffix}"
    if dest.exists():
        shutil.rmtree(dest)
    for pattern in ENGINE_ALLOW:
        for path in sorted((ROOT / "autograder").glob(pattern)):
            target = dest / "autograder" / path.relative_to(ROOT / "autograder")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    (dest / "autograder" / STUDENT_MARKER.name).write_text(
        "학생용 묶음: 학생 명령(check, list, submit)만 있습니다.\n"
        "Student bundle: the students' commands (check, list, submit) only.\n",
        encoding="utf-8",
    )
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("build.py"))
    listing = []
    for ex in chosen:
        folder = dest / "assignments" / ex.id
        folder.mkdir(parents=True)
        names = (
            ex.filename,
            f"{ex.module}.ipynb",
            "demo.py",
            "public_tests.py",
            "README.md",
            "exercise.toml",
            PUBLIC_OUTCOMES,
        )
        names += tuple(p.name for p in ex.scenario_paths if p.name != "scenarios.py")  # <exercise>_staff.py
        for name in names:
            if (ex.stub_path.parent / name).is_file():
                shutil.copy(ex.stub_path.parent / name, folder / name)
        shutil.copy(
            ROOT / "assignments" / "nnkit_data.py", folder / "nnkit_data.py"
        )  # importable beside the stub
        for action in ("check", "submit"):  # the commands, from the folder a student works in
            (folder / f"{action}.py").write_text(launcher_text(action, ex.id, ex.filename), encoding="utf-8")
        staged = stage(ex, dest / ".otter" / ex.id, hidden=False)
        shutil.copytree(staged / "tests", folder / "otter_tests")
        shutil.copytree(staged / SUPPORT, folder / SUPPORT)
        listing.append(
            f"- `assignments/{ex.id}/` — {ex.number}. {ex.title.ko} · {ex.title.en} (`{ex.filename}`)"
        )
    shutil.copy(ROOT / "assignments" / "nnkit_data.py", dest / "assignments" / "nnkit_data.py")
    shutil.rmtree(dest / ".otter")
    (dest / CONFIG).write_text(CONFIG_TEMPLATE.format(server=server), encoding="utf-8")
    (dest / "README.md").write_text(
        STUDENT_README.format(
            exercises="\n".join(listing),
            first=chosen[0].id,
            first_file=chosen[0].filename,
            first_notebook=f"{chosen[0].module}.ipynb",
        ).replace(f"`{chosen[0].filename}`을(를)", josa(f"`{chosen[0].filename}`", "을")),
        encoding="utf-8",
    )
    shutil.make_archive(str(dest), "zip", dest.parent, dest.name)
    return dest
