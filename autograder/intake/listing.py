"""``OUT/intake.csv`` both ways: every path of the download, the student it went to, and why."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from autograder.core.files import write_csv
from autograder.discover.submissions import Found
from autograder.runtime.spec import Msg

INTAKE_HEADER = ["path", "student", "use", "reason_ko", "reason_en"]


def write_intake_csv(out: Path, found: list[Found], excel: bool = False) -> None:
    """``OUT/intake.csv``: every path of the download, the student it went to (or none), and why."""
    rows = [INTAKE_HEADER] + [[f.path, f.student, f.use, f.reason.ko, f.reason.en]
                              for f in sorted(found, key=lambda f: (f.path, f.use))]  # fmt: skip
    write_csv(out / "intake.csv", rows, excel)


def _back(cell: str) -> str:
    """Undo csv_cell's guard, which is added again on writing."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_intake_csv(out: Path) -> list[Found]:
    """The lines of ``OUT/intake.csv`` (none when it is missing), as written by intake."""
    try:
        rows = list(csv.DictReader(io.StringIO((out / "intake.csv").read_text(encoding="utf-8-sig"))))
    except OSError:
        return []
    return [Found(_back(r["path"]), _back(r["student"]), r["use"], Msg(_back(r["reason_ko"]), _back(r["reason_en"])))
            for r in rows]  # fmt: skip
