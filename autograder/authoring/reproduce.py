"""``python -m autograder reproduce``: the lectures' numbers beside the reference's.

Each exercise may have ``autograder/suites/<id>/reproduce.py`` defining
``RUNS = [Run(...), ...]``; a run's ``fn(ref)`` gets the reference solution module and
returns ``(ours, ok)``. Training runs are what make this slow; the bar shows which one is going.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from autograder.core.paths import ROOT
from autograder.exercises import Exercise


@dataclass(frozen=True)
class Run:
    name: str  # what is run, e.g. "MSE, correct guess"
    lecture: str  # the lecture's number as the lecture prints it
    fn: Callable[[ModuleType], tuple[Any, bool]]  # -> (our number, within the stated tolerance?)
    tolerance: str = ""
    note: str = ""  # e.g. "our data: 5,000 training digits, the lecture's: 60,000"


@dataclass(frozen=True)
class Row:
    exercise: str
    run: Run
    ours: str
    ok: bool
    seconds: float


def load_reference(exercise: Exercise) -> ModuleType:
    """Import the reference solution (trusted: it is the kit's own) under a private name."""
    for path in (str(ROOT / "assignments"), str(exercise.reference_path.parent)):
        if path not in sys.path:
            sys.path.append(path)
    spec = importlib.util.spec_from_file_location(f"nnkit_reference_{exercise.id}", exercise.reference_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def runs_of(exercise: Exercise) -> list[Run]:
    path = exercise.root / "autograder" / "suites" / exercise.id / "reproduce.py"
    if not path.is_file():
        return []
    namespace: dict = {"__name__": f"nnkit_reproduce_{exercise.id}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return list(namespace["RUNS"])


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.16g}"
    return str(value)


def reproduce(exercises: list[Exercise], progress: bool = True) -> list[Row]:
    from tqdm import tqdm

    plan = [(e, r) for e in exercises for r in runs_of(e)]
    rows = []
    refs: dict[str, ModuleType] = {}
    with tqdm(plan, desc="reproduce", unit="run", disable=not progress, file=sys.stderr) as bar:
        for exercise, run in bar:
            bar.set_postfix_str(f"{exercise.id}: {run.name}")
            if exercise.id not in refs:
                refs[exercise.id] = load_reference(exercise)
            start = time.monotonic()
            ours, ok = run.fn(refs[exercise.id])
            rows.append(Row(exercise.id, run, fmt(ours), bool(ok), time.monotonic() - start))
    return rows
