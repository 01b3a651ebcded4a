"""Where the kit lives and keeps things: its root folder, the cache, the student-bundle marker."""

from __future__ import annotations

import os
from pathlib import Path

#: The kit's root folder (the one holding ``assignments/``, ``solutions/``, ``autograder/``).
ROOT = Path(__file__).resolve().parent.parent.parent
#: Written by ``make dist`` into the student bundle's engine: the CLI then offers students' commands only.
STUDENT_MARKER = Path(__file__).resolve().parent.parent / "STUDENT_BUNDLE"


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cache_dir() -> Path:
    return Path(os.environ.get("NNKIT_CACHE", ROOT / ".cache" / "nnkit"))
