"""How a worker process is confined: bubblewrap where it works, process + rlimits otherwise.

A :class:`Sandbox` turns the plain worker command into the confined one, supplies the
``preexec_fn`` that sets resource limits in the child before it executes anything, and says
what the worker must still do to itself before it runs student code (:meth:`Sandbox.confine`:
the process cap, and dropping root). :func:`choose` picks one once per grader process:
``NNKIT_SANDBOX=auto`` (default) uses bubblewrap if a trial run inside it succeeds,
``bwrap`` insists on it, ``rlimit`` forces the fallback.

Under bubblewrap a worker sees a read-only system (``/usr`` and the Python installation), a
copy of the kit's data read-only, its engine copy read-only, its scratch folder as the only writable
place, a private ``/tmp``, no network, no other processes, and dies with the grader. It never
sees the kit's ``solutions/``, the hidden suites' files, the submissions or the output folder.

Beyond the command line, each worker gets a :class:`WorkerGroup` (:meth:`Sandbox.start_group`):

- a control group (:mod:`autograder.cgroups`) where the grader is root and cgroups are
  writable: the memory, process and CPU caps (one CPU) then hold for the submission as a whole, and
  :meth:`WorkerGroup.exceeded` tells the parent which cap was hit; rlimits stay as the
  per-process caps (and are all there is elsewhere);
- under bubblewrap started by root, one tmpfs for the scratch folder and ``/tmp`` together,
  mounted by the worker's own setup step (a private mount namespace made in ``preexec_fn``)
  with a cap on bytes *and* files (``nr_inodes``: bubblewrap's ``--size`` caps only bytes);
- under bubblewrap, a seccomp filter (:mod:`autograder.seccomp`) where a binding is installed;
- started by root, a uid of its own (the fallback too): it cannot read what the grader keeps
  private (the kit's folder as a whole, ``.git`` and ``examples/`` included, and the
  expected-output cache: see :func:`protect_private`; all a worker needs is copied out of the
  kit beforehand, and its environment names no path in it), cannot signal the grader, and
  every process it leaves is found by that uid (:func:`kill_uid`) or by its control group,
  whatever its environment says;
- under the fallback started by root, what that uid leaves where every uid may write
  (:data:`SHARED_DIRS`) and its SysV IPC objects are removed by owner when its worker ends
  (:func:`remove_owned`). What the fallback still cannot contain is said by
  :meth:`Sandbox.uncontained`, in its notice and in ``gradebook.meta.json``.
"""

from __future__ import annotations

import ctypes
import functools
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder.core.errors import UserError
from autograder.core.paths import ROOT, cache_dir
from autograder.exercises import Limits
from autograder.runtime.spec import Msg
from autograder.sandbox import cgroups, seccomp

ENV_VAR = "NNKIT_SANDBOX"
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime")
_FIRST_UID = 200_000 + (os.getpid() % 4096) * 4096  # per grader process: its workers never share a uid
#: Where a worker's scratch tmpfs is mounted, inside its scratch folder (bubblewrap as root only).
FS_DIR = ".nnkit-fs"
#: The scratch tmpfs holds at most this many files per MiB it may hold (an average of 16 KiB).
FILES_PER_MIB = 64
#: Processes bubblewrap itself runs in a worker's control group (its monitor and its pid 1).
BWRAP_PROCESSES = 2
_CLONE_NEWNS, _MS_REC, _MS_PRIVATE, _MS_NOSUID, _MS_NODEV = 0x20000, 0x4000, 1 << 18, 0x2, 0x4


def file_cap(limits: Limits) -> int:
    """How many files (and folders) a worker's scratch may hold in all."""
    return max(512, limits.scratch_mb * FILES_PER_MIB)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def mount_scratch(folder: str, limits: Limits, uid: int | None) -> None:
    """In a mount namespace of the calling process's own, a tmpfs at ``folder`` capped in bytes
    and files, holding ``scratch/`` (the worker's) and ``tmp/`` (its ``/tmp``).

    Run in the worker's child before it executes bubblewrap: the mount exists only for that
    worker and vanishes with it. Needs root (``CAP_SYS_ADMIN``).
    """
    libc = _libc()
    if libc is None:
        raise OSError("no C library to call mount()")
    _check(libc.unshare(_CLONE_NEWNS), "unshare")
    _check(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "mount --make-rprivate /")
    options = f"size={limits.scratch_mb * 2**20},nr_inodes={file_cap(limits) + 16},mode=0755"
    _check(
        libc.mount(b"nnkit-scratch", folder.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, options.encode()),
        "mount tmpfs",
    )
    work, tmp = os.path.join(folder, "scratch"), os.path.join(folder, "tmp")
    os.mkdir(work, 0o700)
    os.mkdir(tmp)
    os.chmod(tmp, 0o1777)
    if uid is None:
        os.chmod(work, 0o777)
    else:
        os.chown(work, uid, uid)


@functools.cache
def scratch_mount_works() -> tuple[bool, str]:
    """Whether :func:`mount_scratch` works here (tried once, in a throw-away child)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False, "the grader is not root"
    with tempfile.TemporaryDirectory(prefix="nnkit-mount-probe-") as folder:
        try:
            subprocess.run(
                ["true"], check=True, timeout=30, preexec_fn=lambda: mount_scratch(folder, Limits(), None)
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return False, f"cannot mount a tmpfs for the scratch folder: {exc}"
    return True, ""


def _running_as(uid: int) -> bool:
    """Whether any process (zombies aside: they are dead) runs as ``uid`` (Linux ``/proc``)."""
    needle = f"\t{uid}\t"
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                status = f.read()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if needle in fields.get("Uid", "") + "\t" and not fields.get("State", "").strip().startswith("Z"):
            return True
    return False


def kill_uid(uid: int, rounds: int = 20) -> None:
    """SIGKILL every process running as ``uid``, however it was started and whatever its
    environment, from a short-lived child that takes that uid: ``kill(-1)`` then reaches
    exactly that uid's processes. Repeated while one is left (a fork may race a round).
    """
    for _ in range(rounds):
        if not _running_as(uid):  # the common case: nothing left, no fork needed
            return
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 2
            try:
                os.setresuid(uid, uid, uid)
                os.kill(-1, signal.SIGKILL)
                code = 0
            except ProcessLookupError:
                code = 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return
        time.sleep(0.001)


def reachable_by_others(path: str) -> bool:
    """Whether a uid that is neither the owner nor in the group can read ``path``.

    Every folder on the way must let others pass (x); the path itself must let them read.
    """
    path = os.path.abspath(path)
    parts = path.split(os.sep)
    for n in range(1, len(parts)):
        folder = os.sep + os.path.join(*parts[1:n]) if n > 1 else os.sep
        try:
            if not os.stat(folder).st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    try:
        return bool(os.stat(path).st_mode & stat.S_IROTH)
    except OSError:
        return False


@functools.cache
def unreachable_python_roots() -> list[str]:
    """Folders of the running Python that a uid of its own could not read (see ``worker.confine``)."""
    return [root for root in python_roots() if not reachable_by_others(root)]


def private_paths() -> list[Path]:
    """What a worker running as its own uid must not read: the kit as a whole (its ``.git``,
    ``examples/``, the reference, the hidden suites: all it needs is copied out, see
    ``pool.runtime_dir``), and the expected-output cache wherever it lives."""

    return [cache_dir(), ROOT, ROOT / "solutions", ROOT / "autograder" / "suites"]


def protect_private() -> tuple[str, ...]:
    """Make :func:`private_paths` unreadable to other uids (before each worker: a few stat calls).

    The cache folder is made 0700 (created so if missing); the kit's folder, ``solutions/``
    and the suites lose their permissions for others (the kit's folder guards everything in
    it, the other two stay closed if the kit is opened again). Only what the grader owns is
    changed. The paths still reachable by others are returned (and said in the sandbox's
    description).
    """
    left = []
    paths = private_paths()
    for path in paths:
        try:
            if path == paths[0]:
                path.mkdir(parents=True, exist_ok=True)
                if path.stat().st_uid == os.geteuid():
                    path.chmod(0o700)
            elif path.exists() and path.stat().st_uid == os.geteuid():
                path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o007)
        except OSError:
            pass
        if path.exists() and reachable_by_others(str(path)):
            left.append(str(path))
    return tuple(left)


def kit_copies_near_python() -> list[str]:
    """World-readable folders holding the running Python that look like a copy of the kit
    (a venv inside another checkout): a worker under a uid of its own can still read those."""
    found = []
    for root in python_roots():
        for parent in Path(root).parents:
            looks_like_kit = (parent / "autograder").is_dir() or (parent / "solutions").is_dir()
            if looks_like_kit and parent != ROOT and reachable_by_others(str(parent)):
                found.append(str(parent))
    return sorted(set(found))


#: World-writable folders where a worker under a uid of its own may leave files (fallback only:
#: under bubblewrap its /tmp, /dev and IPC are its own and vanish with it).
SHARED_DIRS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue")
#: SysV IPC tables: (``/proc/sysvipc`` file, ``*ctl`` function, its IPC_RMID call's arguments).
_SYSV = (("shm", "shmctl", 3), ("sem", "semctl", 4), ("msg", "msgctl", 3))
_IPC_RMID = 0


def _remove_owned_in(folder: str, uid: int, depth: int = 0) -> list[str]:
    """Remove what ``uid`` owns in ``folder``; descend into world-writable folders it does not own
    (the only other places it could write). Symbolic links are removed, never followed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if info.st_uid == uid:
            if stat.S_ISDIR(info.st_mode):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                _unlink(entry.path)
            removed.append(entry.path)
        elif stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_IWOTH and depth < 8:
            removed += _remove_owned_in(entry.path, uid, depth + 1)
    return removed


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _sysv_owned(kind: str, uid: int) -> list[int]:
    """Ids of SysV IPC objects of ``kind`` (shm, sem, msg) that ``uid`` owns or created."""
    try:
        with open(f"/proc/sysvipc/{kind}") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    header = lines[0].split() if lines else []
    if not {"uid", "cuid"} <= set(header):
        return []
    ids = []
    for line in lines[1:]:
        fields = dict(zip(header, line.split(), strict=False))
        if str(uid) in (fields.get("uid"), fields.get("cuid")):
            ids.append(int(fields[header[1]]))
    return ids


def remove_ipc(uid: int) -> list[str]:
    """Remove the SysV shared memory, semaphores and message queues ``uid`` owns or made."""
    libc = _libc()
    removed = []
    if libc is None:
        return removed
    for kind, function, nargs in _SYSV:
        for ident in _sysv_owned(kind, uid):
            args = (ident, 0, _IPC_RMID, None) if nargs == 4 else (ident, _IPC_RMID, None)
            if getattr(libc, function)(*args) == 0:
                removed.append(f"{kind} {ident}")
    return removed


def remove_owned(uid: int) -> list[str]:
    """Everything a worker's uid left in :data:`SHARED_DIRS` and in SysV IPC, removed (its
    processes must be gone first: :func:`kill_uid` or its control group)."""
    removed = []
    for folder in SHARED_DIRS:
        removed += _remove_owned_in(folder, uid)
    return removed + remove_ipc(uid)


class WorkerGroup:
    """What confines one worker beyond its command line; made before it starts, closed after.

    ``exceeded()`` names the caps the worker's processes hit since the last call (memory,
    processes), ``kill_all()`` ends every process the worker started, ``close()`` does that and
    removes what was made for it. Without a control group these know only what rlimits and the
    uid allow (``exceeded()`` is then always empty: the worker's own errors tell).
    """

    def __init__(self, sandbox: Sandbox, limits: Limits, serial: int, scratch: str):
        self.uid = sandbox.worker_uid(serial)
        #: the fallback shares /tmp, /dev/shm and SysV IPC with the machine: cleaned by owner
        self.shares_host = sandbox.name != "bwrap"
        self.scratch_fs = ""
        self.seccomp_fd = -1
        self.cgroup: cgroups.Group | None = None
        self._pending: list[str] = []  # caps hit before kill_all(), whose own kill counts not
        self._killed = False
        found, _ = cgroups.hierarchy()
        extra = BWRAP_PROCESSES if sandbox.name == "bwrap" else 0
        if found is not None:
            try:
                self.cgroup = cgroups.Group(
                    found, f"w{serial}", limits.memory_mb * 2**20, limits.processes + extra
                )
            except OSError:
                self.cgroup = None  # said by the sandbox's description: the rlimits still hold
        if sandbox.name == "bwrap" and scratch and sandbox.scratch_files:
            self.scratch_fs = os.path.join(scratch, FS_DIR)
            os.mkdir(self.scratch_fs, 0o700)
        if sandbox.name == "bwrap" and sandbox.filters:
            self.seccomp_fd = seccomp.program_fd()

    @property
    def pass_fds(self) -> tuple[int, ...]:
        """File descriptors the worker's command line refers to (``Popen(pass_fds=...)``)."""
        return (self.seccomp_fd,) if self.seccomp_fd >= 0 else ()

    def started(self) -> None:
        """The worker is running: the parent's copies of what it was handed go."""
        if self.seccomp_fd >= 0:
            os.close(self.seccomp_fd)
            self.seccomp_fd = -1

    def join(self, limits: Limits) -> None:
        """In the worker's child, before it executes: enter the group, mount the scratch."""
        if self.cgroup is not None:
            self.cgroup.join()
        if self.scratch_fs:
            mount_scratch(self.scratch_fs, limits, self.uid)

    def exceeded(self, timed_out: bool = False) -> list[str]:
        """Caps hit since the last call, up to :meth:`kill_all` (``"memory"``, ``"processes"``).

        ``timed_out``: the case ran out of time; if the group was held at its memory cap
        meanwhile (reclaiming, before the kernel kills), that is what slowed it: ``"memory"``.
        """
        if self.cgroup is None:
            return []
        hit = self._pending + ([] if self._killed else self.cgroup.exceeded())
        self._pending = []
        named = [
            "memory" if h == "memory_pressure" else h for h in hit if timed_out or h != "memory_pressure"
        ]
        return list(dict.fromkeys(named))

    def kill_all(self) -> None:
        if self.cgroup is not None:
            if not self._killed:  # forks refused while killing are ours, not the student's
                self._pending += self.cgroup.exceeded()
                self._killed = True
            self.cgroup.kill_all()
        if self.uid is not None and self.cgroup is None:  # a cgroup holds them all: no need
            kill_uid(self.uid)

    def close(self) -> None:
        self.started()
        self.kill_all()
        if self.cgroup is not None:
            self.cgroup.close()
            self.cgroup = None
        if self.uid is not None and self.shares_host:
            remove_owned(self.uid)


def _die_with_parent(parent: int) -> None:
    """In a worker's child before it executes: killed if the grader dies, and ended at once if it
    already has (bubblewrap's own --die-with-parent is set only once bwrap runs; a grader killed
    while it started a spare left that spare running, parent-less, until its start-up ended)."""
    libc = _libc()
    if libc is not None and sys.platform.startswith("linux"):
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _child_setup(limits: Limits, group: WorkerGroup | None, nproc: int | None = None) -> Callable[[], None]:
    """What a worker's child runs before it executes: tied to the grader's life, in its cgroup,
    under its limits (and ``nproc`` processes, when given)."""
    parent, _ = os.getpid(), _libc()  # libc loaded here: the child only calls it

    def apply() -> None:
        _die_with_parent(parent)
        if group is not None:
            group.join(limits)
        _rlimits(limits)
        if nproc is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))

    return apply


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
    """Process-and-rlimit isolation: own session, CPU/memory/file-size caps, scratch cwd.

    Started by root, each worker also runs under a uid of its own and in a control group
    where cgroups are writable (see :class:`WorkerGroup`).
    """

    name: str = "rlimit"
    description: str = "process + resource limits only (no filesystem or network isolation)"
    reason: str = ""  # why the fallback is in use
    bwrap: str = ""
    quiet: bool = False  # a student's self-check: nothing to warn the TA about, so no notice

    @property
    def hides_workers(self) -> bool:
        """Whether a worker can neither see nor reach other workers' processes.

        Only then are workers started ahead of their submission (``run.spares``): under the
        fallback, student code may run as the grader's user and could tamper with the idle
        worker that the next student's code will be sent to.
        """
        return self.name == "bwrap"

    @property
    def own_uid(self) -> bool:
        """Whether each worker runs under a uid of its own (the grader is root, on Linux)."""
        return sys.platform.startswith("linux") and os.geteuid() == 0

    @property
    def notice(self) -> Msg | None:
        """What to say once, plainly, when grading under the fallback: exactly what it contains
        and what it does not (:meth:`uncontained` has the details for ``gradebook.meta.json``)."""
        if self.name != "rlimit" or self.quiet:
            return None
        if self.own_uid:
            left = [*protect_private(), *kit_copies_near_python()]
            also = (f" 다음도 읽을 수 있습니다: {', '.join(left)}.", f" It can also read: {', '.join(left)}.")
            return Msg(
                f"bubblewrap 샌드박스를 쓰지 않습니다 ({self.reason}). 학생 코드는 프로세스와 자원 제한으로만 "
                "격리되고 따로 정한 사용자로 실행됩니다. 키트 폴더(.git, examples, 모범 답안, 숨은 테스트)와 "
                "정답 캐시는 읽지 못하고, /tmp, /var/tmp, /dev/shm에 남긴 파일과 SysV IPC 객체는 제출물 채점이 "
                "끝나면 지웁니다. 그래도 이 컴퓨터에서 누구나 읽을 수 있는 파일을 읽고, 다른 프로세스와 그 "
                "명령줄을 보고, 네트워크에 접속하고, 어떤 시스템 호출이든 할 수 있습니다."
                + (also[0] if left else "")
                + " 믿을 수 없는 제출물은 bubblewrap이 설치된 리눅스에서 채점하세요.",
                f"Not using the bubblewrap sandbox ({self.reason}). Student code is isolated only by "
                "process and resource limits, under a uid of its own: it cannot read the kit's folder "
                "(.git, examples, the reference solution, the hidden tests) or the expected-output "
                "cache, and the files it leaves in /tmp, /var/tmp and /dev/shm and its SysV IPC objects "
                "are removed when its submission ends. It can still read this computer's world-readable "
                "files, see other processes and their command lines, open network connections and make "
                "any system call." + (also[1] if left else "") + " Grade untrusted submissions on Linux "
                "with bubblewrap installed.",
            )
        return Msg(
            f"bubblewrap 샌드박스를 쓰지 않습니다 ({self.reason}). 학생 코드는 프로세스와 자원 제한으로만 "
            "격리되어, 이 컴퓨터의 파일(모범 답안 포함)을 읽고 쓰거나 네트워크에 접속할 수 있습니다. "
            "믿을 수 없는 제출물은 bubblewrap이 설치된 리눅스에서 채점하세요.",
            f"Not using the bubblewrap sandbox ({self.reason}). Student code is isolated only by "
            "process and resource limits: it can read and write this computer's files (the reference "
            "solution included) and open network connections. Grade untrusted submissions on Linux "
            "with bubblewrap installed.",
        )

    def uncontained(self) -> list[str]:
        """What a submission can still do or reach here, each said plainly (empty: nothing known)."""
        found, why = cgroups.hierarchy()
        gaps = []
        if found is None:
            gaps += [f"memory and CPU of all its processes together ({why})"]
        elif not found.cpu:
            gaps += [f"CPU of all its processes together ({found.cpu_missing})"]
        if self.name == "bwrap":
            return gaps + ([] if self.filters else [f"system calls ({self._seccomp_text()})"])
        gaps += [
            "network connections (no network namespace)",
            "this machine's world-readable files (other submissions too, where their folder is)",
            "other processes and their command lines (/proc)",
            "system calls (no seccomp filter)",
            "the number of files in its scratch folder (bytes are capped per file only)",
        ]
        if not self.own_uid:
            return gaps + [
                "the kit, the reference solution, the hidden tests and the cache (it runs as the grader's uid)",
                "files it leaves in /tmp, /var/tmp, /dev/shm and SysV IPC",
            ]
        left = [*protect_private(), *kit_copies_near_python()]
        return gaps + ([f"still readable by its uid: {', '.join(left)}"] if left else [])

    @property
    def scratch_files(self) -> bool:
        """Whether the scratch folder's number of files is capped (see :func:`mount_scratch`)."""
        return False

    @property
    def filters(self) -> bool:
        """Whether workers run under the seccomp filter."""
        return False

    @property
    def confinement(self) -> dict[str, str]:
        """How workers are confined here, beyond the name (for ``gradebook.meta.json``)."""
        found, why = cgroups.hierarchy()
        if found is not None:
            resources = f"{found.description} per submission, rlimits per process"
        else:
            resources = f"rlimits per process only ({why})"
        uid = "a uid of its own per worker" if self.own_uid else "the grader's uid"
        if self.name == "rlimit" and self.own_uid:
            left = protect_private()
            uid += (
                f"; still readable by it: {', '.join(left)}"
                if left
                else "; the kit's folder and cache unreadable"
            )
            uid += (
                f"; what it leaves in {', '.join(SHARED_DIRS)} and SysV IPC removed when its submission ends"
            )
            if unreachable_python_roots():
                uid += (
                    "; imports from the Python installation through a handle kept from before it drops root"
                )
        return {
            "resources": resources,
            "uid": uid,
            "files": "private copies of the worker's runtime and data; no kit path in its environment",
            "scratch": self._scratch_text(),
            "seccomp": self._seccomp_text(),
            "not_contained": "; ".join(self.uncontained()) or "nothing known",
        }

    def _scratch_text(self) -> str:
        return "the worker's folder on disk; bytes and files not capped"

    def _seccomp_text(self) -> str:
        return "none (the fallback does not filter system calls)"

    def start_group(self, limits: Limits, serial: int, scratch: str = "") -> WorkerGroup:
        """What confines worker ``serial`` beyond its command line (see :class:`WorkerGroup`)."""
        if self.own_uid:
            protect_private()
        return WorkerGroup(self, limits, serial, scratch)

    def wrap(
        self,
        command: list[str],
        scratch: str,
        runtime: str,
        data: str,
        limits: Limits,
        group: WorkerGroup | None = None,
    ) -> list[str]:
        return command

    def preexec(self, limits: Limits, group: WorkerGroup | None = None) -> Callable[[], None]:
        nproc = None
        if os.geteuid() != 0 and sys.platform.startswith("linux"):
            nproc = limits.processes + _own_processes()  # root ignores RLIMIT_NPROC altogether

        return _child_setup(limits, group, nproc)

    def confine(self, limits: Limits, uid: int | None) -> dict:
        """What the worker applies to itself before any student code runs."""
        if uid is not None:
            return {"nproc": limits.processes, "uid": uid, "keep": unreachable_python_roots()}
        return {"nproc": None, "uid": None}

    def worker_uid(self, serial: int) -> int | None:
        """The unprivileged uid a worker switches to (the grader is root only)."""
        return _FIRST_UID + serial % 4096 if self.own_uid else None


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

    @property
    def scratch_files(self) -> bool:
        return scratch_mount_works()[0] and _extras_off() == ""

    @property
    def filters(self) -> bool:
        return bool(seccomp.program()[0]) and _extras_off() == ""

    def _scratch_text(self) -> str:
        if self.scratch_files:
            return (
                f"one tmpfs for scratch and /tmp, capped in bytes and files ({FILES_PER_MIB} files per MiB)"
            )
        why = _extras_off() or scratch_mount_works()[1]
        return f"bubblewrap tmpfs for scratch and /tmp, capped in bytes only ({why})"

    def _seccomp_text(self) -> str:
        if self.filters:
            return seccomp.program()[1]
        return f"none ({_extras_off() or seccomp.program()[1]})"

    def wrap(
        self,
        command: list[str],
        scratch: str,
        runtime: str,
        data: str,
        limits: Limits,
        group: WorkerGroup | None = None,
    ) -> list[str]:
        args = [self.bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net"]
        args += ["--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "nnkit"]
        if os.geteuid() != 0:
            args.append("--unshare-user")
        if group is not None and group.seccomp_fd >= 0:
            args += ["--seccomp", str(group.seccomp_fd)]
        for path in SYSTEM_DIRS:
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                args += ["--ro-bind", path, path]
        for path in SYSTEM_FILES:
            args += ["--ro-bind-try", path, path]
        args += ["--proc", "/proc", "--dev", "/dev"]
        mounted = group.scratch_fs if group is not None else ""
        if mounted:  # one tmpfs, capped in bytes and files, for /tmp and the scratch folder
            args += ["--bind", os.path.join(mounted, "tmp"), "/tmp"]
        else:
            args += ["--perms", "1777", "--size", str(limits.file_mb * 2**20), "--tmpfs", "/tmp"]
        made = {"/", "/usr", "/proc", "/dev", "/tmp"}
        for path in python_roots():
            args += _parents(path, made) + ["--ro-bind", path, path]
        for path in (runtime, data):
            args += _parents(path, made) + ["--ro-bind", path, path]
        # The scratch folder is a tmpfs of its own (a cap on everything written); files the
        # submission brought along (helper modules) appear in it read-only.
        args += _parents(scratch, made)
        if mounted:
            args += ["--bind", os.path.join(mounted, "scratch"), scratch]
        else:
            args += ["--perms", "0777", "--size", str(limits.scratch_mb * 2**20), "--tmpfs", scratch]
        for name in sorted(os.listdir(scratch)):
            if name != FS_DIR:
                args += ["--ro-bind", os.path.join(scratch, name), os.path.join(scratch, name)]
        args += ["--chdir", scratch, "--", *command]
        return args

    def preexec(self, limits: Limits, group: WorkerGroup | None = None) -> Callable[[], None]:
        return _child_setup(limits, group)  # the worker caps its processes itself (``confine``)

    def confine(self, limits: Limits, uid: int | None) -> dict:
        return {"nproc": limits.processes, "uid": uid}


_extras_reason: list[str] = []


def _extras_off() -> str:
    """Why the scratch mount and seccomp filter are off under bubblewrap ("" if they are on)."""
    return _extras_reason[0] if _extras_reason else ""


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


def _trial(exe: str, extras: bool) -> str:
    """Run the probe in bubblewrap (with the scratch mount and seccomp filter if ``extras``);
    "" if it worked, else why not."""
    trial = Bubblewrap(bwrap=exe)
    limits = Limits()
    with tempfile.TemporaryDirectory(prefix="nnkit-probe-") as scratch:
        uid = trial.worker_uid(-1)
        if uid is not None:
            os.chown(scratch, uid, uid)
        group = None
        try:
            if extras:
                group = WorkerGroup(trial, limits, -1, scratch)
            command = [interpreter(), "-s", "-P", "-c", PROBE, str(limits.processes), str(uid or -1)]
            command += [str(ROOT / "solutions"), str(ROOT / "data" / "SHA256SUMS")]
            wrapped = trial.wrap(command, scratch, scratch, str(ROOT / "data"), limits, group=group)
            done = subprocess.run(
                wrapped,
                capture_output=True,
                timeout=60,
                cwd=scratch,
                env={"PATH": os.defpath},
                pass_fds=group.pass_fds if group else (),
                preexec_fn=trial.preexec(limits, group) if group else None,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"bwrap failed to start: {exc}"
        finally:
            if group is not None:
                group.close()
        if done.returncode != 0 or b"nnkit-probe-ok" not in done.stdout:
            lines = (
                done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
            ).splitlines()
            return f"bwrap does not work here: {lines[-1][:200]}"
    return ""


@functools.cache
def bwrap_works() -> tuple[str, str]:
    """``(path to bwrap, "")`` if a trial worker runs inside it, else ``("", reason)``.

    The trial runs with the scratch mount and the seccomp filter when they are available;
    if only those fail, bubblewrap is used without them (and the reason is kept).
    """
    if not sys.platform.startswith("linux"):
        return "", f"bubblewrap needs Linux (this is {sys.platform})"
    exe = shutil.which("bwrap")
    if not exe:
        return "", "bwrap is not installed"
    extras = scratch_mount_works()[0] or bool(seccomp.program()[0])
    failed = _trial(exe, extras=extras)
    if failed and extras and not _trial(exe, extras=False):
        _extras_reason[:] = [f"bubblewrap ran only without them: {failed}"]
        return exe, ""
    return ("", failed) if failed else (exe, "")


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
