"""Stage 2, run: the case protocol between the parent and one submission's workers.

The parent owns the clock and the order: it sends the job (the submission's code), waits for
the worker to load it, then sends one case at a time (that case's scenario program and
arguments, nothing else) and sets the case's deadline when it sends it. Nothing the worker
sends extends a deadline. A case that kills the process costs that case only: the worker is
replaced and carries on with the remaining cases. A case that runs out of time costs its own
task only: that task's remaining cases are not run (``not_run``: "the task timed out"), and
every other task keeps its own share of the submission's time (:func:`task_shares`). Every
message from the worker is checked (size before parsing, then shape) and becomes an
:class:`Outcome`. Only what the student printed before the first hidden case is kept.
"""

from __future__ import annotations

import dataclasses
import fcntl
import struct
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from autograder.core.results import LIMIT_STATUSES, Outcome, RunResult
from autograder.discover.submissions import Cell
from autograder.exercises import Limits
from autograder.runtime import spec, wire
from autograder.runtime.spec import Case
from autograder.sandbox.confine import Sandbox
from autograder.sandbox.pool import Interrupted, Worker, is_stopping, take_worker

__all__ = ["Interrupted", "Outcome", "RunResult", "run_submission"]

#: A case, its outcome, and the load errors known so far (see :func:`run_submission`).
OnOutcome = Callable[[Case, Outcome, list], None]

_EFBIG = "[Errno 27]"
_ENOSPC = "[Errno 28]"


MAX_ERRORS = 50
_STATUSES = ("ok", "error", "not_attempted", "unencodable", "scenario_error")


def _text(value: Any, cap: int) -> str | None:
    return value[:cap] if isinstance(value, str) else None


def clean_error(error: Any, cell: bool = False, sources: dict[str, list[str]] | None = None) -> dict | None:
    """A worker's exception report, bounded and of the expected shape, or None if it is not one.

    ``sources``: the submission's own lines per file (cell) label. The place of the error is
    kept only in one of those files, and its line of code is read from them, never taken from
    the worker (whose report student code can forge).
    """
    if not isinstance(error, dict):
        return None
    out = {
        "type": _text(error.get("type"), 100),
        "message": _text(error.get("message"), 2000),
        "trace": _text(error.get("trace"), 4000),
    }
    if any(v is None for v in out.values()):
        return None
    where = _place(error.get("where"), sources)
    if where is False:
        return None
    out["where"] = where
    surfaced = _surfaced(error.get("surfaced"))
    if surfaced is None:
        return None
    if surfaced and not cell:
        out["surfaced"] = surfaced
    if cell:
        out = {"cell": _text(error.get("cell"), 300), **out}
        if out["cell"] is None:
            return None
    return out


def _place(where: Any, sources: dict[str, list[str]] | None) -> dict | None | bool:
    """The error's place (file, line, code), None for none in the student's files, False if malformed."""
    if where is None:
        return None
    if not isinstance(where, dict):
        return False
    line = where.get("line")
    place = {
        "file": _text(where.get("file"), 300),
        "line": line if type(line) is int and 0 <= line < 10**9 else None,
        "code": _text(where.get("code"), 300),
    }
    if place["file"] is None or place["code"] is None:
        return False
    if sources is None:
        return place
    lines = sources.get(place["file"])
    if lines is None:
        return None
    n = place["line"]
    place["code"] = lines[n - 1].strip()[:300] if n and n <= len(lines) else ""
    return place


def _surfaced(frames: Any) -> list[dict] | None:
    """The scenario frames an exception passed through (function name, line), or None if malformed."""
    if frames is None:
        return []
    if not isinstance(frames, list) or len(frames) > wire.MAX_SURFACED:
        return None
    out = []
    for f in frames:
        if not isinstance(f, dict):
            return None
        name, line = _text(f.get("function"), 100), f.get("line")
        if name is None or type(line) is not int or not 0 <= line < 10**6:
            return None
        out.append({"function": name, "line": line})
    return out


def clean_printed(printed: Any) -> tuple[str, int] | None:
    """A case's printed output as sent: (its first lines, how many lines in all), cut again to
    the caps here (the worker's cut is not trusted); None if malformed."""
    if printed is None:
        return "", 0
    if not isinstance(printed, dict):
        return None
    text, lines = printed.get("text"), printed.get("lines")
    if not isinstance(text, str) or type(lines) is not int or not 0 <= lines < 10**12:
        return None
    sent = text.count("\n") + (not text.endswith("\n") and bool(text))  # at least as many as it sent
    text = text[: wire.PRINTED_CHARS]
    head = text.split("\n")
    if len(head) > wire.PRINTED_LINES:
        text = "\n".join(head[: wire.PRINTED_LINES]) + "\n"
    return text, max(lines, sent)


def clean_load_errors(errors: Any, sources: dict[str, list[str]] | None = None) -> list[dict]:
    if not isinstance(errors, list):
        return [_protocol_load_error("the load report is not a list")]
    cleaned = [clean_error(e, cell=True, sources=sources) for e in errors[:MAX_ERRORS]]
    if any(e is None for e in cleaned):
        return [e for e in cleaned if e is not None] + [_protocol_load_error("a malformed load report")]
    return cleaned


def clean_calls(calls: Any) -> tuple | None:
    """``Context.calls`` as sent: a list of {before, after} lists of argument records."""
    return spec.clean_calls(calls)


def _outcome(
    msg: dict, seconds: float, sources: dict[str, list[str]] | None = None, hidden: bool = False
) -> Outcome:
    """The worker's result message as an :class:`Outcome`; a hidden case keeps no printed output."""
    outcome = _outcome_of(msg, seconds, sources)
    printed = clean_printed(msg.get("printed"))
    if printed is None:
        return Outcome("protocol", message="malformed printed output", seconds=seconds)
    if hidden or outcome.status == "protocol" or not printed[1]:
        return outcome
    return dataclasses.replace(outcome, printed=printed[0], printed_lines=printed[1])


def _outcome_of(msg: dict, seconds: float, sources: dict[str, list[str]] | None) -> Outcome:
    status = msg.get("status")
    if status not in _STATUSES:
        return Outcome("protocol", message="unknown status", seconds=seconds)
    message = _text(msg.get("message", ""), 2000)
    if message is None:
        return Outcome("protocol", message="malformed message", seconds=seconds)
    if status == "ok":
        calls = clean_calls(msg.get("calls"))
        if calls is None:
            return Outcome("protocol", message="malformed call records", seconds=seconds)
        try:
            value = wire.decode(msg.get("value"))
        except wire.WireError as exc:
            return Outcome("protocol", message=str(exc), seconds=seconds)
        return Outcome("ok", value, None, "", seconds, raw=msg.get("value"), calls=calls)
    if status == "error":
        error = clean_error(msg, sources=sources)
        if error is None:
            return Outcome("protocol", message="malformed error", seconds=seconds)
        kind = _limit_error(error)
        return Outcome(kind or "error", None, error, seconds=seconds)
    return Outcome(status, message=message, seconds=seconds)


class _SubmissionRun:
    """One submission's cases through as many workers as it takes (a new one after a kill).

    Time is kept per task (see :func:`task_shares`): a case's deadline is its own time limit or
    what is left of its task's share, whichever comes first. Once a case of a task runs out of
    time, that task's remaining cases are not run (``not_run``), and a new worker's load after a
    kill is paid from the share of the task whose case ended the old one. So a looping task costs
    its own share at most, and no case's outcome depends on which other tasks were run.
    """

    def __init__(
        self, module, cells, cases, limits, sandbox, extra_files, warm, shares=None, on_outcome=None
    ):
        self.job = {"module": module, "cells": [{"label": c.label, "source": c.source} for c in cells]}
        self.sources = {c.label: c.source.splitlines() for c in cells}
        self.cases, self.limits, self.sandbox = list(cases), limits, sandbox
        self.extra_files, self.warm = tuple(extra_files), tuple(warm)
        self.pending = list(cases)
        self.outcomes: dict[str, Outcome] = {}
        self.load_errors: list[dict] = []
        self.limits_hit: list[str] = []
        self.restarts = -1
        self.start = time.monotonic()
        self.clock = _TaskClock(task_shares(cases, limits) if shares is None else shares)
        self.printed = _Printed()
        self.budget = wire.Budget()  # what all of this submission's workers may send, together
        self.on_outcome = on_outcome
        self.unreported: tuple[Case, Outcome] | None = None  # settled, not yet handed to on_outcome

    def run(self) -> RunResult:
        while self.pending:
            if is_stopping():
                raise Interrupted
            self.restarts += 1
            worker = take_worker(self.limits, self.sandbox, self.extra_files, self.warm)
            self.printed.new_worker()
            try:
                self._drive(worker)
            finally:
                worker.discard()
                self.printed.worker_done(worker)
        self._report()
        return self._result()

    def _drive(self, worker: Worker) -> None:
        began = time.monotonic()
        deadline = began + self.limits.load_timeout
        if not worker.start(self.job, deadline) and time.monotonic() >= deadline:
            return self._lost(worker, None, "timeout")
        got = self._receive(worker, None, deadline)
        if got is None:
            return None
        msg, _ = got
        if msg.get("event") != "loaded":
            return self._lost(worker, None, "protocol", "no load report")
        self.clock.charge_load(time.monotonic() - began)
        errors = clean_load_errors(msg.get("errors"), self.sources)
        if self.restarts == 0:
            self.load_errors = errors
        self.limits_hit += worker.group.exceeded()  # hit while loading: no case to cost
        for case in list(self.pending):
            if not self._run_case(worker, case):
                return None
        worker.send({"end": True}, time.monotonic() + 1.0)
        worker.close_input()
        return None

    def _run_case(self, worker: Worker, case: Case) -> bool:
        """One case on ``worker``; False when the worker was lost on it."""
        if self.clock.stopped(case.task):
            self.limits_hit.append(self.clock.ended[case.task])  # which limit ended the task
            self._settle(case, Outcome("not_run", message="task_timeout"))
            return True
        if case.hidden:
            self.printed.hide(worker)  # nothing printed from here on can reach the feedback
        deadline = self.clock.deadline(case, self.limits)
        message = {
            "case": case.name,
            "file": case.program_file,
            "program": list(case.program),
            "entry": case.scenario.__name__,
            "args": wire.to_plain(list(case.args)),
        }
        # a send refused before the deadline means the worker is gone: what it wrote before that
        # is read first, then its end, so an outcome never depends on who won the race on the pipe
        if not worker.send(message, deadline) and time.monotonic() >= deadline:
            self._lost(worker, case, "timeout")
            return False
        # the case before is judged while the worker runs this one; that time is the parent's,
        # so this case's clock and deadline move on by it
        spent = self._report()
        self.clock.sent += spent
        deadline += spent
        got = self._receive(worker, case, deadline)
        if got is None:
            return False
        msg, arrived = got
        if msg.get("event") != "result" or msg.get("case") != case.name:
            self._lost(worker, case, "protocol", "unexpected message")
            return False
        outcome = _outcome(msg, arrived - self.clock.sent, self.sources, case.hidden)
        capped = worker.group.exceeded()  # e.g. a child killed for memory
        if capped and outcome.status not in LIMIT_STATUSES:
            outcome = Outcome(capped[0], seconds=outcome.seconds)
        self.clock.charge(case.task)
        self._settle(case, outcome, report=False)
        return True

    def _settle(self, case: Case, outcome: Outcome, report: bool = True) -> None:
        """``case`` is done; ``on_outcome`` hears of it now, or (``report=False``) once the next
        case has been sent, but always in the order the cases were settled."""
        self._report()
        self.outcomes[case.name] = outcome
        self.pending.remove(case)
        self.unreported = (case, outcome)
        if report:
            self._report()

    def _report(self) -> float:
        """Hand the unreported outcome to ``on_outcome``; the seconds it took."""
        if self.unreported is None:
            return 0.0
        began = time.monotonic()
        case, outcome = self.unreported
        self.unreported = None
        if self.on_outcome is not None:
            self.on_outcome(case, outcome, self.load_errors)
        return time.monotonic() - began

    def _receive(self, worker: Worker, case: Case | None, deadline: float) -> tuple[dict, float] | None:
        """The worker's next message; on a timeout, death or bad message, its consequences."""
        try:
            got = worker.next(deadline, self.budget)
        except EOFError:
            return self._lost(worker, case, "eof")
        except wire.WireError as exc:
            return self._lost(worker, case, "protocol", str(exc))
        if got is None:
            return self._lost(worker, case, "timeout")
        return got

    def _lost(self, worker: Worker, case: Case | None, why: str, detail: str = "") -> None:
        """The worker is ended; ``case`` (None: the load) gets the outcome of ``why``."""
        how = _end(worker, why)
        capped = _cap_behind(worker, case is not None, why, how)
        if case is None:
            self._load_lost(why, how, capped, detail)
        else:
            self._case_lost(case, why, how, capped, detail)
        return None

    def _load_lost(self, why: str, how: str, capped: str, detail: str) -> None:
        """The worker ended while loading the file: every case still pending shares the outcome."""
        if why == "timeout":
            self.limits_hit.append("load_timeout")
            outcome = Outcome("load_failed", message="load_timeout")
        elif capped:
            outcome = Outcome(capped, message="load")
        elif why == "protocol":
            outcome = Outcome("load_failed", message=f"protocol: {detail}")
        else:
            self.load_errors = [_ended_while_loading(how)]
            outcome = Outcome("load_failed", message=how)
        for c in list(self.pending):
            self._settle(c, outcome)

    def _case_lost(self, case: Case, why: str, how: str, capped: str, detail: str) -> None:
        """The worker ended on ``case``: that case's outcome; a timeout also ends its task."""
        self.clock.charge(case.task, lost=True)
        limit = "task_timeout" if self.clock.by_share else "case_timeout"
        if why == "timeout":
            self.clock.stop(case.task, limit)
        if capped:
            outcome = Outcome(capped)
        elif why == "timeout":
            self.limits_hit.append(limit)
            outcome = Outcome("timeout", message=limit)
        elif why == "eof":
            outcome = Outcome("crashed", message=how)
        else:
            outcome = Outcome("protocol", message=detail)
        self._settle(case, outcome)

    def _result(self) -> RunResult:
        keep = self.limits.output_kb * 1024
        limits_hit = list(self.limits_hit)
        limits_hit += [o.status for o in self.outcomes.values() if o.status in LIMIT_STATUSES]
        limits_hit += [k for k in map(_limit_error, self.load_errors) if k]
        if self.printed.total > keep:
            limits_hit.append("output")
        return RunResult(
            outcomes={c.name: self.outcomes[c.name] for c in self.cases},
            load_errors=self.load_errors,
            output=bytes(self.printed.head[:keep]).decode("utf-8", "replace"),
            output_bytes=self.printed.total,
            seconds=time.monotonic() - self.start,
            limits_hit=sorted(set(limits_hit)),
            restarts=self.restarts,
        )


def task_shares(cases: list[Case] | tuple[Case, ...], limits: Limits) -> dict[str, float]:
    """Each task's share of the submission's time (seconds), from the whole list of cases.

    The submission's time after loading (``submission_timeout - load_timeout``) is split in
    proportion to the time limits of each task's cases, and never below the task's longest case
    limit. Pass the exercise's full case list even when running some of it (a regrade of one
    task): a task's share, and so its outcomes, must not depend on which other tasks run.
    """
    weight: dict[str, float] = {}
    longest: dict[str, float] = {}
    for case in cases:
        timeout = case.timeout or limits.case_timeout
        weight[case.task] = weight.get(case.task, 0.0) + timeout
        longest[case.task] = max(longest.get(case.task, 0.0), timeout)
    total = sum(weight.values()) or 1.0
    pool = max(limits.submission_timeout - limits.load_timeout, 0.0)
    return {task: max(longest[task], pool * w / total) for task, w in weight.items()}


class _TaskClock:
    """Time spent per task against its share; which tasks ran out (their other cases are not run)."""

    def __init__(self, shares: dict[str, float]):
        self.shares = dict(shares)
        self.spent: dict[str, float] = {}
        self.ended: dict[str, str] = {}  # task -> the limit that ended it (its other cases are not run)
        self.sent = 0.0  # when the current case was sent
        self.by_share = False  # the current case's deadline is its task's share, not its own limit
        self.blame: str | None = None  # the task whose case ended the last worker: it pays the next load

    def left(self, task: str) -> float:
        return self.shares.get(task, float("inf")) - self.spent.get(task, 0.0)

    def stopped(self, task: str) -> bool:
        return task in self.ended

    def stop(self, task: str, limit: str) -> None:
        self.ended[task] = limit  # a case that timed out: its limit is why, whatever else ran out

    def deadline(self, case: Case, limits: Limits) -> float:
        """Start the case's clock: its deadline is its own limit or its task's share left."""
        own, left = case.timeout or limits.case_timeout, self.left(case.task)
        self.by_share = left < own
        self.sent = time.monotonic()
        return self.sent + max(0.0, min(own, left))

    def charge(self, task: str, lost: bool = False) -> None:
        """The current case's time goes to its task; ``lost``: its worker ended on it."""
        self._add(task, time.monotonic() - self.sent)
        if lost:
            self.blame = task

    def charge_load(self, seconds: float) -> None:
        """A new worker's load after a kill is paid by the task that caused the kill."""
        if self.blame is not None:
            self._add(self.blame, seconds)
            self.blame = None

    def _add(self, task: str, seconds: float) -> None:
        self.spent[task] = self.spent.get(task, 0.0) + seconds
        if self.left(task) <= 0:
            self.ended.setdefault(task, "task_timeout")


class _Printed:
    """The student's printed output that may reach the feedback: only what was printed before
    the first hidden case was sent (a hidden case's program and arguments never reach a file
    the student reads, whatever the code prints)."""

    def __init__(self) -> None:
        self.head, self.total = bytearray(), 0
        self.hidden = False  # a hidden case has been sent (to this or an earlier worker)
        self.cut: tuple[bytes, int] | None = None  # this worker's output when the first hidden case went

    def new_worker(self) -> None:
        self.cut = (b"", 0) if self.hidden else None

    def hide(self, worker: Worker) -> None:
        if self.cut is None:
            self.cut = _printed_so_far(worker)
        self.hidden = True

    def worker_done(self, worker: Worker) -> None:
        head, total = self.cut if self.cut is not None else (bytes(worker.sink.head), worker.sink.total)
        self.head += head
        self.total += total


def _printed_so_far(worker: Worker, wait: float = 0.05) -> tuple[bytes, int]:
    """What the worker printed up to its last result: the output still in the pipe (written
    before that result was sent) is given a moment to reach the output reader first."""
    try:
        fd = worker.proc.stdout.fileno()
        until = time.monotonic() + wait
        while _pending_bytes(fd) and time.monotonic() < until:
            time.sleep(0.001)
    except (OSError, ValueError):
        pass
    return bytes(worker.sink.head), worker.sink.total


def _pending_bytes(fd: int) -> int:
    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]


def _end(worker: Worker, why: str) -> str:
    """Kill the worker (a dead one gets a moment to report its own exit status); how it ended."""
    how = worker.kill(grace=1.0 if why == "eof" else 0.0)
    if is_stopping():
        raise Interrupted
    return how


def _cap_behind(worker: Worker, in_case: bool, why: str, how: str) -> str:
    """A cap of the worker's cgroup (memory, processes; or CPU) that ended it or slowed it to
    its timeout, or ""."""
    if why == "eof":
        return "cpu" if how == "signal SIGXCPU" else (worker.group.exceeded() or [""])[0]
    if why == "timeout" and in_case:
        return (worker.group.exceeded(timed_out=True) or [""])[0]
    return ""


def run_submission(
    module: str,
    cells: list[Cell] | tuple[Cell, ...],
    cases: list[Case],
    limits: Limits,
    sandbox: Sandbox,
    extra_files: list[Path] | tuple[Path, ...] = (),
    warm: tuple[str, ...] = (),
    shares: dict[str, float] | None = None,
    on_outcome: OnOutcome | None = None,
) -> RunResult:
    """Run ``cases`` against the code in ``cells``; every case gets an :class:`Outcome`.

    ``warm``: data files the worker loads before its job (see ``Exercise.warm``). ``shares``:
    each task's time (see :func:`task_shares`); by default computed from ``cases``, which is
    right only when ``cases`` are all of the exercise's cases being graded. ``on_outcome``:
    called with each case, its outcome and the load errors as soon as the case is settled
    (``check`` streams its verdicts from it).
    """
    run = _SubmissionRun(module, cells, cases, limits, sandbox, extra_files, warm, shares, on_outcome)
    return run.run()


def _limit_error(error: dict) -> str | None:
    """The limit behind an exception the student's code raised, if it is one of ours."""
    if error.get("type") == "MemoryError":
        return "memory"
    if error.get("type") == "BlockingIOError" and str(error.get("message", "")).startswith("[Errno 11]"):
        return "processes"  # fork() refused by RLIMIT_NPROC
    if error.get("type") == "RuntimeError" and "can't start new thread" in str(error.get("message", "")):
        return "processes"
    if str(error.get("message", "")).startswith(_EFBIG):  # RLIMIT_FSIZE: Python ignores SIGXFSZ
        return "file_size"
    if str(error.get("message", "")).startswith(_ENOSPC):  # the sandbox's scratch tmpfs is full
        return "disk"
    return None


def _protocol_load_error(what: str) -> dict:
    return {"cell": "", "type": "ProtocolError", "message": what, "where": None, "trace": ""}


def _ended_while_loading(how: str) -> dict:
    return {"cell": "", "type": "ProcessEnded", "message": how, "where": None, "trace": ""}
