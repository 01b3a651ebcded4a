"""What a student reads: the feedback Markdown and the self-check's console report, both languages."""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING

from autograder.core.files import md_code, md_text, safe_name, terminal_safe
from autograder.runtime.spec import Msg

if TYPE_CHECKING:
    from autograder.core.results import SubmissionResult
    from autograder.exercises import Exercise, Limits


def _both(msg: Msg) -> str:
    """Both languages of a message as Markdown text: whatever it quotes is shown, not rendered."""
    return f"{md_text(msg.ko)}  \n{md_text(msg.en)}"


def _fenced(text: str) -> str:
    """Printed output inside a code fence: nothing in it can close the fence early."""
    return terminal_safe(text).replace("```", "'''").replace("~~~", "'''")


def feedback_markdown(exercise: Exercise, r: SubmissionResult) -> str:
    """The student's feedback file: score per task, notes, load errors, limits, the learning
    curve, failed tests with hints, and what the code printed (before any hidden case ran)."""
    sections = (
        _scores(exercise, r),
        _notes(r),
        _load_errors(r),
        [
            line
            for limit in r.limits_hit
            for line in ("", f"> ⚠ {_both(limit_text(limit, exercise.limits, r.output_bytes))}")
        ],
        _curve(r),
        _failed(r),
        _printed(r),
    )
    return "\n".join(line for section in sections for line in section) + "\n"


def _scores(exercise: Exercise, r: SubmissionResult) -> list[str]:
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
    return lines


def _notes(r: SubmissionResult) -> list[str]:
    notes = ([r.problem] if r.problem else []) + list(r.warnings)
    return ["", "## 알림 · Notes", ""] + [f"- {_both(m)}" for m in notes] if notes else []


def _load_errors(r: SubmissionResult) -> list[str]:
    if not r.load_errors:
        return []
    lines = ["", "## 파일을 불러올 때 난 오류 · Errors while loading your file", ""]
    ended = [e for e in r.load_errors if e.get("type") == "ProcessEnded"]
    if ended:
        how = ended[0].get("message")
        return lines + [
            f"- 파일을 불러오는 중에 코드가 프로세스를 끝냈습니다 ({how}; os._exit?). 아무것도 채점할 수 없었습니다.  \n"
            f"  Your code ended the process while your file was loading ({how}; os._exit?), "
            "so nothing could be graded."
        ]
    for e in r.load_errors:
        msg = load_error_msg(e)
        lines.append(f"- {md_text(msg.ko)}  \n  {md_text(msg.en)}")
    lines.append(
        "\n오류 앞에서 정의된 것(노트북이면 나머지 셀도)은 채점했습니다. · "
        "What was defined before the error (in a notebook, the other cells too) was still graded."
    )
    return lines


def _curve(r: SubmissionResult) -> list[str]:
    if not r.curve:
        return []
    lines = [
        "",
        "## 학습 곡선 · Learning curve",
        "",
        f"![{md_text(r.curve['key'])}: 여러분 · you vs 모범 답안 · reference]({urllib.parse.quote(safe_name(r.student))}.curve.svg)",
        "",
        "주황 점선이 여러분, 파란 선이 모범 답안입니다 (같은 초기 가중치). · "
        "Dashed orange: yours; blue: the reference (same initial weights).",
    ]
    note = r.curve.get("note")
    if isinstance(note, dict) and {"ko", "en"} <= set(note):
        lines += ["", _both(Msg(str(note["ko"]), str(note["en"])))]
    return lines


def _failed(r: SubmissionResult) -> list[str]:
    failed = [c for c in r.cases if not c.passed]
    if not failed:
        return ["", "모든 테스트를 통과했습니다. · All tests passed."]
    lines = ["", "## 통과하지 못한 테스트 · Failed tests", ""]
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
    return lines


def _printed(r: SubmissionResult) -> list[str]:
    """What the code printed: only before the first hidden case (the run keeps no more)."""
    if not r.output_bytes:
        return []
    return [
        "",
        f"## 코드가 출력한 내용 · What your code printed ({r.output_bytes} bytes)",
        "",
        "```text",
        _fenced(r.output[:4000]),
        "```",
    ]


def limit_text(limit: str, limits: Limits, output_bytes: int = 0) -> Msg:
    """One line per limit hit, in the student's terms (the tests it cost are listed below it)."""
    from autograder.engine.judge import memory_text

    texts = {
        "case_timeout": Msg(
            f"테스트 하나에 {limits.case_timeout:g}초 넘게 걸린 적이 있습니다. 그 테스트와, 같은 과제의 "
            "남은 테스트(실행하지 않음)만 0점입니다.",
            f"Some tests ran longer than {limits.case_timeout:g} s; only those tests and the rest of "
            "their task (not run) score 0.",
        ),
        "task_timeout": Msg(
            "한 과제가 제출물 실행 시간 중 제 몫을 다 썼습니다. 그 과제의 남은 테스트만 실행하지 않았습니다.",
            "A task used up its share of the submission's time; only that task's remaining tests "
            "were not run.",
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


def load_error_msg(e: dict) -> Msg:
    """One load error in the student's terms: which file (or cell) and line, and what."""
    where = e.get("where") or {}
    line = where.get("line")
    place = f"{e.get('cell') or ''}".strip() or "?"
    at_ko, at_en = (f" {line}번째 줄", f", line {line}") if line else ("", "")
    code = f" `{where.get('code')}`" if where.get("code") else ""
    what = f"{e.get('type')}: {e.get('message')}"
    return Msg(
        f"{place}{at_ko}에서 파일을 불러오는 중에 오류가 났습니다{code}: {what}",
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
    lines = [f"{exercise.title.render(lang)} — {r.file}", ""]
    for w in ([r.problem] if r.problem else []) + list(r.warnings):
        lines.append(f"! {w.render(lang)}")
    for e in r.load_errors:
        lines.append(f"! {load_error_msg(e).render(lang, sep=chr(10) + '  ')}")
    groups = grouped([c for c in r.cases if not c.passed])
    more = {first.name: len(members) - 1 for first, members in groups}  # identical ones after it
    skipped = {c.name for _, members in groups for c in members[1:]}
    for c in r.cases:
        lines.append(
            f"[{CHECK_MARK.get(c.status, 'FAIL')}] {c.task} {c.name}  ({c.points:g}/{c.max_points:g})"
        )
        if not c.passed and c.name not in skipped:
            lines += _check_details(c, more.get(c.name, 0), lang)
    passed = sum(c.passed for c in r.cases)
    lines += [
        "",
        Msg(
            f"공개 테스트 {passed}/{len(r.cases)}개 통과, {r.score:g}/{r.max_score:g}점",
            f"{passed}/{len(r.cases)} public tests passed, {r.score:g}/{r.max_score:g} points",
        ).render(lang, sep="\n"),
    ]
    return "\n".join(lines)


#: The mark before a case in ``check``'s report (any other status: FAIL).
CHECK_MARK = {"passed": "PASS", "not_attempted": "TODO", "not_run": "SKIP"}


def _check_details(c, more: int, lang: str) -> list[str]:
    """A failed case's message and hints in ``check``, and how many identical ones follow it."""
    indent = chr(10) + "       "
    lines = [f"       {c.message.render(lang, sep=indent)}"]
    for hid, hint in c.hints:
        lines.append(f"       💡 {hid}: {hint.render(lang, sep=chr(10) + '          ')}")
    if more:
        lines.append(f"       {same_as_above(more).render(lang, sep=indent)}")
    return lines
