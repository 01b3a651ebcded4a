"""API slips: an error that says a student's function returned None where a value was expected.

``fit`` without ``return self`` surfaces as "AttributeError: 'NoneType' object has no attribute
'W1'" raised in the kit's scenario code, far from the student's line. Decided here, in the
parent, on plain data: the error's type and message, whether it was raised in the student's
code (``where``) or in the scenario (``surfaced``: the scenario frames it passed through, read
from the parent's own copy of the case's program), and the student's own file (``sources``, the
parent's copy) for the line of the function that returned None.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from autograder.core.korean import josa
from autograder.core.results import Outcome
from autograder.runtime.spec import Case, Msg

#: Messages of Python's errors on a None used as an object, a sequence, a number or an array.
_NONE_USED = re.compile(
    r"'NoneType' object (has no attribute|is not (subscriptable|iterable|callable))"
    r"|cannot unpack non-iterable NoneType"
    r"|unsupported operand type\(s\) for .*'NoneType'"
    r"|object of type 'NoneType' has no len"
    r"|not 'NoneType'|NoneType' and|and 'NoneType'"
)
#: A call of an attribute on the kit's side: ``net.fit(``, ``m.softmax(``.
_CALLED = re.compile(r"\.\s*([A-Za-z_]\w*)\s*\(")
#: Names called on an object that are never the student's (numpy, the context, builtins' methods).
_NOT_THEIRS = {"call", "copy", "astype", "reshape", "sum", "mean", "max", "min", "items", "keys",
               "values", "get", "append", "tolist", "item", "mnist", "data", "integers", "random",
               "normal", "standard_normal", "uniform", "choice", "permutation", "default_rng"}  # fmt: skip


def slip_message(outcome: Outcome, case: Case, sources: dict[str, list[str]] | None = None) -> Msg | None:
    """For an ``error`` outcome whose exception used a None as a value: which function of the
    student's returned None and how to fix it ("fit returned None: did you forget
    ``return self``?"), with the line of that function in their file when ``sources`` (their
    file's lines per label, the parent's copy) has it; None when the error is not such a slip."""
    err = outcome.error or {}
    if outcome.status != "error" or not _NONE_USED.search(str(err.get("message", ""))):
        return None
    if err.get("where"):  # raised in their own code: a None one of their functions passed on
        return _inside_their_code(err["where"])
    attr = re.search(r"has no attribute '(\w+)'", str(err.get("message", "")))
    known = _names(sources) if sources else None
    found = _returned_none(case, err.get("surfaced") or [], _Theirs(case, known, attr and attr.group(1)))
    if found is None:
        return None
    name, line, before = found
    near = (set(re.findall(r"\w+", line)), set(re.findall(r"\w+", "\n".join(before))))
    place = _defined(name, sources or {}, near)
    fix_ko, fix_en = _fix(name, place)
    at_ko = f" ({place[0]} {place[1]}번째 줄: `{place[2]}`)" if place else ""
    at_en = f" ({place[0]}, line {place[1]}: `{place[2]}`)" if place else ""
    return Msg(
        f"{josa(name, '이')} None을 돌려주었습니다{at_ko}: {fix_ko}",
        f"{name} returned None{at_en}: {fix_en}",
    )


def _inside_their_code(where: dict) -> Msg:
    line = f"{where.get('file')} {where.get('line')}번째 줄" if where.get("line") else str(where.get("file"))
    line_en = (
        f"{where.get('file')}, line {where.get('line')}" if where.get("line") else str(where.get("file"))
    )
    return Msg(
        f"{line}에서 None을 값처럼 썼습니다: 그 None이 어디서 왔는지 확인하세요 "
        "(`return`이 빠진 함수? None으로 둔 속성?)",
        f"A None was used as a value at {line_en}: check where it came from "
        "(a function without `return`? an attribute left None?)",
    )


def _fix(name: str, place: tuple[str, int, str, bool] | None) -> tuple[str, str]:
    if name == "fit":
        return "`return self`를 빠뜨리지 않았나요?", "did you forget `return self`?"
    if place and place[3]:  # it has a return with a value: some path ends without one
        return (
            "값을 돌려주지 않고 끝나는 경로가 있습니다 (`return`만 쓰거나 함수 끝에 닿음).",
            "some path ends without returning a value (a bare `return`, or the end of the function).",
        )
    return "`return` 문을 빠뜨리지 않았나요?", "did you forget the `return` statement?"


def _returned_none(case: Case, surfaced: list[dict], theirs: _Theirs) -> tuple[str, str, list[str]] | None:
    """The student's function whose None the scenario tripped on, and the scenario line that
    calls it (and the lines of its function before it), read from the scenario's lines
    (innermost first): a call on the failing line, else the one that set the name used there."""
    for frame in surfaced:
        lines = _function_lines(case, str(frame.get("function", "")))
        n = frame.get("line")
        if not lines or not isinstance(n, int) or not 1 <= n <= len(lines):
            continue
        line = lines[n - 1]
        called = theirs(line)
        if called:
            return called, line, lines[: n - 1]
        for var in re.findall(r"([A-Za-z_]\w*)\s*(?:\.|\[)", line):
            assigned = _assigned_from(lines[: n - 1], var, theirs)
            if assigned:
                return (*assigned, lines[: n - 1])
    return None


class _Theirs:
    """The student's function called last on a scenario line: a name called as ``x.name(``
    that is not the scenario's own helper nor a numpy or context method, and that their file
    defines (``known``; None: not known, any such name). With the missing attribute of the
    error (``attr``), the call just before ``.attr`` on the line is the one that gave None."""

    def __init__(self, case: Case, known: set[str] | None, attr: str | None):
        self.helpers = {m for s in case.program for m in re.findall(r"^def\s+(\w+)", s, re.M)}
        self.known, self.attr = known, attr

    def __call__(self, line: str) -> str | None:
        calls = [
            (m.start(), m.group(1))
            for m in _CALLED.finditer(line)
            if m.group(1) not in _NOT_THEIRS
            and m.group(1) not in self.helpers
            and (self.known is None or m.group(1) in self.known)
        ]
        cut = re.search(rf"\)\s*\.\s*{re.escape(self.attr)}\b", line) if self.attr else None
        if cut and any(at < cut.start() for at, _ in calls):
            calls = [c for c in calls if c[0] < cut.start()]
        return calls[-1][1] if calls else None


def _assigned_from(before: list[str], var: str, theirs: _Theirs) -> tuple[str, str] | None:
    for line in reversed(before):
        m = re.match(rf"\s*{re.escape(var)}\s*=(?!=)(.*)", line)
        if m:
            called = theirs(m.group(1))
            return (called, line) if called else None
    return None


def _names(sources: dict[str, list[str]]) -> set[str]:
    """Every function and method name the student's files define."""
    names = set()
    for lines in sources.values():
        try:
            tree = ast.parse("\n".join(lines))
        except (SyntaxError, ValueError):
            continue
        names |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return names


def _function_lines(case: Case, function: str) -> list[str]:
    """The lines of the statement of ``case.program`` that defines ``function`` (the worker
    compiles each statement alone, so a frame's line counts from its statement's first line)."""
    pattern = re.compile(rf"^\s*(async\s+)?def\s+{re.escape(function)}\s*\(", re.M)
    for statement in case.program:
        if pattern.search(statement):
            return statement.splitlines()
    return []


def _defined(
    name: str, sources: dict[str, list[str]], near: tuple[set[str], set[str]]
) -> tuple[str, int, str, bool] | None:
    """Where the student's file defines ``name`` (a function, or a method of a class): file,
    line, that line, and whether its body returns a value anywhere. Of several (``fit`` in
    three classes), the one in a class named on the scenario's line comes first, then one
    named earlier in its function (``near``)."""
    found = []
    for label, lines in sources.items():
        try:
            tree = ast.parse("\n".join(lines))
        except (SyntaxError, ValueError):
            continue
        owners = {id(f): c.name for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for f in c.body}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                code = lines[node.lineno - 1].strip()[:200] if node.lineno <= len(lines) else ""
                owner = owners.get(id(node))
                rank = 0 if owner in near[0] else 1 if owner in near[1] else 2
                found.append((rank, (label, node.lineno, code, _returns_value(node))))
    return min(found, key=lambda f: f[0])[1] if found else None


def _returns_value(node: Any) -> bool:
    return any(
        isinstance(n, ast.Return) and n.value is not None
        for n in ast.walk(node)
        if not isinstance(n, ast.Lambda)
    )
