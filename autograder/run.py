"""Stage 2, run: execute scenarios against one submission in isolated worker processes.

One warm worker imports the submission and runs its cases in order. A case that exceeds its
time limit or kills the process costs that case only: the worker is replaced and carries on
with the remaining cases. What comes back is plain data (see :mod:`autograder.wire`).
"""

from __future__ import annotations

import atexit
import itertools
import json
import os
import secrets
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder import wire
from autograder.discover import Cell
from autograder.exercises import ROOT, Limits
from autograder.sandbox import Sandbox, interpreter
from autograder.spec import Case

MAX_LINE = 96 * 2**20
RUNTIME_FILES = ("__init__.py", "spec.py", "wire.py", "worker.py")
#: Every worker's environment carries ``NNKIT_WORKER=<GRADER_TAG>-<n>``: how leftovers are found.
GRADER_TAG = os.environ.get("NNKIT_GRADER_TAG") or f"{os.getpid()}-{secrets.token_hex(4)}"
_serials = itertools.count()
_live: set[_Worker] = set()
_live_lock = threading.Lock()
_stopping = threading.Event()


class Interrupted(Exception):
    """The batch is being stopped (Ctrl-C): no new workers start."""


def stop_all() -> None:
    """Kill every running worker and start no more until :func:`resume_all` (for Ctrl-C)."""
    _stopping.set()
    with _live_lock:
        workers = list(_live)
    for w in workers:
        try:
            os.killpg(w.proc.pid, signal.SIGKILL)  # its own thread sees the end and cleans up
        except OSError:
            pass


def resume_all() -> None:
    _stopping.clear()


_EFBIG = "[Errno 27]"
LIMIT_STATUSES = ("memory", "cpu", "file_size", "disk", "processes")
_ENOSPC = "[Errno 28]"


@dataclass(frozen=True)
class Outcome:
    """What happened when one case ran: ``status`` and plain data, nothing executable."""

    # ok | error | not_attempted | mutated | unencodable | protocol | crashed | load_failed
    # | timeout (message: case_timeout, submission_timeout) | memory | cpu | file_size | disk
    # | processes
    status: str
    value: Any = None
    error: dict | None = None
    message: str = ""
    seconds: float = 0.0
    raw: Any = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict:
        return {"status": self.status, "value": self.raw, "error": self.error, "message": self.message}

    @classmethod
    def from_json(cls, data: dict) -> Outcome:
        value = wire.decode(data["value"]) if data.get("value") is not None else None
        return cls(data["status"], value, data.get("error"), data.get("message", ""), raw=data.get("value"))


@dataclass
class RunResult:
    outcomes: dict[str, Outcome]
    load_errors: list[dict]
    output: str
    output_bytes: int
    seconds: float
    limits_hit: list[str]
    restarts: int


_runtime: str | None = None
_runtime_lock = threading.Lock()


def runtime_dir() -> str:
    """A private copy of the public engine modules and the data helper: all a worker imports."""
    global _runtime
    with _runtime_lock:
        if _runtime is None:
            base = tempfile.mkdtemp(prefix="nnkit-runtime-")
            os.chmod(base, 0o755)  # read by workers that run under a uid of their own
            atexit.register(shutil.rmtree, base, True)
            pkg = Path(base, "autograder")
            pkg.mkdir()
            for name in RUNTIME_FILES:
                shutil.copy(ROOT / "autograder" / name, pkg / name)
            shutil.copy(ROOT / "assignments" / "nnkit_data.py", Path(base, "nnkit_data.py"))
            _runtime = base
        return _runtime


def worker_env(scratch: str, tag: str = "") -> dict[str, str]:
    one = "1"  # one BLAS thread per worker: parallelism comes from running workers side by side
    return {
        "NNKIT_WORKER": tag,
        "PATH": os.defpath,
        "HOME": scratch,
        "TMPDIR": scratch,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": one,
        "OPENBLAS_NUM_THREADS": one,
        "MKL_NUM_THREADS": one,
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": os.path.join(scratch, ".matplotlib"),
        "NNKIT_DATA": str(ROOT / "data"),
    }


class _OutputSink(threading.Thread):
    """Drains the student's stdout/stderr, keeping only the first ``keep`` bytes."""

    def __init__(self, stream, keep: int):
        super().__init__(daemon=True)
        self.stream, self.keep = stream, keep
        self.head = bytearray()
        self.total = 0

    def run(self) -> None:
        while chunk := self.stream.read1(65536):
            self.total += len(chunk)
            if len(self.head) < self.keep:
                self.head += chunk[: self.keep - len(self.head)]


def sweep(tag: str) -> int:
    """SIGKILL every process whose environment carries ``NNKIT_WORKER=tag`` (Linux /proc).

    The fallback's way to end children a submission left behind in a new session, which the
    process-group kill misses. A child that replaced its environment escapes it.
    """
    needle = f"\0NNKIT_WORKER={tag}\0".encode()
    killed = 0
    for _ in range(3):  # a dying fork loop may still start a few
        found = 0
        try:
            entries = [e for e in os.listdir("/proc") if e.isdigit()]
        except OSError:
            return killed
        for entry in entries:
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    environ = b"\0" + f.read() + b"\0"
            except OSError:
                continue
            if needle in environ and int(entry) != os.getpid():
                try:
                    os.kill(int(entry), signal.SIGKILL)
                    found += 1
                except OSError:
                    pass
        killed += found
        if not found:
            break
    return killed


class _Worker:
    """One sandboxed worker process with a scratch folder of its own.

    Started in two steps: the process (Python, numpy and the engine imported, no student code)
    and then :meth:`send` of the job, which is when the submission's code first runs. A batch
    starts the next worker while the current one grades (:func:`spares`), hiding the start-up.
    """

    def __init__(
        self,
        limits: Limits,
        sandbox: Sandbox,
        extra: list[Path] | tuple[Path, ...] = (),
        warm: tuple[str, ...] = (),
    ):
        self.scratch = scratch = tempfile.mkdtemp(prefix="nnkit-scratch-")
        for path in extra:
            shutil.copy(path, scratch)
        serial = next(_serials)
        self.tag = f"{GRADER_TAG}-{serial}"
        self.sandbox = sandbox
        # nnkit-sandbox: the worker's cgroup, scratch mount, seccomp program and uid
        self.group = sandbox.start_group(limits, serial, scratch)
        uid = self.group.uid
        if uid is not None:
            for path in [scratch, *(os.path.join(scratch, p.name) for p in extra)]:
                os.chown(path, uid, uid)
        self.confine = sandbox.confine(limits, uid)
        read_fd, write_fd = os.pipe()
        runtime = runtime_dir()
        command = [
            interpreter(),
            "-s",
            "-P",
            os.path.join(runtime, "autograder", "worker.py"),
            str(write_fd),
            ",".join(warm),
        ]
        self.proc = subprocess.Popen(
            sandbox.wrap(command, scratch, runtime, str(ROOT / "data"), limits, group=self.group),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(write_fd, *self.group.pass_fds),
            cwd=scratch,
            env=worker_env(scratch, self.tag),
            start_new_session=True,
            preexec_fn=sandbox.preexec(limits, self.group),
        )
        self.group.started()  # nnkit-sandbox
        os.close(write_fd)
        os.set_blocking(read_fd, False)
        self.fd = read_fd
        with _live_lock:
            _live.add(self)
        self.buffer = bytearray()
        self.selector = selectors.DefaultSelector()
        self.selector.register(read_fd, selectors.EVENT_READ)
        self.sink = _OutputSink(self.proc.stdout, limits.output_kb * 1024)
        self.sink.start()

    def alive(self) -> bool:
        return self.fd >= 0 and self.proc.poll() is None

    def send(self, job: dict) -> None:
        try:
            self.proc.stdin.write(json.dumps({**job, "confine": self.confine}).encode())
            self.proc.stdin.close()
        except OSError:
            pass  # it died before reading its job; next() reports the death

    def discard(self) -> None:
        self.kill()
        self.group.close()  # nnkit-sandbox
        shutil.rmtree(self.scratch, ignore_errors=True)

    def next(self, deadline: float) -> dict | None:
        """The next message, or None on timeout; raises EOFError when the worker is gone."""
        while True:
            newline = self.buffer.find(b"\n")
            if newline >= 0:
                line = bytes(self.buffer[:newline])
                del self.buffer[: newline + 1]
                return wire.loads(line)
            if len(self.buffer) > MAX_LINE:
                raise wire.WireError("message too long")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if not self.selector.select(min(remaining, 1.0)):
                continue
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise EOFError
            self.buffer += chunk

    def kill(self, grace: float = 0.0) -> str:
        """Kill the worker's whole process group; describe how it ended (idempotent).

        ``grace``: seconds to let a worker that closed its channel exit on its own first, so
        that its own exit status (not our SIGKILL) is what the student is told.
        """
        wrapped = self.sandbox.name == "bwrap"
        with _live_lock:
            _live.discard(self)
        if self.fd < 0:
            return describe_exit(self.proc.wait(), wrapped)
        fd, self.fd = self.fd, -1
        own = None
        if grace > 0:
            try:
                own = self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        code = self.proc.wait() if own is None else own
        self.group.kill_all()  # nnkit-sandbox: every process it started (cgroup, uid), tagged or not
        if self.sandbox.name == "rlimit" and sys.platform.startswith("linux"):
            sweep(self.tag)  # bubblewrap's pid namespace needs no sweep: its processes die with it
        self.sink.join(timeout=2)
        self.selector.close()
        os.close(fd)
        return describe_exit(code, wrapped)


class _Spares:
    """Started workers waiting for a submission, per (sandbox, limits, warm data); off until :func:`spares`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wanted = 0
        self.idle: dict[tuple[Sandbox, Limits, tuple[str, ...]], list[_Worker]] = {}

    def take(self, limits: Limits, sandbox: Sandbox, warm: tuple[str, ...] = ()) -> _Worker | None:
        with self.lock:
            waiting = self.idle.get((sandbox, limits, warm), [])
            while waiting:
                worker = waiting.pop(0)
                if worker.alive():
                    return worker
                worker.discard()  # ended while waiting (killed from outside): never the student's
        return None

    def top_up(self, limits: Limits, sandbox: Sandbox, warm: tuple[str, ...] = ()) -> None:
        if not self.wanted or not sandbox.hides_workers:
            return
        with self.lock:
            waiting = self.idle.setdefault((sandbox, limits, warm), [])
            while len(waiting) < self.wanted and not _stopping.is_set():
                waiting.append(_Worker(limits, sandbox, warm=warm))

    def drain(self) -> None:
        with self.lock:
            workers = [w for waiting in self.idle.values() for w in waiting]
            self.idle.clear()
        for worker in workers:
            worker.discard()


_spares = _Spares()
atexit.register(_spares.drain)


@contextmanager
def spares(count: int) -> Iterator[None]:
    """Within this block, keep ``count`` workers started ahead for each (sandbox, limits, warm
    data), under bubblewrap only (see ``Sandbox.hides_workers``).

    Each submission still gets a worker of its own, used once; only its start-up (Python,
    numpy, the engine, the data: about 0.2 s) overlaps the grading of the submission before it.
    """
    _spares.wanted = max(0, count)
    try:
        yield
    finally:
        _spares.wanted = 0
        _spares.drain()


def describe_exit(code: int, wrapped: bool = False) -> str:
    """How a process ended; ``wrapped``: the status is bubblewrap's (128 + signal number)."""
    if code is None:
        return "still running"
    if wrapped and code > 128:
        code = 128 - code
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


def run_submission(
    module: str,
    cells: list[Cell] | tuple[Cell, ...],
    suite_sources: list[dict],
    cases: list[Case],
    limits: Limits,
    sandbox: Sandbox,
    extra_files: list[Path] | tuple[Path, ...] = (),
    warm: tuple[str, ...] = (),
) -> RunResult:
    """Run ``cases`` against the code in ``cells``; every case gets an :class:`Outcome`.

    ``warm``: data files the worker loads before its job (see ``Exercise.warm``).
    """
    start = time.monotonic()
    hard_stop = start + limits.submission_timeout
    pending = [c for c in cases]
    outcomes: dict[str, Outcome] = {}
    load_errors: list[dict] = []
    limits_hit: list[str] = []
    output, output_bytes, restarts = bytearray(), 0, -1
    while pending:
        if _stopping.is_set():
            raise Interrupted
        restarts += 1
        job = {
            "module": module,
            "cells": [{"label": c.label, "source": c.source} for c in cells],
            "suites": suite_sources,
            "cases": [c.name for c in pending],
        }
        # a spare has an empty scratch: helper files handed in beside the file need a fresh one
        worker = None if extra_files else _spares.take(limits, sandbox, warm)
        if worker is None:
            worker = _Worker(limits, sandbox, extra_files, warm)
        _spares.top_up(limits, sandbox, warm)
        worker.send(job)
        current: Case | None = None
        case_start = time.monotonic()
        loaded = False
        try:
            while pending:
                if not loaded:
                    deadline = min(time.monotonic() + limits.load_timeout, hard_stop)
                else:
                    per_case = (current.timeout if current else None) or limits.case_timeout
                    deadline = min(case_start + per_case, hard_stop)
                try:
                    msg = worker.next(deadline)
                except (EOFError, wire.WireError) as exc:
                    how = worker.kill(grace=1.0 if isinstance(exc, EOFError) else 0.0)
                    # nnkit-sandbox: a cap of the worker's cgroup (memory, processes) ended it
                    capped = "cpu" if how == "signal SIGXCPU" else (worker.group.exceeded() or [""])[0]
                    if _stopping.is_set():
                        raise Interrupted from None
                    if not loaded:
                        load_errors = [] if capped else [_ended_while_loading(how)]
                        for c in pending:
                            outcomes[c.name] = (
                                Outcome(capped, message="load")
                                if capped
                                else Outcome("load_failed", message=how)
                            )
                        pending.clear()
                    else:
                        victim = current or pending[0]
                        if capped:
                            outcomes[victim.name] = Outcome(capped)
                        elif isinstance(exc, EOFError):
                            outcomes[victim.name] = Outcome("crashed", message=how)
                        else:
                            outcomes[victim.name] = Outcome("protocol", message=str(exc))
                        pending.remove(victim)
                    break
                if msg is None:
                    worker.kill()
                    total = time.monotonic() >= hard_stop
                    if total:
                        limits_hit.append("submission_timeout")
                    if not loaded:
                        limits_hit.append("load_timeout")
                        for c in pending:
                            outcomes[c.name] = Outcome("load_failed", message="load_timeout")
                        pending.clear()
                    else:
                        victim = current or pending[0]
                        # nnkit-sandbox: a case slowed to its timeout by its cgroup's cap is that cap's
                        capped = [] if total else worker.group.exceeded(timed_out=True)
                        outcomes[victim.name] = (
                            Outcome(capped[0])
                            if capped
                            else Outcome("timeout", message="submission_timeout" if total else "case_timeout")
                        )
                        pending.remove(victim)
                        if not total and not capped:
                            limits_hit.append("case_timeout")
                        if total:
                            for c in pending:
                                outcomes[c.name] = Outcome("timeout", message="submission_timeout")
                            pending.clear()
                    break
                event = msg.get("event")
                if event == "loaded" and not loaded:
                    loaded = True
                    case_start = time.monotonic()
                    if restarts == 0:
                        load_errors = msg.get("errors") or []
                    limits_hit += worker.group.exceeded()  # nnkit-sandbox: hit while loading, no case to cost
                elif event == "start" and loaded:
                    current = next((c for c in pending if c.name == msg.get("case")), None)
                    case_start = time.monotonic()
                elif event == "result" and current is not None and msg.get("case") == current.name:
                    outcomes[current.name] = _outcome(msg, time.monotonic() - case_start)
                    capped = worker.group.exceeded()  # nnkit-sandbox: e.g. a child killed for memory
                    if capped and outcomes[current.name].status not in LIMIT_STATUSES:
                        outcomes[current.name] = Outcome(capped[0], seconds=outcomes[current.name].seconds)
                    pending.remove(current)
                    current = None
                elif event == "done":
                    for c in pending:  # only a forged "done" leaves cases behind
                        outcomes[c.name] = Outcome("protocol", message="worker ended early")
                    pending.clear()
        finally:
            worker.discard()
            output += worker.sink.head
            output_bytes += worker.sink.total
    keep = limits.output_kb * 1024
    for outcome in outcomes.values():
        if outcome.status in LIMIT_STATUSES:
            limits_hit.append(outcome.status)
    for error in load_errors:
        kind = _limit_error(error)
        if kind:
            limits_hit.append(kind)
    if output_bytes > keep:
        limits_hit.append("output")
    return RunResult(
        outcomes={c.name: outcomes[c.name] for c in cases},
        load_errors=load_errors,
        output=bytes(output[:keep]).decode("utf-8", "replace"),
        output_bytes=output_bytes,
        seconds=time.monotonic() - start,
        limits_hit=sorted(set(limits_hit)),
        restarts=restarts,
    )


def _outcome(msg: dict, seconds: float) -> Outcome:
    status = msg.get("status")
    if status not in ("ok", "error", "not_attempted", "mutated", "unencodable"):
        return Outcome("protocol", message="unknown status", seconds=seconds)
    try:
        value = wire.decode(msg.get("value")) if status == "ok" else None
    except wire.WireError as exc:
        return Outcome("protocol", message=str(exc), seconds=seconds)
    error = None
    if status == "error":
        error = {k: msg.get(k) for k in ("type", "message", "where", "trace")}
        if not all(isinstance(error[k], str) for k in ("type", "message", "trace")):
            return Outcome("protocol", message="malformed error", seconds=seconds)
        kind = _limit_error(error)
        if kind:
            return Outcome(kind, None, error, seconds=seconds)
    return Outcome(
        status,
        value,
        error,
        str(msg.get("message", ""))[:2000],
        seconds,
        raw=msg.get("value") if status == "ok" else None,
    )


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


def _ended_while_loading(how: str) -> dict:
    return {"cell": "", "type": "ProcessEnded", "message": how, "where": None, "trace": ""}
