"""Whose is each unit: the roster's student (or the layout's id), never guessed, never by order.

A unit that matches several roster students, and several units that land on one student (or
on names that differ only in case, spacing or Unicode form), are *conflicts*: named in
``intake.csv`` and the console, and the students concerned get a row with status ``ambiguous``
(never ``missing``, never one of the files chosen by the order they came in). Resubmissions the
LMS dates (Gradescope, Blackboard) are not conflicts: the latest wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autograder.discover.submissions import Found, Unit
from autograder.intake.roster import Roster, fold, match
from autograder.runtime.spec import Msg

#: Identifiers a unit carries that say nothing about who the student is.
NOT_IDENTITY = ("when", "late", "clash")


@dataclass
class Identified:
    """Units to grade (one per student), the lines to print, and the students in a conflict."""

    units: list[Unit]
    unmatched: list[Found] = field(default_factory=list)  # one line per unit not graded (console)
    conflicts: dict[str, Msg] = field(default_factory=dict)  # student -> why the row is ambiguous
    found: list[Found] = field(default_factory=list)  # intake.csv lines for those units' paths


def origins(unit: Unit) -> list[str]:
    return [unit.origin, *unit.more]


def _shown_ident(unit: Unit) -> str:
    return ", ".join(
        f"{k}={v}" for k, v in unit.ident.items() if isinstance(v, str) and v and k not in NOT_IDENTITY
    )


def _set_aside(result: Identified, unit: Unit, student: str, use: str, reason: Msg) -> None:
    """Every path of a unit not graded, as a line of intake.csv (paths as in the download)."""
    paths = dict.fromkeys([*origins(unit), *(unit.shown.get(n, n) for n, _ in unit.files)])  # each once
    lines = [Found(path, student, use, reason) for path in paths]
    own = {o for o in origins(unit)} | {o + "/" for o in origins(unit)}
    lines += [f for f in unit.found if f.path not in own]
    result.found += lines
    result.unmatched.append(lines[0])


def _contested(ids: list[str], units: list[Unit]) -> Msg:
    names = ", ".join(o for u in units for o in origins(u))
    shown = "; ".join(_shown_ident(u) for u in units)
    return Msg(
        f"명단의 여러 학생({', '.join(ids)})과 맞는 제출물: {names} ({shown}). 누구의 것인지 추측하지 않습니다. "
        "명단에 lms_id나 email을 넣어 구별하세요.",
        f"A submission matches several roster students ({', '.join(ids)}): {names} ({shown}). "
        "Whose it is is not guessed; add lms_id or email to the roster to tell them apart.",
    )


def _several(student: str, units: list[Unit]) -> Msg:
    names = ", ".join(o for u in units for o in origins(u))
    return Msg(
        f"한 학생({student})에게 간 제출물이 여럿입니다: {names}. 순서로 하나를 고르지 않습니다. 조교가 확인해 하나만 남기세요.",
        f"Several submissions go to one student ({student}): {names}. None is chosen by order; "
        "check them and keep one.",
    )


def _by_roster(units: list[Unit], roster: Roster, result: Identified) -> list[Unit]:
    """Units placed on their one roster student; the rest set aside, ambiguous ones contested."""
    named, contested = [], {}
    for unit in units:
        ids, _how = match(roster, {k: v for k, v in unit.ident.items() if isinstance(v, str)})
        if len(ids) == 1:
            unit.student = ids[0]
            named.append(unit)
            continue
        shown = _shown_ident(unit)
        if ids:
            reason = Msg(f"명단의 여러 학생과 맞음 ({', '.join(ids)}; {shown}): 추측하지 않음",
                         f"matches several roster students ({', '.join(ids)}; {shown}): not guessed")  # fmt: skip
            _set_aside(result, unit, "", "ambiguous", reason)
            for sid in ids:
                contested.setdefault(sid, []).append((ids, unit))
        else:
            reason = Msg(f"명단의 누구와도 맞지 않음 ({shown})", f"matches no roster student ({shown})")
            _set_aside(result, unit, "", "unmatched", reason)
    for sid, pairs in contested.items():
        result.conflicts[sid] = _contested(
            sorted({i for ids, _ in pairs for i in ids}), [u for _, u in pairs]
        )
    return named


def _lms_key(unit: Unit) -> str:
    return unit.ident.get("lms_id") or unit.ident.get("sid") or ""


def _by_names(units: list[Unit], result: Identified) -> list[Unit]:
    """Without a roster: ids the LMS gives tell same-named students apart (``Kim (101)``); names
    that fold to one (case, spacing, Unicode form) with nothing to tell them apart conflict."""
    groups: dict[str, list[Unit]] = {}
    for unit in units:
        groups.setdefault(fold(unit.student), []).append(unit)
    named = []
    for group in groups.values():
        keys = {_lms_key(u) or u.student for u in group}
        if len(keys) == 1:
            named += group
        elif all(_lms_key(u) for u in group):
            for unit in group:
                unit.student = f"{unit.student} ({_lms_key(unit)})"
            named += group
        else:
            _conflict(result, group, ", ".join(sorted({u.student for u in group})))
    return named


def _conflict(result: Identified, units: list[Unit], student: str) -> None:
    why = _several(student, units)
    for unit in units:
        result.conflicts[unit.student if len({u.student for u in units}) > 1 else student] = why
        _set_aside(result, unit, unit.student, "ambiguous", why)


def _later(new: Unit, old: Unit) -> Unit:
    """Two dated submissions of one student: the latest wins, the other is superseded."""
    if str(new.ident["when"]) < str(old.ident["when"]):
        new, old = old, new
    new.found += old.found + [Found(old.shown.get(n, n), "", "superseded", Msg("나중 제출물이 있음", "a later submission exists"))
                              for n, _ in old.files]  # fmt: skip
    new.notes.append(
        Msg(
            f"가장 나중 제출물({new.origin})을 채점했습니다.",
            f"The latest submission ({new.origin}) was graded.",
        )
    )
    return new


def _merge(named: list[Unit], result: Identified) -> list[Unit]:
    """One unit per student: dated resubmissions resolved, any other pair a conflict."""
    by_student: dict[str, list[Unit]] = {}
    for unit in named:
        by_student.setdefault(unit.student, []).append(unit)
    merged = []
    for student, group in sorted(by_student.items()):
        if all(u.ident.get("when") for u in group):
            latest = group[0]
            for unit in group[1:]:
                latest = _later(unit, latest)
            merged.append(latest)
        elif len(group) == 1 and not group[0].ident.get("clash"):
            merged.append(group[0])
        else:
            _conflict(result, group, student)
    return merged


def identify(units: list[Unit], roster: Roster | None) -> Identified:
    """Each unit's student id (the roster's, or the layout's), and what could not be placed."""
    result = Identified([])
    named = _by_roster(units, roster, result) if roster else _by_names(units, result)
    result.units = _merge(named, result)
    graded = {u.student for u in result.units}
    result.conflicts = {s: m for s, m in sorted(result.conflicts.items()) if s not in graded}
    return result
