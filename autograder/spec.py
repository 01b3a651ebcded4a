"""Test declarations: one source for nnkit's grader, pytest and the otter export.

A suite file (``assignments/<ex>/public_tests.py`` or ``autograder/suites/<ex>/hidden_tests.py``)
declares its cases once::

    suite = Suite("loss_functions", hidden=False)

    @suite.case("1.1", points=1, expect=0.0975, about=Msg("...", "..."))
    def mse_lecture_example(m, ctx):
        return m.mean_squared_error(Y, T)

The *scenario* (the decorated function) runs in the worker process that imported the student's
module ``m``; it returns plain data. Everything else on the case (expected value, tolerance,
hints, custom checks) is used only by the trusted parent process. This module is imported on
both sides, so it depends on nothing but the standard library and numpy.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Msg:
    """A bilingual message: Korean first, English second."""

    ko: str
    en: str

    def render(self, lang: str = "both", sep: str = " / ") -> str:
        if lang == "ko":
            return self.ko
        if lang == "en":
            return self.en
        return self.ko if self.ko == self.en else f"{self.ko}{sep}{self.en}"


class _Reference:
    def __repr__(self) -> str:
        return "REFERENCE"


#: ``expect=REFERENCE``: the expected value is the reference solution's output on the same scenario.
REFERENCE: Any = _Reference()


@dataclass(frozen=True)
class Hint:
    """A named hint shown when a case fails and ``when(actual, expected)`` is true.

    ``when`` receives decoded plain data (never student objects) and runs in the parent.
    Without ``when`` the hint is shown on every failure of the case.
    """

    id: str
    ko: str
    en: str
    when: Callable[[Any, Any], bool] | None = None

    @property
    def msg(self) -> Msg:
        return Msg(self.ko, self.en)


@dataclass(frozen=True)
class Case:
    """One graded case. ``scenario(m, ctx, *args)`` runs in the worker; the rest in the parent."""

    name: str
    task: str
    points: float
    hidden: bool
    scenario: Callable[..., Any]
    args: tuple = ()
    expect: Any = REFERENCE
    rtol: float = 1e-6
    atol: float = 1e-9
    check: Callable[[Any, Any], Msg | None] | None = None
    hints: tuple[Hint | str, ...] = ()  # a str names a Hint declared by another case of the exercise
    about: Msg | None = None
    timeout: float | None = None

    @property
    def needs_reference(self) -> bool:
        return self.expect is REFERENCE


class PerParam(dict):
    """``expect=PerParam({param_id: value, ...})``: a literal expected value for each param."""


class ArgumentMutated(Exception):
    """Raised by :meth:`Context.call` when the student's function changed one of its inputs."""


class Context:
    """What a scenario gets besides the student's module: a seeded generator and helpers.

    The generator is seeded from the case name, so inputs never depend on global random
    state that student code might touch.
    """

    def __init__(self, case_name: str):
        self.case_name = case_name
        self.rng = np.random.default_rng(zlib.crc32(case_name.encode()))

    @staticmethod
    def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``fn`` and fail the case if it modified any array or container argument."""
        before = [_snapshot(a) for a in args]
        out = fn(*args, **kwargs)
        for i, (a, snap) in enumerate(zip(args, before)):
            if not _same(a, snap):
                raise ArgumentMutated(f"argument {i + 1}")
        return out

    @staticmethod
    def data() -> ModuleType:
        import nnkit_data

        return nnkit_data

    @staticmethod
    def mnist(m: int | None = None, start: int = 0, test: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Digits ``start .. start+m`` (all from ``start`` if ``m`` is None) of MNIST, training
        set or ``test``: x (m, 784) float32 in [0, 1], t (m,) int64 labels; fresh arrays.

        The same values as ``nnkit_data.load_mnist()`` sliced, but only the slice is converted
        (the whole set costs about 0.15 s per worker); the raw file is read once per process.
        A submission that changes its input cannot change the data of later cases.
        """
        data = Context.data()
        x, t = data._load("mnist_test" if test else "mnist_train_5k")
        stop = None if m is None else start + m
        return data._prepare(x[start:stop], t[start:stop], True, True, False)


def _snapshot(a: Any) -> Any:
    if isinstance(a, np.ndarray):
        return np.array(a, copy=True)
    if isinstance(a, dict):
        return {k: _snapshot(v) for k, v in a.items()}
    if isinstance(a, list):
        return [_snapshot(v) for v in a]
    return a


def _same(a: Any, snap: Any) -> bool:
    if isinstance(snap, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and a.shape == snap.shape
            and a.dtype == snap.dtype
            and np.array_equal(a, snap, equal_nan=True)
        )
    if isinstance(snap, dict):
        return isinstance(a, dict) and list(a) == list(snap) and all(_same(a[k], v) for k, v in snap.items())
    if isinstance(snap, list):
        return isinstance(a, list) and len(a) == len(snap) and all(map(_same, a, snap))
    return True


@dataclass
class Suite:
    """The cases of one exercise, public or hidden, in declaration order."""

    exercise: str
    hidden: bool
    cases: list[Case] = field(default_factory=list)

    def case(
        self,
        task: str,
        points: float = 1,
        *,
        expect: Any = REFERENCE,
        params: dict[str, tuple] | Iterable[tuple[str, tuple]] | None = None,
        rtol: float = 1e-6,
        atol: float = 1e-9,
        check: Callable[[Any, Any], Msg | None] | None = None,
        hints: Iterable[Hint | str] = (),
        about: Msg | None = None,
        timeout: float | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a case (or one case per entry of ``params``, named ``fn[param_id]``).

        ``hints``: :class:`Hint` objects, or the id of a Hint that a case of the exercise's
        public suite declares (so a hidden suite reuses the public one's hints, not a copy).
        """
        if expect is REFERENCE and not self.hidden:
            raise ValueError("public cases need a literal expect= (students have no reference)")

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            items = params.items() if isinstance(params, dict) else params
            variants = [("", ())] if params is None else [(f"[{k}]", tuple(v)) for k, v in items]
            for suffix, args in variants:
                self.cases.append(
                    Case(
                        name=fn.__name__ + suffix,
                        task=task,
                        points=points,
                        hidden=self.hidden,
                        scenario=fn,
                        args=args,
                        expect=expect[suffix[1:-1]] if isinstance(expect, PerParam) else expect,
                        rtol=rtol,
                        atol=atol,
                        check=check,
                        hints=tuple(hints),
                        about=about,
                        timeout=timeout,
                    )
                )
            return fn

        return register

    def by_name(self) -> dict[str, Case]:
        return {c.name: c for c in self.cases}
