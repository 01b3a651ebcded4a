"""Staff helpers for exercise 0, shared by the public and the hidden cases.

Driving code only: it calls the student's function and hands back what it returned, and the
judge's check of that return value. Nothing here computes an answer the student must write.
"""

from __future__ import annotations

from typing import Any


def as_dict(d: Any) -> Any:
    """A dict subclass (defaultdict, Counter) as a plain dict; anything else as it is."""
    return dict(d) if isinstance(d, dict) else d


def word_index(m: Any, text: str) -> Any:
    """What the student's ``word_index_count(text)`` returned, with dict subclasses made plain.

    Never unpacked here: a return value that is not a pair goes back as it is, and
    :func:`word_index_check` says in the judge what was expected of it.
    """
    out = m.word_index_count(text)
    if type(out) in (tuple, list):
        return tuple(as_dict(v) for v in out)
    return out


def word_index_check(reveal: bool) -> Any:
    """The judge's check of ``word_index_count``: a pair (word_id, id_frequency), each compared
    key by key under its own name. ``reveal``: whether messages may show expected values."""

    def check(actual: Any, expected: Any) -> Any:
        # imported here, in the parent: the worker runs word_index and never needs the judge
        from autograder.engine.compare import compare, describe
        from autograder.runtime.spec import Msg

        if type(actual) is not tuple or len(actual) != 2:
            ko = en = describe(actual)
            if type(actual) is tuple:
                ko, en = f"값 {len(actual)}개의 tuple", f"a tuple of {len(actual)} values"
            return Msg(
                f"word_index_count는 (word_id, id_frequency) 두 딕셔너리를 돌려줘야 하는데 돌려준 값은 {ko}입니다.",
                f"word_index_count must return (word_id, id_frequency), two dictionaries; it returned {en}.",
            )
        for name, a, e in zip(("word_id", "id_frequency"), actual, expected):
            problem = compare(a, e, 0.0, 0.0, where=name, reveal=reveal)
            if problem:
                return problem
        return None

    return check
