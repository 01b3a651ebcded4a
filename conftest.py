"""Root conftest: suite files collectable by pytest (autograder/authoring/pytest_plugin.py), and
one marker per exercise and per task, registered from the exercise registry.

Markers (``--strict-markers`` stays on, so a misspelt one is an error):

- the exercise's id: ``pytest -m two_layer_net``;
- ``task_`` and the task's id with ``_`` for ``.``: ``pytest -m task_3_2`` (task 3.2).

How a test is tagged (``pytest_collection_modifyitems`` below):

1. Exercises: the markers written on it (``@pytest.mark.task_3_2`` also tags exercise 3,
   ``pytestmark = pytest.mark.dropout`` a whole file), and its parameters: a value that is an
   ``Exercise``, an exercise id, or a path inside an exercise's folder (tuples are searched too).
   Only when these name none, the file name: ``tests/test_<exercise id>.py``.
   A case item of a suite file (``pytest autograder/suites/<id>/hidden_tests.py``) has its exercise.
2. Tasks: a parameter that is a case name of a tagged exercise tags that case's task (a suite's
   case item: its own case). A test that names no case nor task checks its exercise as a whole
   and carries every task of it. A test that names no exercise carries no exercise marker.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

pytest_plugins = ["autograder.authoring.pytest_plugin"]


def task_marker(task_id: str) -> str:
    return "task_" + task_id.replace(".", "_")


@functools.cache
def _registry():
    from autograder.exercises import all_exercises

    return all_exercises()


@functools.cache
def _case_tasks(exercise_id: str) -> dict[str, str]:
    return {c.name: c.task for c in _registry()[exercise_id].cases(hidden=True)}


def pytest_configure(config: pytest.Config) -> None:
    for ex in _registry().values():
        config.addinivalue_line("markers", f"{ex.id}: exercise {ex.number} ({ex.title.en})")
        for t in ex.tasks:
            config.addinivalue_line("markers", f"{task_marker(t.id)}: task {t.id} {t.name} of {ex.id}")


def _values(value):
    """A parameter's value and, for tuples and lists, the values inside it."""
    if isinstance(value, (tuple, list)):
        for inner in value:
            yield from _values(inner)
    else:
        yield value


def _exercise_named(value) -> str | None:
    from autograder.exercises import Exercise

    known = _registry()
    if isinstance(value, Exercise):
        return value.id
    if isinstance(value, str) and value in known:
        return value
    if isinstance(value, Path):
        return next((part for part in value.parts if part in known), None)
    return None


def tags(item: pytest.Item) -> set[str]:
    """The exercise and task markers ``item`` gets (see the module docstring)."""
    known = _registry()
    by_task = {task_marker(t.id): ex.id for ex in known.values() for t in ex.tasks}
    written = {m.name for m in item.iter_markers()}
    params = [
        v for value in getattr(getattr(item, "callspec", None), "params", {}).values() for v in _values(value)
    ]
    exercises = {name for name in written if name in known} | {by_task[n] for n in written if n in by_task}
    exercises |= {e for e in map(_exercise_named, params) if e}
    case = getattr(item, "case", None)
    if case is not None and hasattr(item, "exercise"):  # a suite file's case item
        return {item.exercise.id, task_marker(case.task)}
    if not exercises:
        stem = Path(str(item.fspath)).stem.removeprefix("test_")
        exercises = {stem} if stem in known else set()
    tasks = {n for n in written if n in by_task}
    for e in exercises:
        named = {task_marker(_case_tasks(e)[v]) for v in params if isinstance(v, str) and v in _case_tasks(e)}
        mine = {n for n in tasks if by_task[n] == e} | named
        tasks |= mine or {task_marker(t.id) for t in known[e].tasks}
    return exercises | tasks


@pytest.hookimpl(tryfirst=True)  # before -m deselects by markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        have = {m.name for m in item.iter_markers()}
        for name in sorted(tags(item) - have):
            item.add_marker(name)
