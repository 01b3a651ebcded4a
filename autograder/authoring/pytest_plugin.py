"""pytest runs the same declarations: ``pytest <suite file> [--submission PATH]``.

Each declared case becomes a pytest item. The submission (default: the reference solution) is
graded once per exercise through the real engine (isolated worker, trusted judge); each item
then passes or fails with the judge's message and hints. For instructors checking a suite::

    pytest autograder/suites/loss_functions/hidden_tests.py --submission examples/loss_functions/lee_seoyeon.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

SUITE_FILES = ("public_tests.py", "hidden_tests.py")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--submission",
        default=None,
        help="nnkit: the student file graded by suite files (default: the reference solution)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name in SUITE_FILES:
        return SuiteFile.from_parent(parent, path=file_path)
    return None


def _exercise_of(path: Path):
    from autograder.exercises import get_exercise

    # assignments/<id>/public_tests.py or autograder/suites/<id>/hidden_tests.py
    return get_exercise(path.parent.name)


class SuiteFile(pytest.File):
    def collect(self):
        from autograder.exercises import load_suite

        exercise = _exercise_of(self.path)
        for case in load_suite(self.path).cases:
            yield CaseItem.from_parent(self, name=case.name, exercise=exercise, case=case)


class CaseFailed(Exception):
    pass


class CaseItem(pytest.Item):
    def __init__(self, *, exercise, case, **kwargs):
        super().__init__(**kwargs)
        self.exercise, self.case = exercise, case
        self.add_marker(pytest.mark.hidden if case.hidden else pytest.mark.public)

    def runtest(self) -> None:
        result = _graded(self.config, self.exercise)
        got = next(c for c in result.cases if c.name == self.case.name)
        if not got.passed:
            hints = "".join(f"\n  hint {hid}: {h.ko} / {h.en}" for hid, h in got.hints)
            raise CaseFailed(f"[{got.status}] {got.message.ko} / {got.message.en}{hints}")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.case.task} {self.case.name}"


def _graded(config: pytest.Config, exercise):
    cache = config.stash.setdefault(_RESULTS, {})
    if exercise.id not in cache:
        from autograder.discover.submissions import load_submission
        from autograder.engine.context import GradingContext
        from autograder.engine.grade import grade_submission

        option = config.getoption("--submission")
        path = Path(option) if option else exercise.reference_path
        sub = load_submission(path.stem, path, exercise)
        cache[exercise.id] = grade_submission(GradingContext.build(exercise, hidden=True), sub)
    return cache[exercise.id]


_RESULTS = pytest.StashKey[dict]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "public: an nnkit public case")
    config.addinivalue_line("markers", "hidden: an nnkit hidden case")
