"""Stage 3, judge: turn a case's outcome into points and a message. Runs only in the parent.

Values are checked type, then shape, then dtype kind, then values, with one clear message per
failure. A failed case gets named hints: the case's own ``Hint(when=...)`` predicates, the
relations of the misconceptions it names (``Hint.detect``, from ``core/misconceptions.py``:
they also read the case's inputs) and the known mistakes whose output on this case matches the
student's (except those a relation of the case already decides).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from autograder.core.korean import josa
from autograder.core.misconceptions import exp_overflow, nonfinite_where_finite
from autograder.core.results import CaseResult, Outcome
from autograder.engine.compare import compare
from autograder.exercises import Limits, Mistake
from autograder.runtime import wire
from autograder.runtime.spec import Case, Hint, Msg, changed_arguments

__all__ = ["CaseResult", "judge_case", "outcome_problem"]


STATUS_TEXT = {
    "crashed": Msg("코드가 프로세스를 끝내 버렸습니다", "Your code ended the process"),
    "protocol": Msg("채점기와의 통신을 방해했습니다", "Your code interfered with the grader's channel"),
    "unencodable": Msg("돌려준 값을 읽을 수 없습니다", "The returned value could not be read"),
    "scenario_error": Msg(
        "채점기 자체의 테스트 코드가 실패했습니다 (학생의 잘못이 아닙니다). 조교에게 알려 주세요",
        "The grader's own test code failed (not your fault); please tell your TA",
    ),
}


def memory_text(mb: int) -> str:
    return f"{mb / 1024:g} GiB" if mb % 1024 == 0 else f"{mb} MiB"


def limit_problem(outcome: Outcome, case_name: str, timeout: float, limits: Limits) -> Msg | None:
    """A limit hit, in the student's terms: which limit, how much, and in which test."""
    s, m, t = outcome.status, outcome.message, case_name
    if s == "timeout" and m == "task_timeout":
        return Msg(
            f"이 과제에 주어진 실행 시간을 다 써서 {josa('테스트 ' + t, '을')} 끝내지 못했습니다.",
            f"This task used up its share of the submission's time before test {t} could finish.",
        )
    if s == "timeout" and m == "submission_timeout":
        total = limits.submission_timeout
        return Msg(
            f"제출물 전체 실행 시간 {total:g}초를 다 써서 {josa('테스트 ' + t, '을')} 끝내지 못했습니다.",
            f"Your submission used up its total time of {total:g} s before test {t} could finish.",
        )
    if s == "timeout":
        return Msg(
            f"테스트 {t}에서 코드가 {timeout:g}초 넘게 실행되었습니다 (무한 루프나 time.sleep?).",
            f"Your code ran longer than {timeout:g} s in test {t} (an infinite loop or time.sleep?).",
        )
    if s == "load_failed" and m == "load_timeout":
        load = limits.load_timeout
        return Msg(
            f"파일을 불러오는 데(최상위 코드) {load:g}초가 넘게 걸려 {josa('테스트 ' + t, '을')} 실행하지 못했습니다 "
            "(최상위에 무한 루프, time.sleep, 긴 학습?).",
            f"Loading your file (its top-level code) took longer than {load:g} s, so test {t} could "
            "not run (a loop, time.sleep or long training at top level?).",
        )
    if s == "memory":
        mem = memory_text(limits.memory_mb)
        return Msg(
            f"테스트 {t}에서 코드가 메모리를 {mem}보다 많이 쓰려고 했습니다.",
            f"Your code tried to use more than {mem} of memory in test {t}.",
        )
    if s == "cpu":
        cpu = limits.cpu_cap - 1
        where_ko = "파일을 불러오는 중" if m == "load" else f"테스트 {t}에서"
        where_en = "while loading your file" if m == "load" else f"in test {t}"
        return Msg(
            f"{where_ko} 코드가 CPU 시간을 {cpu:g}초 넘게 썼습니다.",
            f"Your code used more than {cpu:g} s of CPU time {where_en}.",
        )
    if s == "processes":
        return Msg(
            f"테스트 {t}에서 코드가 프로세스나 스레드를 {limits.processes}개보다 많이 만들려고 했습니다.",
            f"Your code tried to run more than {limits.processes} processes or threads at once in test {t}.",
        )
    if s == "disk":
        return Msg(
            f"테스트 {t}에서 코드가 파일을 모두 {limits.scratch_mb} MiB보다 많이 쓰려고 했습니다.",
            f"Your code tried to write more than {limits.scratch_mb} MiB of files in all in test {t}.",
        )
    if s == "file_size":
        return Msg(
            f"테스트 {t}에서 코드가 {limits.file_mb} MiB보다 큰 파일을 쓰려고 했습니다.",
            f"Your code tried to write a file larger than {limits.file_mb} MiB in test {t}.",
        )
    return None


#: At most this much of what a hidden case's run produced (an exception's message, a status
#: detail) reaches the feedback, as one line: the channel out of a hidden case stays narrow.
HIDDEN_TEXT = 200
#: A hidden case's text is withheld if it quotes this many characters of the case's program
#: in a row, or holds a run this long of base64/hex-like characters (encoded data).
QUOTE_WINDOW = 24
_ENCODED = re.compile(r"[A-Za-z0-9+/=_-]{40,}")
WITHHELD = Msg(
    "(숨은 테스트의 내용이나 인코딩된 데이터를 담고 있어 보여 주지 않습니다)",
    "(not shown: it quotes the hidden test or holds encoded data)",
)


def said(text: object, hidden: bool, cap: int = HIDDEN_TEXT, program: str = "") -> str:
    """Text that came from the student's run, as a feedback message may show it: for a hidden
    case only its first line, at most ``cap`` characters, and nothing if it quotes the case's
    ``program`` (see :func:`quotes_hidden`); public cases: as received."""
    text = "" if text is None else str(text)
    if not hidden:
        return text
    line = text.split("\n", 1)[0].replace("\r", " ")
    line = line if len(line) <= cap and line == text else line[:cap] + "…"
    return f"{WITHHELD.ko} · {WITHHELD.en}" if quotes_hidden(line, program) else line


def quotes_hidden(text: str, program: str) -> bool:
    """Whether ``text`` quotes ``QUOTE_WINDOW`` characters of ``program`` in a row (spaces
    folded) or holds a long run of encoded-looking characters."""
    if _ENCODED.search(text):
        return True
    flat, source = " ".join(text.split()), " ".join(program.split())
    if not source:
        return False
    return any(flat[i : i + QUOTE_WINDOW] in source for i in range(max(0, len(flat) - QUOTE_WINDOW + 1)))


def outcome_problem(
    outcome: Outcome, task_name: str, case: Case | None = None, limits: Limits | None = None
) -> tuple[str, Msg] | None:
    """Status and message for an outcome that produced no value to compare.

    A hidden case's message carries only one line of what the student's run produced (see
    :func:`said`); its printed output never reaches it.
    """
    if outcome.status == "ok":
        return None
    if case is not None:
        limits = limits or Limits()
        limited = limit_problem(outcome, case.name, case.timeout or limits.case_timeout, limits)
        if limited:
            return ("timeout" if outcome.status in ("timeout", "load_failed") else "limit"), limited
    explain = _EXPLAIN.get(outcome.status, _other_problem)
    return explain(outcome, task_name, _Shown(case))


class _Shown:
    """How much of a case's run its message may show: all of it (public), or one short line
    that does not quote the case's program (hidden)."""

    def __init__(self, case: Case | None):
        self.hidden = case is not None and case.hidden
        self.program = "\n".join(case.program) if self.hidden else ""

    def __call__(self, text: object, cap: int = HIDDEN_TEXT) -> str:
        return said(text, self.hidden, cap, self.program)


def _not_run(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    return "not_run", Msg(
        "실행하지 않음: 이 과제의 앞 테스트가 시간 제한을 넘었습니다 (과제 시간 초과).",
        "Not run: the task timed out (an earlier test of this task ran out of time).",
    )


def _not_attempted(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    what = shown(outcome.message) or task_name
    return "not_attempted", Msg(f"아직 구현하지 않았습니다 ({what}).", f"Not attempted yet ({what}).")


def _raised(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    err = outcome.error or {}
    where = err.get("where") or {}
    at = f" ({where.get('file')}, line {where.get('line')}: {where.get('code')})" if where else ""
    text = f"{shown(err.get('type'), 60)}: {shown(err.get('message'))}{at}"
    why = _RAISED_CAUSE.get(str(err.get("type")))
    ko, en = (f" {why.ko}", f" {why.en}") if why else ("", "")
    return "error", Msg(f"오류 발생: {text}{ko}", f"Raised {text}{en}")


#: Exceptions of arithmetic, told apart: an overflow is a value too large, not a division by zero.
_RAISED_CAUSE = {
    "OverflowError": Msg(
        "(오버플로: 값이 너무 커졌습니다. 예: math.exp(710), 큰 정수를 실수로 바꿈.)",
        "(an overflow: a value grew too large, e.g. math.exp(710), or a huge int made a float.)",
    ),
    "ZeroDivisionError": Msg(
        "(0으로 나누었습니다: 나누는 값이 0이 되는 경우, 예를 들어 빈 배치나 언더플로한 합을 확인하세요.)",
        "(a division by zero: check where the divisor becomes 0, such as an empty batch or a sum that underflowed.)",
    ),
}


def _timed_out(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    return "timeout", Msg(
        "시간 제한을 넘었습니다 (무한 루프?).", "Took longer than the time limit (an infinite loop?)."
    )


def _limited(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    return "limit", Msg("자원 제한을 넘었습니다.", f"Your code hit the {outcome.status} limit.")


def _load_failed(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    if outcome.message == "load_timeout":
        return "timeout", Msg(
            "파일을 불러오는 데 시간 제한을 넘었습니다 (최상위 코드에 무한 루프나 긴 학습?).",
            "Loading your file took longer than the limit (a loop or long training at top level?).",
        )
    how = shown(outcome.message)
    return "crashed", Msg(
        f"파일을 불러오는 중에 프로세스가 끝났습니다 ({how}).",
        f"The process ended while loading your file ({how}).",
    )


def _other_problem(outcome: Outcome, task_name: str, shown: _Shown) -> tuple[str, Msg]:
    """Crashed, protocol, unencodable, scenario_error: a fixed text and the run's detail."""
    s = outcome.status
    base = STATUS_TEXT.get(s, Msg("알 수 없는 실패", "Unknown failure"))
    detail = f" ({shown(outcome.message)})" if outcome.message else ""
    status = {"unencodable": "failed", "scenario_error": "grader_error"}.get(s, s)
    return status, Msg(base.ko + detail, base.en + detail)


_EXPLAIN = {
    "not_run": _not_run,
    "not_attempted": _not_attempted,
    "error": _raised,
    "timeout": _timed_out,
    "load_failed": _load_failed,
    **dict.fromkeys(("memory", "cpu", "file_size", "disk", "processes"), _limited),
}


def mutation_problem(outcome: Outcome, originals: tuple | None) -> tuple[str, Msg] | None:
    """Whether the student's function changed its inputs, decided here from the values after
    the call, compared with the reference's (``originals``: its records of the same scenario;
    None where there is no reference, when nothing is found changed).
    """
    if not outcome.calls and not originals:
        return None
    changed = changed_arguments(
        list(outcome.calls), list(originals if originals is not None else outcome.calls)
    )
    if changed is None:
        return "protocol", STATUS_TEXT["protocol"]
    if not changed:
        return None
    which = ", ".join(str(i) for i in changed)
    return "failed", Msg(
        f"함수가 {which}번째 입력 인자를 바꾸었습니다. 입력을 복사해서 쓰세요.",
        f"Your function modified its input (argument {which}); work on a copy.",
    )


def judge_case(
    case: Case,
    outcome: Outcome,
    expected: Any,
    task_name: str,
    mistakes: dict[str, tuple[Mistake, Outcome]] | None = None,
    limits: Limits | None = None,
    originals: tuple | None = None,
    reveal: bool | None = None,
) -> CaseResult:
    """Score one case. ``mistakes`` maps mistake id to (mistake, its outcome on this case),
    only for the mistakes whose output on this case tells them apart (see ``distinct``).

    ``originals``: the reference's argument records for this case (see :func:`mutation_problem`).
    ``reveal``: whether messages may show the expected value (default: public cases only).
    """
    reveal = (not case.hidden) if reveal is None else reveal

    def result(status: str, message: Msg, hints: tuple = ()) -> CaseResult:
        points = case.points if status == "passed" else 0.0
        return CaseResult(case.name, case.task, case.hidden, points, case.points, status, message, hints)

    problem = outcome_problem(outcome, task_name, case, limits)
    if problem:
        status, message = problem
        if status in ("not_attempted", "not_run", "grader_error"):
            return result(status, message)
        return result(status, message, _hints(case, outcome, expected, mistakes, originals=originals))
    mutated = mutation_problem(outcome, originals)
    if mutated:
        return result(*mutated, _hints(case, outcome, expected, mistakes, True, originals))
    try:
        if case.check is not None:
            message = case.check(outcome.value, expected)
        else:
            message = compare(
                outcome.value, expected, case.rtol, case.atol, reveal=reveal, dtype_rule=states_dtype(case)
            )
    except Exception as exc:  # a check that does not apply to this value's shape or type
        message = Msg(
            f"돌려준 값을 검사할 수 없습니다 ({type(exc).__name__}). 반환값의 형태를 확인하세요.",
            f"The returned value could not be checked ({type(exc).__name__}); check its form.",
        )
    if message is None:
        return result("passed", Msg("통과", "passed"))
    if case.hidden and quotes_hidden(f"{message.ko}\n{message.en}", "\n".join(case.program)):
        message = Msg(
            f"결과가 기대한 값이 아닙니다 {WITHHELD.ko}",
            f"The result is not the expected value {WITHHELD.en}",
        )
    inputs = inputs_of(originals)
    why = nonfinite_cause(outcome.value, expected, inputs)
    if why is not None:
        message = Msg(f"{message.ko} {why.ko}", f"{message.en} {why.en}")
    return result(
        "failed", message, _hints(case, outcome, expected, mistakes, originals=originals, inputs=inputs)
    )


def _hints(
    case: Case,
    outcome: Outcome,
    expected: Any,
    mistakes,
    mutated: bool = False,
    originals: tuple | None = None,
    inputs: tuple | None = None,
) -> tuple[tuple[str, Msg], ...]:
    """``inputs``: :func:`inputs_of` ``originals``, when the caller has decoded them already."""
    found: list[tuple[str, Msg]] = []
    inputs = inputs_of(originals) if inputs is None else inputs
    for hint in case.hints:
        if not hint.applies_to(case.name):
            continue
        if hint.mutated if mutated else _fires(hint, case, outcome, expected, inputs):
            found.append((hint.id, hint.msg))
    # a mistake that shows a misconception the case detects by a relation is not matched by
    # equality: the relation names it (also when other mistakes change the output), and the
    # mistake variant proves the relation instead of being the only output it could name
    detected = {h.id for h in case.hints if h.detect is not None}
    for mistake, m_outcome in (mistakes or {}).values():
        if mistake.shown_as in detected:
            continue
        if _matches_mistake(case, outcome, m_outcome, expected, mutated, originals):
            found.append((mistake.shown_as, mistake.hint))
    # a hint named twice (by id, or the same text under two ids) shows once
    seen, unique = set(), []
    for hid, msg in dict(found).items():
        if (msg.ko, msg.en) not in seen:
            seen.add((msg.ko, msg.en))
            unique.append((hid, msg))
    return tuple(unique)


def distinct(case: Case, reference: Outcome, mistakes: dict[str, Outcome]) -> set[str]:
    """The mistakes whose output on ``case`` differs from the reference's and from every other
    mistake's: only their match names a mistake (two variants with one output name neither)."""

    def same(a: Outcome, b: Outcome) -> bool:
        if a.status != b.status:
            return False
        if a.status == "ok":
            if changed_arguments(list(a.calls), list(b.calls)) not in ([], None):
                return False
            try:
                return compare(a.value, b.value, case.rtol, case.atol) is None
            except Exception:
                return False
        if a.status == "error":
            mine, theirs = a.error or {}, b.error or {}
            return (mine.get("type"), mine.get("message")) == (theirs.get("type"), theirs.get("message"))
        return True

    out = set()
    for mid, m in mistakes.items():
        if same(m, reference):
            continue
        if not any(same(m, other) for oid, other in mistakes.items() if oid != mid):
            out.add(mid)
    return out


def _fires(hint: Hint, case: Case, outcome: Outcome, expected: Any, inputs: tuple = ()) -> bool:
    if hint.mutated:
        return False  # only on a changed input (see _hints)
    if hint.error is not None:
        err = outcome.error or {}
        return (
            outcome.status == "error"
            and err.get("type") == hint.error
            and hint.error_text in str(err.get("message", ""))
        )
    if outcome.status != "ok" or (hint.when is None and hint.detect is None):
        return False
    try:
        if hint.detect is not None:
            return bool(hint.detect(outcome.value, expected, inputs))
        return bool(hint.when(outcome.value, expected))
    except Exception:  # a predicate that does not apply to this value's shape or type
        return False


def _matches_mistake(
    case: Case, outcome: Outcome, m_outcome: Outcome, expected: Any, mutated: bool = False, originals=None
) -> bool:
    if m_outcome.status != outcome.status:
        return False
    if outcome.status == "ok":
        # whether the mistake changes its input: its records against the reference's
        m_mutates = bool(
            changed_arguments(
                list(m_outcome.calls), list(m_outcome.calls if originals is None else originals)
            )
        )
        if mutated or m_mutates:
            return mutated and m_mutates
        try:
            atol = near_zero_atol(case.atol, expected, m_outcome.value)
            return compare(outcome.value, m_outcome.value, case.rtol, atol) is None
        except Exception:
            return False
    if outcome.status == "error":  # same exception and same message: one type alone names many mistakes
        mine, theirs = outcome.error or {}, m_outcome.error or {}
        return (mine.get("type"), mine.get("message")) == (theirs.get("type"), theirs.get("message"))
    return False


#: A mistake's output matches the student's near zero only within this fraction of the
#: expected value's magnitude: a result of 2e-11 (``/ 2*h``) is not the 0 of a tiny h.
NEAR_ZERO = 1e-9


def _magnitude(value: Any, depth: int = 0) -> float:
    """The largest finite |element| in a value (numbers, arrays, nested containers)."""
    if depth > 6:
        return 0.0
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return max((_magnitude(v, depth + 1) for v in value), default=0.0)
    try:
        a = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return 0.0
    finite = np.abs(a[np.isfinite(a)])
    return float(finite.max()) if finite.size else 0.0


def near_zero_atol(atol: float, *values: Any) -> float:
    """The absolute tolerance for matching a mistake's output: the case's, but never more than
    :data:`NEAR_ZERO` of the values' magnitude (relative near zero, not ``atol=1e-9``)."""
    scale = max((_magnitude(v) for v in values), default=0.0)
    return min(atol, NEAR_ZERO * scale)


#: Words in a rule's id that say the case states a dtype (``float_result``, ``integer_array``):
#: only there do bool or int elements equal to the expected floats fail.
_DTYPE_RULE = re.compile(r"(^|_)(float\d*|dtype|int|integer|bool)(_|$)")


def states_dtype(case: Case) -> bool:
    """Whether the case checks a rule about the element type (its ``rules`` name one)."""
    return any(_DTYPE_RULE.search(r) for r in case.rules)


def inputs_of(originals: tuple | None) -> tuple:
    """The arrays and numbers the reference's run passed to ``ctx.call`` on this case, decoded
    from its argument records (containers opened, sampled records of large arrays left out)."""
    out: list[Any] = []
    for call in originals or ():
        try:
            values = wire.decode(call.get("after", []) if isinstance(call, dict) else [])
        except (wire.WireError, TypeError, ValueError):
            continue
        for v in values if isinstance(values, list) else []:
            _collect(v, out, 0)
    return tuple(out)


def _collect(record: Any, out: list, depth: int) -> None:
    if depth > 6 or len(out) > 64:
        return
    if isinstance(record, np.ndarray) or (
        isinstance(record, (int, float, np.number)) and not isinstance(record, bool)
    ):
        out.append(record)
    elif isinstance(record, (list, tuple)) and len(record) == 3 and record[0] in ("list", "tuple"):
        for v in record[2] if isinstance(record[2], (list, tuple)) else []:
            _collect(v, out, depth + 1)
    elif isinstance(record, (list, tuple)) and len(record) == 3 and record[0] == "dict":
        for pair in record[2] if isinstance(record[2], (list, tuple)) else []:
            if isinstance(pair, (list, tuple)) and len(pair) == 2:
                _collect(pair[1], out, depth + 1)


def nonfinite_cause(actual: Any, expected: Any, inputs: tuple = ()) -> Msg | None:
    """Why the student's value holds inf or nan where the expected one is finite: the catalogue's
    ``exp_overflow`` (infinity, or nan where the inputs are beyond exp's range) or else 0/0 (or
    inf − inf) after an underflow. None when every part is finite where it should be."""
    if exp_overflow(actual, expected, inputs):
        return Msg(
            "(inf/nan: 큰 값에서 오버플로가 났습니다. 예: exp(710) = inf, inf/inf = nan.)",
            "(inf/nan: an overflow on large values, e.g. exp(710) = inf and inf/inf = nan.)",
        )
    if nonfinite_where_finite(actual, expected):
        return Msg(
            "(nan: 0/0 같은 계산입니다. 아주 작은 값이 0으로 언더플로한 뒤 나누었거나, 0으로 나눈 값을 "
            "다시 썼을 수 있습니다.)",
            "(nan: a 0/0-like operation, e.g. values that underflowed to 0 were divided, or a division "
            "by zero was used again.)",
        )
    return None
