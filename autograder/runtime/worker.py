"""The worker: imports one submission and runs scenarios on it. Runs as its own process.

Everything in this process is untrusted once the student's code has run: it only *executes*.
It never holds an expected value, a check, a hint, the suite's source or another case's code,
and decides nothing; the parent judges. It is started by :mod:`autograder.pool` as
``python -s -P <runtime>/autograder/worker.py CHANNEL_FD WARM``, loads the data files named
in WARM (comma-separated, may be empty) and then reads framed messages on stdin (see
:mod:`autograder.wire`): first the job (the submission's code cells), then one case at a time
(its scenario program and arguments), each sent only after the previous case's result.
Results go back framed on the channel fd; the student's prints go to stdout.
"""

from __future__ import annotations

import contextlib
import linecache
import os
import sys
import traceback
import types

sys.path[0] = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from autograder.runtime import wire  # noqa: E402
from autograder.runtime.spec import Context  # noqa: E402


class Channel:
    def __init__(self, fd: int):
        self.fd = fd

    def send(self, **message) -> None:
        flush_output()  # the parent may end this process as soon as it has the last result
        data = wire.frame(message)
        while data:
            data = data[os.write(self.fd, data) :]


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except BaseException:  # a student may have replaced or closed them
            pass


def _text(obj) -> str:
    try:
        text = str(obj)
    except BaseException:
        return "?"
    return text[:2000] if isinstance(text, str) else "?"


def student_error(exc: BaseException, labels: set[str]) -> dict:
    """The exception in the student's terms: type, message, and only their own frames.

    ``surfaced``: when the exception was raised in the kit's scenario code (after the
    student's function returned, e.g. on the None it returned), the scenario frames it passed
    through as (function name, line), innermost first; the parent reads their text from its
    own copy of the program (see ``autograder.engine.slips``).
    """
    every = traceback.extract_tb(exc.__traceback__)
    frames = [f for f in every if f.filename in labels]
    if isinstance(exc, SyntaxError) and exc.filename in labels:
        where = {"file": exc.filename, "line": exc.lineno, "code": (exc.text or "").strip()}
    elif frames:
        last = frames[-1]
        where = {"file": last.filename, "line": last.lineno, "code": (last.line or "").strip()}
    else:
        where = None
    surfaced = []
    for f in reversed(every):
        if f.filename in labels:
            break
        if f.filename.startswith("<scenario "):
            surfaced.append({"function": f.name[:100], "line": f.lineno})
    return {
        "type": type(exc).__name__[:100],
        "message": _text(exc),
        "where": where,
        "trace": "".join(traceback.format_list(frames))[-4000:],
        "surfaced": surfaced[: wire.MAX_SURFACED],
    }


class CaseOutput:
    """What one case printed, bounded as it is written: its first ``wire.PRINTED_LINES`` lines
    (at most ``wire.PRINTED_CHARS`` characters) and how many lines it printed in all."""

    def __init__(self) -> None:
        self.kept: list[str] = []
        self.size = 0
        self.newlines = 0
        self.open_line = False  # the last text written did not end its line

    def add(self, text: object) -> None:
        if not isinstance(text, str) or not text:
            return
        if self.size < wire.PRINTED_CHARS and self.newlines < wire.PRINTED_LINES:
            room = wire.PRINTED_LINES - self.newlines
            end = -1
            for _ in range(room):
                end = text.find("\n", end + 1)
                if end < 0:
                    break
            piece = text if end < 0 else text[: end + 1]
            piece = piece[: wire.PRINTED_CHARS - self.size]
            self.kept.append(piece)
            self.size += len(piece)
        self.newlines += text.count("\n")
        self.open_line = not text.endswith("\n")

    def report(self) -> dict:
        return {"text": "".join(self.kept), "lines": self.newlines + self.open_line}


class _Tee:
    """A case's stdout or stderr: everything still goes to the real stream (the run's output
    and its limit are unchanged), and a bounded copy is kept for the case."""

    def __init__(self, stream, kept: CaseOutput):
        self._stream, self._kept = stream, kept

    def write(self, text):
        written = self._stream.write(text)
        self._kept.add(text)
        return written

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def captured(kept: CaseOutput):
    """stdout and stderr copied into ``kept`` while the case runs."""
    saved = sys.stdout, sys.stderr
    tees = _Tee(saved[0], kept), _Tee(saved[1], kept)
    sys.stdout, sys.stderr = tees
    try:
        yield kept
    finally:
        # a stream the student replaced during the case stays theirs
        if sys.stdout is tees[0]:
            sys.stdout = saved[0]
        if sys.stderr is tees[1]:
            sys.stderr = saved[1]


def load_cells(module: types.ModuleType, cells: list[dict]) -> list[dict]:
    """Run each code cell in the module's namespace; a failing cell is reported and skipped."""
    errors = []
    labels = {c["label"] for c in cells}
    for cell in cells:
        linecache.cache[cell["label"]] = (
            len(cell["source"]),
            None,
            cell["source"].splitlines(True),
            cell["label"],
        )
        try:
            exec(compile(cell["source"], cell["label"], "exec"), module.__dict__)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included
            errors.append({"cell": cell["label"], **student_error(exc, labels)})
    return errors


_namespaces: dict[str, dict] = {}
_done: dict[str, set[str]] = {}


def run_case(message: dict, module, labels: set[str]) -> dict:
    """Run one case's scenario program; report what happened as plain data.

    The program's statements run in one namespace per scenario file, each statement once:
    helpers and their caches are shared by the cases of that file.
    """
    name = str(message.get("case", ""))
    ctx = Context(name)
    try:
        file = str(message["file"])
        namespace = _namespaces.setdefault(file, {"__name__": f"nnkit_scenario_{file}"})
        done = _done.setdefault(file, set())
        for statement in message["program"]:
            if statement not in done:
                exec(compile(statement, f"<scenario {file}>", "exec"), namespace)
                done.add(statement)
        scenario = namespace[message["entry"]]
        args = wire.decode(message.get("args") or [])
    except Exception as exc:  # the kit's own program failed before student code ran
        return {"status": "scenario_error", "message": f"{type(exc).__name__}: {_text(exc)}"[:2000]}
    kept = CaseOutput()
    try:
        with captured(kept):
            out = scenario(module, ctx, *args)
    except NotImplementedError as exc:
        return {"status": "not_attempted", "message": _text(exc), "printed": kept.report()}
    except BaseException as exc:
        return {"status": "error", **student_error(exc, labels), "printed": kept.report()}
    try:
        return {"status": "ok", "value": wire.to_plain(out), "calls": ctx.calls, "printed": kept.report()}
    except BaseException as exc:
        return {"status": "unencodable", "message": f"{type(exc).__name__}: {_text(exc)}"}


def confine(rules: dict) -> None:
    """Last steps of the sandbox, taken before any student code: cap processes, drop root.

    ``keep``: folders of the Python installation the new uid cannot reach (a Python under a
    0700 home): a handle on each is opened while still root, and imports from there go through
    it (``/proc/self/fd/N/...``), so the worker keeps its standard library and nothing else
    behind that folder becomes readable. Last, no program it runs can gain privileges.
    """
    import ctypes
    import resource

    if rules.get("nproc"):
        resource.setrlimit(resource.RLIMIT_NPROC, (rules["nproc"], rules["nproc"]))
    uid = rules.get("uid")
    if uid is not None:
        handles = {}
        for root in rules.get("keep") or []:
            try:
                handles[root] = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:
                pass
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        if os.getuid() != uid or os.geteuid() != uid:
            os._exit(70)
        if handles:
            _reroute_imports(handles)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(38, 1, 0, 0, 0)  # PR_SET_NO_NEW_PRIVS
    except (OSError, AttributeError):
        pass


def _reroute_imports(handles: dict[str, int]) -> None:
    def through(path: str) -> str:
        real = os.path.realpath(path)
        for root, fd in handles.items():
            if real == root or real.startswith(root + os.sep):
                return f"/proc/self/fd/{fd}" + real[len(root) :]
        return path

    sys.path[:] = [through(p) for p in sys.path]
    for module in list(sys.modules.values()):
        search = getattr(module, "__path__", None)
        if isinstance(search, list):
            search[:] = [through(p) for p in search]
    sys.path_importer_cache.clear()


def warm(names: list[str]) -> None:
    """Load the exercise's data files while waiting for the job (no student code has run yet).

    A failure is left for the case that needs the file to report, in the usual way.
    """
    try:
        import nnkit_data

        for name in names:
            nnkit_data._load(name)
    except Exception:
        pass


def main() -> None:
    channel = Channel(int(sys.argv[1]))
    warm([n for n in (sys.argv[2] if len(sys.argv) > 2 else "").split(",") if n])
    jobs = os.fdopen(os.dup(0), "rb", buffering=0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)  # input() in student code sees end of file, never the grader's messages
    sys.stdin = open(os.devnull)
    job = wire.read_frame(jobs, wire.MAX_JOB)
    confine(job.get("confine") or {})
    module = types.ModuleType(job["module"])
    module.__file__ = os.path.join(os.getcwd(), job["module"] + ".py")
    sys.path.append(os.getcwd())  # helper modules handed in beside the file; last, so they shadow nothing
    sys.modules[job["module"]] = module
    labels = {c["label"] for c in job["cells"]}
    errors = load_cells(module, job["cells"])
    channel.send(event="loaded", errors=errors)
    while True:
        try:
            message = wire.read_frame(jobs, wire.MAX_JOB)
        except EOFError:
            break
        if message.get("end"):
            break
        channel.send(event="result", case=message.get("case"), **run_case(message, module, labels))
    # Skip atexit handlers and non-daemon threads the student may have left behind.
    os._exit(0)


if __name__ == "__main__":
    main()
