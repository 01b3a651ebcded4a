"""Files the kit writes, made safe: atomic writes, OUT ownership, names and neutralised text.

Every file is written atomically (temporary file, fsync, rename), so an interrupted batch leaves
either the old file or the new one. Text from a submission is neutralised here before it reaches a
terminal, a CSV cell or Markdown; student ids become file names one-to-one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def _file_mode() -> int:
    """Regular files as ``open()`` would make them under the current umask (co-TAs can read them)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def write_atomic(path: Path, text: str | bytes, encoding: str = "utf-8", durable: bool = True) -> None:
    """Write ``path`` whole or not at all; the new file has the umask's permissions, not 0600.

    ``durable=False`` skips the ``fsync`` (the file is still whole or absent after the process
    dies): for files written just before a durable one that records them, as a submission's
    feedback before its result. In a batch each ``fsync`` also flushes the workers' scratch
    folders created meanwhile: ~14 ms each, against 1 ms alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".nnkit-", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            # a lone surrogate from a submission is written as its escape, never a failed write
            f.write(text if isinstance(text, bytes) else text.encode(encoding, "backslashreplace"))
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


#: Bytes of a student's part of a file name: room is left for ``.curve.png`` and the temporary
#: file's prefix within the 255-byte limit of common file systems.
NAME_BYTES = 160


_KEEP = re.compile(
    r"[^\x00-\x1f\x7f/\\%:*?\"<>|\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def safe_name(student: str) -> str:
    """A file name for a student id, the same for no two ids: readable where it can be.

    Korean letters, spaces and ordinary punctuation are kept. Everything a file system or a
    shell treats specially (``/ \\ : * ? " < > |``, control characters, a leading dot) and ``%``
    itself become ``%XX`` (UTF-8 bytes), so ``a\\b`` is ``a%5Cb`` and ``a_b`` stays ``a_b``. An id
    longer than :data:`NAME_BYTES` is cut and ends in ``%%`` plus a digest of the whole id
    (``%%`` never occurs in an encoded name, so a cut name cannot equal an uncut one).
    """
    parts = [ch if _KEEP.fullmatch(ch) else "".join(f"%{b:02X}" for b in _utf8(ch)) for ch in student]
    if parts and parts[0] in (".", "-", " "):
        parts[0] = f"%{ord(parts[0]):02X}"
    if parts and parts[-1] in (".", " "):  # Windows drops them when the folder is copied there
        parts[-1] = f"%{ord(parts[-1]):02X}"
    name = "".join(parts) or "%00"
    if len(name.encode("utf-8")) <= NAME_BYTES:
        return name
    digest = hashlib.sha256(_utf8(student)).hexdigest()[:16]
    cut = name.encode("utf-8")[: NAME_BYTES - 18].decode("utf-8", "ignore")
    cut = re.sub(r"%[0-9A-F]?$", "", cut)  # never end inside an escape
    return f"{cut}%%{digest}"


def _utf8(text: str) -> bytes:
    """The bytes of an id: a non-UTF-8 file name's own bytes back (``surrogateescape``); any other
    lone surrogate (from a submission's data) as its 3-byte form, never an error."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: object) -> str:
    """Text for a terminal: control characters (ESC sequences, bidi overrides) removed."""
    return _CONTROL.sub("", str(text))


_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def valid_text(value: object) -> str:
    """``value`` as text that encodes to UTF-8: a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", str(value))


_SURROGATE = re.compile("[\ud800-\udfff]")


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula and no terminal obeys: terminal control
    characters (as from the console) and lone surrogates removed; then ``= + - @``, tab or CR
    first get a ``'``.

    Plain numbers (a negative score) are left as they are: they are not formulas.
    """
    text = terminal_safe(valid_text(value))
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&{}])")


_MD_LINE_START = re.compile(r"^(\s*)([#>+=-])")


_MD_NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def md_text(text: object) -> str:
    """Plain text inside Markdown: no emphasis, link, table cell, HTML tag or heading from it."""
    lines = []
    for line in terminal_safe(text).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(r"\1\\\2", line)
        line = _MD_NUMBERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def md_code(text: object) -> str:
    """Text as a Markdown code span: shown as typed (no backslash escapes there), one line."""
    return "`" + terminal_safe(text).replace("`", "'").replace("\n", " ") + "`"


def _csv_text(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[csv_cell(c) for c in row] for row in rows])
    return buf.getvalue()


def write_csv(path: Path, rows: list[list], excel: bool = False) -> None:
    """A CSV file we write: formula-like cells neutralised; UTF-8 (with a BOM for Excel)."""
    write_atomic(path, _csv_text(rows), encoding="utf-8-sig" if excel else "utf-8")


def claim_output(out: Path, exercise_id: str, submissions: Path | None = None) -> None:
    """Make sure ``out`` can hold this exercise's results, before anything is graded.

    Refused with a clear message: an ``out`` that is a file, the submissions folder itself,
    one that holds another exercise's results, or one we cannot write to (nothing is lost:
    nothing has been written yet).
    """
    from autograder.core.errors import UserError

    if out.exists() and not out.is_dir():
        raise UserError(f"결과 폴더 자리에 파일이 있습니다: {out}. 다른 --out을 주세요.",
                        f"The output folder is a file: {out}. Give another --out.")  # fmt: skip
    if submissions is not None and out.resolve() == submissions.resolve():
        raise UserError(
            f"결과 폴더가 제출 폴더와 같습니다: {out}.",
            f"The output folder is the submissions folder: {out}.",
        )
    owner = _owner(out)
    if owner and owner != exercise_id:
        raise UserError(
            f"{out}에는 이미 과제 {owner}의 결과가 있습니다. 과제마다 다른 --out을 쓰세요 (덮어쓰지 않았습니다).",
            f"{out} already holds the results of exercise {owner}. Use one --out per exercise "
            "(nothing was overwritten).",
        )
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".nnkit-write-test"
        probe.write_bytes(b"")
        probe.unlink()


def _owner(out: Path) -> str | None:
    """The exercise whose results ``out`` holds: its metadata says, or (a first run that was
    interrupted) any one of its results."""
    try:
        return json.loads((out / "gradebook.meta.json").read_text(encoding="utf-8")).get("exercise")
    except (OSError, ValueError, AttributeError):
        pass
    for path in sorted((out / "results").glob("*.json")) if (out / "results").is_dir() else []:
        try:
            return json.loads(path.read_text(encoding="utf-8")).get("exercise")
        except (OSError, ValueError, AttributeError):
            continue
    return None


class output_lock:  # noqa: N801 - used as ``with output_lock(out):``
    """One grading run at a time per OUT: a second is refused, a crashed one leaves no stale lock.

    The lock is ``OUT/.nnkit.lock`` held with the operating system's file lock (``filelock``):
    the kernel releases it when the process ends, however it ends.
    """

    NAME = ".nnkit.lock"

    def __init__(self, out: Path):
        from filelock import FileLock

        self.out = out
        self.lock = FileLock(out / self.NAME, timeout=0, is_singleton=False)

    def __enter__(self) -> None:
        from filelock import Timeout

        from autograder.core.errors import UserError

        try:
            self.lock.acquire()
        except Timeout:
            raise UserError(
                f"다른 채점이 이 결과 폴더를 쓰고 있습니다: {self.out}. 그 채점이 끝난 뒤 다시 실행하거나 "
                "다른 --out을 주세요.",
                f"Another grading run is writing to {self.out}. Run again when it has finished, or give "
                "another --out.",
            ) from None

    def __exit__(self, *exc: object) -> bool:
        self.lock.release()
        return False


class writing:  # noqa: N801 - used as ``with writing(out):``
    """Turns a failed write into the TA's message: which folder, why, and that nothing is lost."""

    def __init__(self, out: Path):
        self.out = out

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: object) -> bool:
        from autograder.core.errors import UserError

        if isinstance(exc, OSError) and not isinstance(exc, UserError):
            why = exc.strerror or type(exc).__name__
            raise UserError(
                f"결과 폴더에 쓸 수 없습니다: {self.out} ({why}). 이미 쓴 결과는 그대로 있습니다. "
                "권한이나 남은 공간을 확인하고 다시 실행하면 이어서 채점합니다.",
                f"Cannot write to the output folder {self.out} ({why}). What was written is kept; "
                "check its permissions or free space and run again to resume.",
            ) from exc
        return False
