"""Expected outputs: the reference's outcome on every case, and each known mistake's (for hints).

Computed by running those files through the same worker machinery, then cached under
``.cache/nnkit``; the public part is also written to ``assignments/<ex>/public_outcomes.json``
for the student's self-check.
"""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.core.errors import UserError
from autograder.core.files import write_atomic
from autograder.core.paths import cache_dir
from autograder.core.results import LIMIT_STATUSES, Outcome
from autograder.discover.submissions import Cell
from autograder.engine.judge import distinct
from autograder.engine.run import run_submission
from autograder.exercises import Exercise
from autograder.runtime.spec import Case
from autograder.sandbox.confine import Sandbox


@dataclass
class Expected:
    """The reference's outcome on every case, and each known mistake's (for hints)."""

    reference: dict[str, Outcome] = field(default_factory=dict)
    mistakes: dict[str, dict[str, Outcome]] = field(default_factory=dict)
    _distinct: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def distinct_mistakes(self, case: Case) -> set[str]:
        """Mistakes whose output on ``case`` tells them apart (from the reference and each other)."""
        if case.name not in self._distinct:
            ref = self.reference.get(case.name)
            outs = {m: o[case.name] for m, o in self.mistakes.items() if case.name in o}
            self._distinct[case.name] = distinct(case, ref, outs) if ref else set()
        return self._distinct[case.name]


#: Beside each public suite: the reference's and every known mistake's outcomes on the public
#: cases, so that the student's self-check (which has neither) gives the same hints as grade.
PUBLIC_OUTCOMES = "public_outcomes.json"


def public_key(exercise: Exercise) -> str:
    """Digest of what the public cases' outcomes depend on that a student bundle also has."""
    h = hashlib.sha256(b"public\0")
    for p in [exercise.public_suite_path, *exercise.scenario_paths]:
        if p.name != "scenarios.py":
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def write_public_outcomes(exercise: Exercise, expected: Expected) -> Path:
    """Store the public cases' part of ``expected`` beside the public suite (``validate`` does)."""
    names = [c.name for c in exercise.cases(hidden=False)]

    def plain(outcome: Outcome) -> dict:
        # an exception's type and message are all hint matching reads; its traceback would quote
        # the reference's code, which students must not get
        data = outcome.to_json()
        if data.get("error"):
            data["error"] = {"type": data["error"].get("type"), "message": data["error"].get("message")}
        return data

    data = {
        "key": public_key(exercise),
        "reference": {n: plain(expected.reference[n]) for n in names},
        "mistakes": {m: {n: plain(o[n]) for n in names} for m, o in sorted(expected.mistakes.items())},
    }
    path = exercise.public_suite_path.with_name(PUBLIC_OUTCOMES)
    text = json.dumps(data, indent=0, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)
    return path


def read_public_outcomes(exercise: Exercise) -> Expected | None:
    """The stored public outcomes, or None when missing or made for other public cases."""
    path = exercise.public_suite_path.with_name(PUBLIC_OUTCOMES)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != public_key(exercise):
            return None
        return Expected(
            {k: Outcome.from_json(v) for k, v in data["reference"].items()},
            {m: {k: Outcome.from_json(v) for k, v in o.items()} for m, o in data["mistakes"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def expected_outputs(exercise: Exercise, cases: list[Case], jobs: int, sandbox: Sandbox) -> Expected:
    """Reference and mistake outputs for every case, from the cache or computed now."""
    path = cache_dir() / f"{exercise.id}-{exercise.suite_key()}.json"
    cached = _cached(path, [c.name for c in cases])
    if cached is not None:
        return cached
    reference_source = exercise.reference_path.read_text(encoding="utf-8")
    variants = {"": reference_source} | {
        m.id: f"{reference_source}\n\n# ---- known mistake: {m.id} ----\n{m.source}"
        for m in exercise.mistakes
    }

    def run(source: str) -> dict[str, Outcome]:
        cell = Cell(exercise.filename, source)
        return run_submission(exercise.module, [cell], cases, exercise.limits, sandbox).outcomes

    with ThreadPoolExecutor(max(1, jobs)) as threads:
        results = dict(zip(variants, threads.map(run, variants.values())))
    if _limited(results[""]):  # a machine busy with other work can push the reference over a limit
        results[""] = run(reference_source)
    expected = Expected(results.pop(""), results)
    _reference_passes(exercise, cases, expected)
    write_atomic(
        path,
        json.dumps(
            {
                "reference": {k: v.to_json() for k, v in expected.reference.items()},
                "mistakes": {m: {k: v.to_json() for k, v in o.items()} for m, o in expected.mistakes.items()},
            }
        ),
    )
    return expected


def _cached(path: Path, names: list[str]) -> Expected | None:
    """The cached outputs at ``path`` if they are for exactly these cases."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text())
    if list(data["reference"]) != names:
        return None
    return Expected(
        {k: Outcome.from_json(v) for k, v in data["reference"].items()},
        {m: {k: Outcome.from_json(v) for k, v in o.items()} for m, o in data["mistakes"].items()},
    )


#: Outcomes that say the run was cut, not what the code computes: never cached as an expectation.
CUT = ("timeout", "not_run", *LIMIT_STATUSES)


def _limited(outcomes: dict[str, Outcome]) -> bool:
    return any(o.status in CUT for o in outcomes.values())


def _reference_passes(exercise: Exercise, cases: list[Case], expected: Expected) -> None:
    """The reference runs every case within its limits, and the cases whose expected value is its
    output without an error: otherwise nothing may be cached or compared against it."""
    for case in cases:
        got = expected.reference[case.name]
        if got.status in CUT or (got.status != "ok" and case.needs_reference):
            raise UserError(
                f"{exercise.id}: 모범 답안이 테스트 {case.name}에서 실패합니다: {got.status} {got.error or got.message}",
                f"{exercise.id}: the reference solution fails case {case.name}: {got.status} {got.error or got.message}",
            )


def expected_value(case: Case, expected: Expected | None) -> Any:
    if not case.needs_reference:
        return case.expect
    return expected.reference[case.name].value if expected and case.name in expected.reference else None
