"""Stage 4, report: results JSON, feedback Markdown, the gradebook, and console output.

Every file is written atomically (temporary file, fsync, rename), so an interrupted batch
leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import csv
import io
import json
import os
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
    from autograder.pipeline import SubmissionResult
    from autograder.sandbox import Sandbox


def write_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def safe_name(student: str) -> str:
    """A file name for a student id: Korean letters and spaces kept, path separators not."""
    return student.replace("/", "_").replace("\\", "_").replace("\0", "_") or "_"


def load_result(out: Path, student: str) -> SubmissionResult | None:
    from autograder.pipeline import SubmissionResult

    path = out / "results" / f"{safe_name(student)}.json"
    try:
        return SubmissionResult.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or from an older format: grade again


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
        png = curve_png(result.curve)
        (out / "feedback").mkdir(parents=True, exist_ok=True)
        tmp = out / "feedback" / f".{name}.curve.png.tmp"
        tmp.write_bytes(png)
        tmp.replace(out / "feedback" / f"{name}.curve.png")
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
    return msg.render(sep="  \n")


def feedback_markdown(exercise: Exercise, r: SubmissionResult) -> str:
    lines = [
        f"# {exercise.title.ko} · {exercise.title.en} — {r.student}",
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
            where = e.get("where") or {}
            at = f", line {where.get('line')}" if where.get("line") else ""
            lines.append(f"- `{e.get('cell')}{at}`: **{e.get('type')}**: {e.get('message')}")
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
            f"![{r.curve['key']}: you vs the reference]({urllib.parse.quote(safe_name(r.student))}.curve.png)",
            "",
            "주황 점선이 여러분, 파란 선이 모범 답안입니다 (같은 초기 가중치). · "
            "Dashed orange: yours; blue: the reference (same initial weights).",
        ]
    failed = [c for c in r.cases if not c.passed]
    if failed:
        lines += ["", "## 통과하지 못한 테스트 · Failed tests", ""]
        for c in failed:
            kind = "hidden" if c.hidden else "public"
            lines.append(f"### {c.task} · `{c.name}` ({kind}, 0 / {c.max_points:g})")
            lines.append("")
            lines.append(_both(c.message))
            for hid, hint in c.hints:
                lines.append(f"\n> 💡 **{hid}**: {hint.ko}  \n> {hint.en}")
            lines.append("")
    else:
        lines += ["", "모든 테스트를 통과했습니다. · All tests passed."]
    if r.output_bytes:
        lines += [
            "",
            f"## 코드가 출력한 내용 · What your code printed ({r.output_bytes} bytes)",
            "",
            "```text",
            r.output[:4000].replace("```", "'''"),
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
    """``excel``: UTF-8 with a byte-order mark, so Excel shows Korean names correctly.
    ``lms``: also write ``OUT/<lms>.csv`` in that LMS's import layout (see docs/lms.md)."""

    excel: bool = False
    lms: str | None = None


LMS_LAYOUTS = ("canvas", "moodle")


def lms_rows(exercise: Exercise, results: list[SubmissionResult], lms: str) -> list[list]:
    """Canvas: its gradebook-import columns and a "Points Possible" row; the student id goes in
    "SIS Login ID". Moodle: "ID number" and one grade column, for its CSV grade import."""
    title = f"{exercise.title.en} ({exercise.id})"
    most = max((r.max_score for r in results), default=0)
    if lms == "canvas":
        rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title]]
        rows.append(["Points Possible", "", "", "", "", f"{most:g}"])
        rows += [[r.student, "", "", r.student, "", f"{r.score:g}"] for r in results]
        return rows
    if lms == "moodle":
        return [["ID number", title]] + [[r.student, f"{r.score:g}"] for r in results]
    raise ValueError(lms)


def _csv_text(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def write_gradebook(
    out: Path,
    exercise: Exercise,
    results: list[SubmissionResult],
    sandbox: Sandbox,
    options: GradebookOptions | None = None,
) -> None:
    options = options or GradebookOptions()
    encoding = "utf-8-sig" if options.excel else "utf-8"
    write_atomic(out / "gradebook.csv", _csv_text(gradebook_rows(exercise, results)), encoding=encoding)
    if options.lms:
        write_atomic(
            out / f"{options.lms}.csv", _csv_text(lms_rows(exercise, results, options.lms)), encoding=encoding
        )
    meta = {
        "exercise": exercise.id,
        "suite_key": exercise.suite_key(),
        "sandbox": sandbox.name,
        "sandbox_description": sandbox.description,
        "sandbox_fallback_reason": sandbox.reason or None,
        "sandbox_notice": {"ko": sandbox.notice.ko, "en": sandbox.notice.en} if sandbox.notice else None,
        "sandbox_confinement": sandbox.confinement,  # resources, uid, scratch, seccomp
        "submissions": len(results),
        "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    write_atomic(out / "gradebook.meta.json", json.dumps(meta, ensure_ascii=False, indent=1))


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: list[list[str]]) -> str:
    """A plain-text table that lines up Korean (double-width) text too."""
    widths = [max(_width(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("  ".join(str(c) + " " * (w - _width(str(c))) for c, w in zip(row, widths)).rstrip())
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


def check_report(exercise: Exercise, r: SubmissionResult, lang: str = "both") -> str:
    """What a student sees from ``check``: every public case, points, and hints on failure."""
    mark = {"passed": "PASS", "not_attempted": "TODO"}
    lines = [f"{exercise.title.render(lang)} — {r.file}", ""]
    for w in ([r.problem] if r.problem else []) + list(r.warnings):
        lines.append(f"! {w.render(lang)}")
    for e in r.load_errors:
        where = e.get("where") or {}
        lines.append(f"! {e.get('cell')} line {where.get('line')}: {e.get('type')}: {e.get('message')}")
    for c in r.cases:
        lines.append(f"[{mark.get(c.status, 'FAIL')}] {c.task} {c.name}  ({c.points:g}/{c.max_points:g})")
        if not c.passed:
            lines.append(f"       {c.message.render(lang, sep=chr(10) + '       ')}")
            for hid, hint in c.hints:
                lines.append(f"       💡 {hid}: {hint.render(lang, sep=chr(10) + '          ')}")
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
