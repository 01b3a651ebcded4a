"""Stage 4, report: results JSON, feedback Markdown, the gradebook, and console output.

Every file is written atomically (temporary file, fsync, rename), so an interrupted batch
leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.spec import Msg

if TYPE_CHECKING:
    from autograder.exercises import Exercise, Limits
    from autograder.intake import Roster
    from autograder.results import SubmissionResult
    from autograder.sandbox import Sandbox


def _file_mode() -> int:
    """Regular files as ``open()`` would make them under the current umask (co-TAs can read them)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def write_atomic(path: Path, text: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``path`` whole or not at all; the new file has the umask's permissions, not 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".nnkit-", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode(encoding))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


#: Bytes of a student's part of a file name: room is left for ``.curve.png`` and the temporary
#: file's prefix within the 255-byte limit of common file systems.
NAME_BYTES = 160
_KEEP = re.compile(r"[^\x00-\x1f\x7f/\\%:*?\"<>|\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


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
    return text.encode("utf-8", "surrogateescape")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: object) -> str:
    """Text for a terminal: control characters (ESC sequences, bidi overrides) removed."""
    return _CONTROL.sub("", str(text))


_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def csv_cell(value: object) -> str:
    """A CSV cell that no spreadsheet runs as a formula: ``= + - @``, tab or CR first get a ``'``.

    Plain numbers (a negative score) are left as they are: they are not formulas.
    """
    text = str(value)
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


def load_result(out: Path, student: str) -> SubmissionResult | None:
    """The result on disk for ``student``, or None (missing, damaged or of an older format)."""
    return load_result_file(out / "results" / f"{safe_name(student)}.json")


def load_result_file(path: Path) -> SubmissionResult | None:
    from autograder.results import SubmissionResult

    try:
        return SubmissionResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or from an older format: grade again


def read_intake_csv(out: Path) -> list:
    """The lines of ``OUT/intake.csv`` (none when it is missing), as written by intake."""
    from autograder.discover import Found

    try:
        rows = list(csv.DictReader(io.StringIO((out / "intake.csv").read_text(encoding="utf-8-sig"))))
    except OSError:
        return []

    def back(cell: str) -> str:  # undo csv_cell's guard, which is added again on writing
        return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell

    return [Found(back(r["path"]), back(r["student"]), r["use"], Msg(back(r["reason_ko"]), back(r["reason_en"])))
            for r in rows]  # fmt: skip


#: Field names of Gradescope's autograder results format (results.json), top level and per test.
GRADESCOPE_TOP = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
                  "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}  # fmt: skip
GRADESCOPE_TEST = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format",
                   "tags", "visibility", "extra_data"}  # fmt: skip


def gradescope_json(exercise: Exercise, r: SubmissionResult) -> dict:
    """The result in Gradescope's format: one test per case; hidden cases shown once published."""
    tests = []
    for c in r.cases:
        text = "passed" if c.passed else c.message.render(sep="\n")
        text += "".join(f"\n[{hid}] {h.ko}\n{h.en}" for hid, h in c.hints)
        tests.append(
            {
                "name": c.name,
                "number": c.task,
                "score": c.points,
                "max_score": c.max_points,
                "status": "passed" if c.passed else "failed",
                "output": text,
                "tags": [exercise.task_of_id(c.task).column],
                "visibility": "after_published" if c.hidden else "visible",
            }
        )
    notes = ([r.problem] if r.problem else []) + list(r.warnings)
    return {
        "score": r.score,
        "execution_time": r.seconds,
        "output": "\n".join(m.render(sep="\n") for m in notes) or f"{r.score:g} / {r.max_score:g}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def write_submission(out: Path, exercise: Exercise, result: SubmissionResult) -> None:
    name = safe_name(result.student)
    write_atomic(
        out / "gradescope" / f"{name}.json",
        json.dumps(gradescope_json(exercise, result), ensure_ascii=False, indent=1),
    )
    write_atomic(out / "results" / f"{name}.json", json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    if result.curve:
        write_atomic(out / "feedback" / f"{name}.curve.png", curve_png(result.curve))
    write_atomic(out / "feedback" / f"{name}.md", feedback_markdown(exercise, result))


def curve_png(curve: dict) -> bytes:
    """The student's learning curve beside the reference's on the same case (a small PNG)."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot(curve["reference"], label="reference", color="#4c72b0", linewidth=2)
    ax.plot(curve["student"], label="you", color="#dd8452", linestyle="--")
    ax.set(title=f"{curve['key']} ({curve['case']})", xlabel="step", ylabel=curve["key"])
    ax.legend()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    return buf.getvalue()


def _both(msg: Msg) -> str:
    """Both languages of a message as Markdown text: whatever it quotes is shown, not rendered."""
    return f"{md_text(msg.ko)}  \n{md_text(msg.en)}"


def _fenced(text: str) -> str:
    """Printed output inside a code fence: nothing in it can close the fence early."""
    return terminal_safe(text).replace("```", "'''").replace("~~~", "'''")


def feedback_markdown(exercise: Exercise, r: SubmissionResult) -> str:
    lines = [
        f"# {exercise.title.ko} · {exercise.title.en} — {md_text(r.student)}",
        "",
        f"**점수 · Score: {r.score:g} / {r.max_score:g}**",
        "",
        "| 과제 · Task | 점수 · Score |",
        "|---|---|",
    ]
    for t in exercise.tasks:
        got, most = r.tasks[t.id]
        lines.append(f"| {t.id} `{t.name}` — {t.title.ko} · {t.title.en} | {got:g} / {most:g} |")
    notes = list(r.warnings)
    if r.problem:
        notes.insert(0, r.problem)
    if notes:
        lines += ["", "## 알림 · Notes", ""] + [f"- {_both(m)}" for m in notes]
    ended = [e for e in r.load_errors if e.get("type") == "ProcessEnded"]
    if ended:
        how = ended[0].get("message")
        lines += ["", "## 파일을 불러올 때 난 오류 · Errors while loading your file", ""]
        lines.append(
            f"- 파일을 불러오는 중에 코드가 프로세스를 끝냈습니다 ({how}; os._exit?). 아무것도 채점할 수 없었습니다.  \n"
            f"  Your code ended the process while your file was loading ({how}; os._exit?), "
            "so nothing could be graded."
        )
    elif r.load_errors:
        lines += ["", "## 파일을 불러올 때 난 오류 · Errors while loading your file", ""]
        for e in r.load_errors:
            msg = load_error_msg(e)
            lines.append(f"- {md_text(msg.ko)}  \n  {md_text(msg.en)}")
        lines.append(
            "\n오류 앞에서 정의된 것(노트북이면 나머지 셀도)은 채점했습니다. · "
            "What was defined before the error (in a notebook, the other cells too) was still graded."
        )
    for limit in r.limits_hit:
        lines += ["", f"> ⚠ {_both(limit_text(limit, exercise.limits, r.output_bytes))}"]
    if r.curve:
        lines += [
            "",
            "## 학습 곡선 · Learning curve",
            "",
            f"![{md_text(r.curve['key'])}: you vs the reference]({urllib.parse.quote(safe_name(r.student))}.curve.png)",
            "",
            "주황 점선이 여러분, 파란 선이 모범 답안입니다 (같은 초기 가중치). · "
            "Dashed orange: yours; blue: the reference (same initial weights).",
        ]
    failed = [c for c in r.cases if not c.passed]
    if failed:
        lines += ["", "## 통과하지 못한 테스트 · Failed tests", ""]
        for c, members in grouped(failed):
            kind = "hidden" if c.hidden else "public"
            names = ", ".join(md_code(m.name) for m in members[:8]) + (" …" if len(members) > 8 else "")
            points = sum(m.max_points for m in members)
            lines.append(f"### {c.task} · {names} ({kind}, 0 / {points:g})")
            lines.append("")
            lines.append(_both(c.message))
            for hid, hint in c.hints:
                lines.append(f"\n> 💡 **{md_text(hid)}**: {md_text(hint.ko)}  \n> {md_text(hint.en)}")
            lines.append("")
    else:
        lines += ["", "모든 테스트를 통과했습니다. · All tests passed."]
    if r.output_bytes:
        lines += [
            "",
            f"## 코드가 출력한 내용 · What your code printed ({r.output_bytes} bytes)",
            "",
            "```text",
            _fenced(r.output[:4000]),
            "```",
        ]
    return "\n".join(lines) + "\n"


def limit_text(limit: str, limits: Limits, output_bytes: int = 0) -> Msg:
    """One line per limit hit, in the student's terms (the tests it cost are listed below it)."""
    from autograder.judge import memory_text

    texts = {
        "case_timeout": Msg(
            f"테스트 하나에 {limits.case_timeout:g}초 넘게 걸린 적이 있습니다. 그 테스트만 0점입니다.",
            f"Some tests ran longer than {limits.case_timeout:g} s; only those tests score 0.",
        ),
        "load_timeout": Msg(
            f"파일을 불러오는 데(최상위 코드) {limits.load_timeout:g}초가 넘게 걸렸습니다.",
            f"Loading your file (its top-level code) took longer than {limits.load_timeout:g} s.",
        ),
        "submission_timeout": Msg(
            f"제출물 전체 실행 시간 {limits.submission_timeout:g}초를 넘었습니다.",
            f"Your submission ran past its total time of {limits.submission_timeout:g} s.",
        ),
        "cpu": Msg(
            f"CPU 시간을 {limits.cpu_cap - 1:g}초 넘게 썼습니다.",
            f"Your code used more than {limits.cpu_cap - 1:g} s of CPU time.",
        ),
        "memory": Msg(
            f"메모리를 {memory_text(limits.memory_mb)}보다 많이 쓰려고 했습니다.",
            f"Your code tried to use more than {memory_text(limits.memory_mb)} of memory.",
        ),
        "file_size": Msg(
            f"{limits.file_mb} MiB보다 큰 파일을 쓰려고 했습니다.",
            f"Your code tried to write a file larger than {limits.file_mb} MiB.",
        ),
        "processes": Msg(
            f"프로세스나 스레드를 {limits.processes}개보다 많이 만들려고 했습니다.",
            f"Your code tried to run more than {limits.processes} processes or threads at once.",
        ),
        "disk": Msg(
            f"파일을 모두 {limits.scratch_mb} MiB보다 많이 쓰려고 했습니다.",
            f"Your code tried to write more than {limits.scratch_mb} MiB of files in all.",
        ),
        "output": Msg(
            f"코드가 {output_bytes}바이트를 출력해 앞의 {limits.output_kb} KiB만 남겼습니다 (점수와는 무관).",
            f"Your code printed {output_bytes} bytes; only the first {limits.output_kb} KiB are kept "
            "(this costs no points).",
        ),
    }
    return texts.get(limit, Msg(limit, limit))


def gradebook_rows(exercise: Exercise, results: list[SubmissionResult]) -> list[list]:
    """One row per submission; nothing that varies between runs (times are in results/)."""
    header = ["student", "score", "max_score", *[t.column for t in exercise.tasks], "status"]
    rows = [header]
    for r in results:
        rows.append(
            [r.student, f"{r.score:g}", f"{r.max_score:g}", *[f"{r.tasks[t.id][0]:g}" for t in exercise.tasks],
             r.status]
        )  # fmt: skip
    return rows


@dataclass(frozen=True)
class GradebookOptions:
    """How the gradebook and the LMS file are written.

    ``excel``: UTF-8 with a byte-order mark, so Excel shows Korean names correctly.
    ``lms``: also write ``OUT/<lms>.csv`` in that LMS's import layout (docs/lms-formats.md).
    ``roster``: fills the LMS's own student columns (Canvas ID, SIS ids; Moodle's key).
    ``lms_template``: Canvas's exported gradebook: its student rows and columns are kept and
    the score goes under the assignment's own column header (``lms_column`` picks it).
    ``lms_key``: Moodle's identifier column: ``idnumber``, ``email`` or ``username``.
    """

    excel: bool = False
    lms: str | None = None
    roster: Roster | None = None
    lms_template: Path | None = None
    lms_column: str | None = None
    lms_key: str = "idnumber"


LMS_LAYOUTS = ("canvas", "moodle")
#: Moodle's grade import: the identifier column's header, and the roster field that fills it.
MOODLE_KEYS = {"idnumber": ("ID number", "student_id"), "email": ("Email address", "email"),
               "username": ("Username", "login")}  # fmt: skip
#: Columns of a Canvas gradebook export that describe the student, not an assignment.
CANVAS_STUDENT_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account",
                          "Section")  # fmt: skip


@dataclass(frozen=True)
class LmsFile:
    """An LMS import file's rows and the students it could not place (named, never dropped)."""

    rows: list[list]
    unplaced: tuple[str, ...] = ()


def _lms_score(r: SubmissionResult) -> str:
    # no submission: left empty, so the LMS keeps its own missing-work policy (nothing is guessed)
    return "" if r.status == "missing" else f"{r.score:g}"


def lms_rows(exercise: Exercise, results: list[SubmissionResult], lms: str,
             options: GradebookOptions | None = None) -> LmsFile:  # fmt: skip
    """The LMS import file. Canvas: its gradebook-import columns and a "Points Possible" row.
    Moodle: the chosen identifier column and one grade column, for its CSV grade import."""
    options = options or GradebookOptions()
    title = f"{exercise.title.en} ({exercise.id})"
    most = max((r.max_score for r in results), default=0)
    roster = options.roster
    if lms == "canvas" and options.lms_template:
        return _canvas_from_template(exercise, results, options, f"{most:g}")
    if lms == "canvas":
        rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title]]
        rows.append(["Points Possible", "", "", "", "", f"{most:g}"])
        for r in results:
            who = roster.get(r.student) if roster else None
            if who:
                rows.append([who.name or r.student, who.lms_id, who.student_id, who.login, "", _lms_score(r)])
            else:
                rows.append([r.student, "", "", r.student, "", _lms_score(r)])
        return LmsFile(rows)
    if lms == "moodle":
        header, field_name = MOODLE_KEYS[options.lms_key]
        rows, unplaced = [[header, title]], []
        for r in results:
            who = roster.get(r.student) if roster else None
            key = getattr(who, field_name) if who else (r.student if options.lms_key == "idnumber" else "")
            if key:
                rows.append([key, _lms_score(r)])
            else:
                unplaced.append(r.student)
        return LmsFile(rows, tuple(unplaced))
    raise ValueError(lms)


def _canvas_from_template(exercise: Exercise, results: list[SubmissionResult], options: GradebookOptions,
                          most: str) -> LmsFile:  # fmt: skip
    """Canvas's own export, cut to its student columns and this assignment's column, scores filled."""
    from autograder.errors import UserError

    path = options.lms_template
    try:
        table_rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UserError(
            f"Canvas 성적부 파일을 읽을 수 없습니다: {path} ({exc})",
            f"Cannot read the Canvas gradebook export: {path} ({exc})",
        ) from None
    if not table_rows or "Student" not in table_rows[0]:
        raise UserError(
            f"{path}: Canvas에서 내보낸 성적부가 아닙니다 (첫 줄에 Student 열이 없습니다).",
            f"{path}: not a Canvas gradebook export (no Student column in its first line).",
        )
    header = table_rows[0]
    student_cols = [i for i, h in enumerate(header) if h in CANVAS_STUDENT_COLUMNS]
    wanted = [w for w in (options.lms_column, exercise.id, exercise.module, exercise.title.en) if w]

    def squeeze(text: str) -> str:
        return re.sub(r"[\W_]+", "", text).casefold()

    column = None
    for w in wanted:
        found = [i for i, h in enumerate(header) if i not in student_cols and squeeze(w) in squeeze(h)]
        if len(found) == 1:
            column = found[0]
            break
        if len(found) > 1:
            names = ", ".join(header[i] for i in found)
            raise UserError(
                f"{path}: '{w}'에 맞는 과제 열이 여럿입니다: {names}. --lms-column으로 하나를 고르세요.",
                f"{path}: several assignment columns match '{w}': {names}. Choose one with --lms-column.",
            )
    if column is None:
        raise UserError(
            f"{path}: 이 과제의 열을 찾지 못했습니다 ({', '.join(wanted)}). --lms-column으로 열 이름을 주세요.",
            f"{path}: no column for this exercise ({', '.join(wanted)}). Name it with --lms-column.",
        )
    col = header.index
    roster = options.roster
    by_key: dict[tuple[str, str], SubmissionResult] = {}
    for r in results:
        who = roster.get(r.student) if roster else None
        keys = [("SIS Login ID", r.student), ("SIS User ID", r.student)]
        if who:
            keys = [("ID", who.lms_id), ("SIS User ID", who.student_id), ("SIS Login ID", who.login)]
        for k in keys:
            if k[1]:
                by_key[k] = r
    out_rows = [[header[i] for i in student_cols] + [header[column]]]
    placed: set[str] = set()
    for row in table_rows[1:]:
        cells = row + [""] * (len(header) - len(row))
        first = cells[col("Student")].strip()
        if first == "Points Possible":
            out_rows.append([cells[i] for i in student_cols] + [cells[column] or most])
            continue
        if not first or first == "Student, Test":  # the test student Canvas adds to every course
            continue
        match = next(
            (by_key[(h, cells[col(h)])] for h in ("ID", "SIS User ID", "SIS Login ID")
             if h in header and (h, cells[col(h)]) in by_key),
            None,
        )  # fmt: skip
        if match is not None:
            placed.add(match.student)
        out_rows.append([cells[i] for i in student_cols] + [_lms_score(match) if match else cells[column]])
    unplaced = tuple(r.student for r in results if r.student not in placed)
    return LmsFile(out_rows, unplaced)


def _csv_text(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[csv_cell(c) for c in row] for row in rows])
    return buf.getvalue()


def write_csv(path: Path, rows: list[list], excel: bool = False) -> None:
    """A CSV file we write: formula-like cells neutralised; UTF-8 (with a BOM for Excel)."""
    write_atomic(path, _csv_text(rows), encoding="utf-8-sig" if excel else "utf-8")


def write_gradebook(
    out: Path,
    exercise: Exercise,
    results: list[SubmissionResult],
    sandbox: Sandbox,
    options: GradebookOptions | None = None,
    shard: tuple[int, int] | None = None,
) -> tuple[str, ...]:
    """gradebook.csv, the LMS file if asked for, and gradebook.meta.json; returns the students the
    LMS file could not place (for the console and the metadata)."""
    options = options or GradebookOptions()
    write_csv(out / "gradebook.csv", gradebook_rows(exercise, results), options.excel)
    unplaced: tuple[str, ...] = ()
    if options.lms:
        lms = lms_rows(exercise, results, options.lms, options)
        write_csv(out / f"{options.lms}.csv", lms.rows, options.excel)
        unplaced = lms.unplaced
    meta = {
        "exercise": exercise.id,
        "suite_key": exercise.suite_key(),
        "sandbox": sandbox.name,
        "sandbox_description": sandbox.description,
        "sandbox_fallback_reason": sandbox.reason or None,
        "sandbox_notice": {"ko": sandbox.notice.ko, "en": sandbox.notice.en} if sandbox.notice else None,
        "sandbox_confinement": sandbox.confinement,  # resources, uid, scratch, seccomp
        "submissions": len(results),
        "students": [r.student for r in results],  # merge takes these, not every file in results/
        "shard": list(shard) if shard else None,
        "lms_unplaced": list(unplaced),
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    write_atomic(out / "gradebook.meta.json", json.dumps(meta, ensure_ascii=False, indent=1))
    return unplaced


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[str]]) -> str:
    """A plain-text table that lines up Korean (double-width) text too."""
    rows = [[terminal_safe(c) for c in row] for row in rows]  # a student id can hold ESC sequences
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def summary_table(exercise: Exercise, results: list[SubmissionResult]) -> str:
    rows = [["학생 student", "점수 score", *[t.id for t in exercise.tasks], "상태 status"]]
    for r in results:
        rows.append(
            [r.student, f"{r.score:g}/{r.max_score:g}",
             *[f"{r.tasks[t.id][0]:g}/{r.tasks[t.id][1]:g}" for t in exercise.tasks], r.status]
        )  # fmt: skip
    return table(rows)


def load_error_msg(e: dict) -> Msg:
    """One load error in the student's terms: which file (or cell) and line, and what."""
    where = e.get("where") or {}
    line = where.get("line")
    place = f"{e.get('cell') or ''}".strip() or "?"
    at_ko, at_en = (f" {line}번째 줄", f", line {line}") if line else ("", "")
    code = f" `{where.get('code')}`" if where.get("code") else ""
    what = f"{e.get('type')}: {e.get('message')}"
    return Msg(
        f"{place}{at_ko}에서 파일을 불러오다 오류가 났습니다{code}: {what}",
        f"Loading {place}{at_en} failed{code}: {what}",
    )


def grouped(cases: list) -> list[tuple[object, list]]:
    """Failed cases in order, each run of identical messages (and hints) kept as one group."""
    groups: list[tuple[object, list]] = []
    for c in cases:
        if groups and (groups[-1][0].message, groups[-1][0].hints, groups[-1][0].status) == (
            c.message,
            c.hints,
            c.status,
        ):
            groups[-1][1].append(c)
        else:
            groups.append((c, [c]))
    return groups


def same_as_above(n: int) -> Msg:
    return Msg(
        f"… 같은 메시지의 테스트 {n}개가 더 있습니다.", f"… and {n} more test(s) with the same message."
    )


def check_report(exercise: Exercise, r: SubmissionResult, lang: str = "both") -> str:
    """What a student sees from ``check``: every public case, points, and hints on failure."""
    mark = {"passed": "PASS", "not_attempted": "TODO"}
    lines = [f"{exercise.title.render(lang)} — {r.file}", ""]
    for w in ([r.problem] if r.problem else []) + list(r.warnings):
        lines.append(f"! {w.render(lang)}")
    for e in r.load_errors:
        lines.append(f"! {load_error_msg(e).render(lang, sep=chr(10) + '  ')}")
    shown: dict[str, int] = {}  # a failed case -> how many identical ones follow it
    for first, members in grouped([c for c in r.cases if not c.passed]):
        shown[first.name] = len(members) - 1
    skipped = {c.name for _, members in grouped([c for c in r.cases if not c.passed]) for c in members[1:]}
    for c in r.cases:
        lines.append(f"[{mark.get(c.status, 'FAIL')}] {c.task} {c.name}  ({c.points:g}/{c.max_points:g})")
        if not c.passed and c.name not in skipped:
            lines.append(f"       {c.message.render(lang, sep=chr(10) + '       ')}")
            for hid, hint in c.hints:
                lines.append(f"       💡 {hid}: {hint.render(lang, sep=chr(10) + '          ')}")
            if shown.get(c.name):
                lines.append(f"       {same_as_above(shown[c.name]).render(lang, sep=chr(10) + '       ')}")
    passed = sum(c.passed for c in r.cases)
    lines += [
        "",
        Msg(
            f"공개 테스트 {passed}/{len(r.cases)}개 통과, {r.score:g}/{r.max_score:g}점",
            f"{passed}/{len(r.cases)} public tests passed, {r.score:g}/{r.max_score:g} points",
        ).render(lang, sep="\n"),
    ]
    return "\n".join(lines)


class _Progress:
    def __init__(self, total: int, initial: int, enabled: bool, label: str):
        self.failures = 0
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=initial, desc=label, unit="sub", file=sys.stderr, leave=True)

    def update(self, result: SubmissionResult) -> None:
        self.failures += result.score < result.max_score
        if self.bar:
            self.bar.set_postfix_str(f"not full: {self.failures}", refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar:
            self.bar.close()


def progress(total: int, initial: int = 0, enabled: bool = True, label: str = "") -> _Progress:
    return _Progress(total, initial, enabled, label)


def claim_output(out: Path, exercise_id: str, submissions: Path | None = None) -> None:
    """Make sure ``out`` can hold this exercise's results, before anything is graded.

    Refused with a clear message: an ``out`` that is a file, the submissions folder itself,
    one that holds another exercise's results, or one we cannot write to (nothing is lost:
    nothing has been written yet).
    """
    from autograder.errors import UserError

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


class writing:  # noqa: N801 - used as ``with writing(out):``
    """Turns a failed write into the TA's message: which folder, why, and that nothing is lost."""

    def __init__(self, out: Path):
        self.out = out

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: object) -> bool:
        from autograder.errors import UserError

        if isinstance(exc, OSError) and not isinstance(exc, UserError):
            why = exc.strerror or type(exc).__name__
            raise UserError(
                f"결과 폴더에 쓸 수 없습니다: {self.out} ({why}). 이미 쓴 결과는 그대로 있습니다. "
                "권한이나 남은 공간을 확인하고 다시 실행하면 이어서 채점합니다.",
                f"Cannot write to the output folder {self.out} ({why}). What was written is kept; "
                "check its permissions or free space and run again to resume.",
            ) from exc
        return False
