"""Shared fixtures: the loss_functions exercise with short limits, and a class folder builder."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from autograder.exercises import Limits, get_exercise

REFERENCE_LOSS = get_exercise("loss_functions").reference_path.read_text(encoding="utf-8")


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
