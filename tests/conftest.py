"""Shared fixtures: the loss_functions exercise with short limits, a class folder builder, the
self-check of a known mistake, one grading context per exercise; the hypothesis profile and
``NNKIT_CACHE`` restored after every test module (markers: the root conftest.py)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

from autograder.exercises import Limits, get_exercise

REFERENCE_LOSS = get_exercise("loss_functions").reference_path.read_text(encoding="utf-8")

# Two cores shared with other jobs: a property test's example may wait seconds for the CPU, which
# is not a failure of the code it tests. Examples are still bounded by max_examples.
settings.register_profile("nnkit", deadline=None)
settings.load_profile("nnkit")


@contextlib.contextmanager
def restored_env(name: str):
    """On leaving, ``os.environ[name]`` is as it was on entering (unset if it was unset)."""
    before = os.environ.get(name)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


@pytest.fixture(autouse=True, scope="module")
def _restore_nnkit_cache():
    """Tests and module fixtures point ``NNKIT_CACHE`` at their own folder; the next module
    finds it as it was (unset, or the caller's)."""
    with restored_env("NNKIT_CACHE"):
        yield


@pytest.fixture(scope="session")
def grader():
    """``grader(exercise)(name, source)``: grade a submission's source with the hidden suite; one
    grading context per exercise for the session."""
    from autograder.authoring.validate import as_submission
    from autograder.engine.context import GradingContext
    from autograder.engine.grade import grade_submission
    from autograder.sandbox.confine import choose

    contexts = {}

    def for_exercise(exercise):
        if exercise.id not in contexts:
            contexts[exercise.id] = GradingContext.build(exercise, hidden=True, jobs=2, sandbox=choose())
        ctx = contexts[exercise.id]
        return lambda name, source: grade_submission(ctx, as_submission(name, source, exercise))

    return for_exercise


@pytest.fixture
def self_check(tmp_path):
    """``self_check(exercise_id, mistake)``: the public self-check's results by case name, for the
    reference with the known mistake's definitions appended (as validate builds it)."""
    from autograder.engine.grade import check

    def run(exercise_id: str, mistake: str) -> dict:
        ex = get_exercise(exercise_id)
        source = ex.reference_path.read_text(encoding="utf-8")
        source += "\n\n" + (ex.mistakes_dir / f"{mistake}.py").read_text(encoding="utf-8")
        path = tmp_path / ex.filename
        path.write_text(source, encoding="utf-8")
        return {c.name: c for c in check(ex, path).cases}

    return run


@pytest.fixture(scope="session")
def loss_ex():
    """loss_functions with short limits so that loops and sleeps are cut quickly."""
    ex = get_exercise("loss_functions")
    return dataclasses.replace(ex, limits=Limits(case_timeout=1, load_timeout=4, submission_timeout=30))


@pytest.fixture
def make_class(tmp_path):
    """Write {name: source} into a submissions folder; a dict value makes a folder submission."""

    def make(files: dict[str, str | bytes | dict]) -> Path:
        folder = tmp_path / "submissions"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            if isinstance(content, dict):
                path.mkdir()
                for inner, text in content.items():
                    (path / inner).write_text(text, encoding="utf-8")
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return make


def notebook(*cells: str) -> str:
    """A minimal nbformat-4 notebook with the given code cells."""
    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
                for c in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def public_count(exercise_id: str, task: str | None = None) -> int:
    """How many public cases an exercise has (of one task): what `check` counts as its tests."""
    return sum(1 for c in get_exercise(exercise_id).cases(hidden=False) if task in (None, c.task))
