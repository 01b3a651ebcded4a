"""How a worker process is confined: bubblewrap where it works, process + rlimits otherwise.

A :class:`Sandbox` turns the plain worker command into the confined one, supplies the
``preexec_fn`` that sets resource limits in the child before it executes anything, and says
what the worker must still do to itself before it runs student code (:meth:`Sandbox.confine`:
the process cap, and dropping root). :func:`choose` picks one once per grader process:
``NNKIT_SANDBOX=auto`` (default) uses bubblewrap if a trial run inside it succeeds,
``bwrap`` insists on it, ``rlimit`` forces the fallback.

Under bubblewrap a worker sees a read-only system (``/usr`` and the Python installation), the
kit's ``data/`` read-only, its engine copy read-only, its scratch folder as the only writable
place, a private ``/tmp``, no network, no other processes, and dies with the grader. It never
sees the kit's ``solutions/``, the hidden suites' files, the submissions or the output folder.
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from autograder.errors import UserError
from autograder.exercises import ROOT, Limits
from autograder.spec import Msg

ENV_VAR = "NNKIT_SANDBOX"
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime")
_FIRST_UID = 200_000 + (os.getpid() % 4096) * 4096  # per grader process: its workers never share a uid


def _rlimits(limits: Limits) -> None:
    cpu = limits.cpu_cap
    memory = limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_mb * 2**20,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _own_processes() -> int:
    """How many processes this user already runs (Linux); RLIMIT_NPROC counts them too."""
    uid = os.getuid()
    count = 0
    try:
        for entry in os.scandir("/proc"):
            if entry.name.isdigit():
                try:
                    count += entry.stat().st_uid == uid
                except OSError:
                    pass
    except OSError:
        return 0
    return count


@dataclass(frozen=True)
class Sandbox:
    """Process-and-rlimit isolation: own session, CPU/memory/file-size caps, scratch cwd."""

    name: str = "rlimit"
    description: str = "process + resource limits only (no filesystem or network isolation)"
    reason: str = ""  # why the fallback is in use
    bwrap: str = ""
    quiet: bool = False  # a student's self-check: nothing to warn the TA about, so no notice

    @property
    def hides_workers(self) -> bool:
        """Whether a worker can neither see nor reach other workers' processes.

        Only then are workers started ahead of their submission (``run.spares``): under the
        fallback, student code runs as the grader's user and could tamper with the idle worker
        that the next student's code will be sent to.
        """
        return self.name == "bwrap"

    @property
    def notice(self) -> Msg | None:
        """What to say once, plainly, when grading under the fallback."""
        if self.name != "rlimit" or self.quiet:
            return None
        return Msg(
            f"bubblewrap 샌드박스를 쓰지 않습니다 ({self.reason}). 학생 코드는 프로세스와 자원 제한으로만 "
            "격리되어, 이 컴퓨터의 파일(모범 답안 포함)을 읽고 쓰거나 네트워크에 접속할 수 있습니다. "
            "믿을 수 없는 제출물은 bubblewrap이 설치된 리눅스에서 채점하세요.",
            f"Not using the bubblewrap sandbox ({self.reason}). Student code is isolated only by "
            "process and resource limits: it can read and write this computer's files (the reference "
            "solution included) and open network connections. Grade untrusted submissions on Linux "
            "with bubblewrap installed.",
        )

    def wrap(self, command: list[str], scratch: str, runtime: str, data: str, limits: Limits) -> list[str]:
        return command

    def preexec(self, limits: Limits) -> Callable[[], None]:
        nproc = None
        if os.geteuid() != 0 and sys.platform.startswith("linux"):
            nproc = limits.processes + _own_processes()  # root ignores RLIMIT_NPROC altogether

        def apply() -> None:
            _rlimits(limits)
            if nproc is not None:
                resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))

        return apply

    def confine(self, limits: Limits, uid: int | None) -> dict:
        """What the worker applies to itself before any student code runs."""
        return {"nproc": None, "uid": None}

    def worker_uid(self, serial: int) -> int | None:
        """The unprivileged uid a worker switches to (bubblewrap started by root only)."""
        return None


@dataclass(frozen=True)
class Bubblewrap(Sandbox):
    """Each worker in its own bubblewrap: mount, pid, network, IPC and UTS namespaces.

    Started by root (CI containers), bubblewrap runs without a user namespace and the worker
    drops to a uid of its own before student code runs, so that RLIMIT_NPROC (which never
    applies to root) caps its processes. Started by a normal user, bubblewrap adds a user
    namespace and the worker caps its processes inside it.
    """

    name: str = "bwrap"
    description: str = (
        "bubblewrap: read-only system, private scratch and /tmp, no network, "
        "own pid namespace, no view of the kit or other submissions"
    )

    def wrap(self, command: list[str], scratch: str, runtime: str, data: str, limits: Limits) -> list[str]:
        args = [self.bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net"]
        args += ["--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "nnkit"]
        if os.geteuid() != 0:
            args.append("--unshare-user")
        for path in SYSTEM_DIRS:
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                args += ["--ro-bind", path, path]
        for path in SYSTEM_FILES:
            args += ["--ro-bind-try", path, path]
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--perms", "1777", "--size", str(limits.file_mb * 2**20), "--tmpfs", "/tmp"]
        made = {"/", "/usr", "/proc", "/dev", "/tmp"}
        for path in python_roots():
            args += _parents(path, made) + ["--ro-bind", path, path]
        for path in (runtime, data):
            args += _parents(path, made) + ["--ro-bind", path, path]
        # The scratch folder is a tmpfs of its own (a cap on everything written); files the
        # submission brought along (helper modules) appear in it read-only.
        args += _parents(scratch, made)
        args += ["--perms", "0777", "--size", str(limits.scratch_mb * 2**20), "--tmpfs", scratch]
        for name in sorted(os.listdir(scratch)):
            args += ["--ro-bind", os.path.join(scratch, name), os.path.join(scratch, name)]
        args += ["--chdir", scratch, "--", *command]
        return args

    def preexec(self, limits: Limits) -> Callable[[], None]:
        return lambda: _rlimits(limits)

    def confine(self, limits: Limits, uid: int | None) -> dict:
        return {"nproc": limits.processes, "uid": uid}

    def worker_uid(self, serial: int) -> int | None:
        return _FIRST_UID + serial % 4096 if os.geteuid() == 0 else None


def _parents(path: str, made: set[str]) -> list[str]:
    """Directories leading to ``path``, made world-readable (bubblewrap's own are 0700)."""
    args = []
    parts = os.path.abspath(path).split(os.sep)[1:-1]
    for n in range(1, len(parts) + 1):
        parent = os.sep + os.sep.join(parts[:n])
        if parent not in made and not parent.startswith("/usr/"):  # /tmp too: the kit may live there
            args += ["--perms", "0755", "--dir", parent]
        made.add(parent)
    return args


def interpreter() -> str:
    """The running Python, by a path that exists inside the sandbox.

    Only the folder is resolved: a ``.venv`` that is a symlink to a folder outside the kit is
    reached through its target (which ``python_roots`` binds), while ``bin/python`` itself stays
    a link, so Python still finds the venv's ``pyvenv.cfg`` beside it.
    """
    folder, name = os.path.split(sys.executable)
    return os.path.join(os.path.realpath(folder), name)


def python_roots() -> list[str]:
    """The folders holding the running Python and its packages, outermost only."""
    candidates = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    candidates.add(os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))))
    roots = []
    for path in sorted(os.path.realpath(p) for p in candidates):
        if path.startswith("/usr/") or path == "/usr" or any(path.startswith(r + os.sep) for r in roots):
            continue
        if str(ROOT).startswith(path + os.sep) or str(ROOT) == path:
            raise OSError(f"Python lives in a parent folder of the kit ({path})")
        roots.append(path)
    return roots


def fallback(reason: str) -> Sandbox:
    return Sandbox(reason=reason)


PROBE = """
import os, resource, sys
nproc, uid = int(sys.argv[1]), int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
if uid >= 0:
    os.setgroups([]); os.setresgid(uid, uid, uid); os.setresuid(uid, uid, uid)
import numpy
assert not os.path.exists(sys.argv[3]), "the kit's solutions/ is visible"
open(sys.argv[4], "rb").close()  # the data is readable
open("probe", "w").write("ok")
print("nnkit-probe-ok")
"""


@functools.cache
def bwrap_works() -> tuple[str, str]:
    """``(path to bwrap, "")`` if a trial worker runs inside it, else ``("", reason)``."""
    if not sys.platform.startswith("linux"):
        return "", f"bubblewrap needs Linux (this is {sys.platform})"
    exe = shutil.which("bwrap")
    if not exe:
        return "", "bwrap is not installed"
    trial = Bubblewrap(bwrap=exe)
    limits = Limits()
    with tempfile.TemporaryDirectory(prefix="nnkit-probe-") as scratch:
        uid = trial.worker_uid(0)
        if uid is not None:
            os.chown(scratch, uid, uid)
        try:
            command = [interpreter(), "-s", "-P", "-c", PROBE, str(limits.processes), str(uid or -1)]
            command += [str(ROOT / "solutions"), str(ROOT / "data" / "SHA256SUMS")]
            wrapped = trial.wrap(command, scratch, scratch, str(ROOT / "data"), limits)
            done = subprocess.run(
                wrapped, capture_output=True, timeout=60, cwd=scratch, env={"PATH": os.defpath}
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return "", f"bwrap failed to start: {exc}"
        if done.returncode != 0 or b"nnkit-probe-ok" not in done.stdout:
            lines = (
                done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
            ).splitlines()
            return "", f"bwrap does not work here: {lines[-1][:200]}"
    return exe, ""


def choose(name: str | None = None) -> Sandbox:
    """The sandbox asked for by ``name`` or ``$NNKIT_SANDBOX``: auto (default), bwrap or rlimit."""
    wanted = (name or os.environ.get(ENV_VAR) or "auto").strip().lower()
    if wanted not in ("auto", "bwrap", "rlimit"):
        raise UserError(
            f"{ENV_VAR}={wanted}: auto, bwrap, rlimit 중 하나여야 합니다.",
            f"{ENV_VAR}={wanted}: must be one of auto, bwrap, rlimit.",
        )
    if wanted == "rlimit":
        return fallback(f"{ENV_VAR}=rlimit")
    exe, reason = bwrap_works()
    if exe:
        return Bubblewrap(bwrap=exe)
    if wanted == "bwrap":
        raise UserError(
            f"{ENV_VAR}=bwrap 이지만 bubblewrap을 쓸 수 없습니다: {reason}",
            f"{ENV_VAR}=bwrap but bubblewrap cannot be used: {reason}",
        )
    return fallback(reason)


_announced: set[str] = set()


def announce(sandbox: Sandbox, lang: str = "both") -> None:
    """Say once per grader process, on stderr, that the fallback is in use."""
    notice = sandbox.notice
    if notice and sandbox.reason not in _announced:
        _announced.add(sandbox.reason)
        print(f"⚠ {notice.render(lang, sep=chr(10) + '⚠ ')}", file=sys.stderr)
