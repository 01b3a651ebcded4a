"""Stage 2, run: the case protocol between the parent and one submission's workers.

The parent owns the clock and the order: it sends the job (the submission's code), waits for
the worker to load it, then sends one case at a time (that case's scenario program and
arguments, nothing else) and sets the case's deadline when it sends it. Nothing the worker
sends extends a deadline. A case that exceeds its time limit or kills the process costs that
case only: the worker is replaced and carries on with the remaining cases. Every message from
the worker is checked (size before parsing, then shape) and becomes an :class:`Outcome`.
"""

from __future__ import annotations

import time
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

_EFBIG = "[Errno 27]"
_ENOSPC = "[Errno 28]"


MAX_ERRORS = 50
_STATUSES = ("ok", "error", "not_attempted", "unencodable", "scenario_error")


def _text(value: Any, cap: int) -> str | None:
    return value[:cap] if isinstance(value, str) else None


def clean_error(error: Any, cell: bool = False) -> dict | None:
    """A worker's exception report, bounded and of the expected shape, or None if it is not one."""
    if not isinstance(error, dict):
        return None
    out = {
        "type": _text(error.get("type"), 100),
        "message": _text(error.get("message"), 2000),
        "trace": _text(error.get("trace"), 4000),
    }
    if any(v is None for v in out.values()):
        return None
    where = error.get("where")
    if where is not None:
        if not isinstance(where, dict):
            return None
        line = where.get("line")
        where = {
            "file": _text(where.get("file"), 300),
            "line": line if type(line) is int and 0 <= line < 10**9 else None,
            "code": _text(where.get("code"), 300),
        }
        if where["file"] is None or where["code"] is None:
            return None
    out["where"] = where
    if cell:
        out = {"cell": _text(error.get("cell"), 300), **out}
        if out["cell"] is None:
            return None
    return out


def clean_load_errors(errors: Any) -> list[dict]:
    if not isinstance(errors, list):
        return [_protocol_load_error("the load report is not a list")]
    cleaned = [clean_error(e, cell=True) for e in errors[:MAX_ERRORS]]
    if any(e is None for e in cleaned):
        return [e for e in cleaned if e is not None] + [_protocol_load_error("a malformed load report")]
    return cleaned


def clean_calls(calls: Any) -> tuple | None:
    """``Context.calls`` as sent: a list of {before, after} lists of argument records."""
    return spec.clean_calls(calls)


def _outcome(msg: dict, seconds: float) -> Outcome:
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
        error = clean_error(msg)
        if error is None:
            return Outcome("protocol", message="malformed error", seconds=seconds)
        kind = _limit_error(error)
        return Outcome(kind or "error", None, error, seconds=seconds)
    return Outcome(status, message=message, seconds=seconds)


class _SubmissionRun:
    """One submission's cases through as many workers as it takes (a new one after a kill)."""

    def __init__(self, module, cells, cases, limits, sandbox, extra_files, warm):
        self.job = {"module": module, "cells": [{"label": c.label, "source": c.source} for c in cells]}
        self.cases, self.limits, self.sandbox = list(cases), limits, sandbox
        self.extra_files, self.warm = tuple(extra_files), tuple(warm)
        self.pending = list(cases)
        self.outcomes: dict[str, Outcome] = {}
        self.load_errors: list[dict] = []
        self.limits_hit: list[str] = []
        self.output, self.output_bytes, self.restarts = bytearray(), 0, -1
        self.start = time.monotonic()
        self.hard_stop = self.start + limits.submission_timeout
        self.budget = wire.Budget()  # what all of this submission's workers may send, together

    def run(self) -> RunResult:
        while self.pending:
            if is_stopping():
                raise Interrupted
            self.restarts += 1
            worker = take_worker(self.limits, self.sandbox, self.extra_files, self.warm)
            try:
                self._drive(worker)
            finally:
                worker.discard()
                self.output += worker.sink.head
                self.output_bytes += worker.sink.total
        return self._result()

    def _deadline(self, seconds: float) -> float:
        return min(time.monotonic() + seconds, self.hard_stop)

    def _drive(self, worker: Worker) -> None:
        deadline = self._deadline(self.limits.load_timeout)
        if not worker.start(self.job, deadline):
            return self._lost(worker, None, "timeout" if time.monotonic() >= deadline else "eof")
        got = self._receive(worker, None, deadline)
        if got is None:
            return
        msg, _ = got
        if msg.get("event") != "loaded":
            return self._lost(worker, None, "protocol", "no load report")
        errors = clean_load_errors(msg.get("errors"))
        if self.restarts == 0:
            self.load_errors = errors
        self.limits_hit += worker.group.exceeded()  # hit while loading: no case to cost
        for case in list(self.pending):
            timeout = case.timeout or self.limits.case_timeout
            deadline = self._deadline(timeout)
            sent = time.monotonic()
            message = {
                "case": case.name,
                "file": case.program_file,
                "program": list(case.program),
                "entry": case.scenario.__name__,
                "args": wire.to_plain(list(case.args)),
            }
            if not worker.send(message, deadline):
                return self._lost(worker, case, "timeout" if time.monotonic() >= deadline else "eof")
            got = self._receive(worker, case, deadline)
            if got is None:
                return
            msg, arrived = got
            if msg.get("event") != "result" or msg.get("case") != case.name:
                return self._lost(worker, case, "protocol", "unexpected message")
            outcome = _outcome(msg, arrived - sent)
            capped = worker.group.exceeded()  # e.g. a child killed for memory
            if capped and outcome.status not in LIMIT_STATUSES:
                outcome = Outcome(capped[0], seconds=outcome.seconds)
            self.outcomes[case.name] = outcome
            self.pending.remove(case)
        worker.send({"end": True}, self._deadline(1.0))
        worker.close_input()

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
        how = worker.kill(grace=1.0 if why == "eof" else 0.0)
        if is_stopping():
            raise Interrupted
        total = why == "timeout" and time.monotonic() >= self.hard_stop
        # a cap of the worker's cgroup (memory, processes) that ended it or slowed it to its timeout
        capped = ""
        if why == "eof":
            capped = "cpu" if how == "signal SIGXCPU" else (worker.group.exceeded() or [""])[0]
        elif why == "timeout" and case is not None and not total:
            capped = (worker.group.exceeded(timed_out=True) or [""])[0]
        if case is None:
            if why == "timeout":
                self.limits_hit += ["load_timeout"] + (["submission_timeout"] if total else [])
                outcome = Outcome("load_failed", message="load_timeout")
            elif capped:
                outcome = Outcome(capped, message="load")
            elif why == "protocol":
                outcome = Outcome("load_failed", message=f"protocol: {detail}")
            else:
                self.load_errors = [_ended_while_loading(how)]
                outcome = Outcome("load_failed", message=how)
            for c in self.pending:
                self.outcomes[c.name] = outcome
            self.pending.clear()
            return None
        if capped:
            self.outcomes[case.name] = Outcome(capped)
        elif why == "timeout":
            self.outcomes[case.name] = Outcome(
                "timeout", message="submission_timeout" if total else "case_timeout"
            )
            self.limits_hit.append("submission_timeout" if total else "case_timeout")
        elif why == "eof":
            self.outcomes[case.name] = Outcome("crashed", message=how)
        else:
            self.outcomes[case.name] = Outcome("protocol", message=detail)
        self.pending.remove(case)
        if total:
            for c in self.pending:
                self.outcomes[c.name] = Outcome("timeout", message="submission_timeout")
            self.pending.clear()
        return None

    def _result(self) -> RunResult:
        keep = self.limits.output_kb * 1024
        limits_hit = list(self.limits_hit)
        limits_hit += [o.status for o in self.outcomes.values() if o.status in LIMIT_STATUSES]
        limits_hit += [k for k in map(_limit_error, self.load_errors) if k]
        if self.output_bytes > keep:
            limits_hit.append("output")
        return RunResult(
            outcomes={c.name: self.outcomes[c.name] for c in self.cases},
            load_errors=self.load_errors,
            output=bytes(self.output[:keep]).decode("utf-8", "replace"),
            output_bytes=self.output_bytes,
            seconds=time.monotonic() - self.start,
            limits_hit=sorted(set(limits_hit)),
            restarts=self.restarts,
        )


def run_submission(
    module: str,
    cells: list[Cell] | tuple[Cell, ...],
    cases: list[Case],
    limits: Limits,
    sandbox: Sandbox,
    extra_files: list[Path] | tuple[Path, ...] = (),
    warm: tuple[str, ...] = (),
) -> RunResult:
    """Run ``cases`` against the code in ``cells``; every case gets an :class:`Outcome`.

    ``warm``: data files the worker loads before its job (see ``Exercise.warm``).
    """
    return _SubmissionRun(module, cells, cases, limits, sandbox, extra_files, warm).run()


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
