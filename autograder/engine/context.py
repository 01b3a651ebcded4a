"""The grading context: one exercise's cases, expected outputs and sandbox, built once and passed."""

from __future__ import annotations

from dataclasses import dataclass

from autograder.core.paths import default_jobs
from autograder.engine.expected import Expected, expected_outputs, read_public_outcomes
from autograder.exercises import Exercise
from autograder.runtime.spec import Case
from autograder.sandbox.confine import Sandbox, choose


@dataclass(frozen=True)
class GradingContext:
    """Everything that is the same for every submission of one grading run, built once.

    Used by ``grade``, ``check``, ``validate``, the pytest plugin and the otter export.
    ``expected`` is None for the student's self-check (no reference there); ``reveal``
    whether hidden cases' messages may show expected values (``exercise.toml``:
    ``reveal_hidden``, for after the deadline).
    """

    exercise: Exercise
    cases: tuple[Case, ...]
    sandbox: Sandbox
    expected: Expected | None
    suite_key: str
    reveal: bool = False

    @classmethod
    def build(
        cls,
        exercise: Exercise,
        hidden: bool = True,
        jobs: int | None = None,
        sandbox: Sandbox | None = None,
        reveal: bool | None = None,
        reference: bool | None = None,
    ) -> GradingContext:
        """``reference``: compute (or read) the reference's outputs; default: when ``hidden``."""
        sandbox = sandbox or choose()
        cases = exercise.cases(hidden=hidden)
        use_reference = hidden if reference is None else reference
        shown = exercise.reveal_hidden if reveal is None else reveal
        if use_reference:
            expected = expected_outputs(exercise, cases, jobs or default_jobs(), sandbox)
        else:  # the self-check: the stored public outcomes give it grade's hints and input checks
            expected = read_public_outcomes(exercise)
        return cls(
            exercise,
            tuple(cases),
            sandbox,
            expected,
            # a run that reveals expected values writes other feedback: resume must not mix the two
            (exercise.suite_key(hidden) + ("+reveal" if shown else "")) if use_reference else "",
            shown,
        )
