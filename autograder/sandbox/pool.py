"""The worker pool: starting, feeding and ending sandboxed worker processes.

A :class:`Worker` is one process with a scratch folder of its own, used for one submission
(or what is left of it after a case killed the previous one). It knows nothing of cases or
verdicts: :mod:`autograder.run` speaks the case protocol through :meth:`Worker.send` and
:meth:`Worker.next`. Workers can be started ahead of their submission (:func:`spares`).
"""

from __future__ import annotations

import atexit
import compileall
import importlib.util
import itertools
import os
import secrets
import select
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from autograder.core.paths import ROOT
from autograder.exercises import Limits
from autograder.runtime import copy_into as copy_runtime
from autograder.runtime import wire
from autograder.sandbox.confine import Sandbox, interpreter

#: Every worker's environment carries ``NNKIT_WORKER=<GRADER_TAG>-<n>``: how leftovers are found.
GRADER_TAG = os.environ.get("NNKIT_GRADER_TAG") or f"{os.getpid()}-{secrets.token_hex(4)}"
_serials = itertools.count()
_live: set[Worker] = set()
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


def is_stopping() -> bool:
    return _stopping.is_set()


_runtime: str | None = None
_data: str | None = None
_runtime_lock = threading.Lock()


def _shared_folder(prefix: str) -> str:
    base = tempfile.mkdtemp(prefix=prefix)
    os.chmod(base, 0o755)  # read by workers that run under a uid of their own
    atexit.register(shutil.rmtree, base, True)
    return base


def runtime_dir() -> str:
    """A private copy of the public engine modules and the data helper: all a worker imports.

    Copied out of the kit so that a worker needs nothing inside it: under the fallback, a
    worker's uid cannot enter the kit's folder at all (``confine.protect_private``).
    """
    global _runtime
    with _runtime_lock:
        if _runtime is None:
            base = _shared_folder("nnkit-runtime-")
            copy_runtime(base)
            shutil.copy(ROOT / "assignments" / "nnkit_data.py", Path(base, "nnkit_data.py"))
            for staff in sorted(ROOT.glob("assignments/*/*_staff.py")):  # public scenario helpers
                shutil.copy(staff, Path(base, staff.name))
            # compiled here once: a worker may not write bytecode, and compiling the runtime
            # in every worker cost ~30 ms of its start
            compileall.compile_dir(base, quiet=2)
            _runtime = base
        return _runtime


def data_dir() -> str:
    """A private copy of the kit's data files (7.5 MB, once per grader): what ``$NNKIT_DATA``
    names for a worker, so that neither its files nor its environment lead into the kit."""
    global _data
    with _runtime_lock:
        if _data is None:
            data = os.path.join(_shared_folder("nnkit-data-"), "data")
            shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.py", "README.md"))
            os.chmod(data, 0o755)
            _data = data
        return _data


_unpacked: set[str] = set()
_unpack_lock = threading.Lock()


def unpack_data(names: tuple[str, ...]) -> None:
    """Unpack the named data files in the private copy once per grader (see ``nnkit_data.unpack``):
    every worker then maps their arrays instead of decompressing them (~30 ms of CPU each).

    A file that cannot be unpacked is left as it is: each worker then reads it, and the case
    that needs it reports what is wrong, as without this step."""
    if all(n in _unpacked for n in names):
        return
    folder, helper = data_dir(), Path(runtime_dir(), "nnkit_data.py")
    with _unpack_lock:
        todo = [n for n in names if n not in _unpacked]
        if not todo:
            return
        _unpacked.update(todo)
        try:
            spec = importlib.util.spec_from_file_location("nnkit_data_in_grader", helper)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.unpack(Path(folder), todo)
        except Exception:
            pass


def worker_env(scratch: str, tag: str = "") -> dict[str, str]:
    """A worker's whole environment: nothing of the grader's, no path into the kit."""
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
        "NNKIT_DATA": data_dir(),
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


class Worker:
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
        # the worker's cgroup, scratch mount, seccomp program and uid (see sandbox.start_group)
        self.group = sandbox.start_group(limits, serial, scratch)
        uid = self.group.uid
        if uid is not None:
            for path in [scratch, *(os.path.join(scratch, p.name) for p in extra)]:
                os.chown(path, uid, uid)
        self.confine = sandbox.confine(limits, uid)
        read_fd, write_fd = os.pipe()
        runtime = runtime_dir()
        unpack_data(warm)
        command = [
            interpreter(),
            "-s",
            "-P",
            os.path.join(runtime, "autograder", "runtime", "worker.py"),
            str(write_fd),
            ",".join(warm),
        ]
        self.proc = subprocess.Popen(
            sandbox.wrap(command, scratch, runtime, data_dir(), limits, group=self.group),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(write_fd, *self.group.pass_fds),
            cwd=scratch,
            env=worker_env(scratch, self.tag),
            start_new_session=True,
            preexec_fn=sandbox.preexec(limits, self.group),
        )
        self.group.started()
        os.close(write_fd)
        os.set_blocking(read_fd, False)
        self.fd = read_fd
        with _live_lock:
            _live.add(self)
        self.frames = wire.FrameBuffer()
        self.selector = selectors.DefaultSelector()
        self.selector.register(read_fd, selectors.EVENT_READ)
        self.sink = _OutputSink(self.proc.stdout, limits.output_kb * 1024)
        self.sink.start()

    def alive(self) -> bool:
        return self.fd >= 0 and self.proc.poll() is None

    def send(self, message: dict, deadline: float | None = None) -> bool:
        """Write one framed message to the worker; False if it is gone or not reading in time."""
        data = wire.frame(message)
        stdin = self.proc.stdin
        try:
            fd = stdin.fileno()
            os.set_blocking(fd, False)
            while data:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                _, ready, _ = select.select([], [fd], [], 1.0 if left is None else min(left, 1.0))
                if ready:
                    data = data[os.write(fd, data) :]
            return True
        except (OSError, ValueError):
            return False  # it died before reading; next() reports the death

    def start(self, job: dict, deadline: float) -> bool:
        """Hand the worker its job: the submission's code cells, which it runs first."""
        return self.send({**job, "confine": self.confine}, deadline)

    def close_input(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    def discard(self) -> None:
        self.kill()
        self.group.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def next(self, deadline: float, budget: wire.Budget | None = None) -> tuple[dict, float] | None:
        """The next message and when it arrived (before parsing), or None on timeout.

        Raises EOFError when the worker is gone, :class:`wire.WireError` for a message that
        is too long (refused on its header), over the submission's ``budget`` or not valid.
        """
        while True:
            body = self.frames.pop()
            if body is not None:
                arrived = time.monotonic()
                return wire.loads(body, budget or wire.Budget()), arrived
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if not self.selector.select(min(remaining, 1.0)):
                continue
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise EOFError
            self.frames.feed(chunk)

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
        self.group.kill_all()  # every process it started (cgroup, uid), tagged or not
        if self.sandbox.name == "rlimit" and sys.platform.startswith("linux"):
            sweep(self.tag)  # bubblewrap's pid namespace needs no sweep: its processes die with it
        self.sink.join(timeout=2)
        self.selector.close()
        os.close(fd)
        return describe_exit(code, wrapped)


class _Spares:
    """Started workers waiting for a submission, per (sandbox, limits, warm data); off until :func:`spares`.

    New spares are started on a thread of their own, so that the grading thread that took one
    goes on at once (starting one is a bubblewrap, a cgroup and a scratch folder: ~60 ms).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # a start ended
        self.wanted = 0
        self.idle: dict[tuple[Sandbox, Limits, tuple[str, ...]], list[Worker]] = {}
        self.starting: dict[tuple[Sandbox, Limits, tuple[str, ...]], int] = {}
        self.starter: ThreadPoolExecutor | None = None

    def take(self, limits: Limits, sandbox: Sandbox, warm: tuple[str, ...] = ()) -> Worker | None:
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
        key = (sandbox, limits, warm)
        with self.lock:
            short = self.wanted - len(self.idle.get(key, [])) - self.starting.get(key, 0)
            if short <= 0 or _stopping.is_set():
                return
            self.starting[key] = self.starting.get(key, 0) + short
            if self.starter is None:
                self.starter = ThreadPoolExecutor(1, thread_name_prefix="nnkit-spares")
            for _ in range(short):
                self.starter.submit(self._start, key)

    def _start(self, key: tuple[Sandbox, Limits, tuple[str, ...]]) -> None:
        worker = None
        if self.wanted and not _stopping.is_set():
            try:
                worker = Worker(key[1], key[0], warm=key[2])
            except Exception:
                worker = None  # the next take() starts one in the grading thread, where a failure is reported
        keep = False
        with self.changed:
            self.starting[key] = max(0, self.starting.get(key, 0) - 1)
            if worker is not None and self.wanted and not _stopping.is_set():
                self.idle.setdefault(key, []).append(worker)
                keep = True
            self.changed.notify_all()
        if worker is not None and not keep:
            worker.discard()

    def started(self, timeout: float = 30.0) -> None:
        """Wait until the spares being started have started (or were given up)."""
        with self.changed:
            self.changed.wait_for(lambda: not any(self.starting.values()), timeout)

    def drain(self) -> None:
        with self.lock:
            starter, self.starter = self.starter, None
        if starter is not None:
            starter.shutdown(wait=True, cancel_futures=True)  # a spare being started is then discarded
        with self.lock:
            workers = [w for waiting in self.idle.values() for w in waiting]
            self.idle.clear()
            self.starting.clear()
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


def take_worker(
    limits: Limits, sandbox: Sandbox, extra: tuple[Path, ...] = (), warm: tuple[str, ...] = ()
) -> Worker:
    """A worker for one submission: a spare started ahead, or a new one; then top up the spares."""
    # a spare has an empty scratch: helper files handed in beside the file need a fresh one
    worker = None if extra else _spares.take(limits, sandbox, warm)
    if worker is None:
        worker = Worker(limits, sandbox, extra, warm)
    _spares.top_up(limits, sandbox, warm)
    return worker


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
