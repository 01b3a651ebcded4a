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

import ast
import functools
import hashlib
import os
import random
import re
import sys
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from autograder.runtime import wire


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
    """A named hint shown when a case fails and its condition holds.

    ``when(actual, expected)`` receives decoded plain data (never student objects) and runs in
    the parent, for a case that returned a value; ``error="IndexError"`` fires only when the
    student's code raised that exception (``error_text``: and its message contains that text);
    ``mutated=True`` when the parent found a changed input; ``detect(actual, expected, inputs)``
    is a relation that also reads the case's inputs (the arrays and numbers the reference's
    run passed to ``ctx.call``): the misconception catalogue's detectors
    (``autograder/core/misconceptions.py``). Every hint has one of these conditions: a hint
    without one would fire on any failure (a catalogue id without a detector fires only through
    a known mistake that names it). ``only_on``: glob patterns of the case names it may fire on
    (a hint about backprop, attached to a whole fit, stays quiet on the forward cases).
    """

    id: str
    ko: str
    en: str
    when: Callable[[Any, Any], bool] | None = None
    error: str | None = None
    error_text: str = ""
    #: fires when the parent found that the student's function changed an input argument
    mutated: bool = False
    detect: Callable[[Any, Any, tuple], bool] | None = None
    only_on: tuple[str, ...] = ()

    @property
    def has_condition(self) -> bool:
        return self.when is not None or self.error is not None or self.mutated or self.detect is not None

    def applies_to(self, case_name: str) -> bool:
        """Whether this hint may fire on the case ``case_name`` (see ``only_on``)."""
        return not self.only_on or any(name_matches(case_name, p) for p in self.only_on)

    @property
    def msg(self) -> Msg:
        return Msg(self.ko, self.en)


def name_matches(name: str, pattern: str) -> bool:
    """A case name against a pattern: ``*`` and ``?`` are wildcards, brackets are literal
    (``fit[small]`` is one case's name)."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*").replace(r"\?", "."), name) is not None


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
    #: a str names a Hint declared by another case of the exercise, or a misconception of the
    #: course-wide catalogue (``autograder/core/misconceptions.py``), resolved in the parent
    hints: tuple[Hint | str, ...] = ()
    about: Msg | None = None
    timeout: float | None = None
    #: names of cases this one earns its points only together with: a case that code doing
    #: nothing passes (inputs unchanged, the right shape of zeros) pairs with one it fails
    requires: tuple[str, ...] = ()
    #: ids of the stub's graded rules (``exercise.toml`` [[rules]]) this case checks
    rules: tuple[str, ...] = ()

    @property
    def needs_reference(self) -> bool:
        return self.expect is REFERENCE

    @functools.cached_property
    def program(self) -> tuple[str, ...]:
        """What the worker receives to run this case (see :func:`scenario_program`)."""
        return scenario_program(self.scenario)

    @property
    def program_file(self) -> str:
        """Names the scenario's file in the worker (statements of one file share a namespace)."""
        path = self.scenario.__code__.co_filename
        return hashlib.sha256(path.encode()).hexdigest()[:12]


class PerParam(dict):
    """``expect=PerParam({param_id: value, ...})``: a literal expected value for each param."""


class Context:
    """What a scenario gets besides the student's module: a seeded generator and helpers.

    The generator is seeded from the case name, so inputs never depend on global random
    state that student code might touch. :meth:`call` records the arguments' values after the
    call (bounded, see :func:`snapshot`); the parent, not this process, decides whether they
    changed, by comparing them with the reference's run of the same scenario. Nothing here
    records or digests an argument before the call: a worker that claims its inputs did not
    change must send their original values, and so must have kept a copy of them.
    """

    def __init__(self, case_name: str):
        self.case_name = case_name
        seed = zlib.crc32(case_name.encode())
        self.rng = np.random.default_rng(seed)
        # a submission that (against its stub) draws from the global generators gets the same
        # numbers in every run, worker and regrade: its score never depends on what ran before
        np.random.seed(seed)
        random.seed(seed)
        self.calls: list[dict[str, list[Any]]] = []

    def call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``fn``; the parent fails the case if it modified an array or container argument."""
        out = fn(*args, **kwargs)
        self.calls.append({"after": wire.to_plain([snapshot(a) for a in args])})  # as sent
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


#: Array elements (a strided sample beyond) and container items recorded of one argument.
RECORD_ITEMS = 4096
#: Values recorded of one argument in all (nested containers included); then "...".
RECORD_VALUES = 2**14


def snapshot(a: Any) -> Any:
    """An argument's contents as plain data, bounded: what :meth:`Context.call` records.

    Arrays of up to :data:`RECORD_ITEMS` elements are copied whole; a larger one is recorded
    by its dtype, shape, a strided sample of that many elements and its sum. Lists, tuples
    and dicts are recorded item by item (their first :data:`RECORD_ITEMS`), other objects by
    type name only (their repr may hold an address). The same input gives the same record in
    every process, so the parent compares a student's records with the reference's.
    """
    return _Snapshot().take(a, 0)


class _Snapshot:
    def __init__(self) -> None:
        self.left = RECORD_VALUES

    def take(self, a: Any, depth: int) -> Any:
        self.left -= 1
        if depth > 6 or self.left < 0:
            return "..."
        if isinstance(a, np.ndarray):
            return self.array(a)
        if type(a) in (list, tuple):
            return (type(a).__name__, len(a), [self.take(v, depth + 1) for v in a[:RECORD_ITEMS]])
        if type(a) is dict:
            pairs = list(a.items())[:RECORD_ITEMS]
            return ("dict", len(a), [(self.take(k, depth + 1), self.take(v, depth + 1)) for k, v in pairs])
        if type(a) is str:
            return a[:1000]
        if a is None or type(a) in (int, float, bool) or isinstance(a, np.generic):
            return a
        return ("object", type(a).__name__[:100])

    def array(self, a: np.ndarray) -> Any:
        if a.dtype.kind not in "biufc":
            return ("ndarray", a.dtype.str, a.shape)
        flat = a.view(np.ndarray).reshape(-1)  # the base class: a subclass's methods may lie
        self.left -= min(flat.size, RECORD_ITEMS)
        if flat.size <= RECORD_ITEMS:
            return flat.reshape(a.shape).copy()
        step = -(-flat.size // RECORD_ITEMS)
        total = flat.sum(dtype=np.complex128 if a.dtype.kind == "c" else np.float64)
        return ("sampled", a.dtype.str, a.shape, flat[::step].copy(), np.asarray(total))


#: Calls recorded per case, and arguments per call, that the parent accepts.
MAX_CALLS = 64


def clean_calls(calls: Any) -> tuple | None:
    """``Context.calls`` as a worker sent them, checked: a list of {after: [record, ...]}
    whose records decode as plain data. None when they are not that (forged or malformed)."""
    if calls is None:
        return ()
    if not isinstance(calls, list) or len(calls) > MAX_CALLS:
        return None
    out = []
    for call in calls:
        if not isinstance(call, dict):
            return None
        values = call.get("after")
        if not (isinstance(values, list) and len(values) <= MAX_CALLS):
            return None
        try:
            wire.decode(values)
        except wire.WireError:
            return None
        out.append({"after": values})
    return tuple(out)


def changed_arguments(calls: Any, originals: Any) -> list[int] | None:
    """Which arguments (1-based) a scenario's calls changed, judged in the parent.

    ``calls``: the student's records (``Context.calls``, plain data from the worker);
    ``originals``: trusted records of the same scenario (the reference's run, which leaves its
    inputs as they were). An argument changed when its value after the student's call is not
    its value after the reference's, compared as plain data (arrays: dtype, shape and bytes).
    A worker that forges its records must send the original values, which costs what keeping
    a copy does. Given the student's own records as ``originals`` (no reference: a self-check
    without stored outcomes) nothing is found changed. None: the records do not fit together
    (forged or malformed), which the parent treats as interference.
    """
    if not isinstance(calls, (list, tuple)) or not isinstance(originals, (list, tuple)):
        return None
    if len(calls) != len(originals):
        return None
    changed = []
    for mine, theirs in zip(calls, originals):
        if not (isinstance(mine, dict) and isinstance(theirs, dict)):
            return None
        after, original = mine.get("after"), theirs.get("after")
        if not (isinstance(after, list) and isinstance(original, list) and len(after) == len(original)):
            return None
        changed += [i + 1 for i, (x, y) in enumerate(zip(after, original)) if x != y]
    return sorted(set(changed))


# ---- scenario programs: what a worker receives for one case ---------------------------------


def _is_case_decorator(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "case"


def _defined(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def _walk(node: ast.AST):
    """ast.walk that skips ``@suite.case(...)`` decorators: they hold the judge's data."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        for child in ast.iter_child_nodes(n):
            if not _is_case_decorator(child) or child not in getattr(n, "decorator_list", ()):
                todo.append(child)


def _used(node: ast.AST) -> set[str]:
    return {n.id for n in _walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


@functools.cache
def _parsed(path: str, text: str) -> ast.Module:
    return ast.parse(text, path)


def scenario_program(fn: Callable[..., Any]) -> tuple[str, ...]:
    """The source a worker needs to run the scenario ``fn``, as top-level statements in file
    order: the file's imports, the helpers and constants ``fn`` uses (transitively), and ``fn``
    itself without its ``case`` decorator. Never the file's other cases, expected values,
    checks or hints. (A worker runs each statement once per file, so a helper's cache such as
    ``lru_cache`` lasts for the whole submission.)

    Raises ValueError when ``fn`` uses a name the program would not define (a suite bug).
    """
    path = fn.__code__.co_filename
    text = _source_text(path)
    tree = _parsed(path, text)
    imports, imported, definers = _top_level(tree)
    target = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == fn.__name__), None)
    if target is None:
        raise ValueError(f"{path}: no top-level function {fn.__name__}")
    wanted = _needed(target, definers)
    missing = _undefined(wanted, imported)
    if missing:
        raise ValueError(f"{path}: {fn.__name__} uses {sorted(missing)}, defined nowhere it can see")
    parts = [_segment(text, n) for n in imports]
    return tuple(parts + [_without_case_decorator(text, n) for n in sorted(wanted, key=lambda n: n.lineno)])


def _top_level(tree: ast.Module) -> tuple[list[ast.stmt], set[str], dict[str, list[ast.stmt]]]:
    """A file's import statements, the names they bind, and the statements defining each name."""
    definers: dict[str, list[ast.stmt]] = {}
    imports, imported = [], set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(node)
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
        for name in _defined(node):
            definers.setdefault(name, []).append(node)
    return imports, imported, definers


def _needed(target: ast.stmt, definers: dict[str, list[ast.stmt]]) -> list[ast.stmt]:
    """``target`` and every top-level statement defining a name it uses, transitively."""
    wanted: list[ast.stmt] = []
    todo = [target]
    while todo:
        node = todo.pop()
        if node in wanted:
            continue
        wanted.append(node)
        inner = _defined(node)
        for name in _used(node) - inner:
            todo += [d for d in definers.get(name, []) if d not in wanted and d is not target]
    return wanted


def _undefined(wanted: list[ast.stmt], imported: set[str]) -> set[str]:
    """Names the statements read that neither they, the imports nor the builtins define."""
    missing = set()
    defined = imported | {n for node in wanted for n in _defined(node)}
    for node in wanted:
        missing |= _used(node) - defined - _bound_inside(node) - _BUILTINS
    return missing


def _bound_inside(node: ast.stmt) -> set[str]:
    """Names a statement binds anywhere within it: assignments, arguments, defs, imports."""
    inner = list(_walk(node))
    local = {n.id for n in inner if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    local |= {a.arg for n in inner if isinstance(n, ast.arguments) for a in _args(n)}
    local |= {n.name for n in inner if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    local |= {
        a.asname or a.name for n in inner if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names
    }
    return local


def _without_case_decorator(text: str, node: ast.stmt) -> str:
    decorators = [d for d in getattr(node, "decorator_list", []) if not _is_case_decorator(d)]
    head = "".join("@" + _segment(text, d) + "\n" for d in decorators)
    return head + _segment(text, node)


@functools.cache
def _lines(text: str) -> list[bytes]:
    # the line ends ``ast`` counts (not form feeds), as UTF-8: column offsets are byte offsets
    return [line.encode() for line in re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)]


def _segment(text: str, node: ast.AST) -> str:
    """``ast.get_source_segment(text, node)`` without splitting the whole file on every call
    (that made building a suite's programs cost ~20 ms per case)."""
    lines, first, last = _lines(text), node.lineno - 1, node.end_lineno - 1
    if first == last:
        return lines[first][node.col_offset : node.end_col_offset].decode()
    middle = lines[first + 1 : last]
    return b"".join([lines[first][node.col_offset :], *middle, lines[last][: node.end_col_offset]]).decode()


_BUILTINS = set(dir(__import__("builtins")))


def _args(a: ast.arguments) -> list[ast.arg]:
    return [*a.posonlyargs, *a.args, *a.kwonlyargs, *([a.vararg] if a.vararg else []),
            *([a.kwarg] if a.kwarg else [])]  # fmt: skip


_sources: dict[str, str] = {}


def _source_text(path: str) -> str:
    if path not in _sources:
        with open(path, encoding="utf-8") as f:
            _sources[path] = f.read()
    return _sources[path]


def load_beside(suite_file: str, name: str) -> ModuleType:
    """The module ``name``.py in the folder of ``suite_file``, loaded once under a unique name.

    How a hidden suite (what is judged) reaches its ``scenarios.py`` (what is run) without the
    two ever being sent to a worker together.
    """
    path = os.path.join(os.path.dirname(os.path.abspath(suite_file)), f"{name}.py")
    key = "nnkit_" + hashlib.sha256(path.encode()).hexdigest()[:12] + "_" + name
    if key not in sys.modules:
        module = ModuleType(key)
        module.__file__ = path
        sys.modules[key] = module
        try:
            exec(compile(_source_text(path), path, "exec"), module.__dict__)
        except BaseException:
            del sys.modules[key]
            raise
    return sys.modules[key]


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
        run: Callable[..., Any] | None = None,
        requires: Iterable[str] = (),
        rules: Iterable[str] = (),
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]] | None:
        """Declare a case (or one case per entry of ``params``, named ``fn[param_id]``).

        As a decorator the decorated function is the scenario; ``run=fn`` declares a case for
        a scenario defined elsewhere (a hidden suite's ``scenarios.py``) and returns None.

        ``hints``: :class:`Hint` objects, or the id of a Hint that a case of the exercise's
        public suite declares (so a hidden suite reuses the public one's hints, not a copy), or
        the id of a misconception in the course-wide catalogue (``autograder/core/misconceptions.py``).
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
                        requires=tuple(requires),
                        rules=tuple(rules),
                    )
                )
            return fn

        if run is not None:
            register(run)
            return None
        return register

    def by_name(self) -> dict[str, Case]:
        return {c.name: c for c in self.cases}
