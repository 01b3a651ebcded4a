"""The exercises and their grading contexts, loaded once per process and reloaded when a file changes.

``grade`` reads the exercises and builds its grading context once per batch; a server process
(web or worker) lives for weeks and sees a test fix while it runs. So the cache is keyed by a
*suite version*: the (inode, size, mtime) of every file the suite digest reads, a few ``stat``
calls instead of reading and hashing them. A changed file (a fix, a regenerated suite, an
atomic replace) gives a new version, hence a new context with its freshly computed digest:
a regrade after a test fix grades with the fixed suite, as ``grade`` would.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from autograder.core.paths import ROOT

_lock = threading.Lock()
_build_lock = threading.Lock()  # a build takes seconds: page views must not wait on it
_exercises: tuple[tuple, dict] | None = None
_contexts: dict[tuple, object] = {}


def _stamp(paths: list[Path]) -> tuple:
    stamps = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            stamps.append((str(p), None))
        else:
            stamps.append((str(p), st.st_ino, st.st_size, st.st_mtime_ns))
    return tuple(stamps)


def exercises() -> dict:
    """``all_exercises()``, read again only when an ``exercise.toml`` is added, removed or changed."""
    global _exercises
    from autograder.exercises import all_exercises

    stamp = _stamp(sorted((ROOT / "assignments").glob("*/exercise.toml")))
    with _lock:
        if _exercises is None or _exercises[0] != stamp:
            _exercises = (stamp, all_exercises())
        return _exercises[1]


def exercise(exercise_id: str):
    """One exercise (cached as ``exercises``); ``UserError`` if there is none of that name."""
    found = exercises().get(exercise_id)
    if found is None:
        from autograder.exercises import get_exercise

        return get_exercise(exercise_id)  # raises the engine's own error, in both languages
    return found


def suite_files(ex) -> list[Path]:
    """The files the exercise's suite key digests, and its toml (tasks, limits)."""
    return [*ex.suite_files(True), ex.root / "assignments" / ex.id / "exercise.toml"]


def suite_version(ex) -> tuple:
    return _stamp(suite_files(ex))


def context(exercise_id: str, reveal: bool = False):
    """The exercise's grading context (``grade``'s: hidden cases, reference outputs cached on disk),
    built once per (exercise, suite version, reveal) in this process."""
    from autograder.engine.context import GradingContext

    ex = exercise(exercise_id)
    key = (exercise_id, suite_version(ex), reveal)
    with _build_lock:
        ctx = _contexts.get(key)
        if ctx is None:
            # an older version's context is dropped: it graded with a suite that is gone
            for old in [k for k in _contexts if k[0] == exercise_id and k[2] == reveal]:
                del _contexts[old]
            ctx = _contexts[key] = GradingContext.build(ex, hidden=True, jobs=1, reveal=reveal)
        return ctx
