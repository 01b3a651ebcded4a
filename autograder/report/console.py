"""Console output: aligned tables of wide (Korean) text, the progress bar, and ``check``'s report
printed case by case."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from autograder.core.files import terminal_safe
from autograder.core.korean import josa
from autograder.report.feedback import load_error_msg
from autograder.runtime import wire
from autograder.runtime.spec import Msg

if TYPE_CHECKING:
    from autograder.core.results import CaseResult, Outcome, SubmissionResult
    from autograder.exercises import Exercise


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


# ---- check: the student's self-check, printed case by case ------------------------------------

#: The mark before a case in ``check``'s report (any other status: FAIL), Korean and English.
MARKS = {
    "passed": Msg("통과", "PASS"),
    "not_attempted": Msg("미구현", "TODO"),
    "not_run": Msg("건너뜀", "SKIP"),
}
FAILED = Msg("실패", "FAIL")
INDENT = " " * 7
#: Names listed after a repeated message ("×14: a, b, …").
LISTED = 8


def mark(status: str, lang: str = "both") -> str:
    """``[통과 PASS]``, ``[PASS]`` or ``[통과]`` as ``lang`` says."""
    return f"[{MARKS.get(status, FAILED).render(lang, sep=' ')}]"


def _say_now(text: str) -> None:
    print(terminal_safe(text), flush=True)  # a pipe (a notebook, nbclient) shows it now too


class CheckPrinter:
    """What ``check`` prints, one case at a time as each is judged (pass it as ``watch``).

    A failed case's message and hints are printed once per distinct message; a later case
    with the same one (its own name aside) points back to it, and :meth:`finish` lists each
    repeated message once with how many cases and which. Under a public case, the first
    lines the student's code printed while it ran. Hidden cases (never run by ``check``)
    would show no printed output.
    """

    def __init__(
        self, exercise: Exercise, file: str, lang: str = "both", say: Callable[[str], None] = _say_now
    ):
        self.exercise, self.file, self.lang, self.say = exercise, file, lang, say
        self.shown: dict[str, CaseResult] = {}
        self.groups: dict[tuple, list[CaseResult]] = {}
        self.load_shown = False

    def start(self) -> None:
        self.say(f"{self.exercise.title.render(self.lang)} — {self.file}")
        self.say(
            Msg("공개 테스트를 하나씩 실행합니다…", "Running the public tests one by one…").render(self.lang)
        )
        self.say("")

    def __call__(
        self, result: CaseResult, outcome: Outcome | None = None, load_errors: list | None = None
    ) -> None:
        if load_errors and not self.load_shown:
            self.load_shown = True
            for e in load_errors:
                self.say(f"! {load_error_msg(e).render(self.lang, sep=chr(10) + '  ')}")
        self.shown[result.name] = result
        verdict = f"{mark(result.status, self.lang)} {result.task} {result.name}  ({result.points:g}/{result.max_points:g})"
        if result.passed:
            self.say(verdict)
        else:
            self._failed(result, verdict)
        if outcome is not None and outcome.printed and not result.hidden:
            self._printed(outcome)

    def _failed(self, result: CaseResult, verdict: str) -> None:
        """A failure's message and hints the first time; then, on its line, which case had it."""
        members = self.groups.setdefault(_message_key(result), [])
        members.append(result)
        if len(members) > 1:
            first = members[0].name
            same = Msg(f"↑ {josa(first, '과')} 같은 메시지", f"↑ same message as {first}")
            self.say(f"{verdict}  {same.render(self.lang, sep=' · ')}")
            return
        self.say(verdict)
        self.say(_indented(result.message.render(self.lang, sep="\n")))
        for hid, hint in result.hints:
            self.say(f"{INDENT}💡 {hid}: {hint.render(self.lang, sep=chr(10) + INDENT + '   ')}")

    def _printed(self, outcome: Outcome) -> None:
        lines = outcome.printed.splitlines()[: wire.PRINTED_LINES]
        more = outcome.printed_lines - len(lines)
        label = Msg(f"코드가 출력한 내용 (처음 {wire.PRINTED_LINES}줄까지)",
                    f"What your code printed (up to the first {wire.PRINTED_LINES} lines)")  # fmt: skip
        self.say(f"{INDENT}{label.render(self.lang, sep=' · ')}:")
        for line in lines:
            self.say(f"{INDENT}│ {line}")
        if more > 0:
            self.say(
                f"{INDENT}{Msg(f'… {more}줄 더 (잘림)', f'… {more} more lines (cut)').render(self.lang, sep=' · ')}"
            )

    def finish(self, r: SubmissionResult) -> None:
        """Notes, cases not streamed (an unreadable file), verdicts a ``requires`` changed,
        each repeated message once, and the totals."""
        for w in ([r.problem] if r.problem else []) + list(r.warnings):
            self.say(f"! {w.render(self.lang)}")
        if r.load_errors and not self.load_shown:
            for e in r.load_errors:
                self.say(f"! {load_error_msg(e).render(self.lang, sep=chr(10) + '  ')}")
        for c in r.cases:
            before = self.shown.get(c.name)
            if before is None or before.status != c.status:
                self(c)
        self._repeated()
        passed = sum(c.passed for c in r.cases)
        self.say("")
        self.say(
            Msg(
                f"공개 테스트 {passed}/{len(r.cases)}개 통과, {r.score:g}/{r.max_score:g}점",
                f"{passed}/{len(r.cases)} public tests passed, {r.score:g}/{r.max_score:g} points",
            ).render(self.lang, sep="\n")
        )

    def _repeated(self) -> None:
        repeated = [members for members in self.groups.values() if len(members) > 1]
        if not repeated:
            return
        self.say("")
        self.say(
            Msg("여러 테스트에서 같은 메시지:", "The same message in several tests:").render(
                self.lang, sep=" · "
            )
        )
        for members in repeated:
            names = ", ".join(m.name for m in members[:LISTED]) + (", …" if len(members) > LISTED else "")
            self.say(f"- (×{len(members)}: {names})")
            msg = members[0].message  # its first line, to recall it (in full under the first case)
            first = Msg(*(_first_line(t) for t in (msg.ko, msg.en)))
            self.say(_indented(first.render(self.lang, sep="\n"), "  "))


def _first_line(text: str, cap: int = 120) -> str:
    line = (text.splitlines() or [""])[0]
    return line if len(line) <= cap else line[: cap - 1] + "…"


def _indented(text: str, indent: str = INDENT) -> str:
    return indent + text.replace("\n", "\n" + indent)


def _message_key(result: CaseResult) -> tuple:
    """A failure's message with the case's own name taken out: "ran longer than 10 s in test X"
    is the same message in every test it hits."""
    msg = result.message
    return (result.status, msg.ko.replace(result.name, "\0"), msg.en.replace(result.name, "\0"), result.hints)
