"""``expect=REFERENCE`` in a public case: the literal is filled in from the reference's run, so
that the student still reads the number in ``public_tests.py``.

The reference runs as a submission would (a worker, one BLAS thread), on a copy of the public
section whose suite is hidden (a public suite refuses ``REFERENCE``); each value is written as a
literal (``np.array([...], dtype=...)`` for arrays, ``PerParam({...})`` for a case with params)
and the section is formatted with ruff, as a hand-written file would be.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from autograder.authoring.assign_text import LINE
from autograder.core.errors import UserError
from autograder.core.paths import ROOT
from autograder.discover.submissions import Cell
from autograder.engine.run import run_submission
from autograder.exercises import Exercise, load_suite
from autograder.sandbox.confine import choose


def fill_reference(public: str, exercise: Exercise, reference: str, where: str) -> str:
    """The public section with each ``expect=REFERENCE`` replaced by the reference's value."""
    spots = _reference_spots(public)
    if not spots:
        return public
    values = _reference_values(public, exercise, reference, where)
    lines = public.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    text = public
    for (lineno, col, end_col), name, params in sorted(spots, reverse=True):
        literal = _literal_for(name, params, values, where)
        start = offsets[lineno - 1] + len(lines[lineno - 1].encode()[:col].decode())
        end = offsets[lineno - 1] + len(lines[lineno - 1].encode()[:end_col].decode())
        text = text[:start] + literal + text[end:]
    return ruff_format(text, where)


def _reference_spots(public: str) -> list[tuple[tuple[int, int, int], str, bool]]:
    """Where ``REFERENCE`` is a case's ``expect=``: (line, columns), the case's function, params?"""
    spots = []
    for node in ast.parse(public).body:
        calls = [d for d in getattr(node, "decorator_list", []) if isinstance(d, ast.Call)]
        for call in calls:
            for k in call.keywords:
                if k.arg == "expect" and isinstance(k.value, ast.Name) and k.value.id == "REFERENCE":
                    params = any(p.arg == "params" for p in call.keywords)
                    where = (k.value.lineno, k.value.col_offset, k.value.end_col_offset)
                    spots.append((where, node.name, params))
    return spots


def _reference_values(public: str, exercise: Exercise, reference: str, where: str) -> dict[str, Any]:
    hidden = re.sub(r"hidden\s*=\s*False", "hidden=True", public, count=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / exercise.id / "public_tests.py"
        path.parent.mkdir()
        path.write_text(hidden, encoding="utf-8")
        cases = [c for c in load_suite(path).cases if c.needs_reference]
        staff = sorted((ROOT / "assignments" / exercise.id).glob("*_staff.py"))
        run = run_submission(
            exercise.module,
            [Cell(exercise.filename, reference)],
            cases,
            exercise.limits,
            choose(),
            staff,
            exercise.warm,
        )
    values = {}
    for case in cases:
        outcome = run.outcomes[case.name]
        if outcome.status != "ok":
            raise UserError(
                f"{where}: 모범 답안이 공개 테스트 {case.name}에서 실패합니다: {outcome.status} {outcome.error or ''}",
                f"{where}: the reference fails public case {case.name}: {outcome.status} {outcome.error or ''}",
            )
        values[case.name] = outcome.value
    return values


def _literal_for(name: str, params: bool, values: dict[str, Any], where: str) -> str:
    if not params:
        return literal(values[name])
    prefix = name + "["
    items = {k[len(prefix) : -1]: v for k, v in values.items() if k.startswith(prefix)}
    return "PerParam({" + ", ".join(f"{k!r}: {literal(v)}" for k, v in items.items()) + "})"


def literal(value: Any) -> str:
    """Python source that evaluates to ``value`` (floats exactly, arrays with their dtype)."""
    if isinstance(value, np.ndarray):
        dtype = "" if value.dtype in (np.float64, np.int64, np.bool_) else f", dtype=np.{value.dtype}"
        return f"np.array({literal(value.tolist())}{dtype})"
    if isinstance(value, np.generic):
        return literal(value.item())
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float) and not np.isfinite(value):
        return f"float({str(value)!r})"
    return repr(value)


def ruff_format(text: str, where: str) -> str:
    """``text`` as ``ruff format`` writes it (the project's settings)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--line-length",
            str(LINE),
            "--stdin-filename",
            "public_tests.py",
            "-",
        ],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise UserError(
            f"{where}: ruff format 실패: {done.stderr}", f"{where}: ruff format failed: {done.stderr}"
        )
    return done.stdout
