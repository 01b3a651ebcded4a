"""``late``: from the LMS's own mark (Canvas's ``LATE``) or its timestamp against ``--deadline``.

``True``/``False`` when the download says, ``None`` when it cannot (no mark, no timestamp, or a
timestamp but no deadline). A deadline without a UTC offset is the machine's local time, as is
a timestamp without one (Blackboard writes local times); give ``+09:00`` to be exact.
"""

from __future__ import annotations

import re
from datetime import datetime

from autograder.core.errors import UserError
from autograder.discover.submissions import Unit

BLACKBOARD_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$")


def parse_when(text: str) -> datetime | None:
    """An LMS timestamp: Blackboard's ``2024-03-01-10-00-00`` or an ISO time (Gradescope's
    ``created_at``, with or without its offset); None when it is neither."""
    text = str(text).strip()
    m = BLACKBOARD_TIME.match(text)
    if m:
        return datetime(*(int(g) for g in m.groups()))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:  # Gradescope writes "2024-03-01 10:00:00.123456 -0800"
        return datetime.strptime(re.sub(r"\.\d+", "", text), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def parse_deadline(text: str) -> datetime:
    """``--deadline``: ``2024-03-01T23:59``, ``2024-03-01 23:59:59+09:00`` and the like."""
    when = parse_when(text)
    if when is None:
        raise UserError(
            f"--deadline을 읽을 수 없습니다: {text} (예: 2024-03-01T23:59 또는 2024-03-01T23:59+09:00)",
            f"Cannot read --deadline: {text} (e.g. 2024-03-01T23:59 or 2024-03-01T23:59+09:00)",
        )
    return when


def after(when: datetime, deadline: datetime) -> bool:
    if (when.tzinfo is None) != (deadline.tzinfo is None):  # one of them local: compare as instants
        return when.astimezone() > deadline.astimezone()
    return when > deadline


def unit_late(unit: Unit, deadline: datetime | None) -> bool | None:
    """Whether the LMS says this submission came late, or None when it does not say."""
    if unit.ident.get("late") == "1":
        return True
    when = parse_when(unit.ident.get("when", "")) if unit.ident.get("when") else None
    if deadline is not None and when is not None:
        return after(when, deadline)
    return False if unit.ident.get("late") == "0" else None
