"""Memory, process and CPU caps for a submission as a whole, with Linux control groups.

``RLIMIT_AS`` and ``RLIMIT_NPROC`` are per process (and per user): six children of 1.5 GB each
pass a 2 GB address-space cap. A control group counts every process a worker starts, however
it was started, so its ``memory`` and ``pids`` controllers cap the submission as one, and its
``cpu`` controller (where the grader may use it) gives all its processes together one CPU, the
share its worker alone would have: children that spin, each in a session of its own (a
scheduling group of its own under autogroup), no longer take the machine from a neighbour.

:func:`hierarchy` finds, once per grader process, a place where the grader may make groups:
cgroup v2 with the memory and pids controllers enabled below the grader's own group, or cgroup
v1 with a memory and a pids hierarchy. It needs root and writable cgroup files; otherwise it
says why not, and the sandbox keeps to rlimits. The grader's groups are made *inside* its own
group (``<own group>/nnkit-<pid>/w<serial>``), so they stay within whatever limits the machine
already puts on the grader.

:class:`Group` is one worker's group: made before the worker starts, joined by the worker's
process before it executes anything (:meth:`Group.join`, from ``preexec_fn``), read for limit
events after each case (:meth:`Group.exceeded`), emptied (:meth:`Group.kill_all`) and removed
(:meth:`Group.close`) when the worker ends.
"""

from __future__ import annotations

import atexit
import functools
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass

#: counters whose increase means a cap was hit, per controller file: (file, key, limit name).
#: ``memory_pressure``: the group reached its memory cap and had to reclaim (not yet a kill);
#: v1 keeps no counter of it that recent kernels update, so its peak usage is read instead.
_EVENTS = {
    1: (
        ("memory.oom_control", "oom_kill", "memory"),
        ("pids.events", "max", "processes"),
    ),
    2: (
        ("memory.events", "oom_kill", "memory"),
        ("memory.events", "max", "memory_pressure"),
        ("pids.events", "max", "processes"),
    ),
}


#: CPU time a submission's processes together may use per period: one CPU, as one worker would.
CPU_PERIOD_US = 100_000
CPU_QUOTA_US = 100_000
#: The default weight of one group (v1 ``cpu.shares``, v2 ``cpu.weight``): that of one process.
_WEIGHT = {1: ("cpu.shares", 1024, 262_144), 2: ("cpu.weight", 100, 10_000)}
_cpu_groups: dict[str, int] = {}  # the grader's cpu folder -> its worker groups now open
_cpu_lock = threading.Lock()


def _weigh_base(base: str, version: int, change: int) -> None:
    """Give the grader's own cpu group the weight of all its workers together.

    Every worker group sits in one folder of the grader's, which the kernel weighs as *one*
    process against the rest of the machine: without this, on a busy machine all the workers
    together would get the CPU share that each one alone had before it had a group.
    """
    name, one, most = _WEIGHT[version]
    with _cpu_lock:
        _cpu_groups[base] = max(0, _cpu_groups.get(base, 0) + change)
        weight = min(most, one * max(1, _cpu_groups[base]))
    try:
        _write(os.path.join(base, name), str(weight))
    except OSError:
        pass  # weights not offered here: the quota per submission still holds


@dataclass(frozen=True)
class Hierarchy:
    """Where this grader's worker groups live: one folder per controller (one for v2).

    ``cpu`` is ``""`` where the grader cannot use the cpu controller (``cpu_missing`` says why).
    """

    version: int
    memory: str
    pids: str
    cpu: str = ""
    cpu_missing: str = ""

    @property
    def description(self) -> str:
        if self.cpu:
            return f"cgroup v{self.version} (memory, pids, cpu: one CPU per submission)"
        return f"cgroup v{self.version} (memory, pids; no CPU quota: {self.cpu_missing})"

    @property
    def folders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for f in (self.memory, self.pids, self.cpu) if f))


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _read(path: str) -> str:
    with open(path, encoding="ascii", errors="replace") as f:
        return f.read()


def _own_groups(text: str) -> dict[str, str]:
    """``/proc/self/cgroup`` as controller -> path; ``""`` is the v2 hierarchy."""
    groups = {}
    for line in text.splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                groups[controller] = parts[2]
    return groups


def _mounts(text: str) -> list[tuple[str, str, str, set[str]]]:
    """``/proc/self/mountinfo`` cgroup mounts as (fstype, root, mount point, options)."""
    found = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if sep and len(fields) >= 5 and len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
            point = fields[4].replace("\\040", " ")
            found.append((tail[0], fields[3], point, set(tail[2].split(","))))
    return found


def _inside(mount_root: str, point: str, own: str) -> str | None:
    """The folder of group ``own`` under a mount of ``mount_root`` at ``point``."""
    if mount_root != "/" and own != mount_root and not own.startswith(mount_root + "/"):
        return None
    rel = own[len(mount_root) :] if mount_root != "/" else own
    return os.path.join(point, rel.lstrip("/"))


def _make_v2(parent: str, base_name: str) -> Hierarchy:
    available = _read(os.path.join(parent, "cgroup.controllers")).split()
    if not {"memory", "pids"} <= set(available):
        raise OSError("the memory and pids controllers are not available to the grader's cgroup")
    wanted = ["memory", "pids"] + (["cpu"] if "cpu" in available else [])
    enabled = _read(os.path.join(parent, "cgroup.subtree_control")).split()
    if not set(wanted) <= set(enabled):
        # fails (EBUSY) when the grader's group holds processes: v2 keeps those to leaves
        _write(os.path.join(parent, "cgroup.subtree_control"), " ".join("+" + c for c in wanted))
    base = os.path.join(parent, base_name)
    os.makedirs(base, exist_ok=True)
    _write(os.path.join(base, "cgroup.subtree_control"), " ".join("+" + c for c in wanted))
    if "cpu" not in wanted:
        return Hierarchy(2, base, base, "", "the cpu controller is not available to the grader's cgroup")
    return Hierarchy(2, base, base, base)


def _v1_folder(mounts: list, own: dict[str, str], controller: str, base_name: str) -> str:
    """The grader's folder in the v1 hierarchy of ``controller`` ("" if there is none)."""
    for fstype, root, point, options in mounts:
        if fstype == "cgroup" and controller in options and controller in own:
            parent = _inside(root, point, own[controller])
            if parent and os.path.isdir(parent):
                return os.path.join(parent, base_name)
    return ""


def _make_v1(mounts: list, own: dict[str, str], base_name: str) -> Hierarchy:
    folders = {c: _v1_folder(mounts, own, c, base_name) for c in ("memory", "pids", "cpu")}
    for controller in ("memory", "pids"):
        if not folders[controller]:
            raise OSError(f"no cgroup v1 {controller} hierarchy for the grader")
    missing = ""
    try:
        if folders["cpu"]:
            os.makedirs(folders["cpu"], exist_ok=True)
        else:
            missing = "no cgroup v1 cpu hierarchy for the grader"
    except OSError as exc:
        folders["cpu"], missing = "", f"cannot make a cpu group: {exc.strerror}"
    for folder in {folders["memory"], folders["pids"]}:
        os.makedirs(folder, exist_ok=True)
    return Hierarchy(1, folders["memory"], folders["pids"], folders["cpu"], missing)


@functools.cache
def hierarchy() -> tuple[Hierarchy | None, str]:
    """``(hierarchy, "")`` where the grader can make worker groups, else ``(None, reason)``."""
    if not sys.platform.startswith("linux"):
        return None, f"cgroups need Linux (this is {sys.platform})"
    if os.environ.get("NNKIT_CGROUPS", "").strip().lower() in ("0", "no", "off"):
        return None, "NNKIT_CGROUPS=off"
    if os.geteuid() != 0:
        return None, "the grader is not root"
    try:
        own = _own_groups(_read("/proc/self/cgroup"))
        mounts = _mounts(_read("/proc/self/mountinfo"))
    except OSError as exc:
        return None, f"cannot read this process's cgroups: {exc}"
    base_name = f"nnkit-{os.getpid()}"
    reasons = []
    for fstype, root, point, _ in mounts:
        if fstype == "cgroup2" and "" in own:
            parent = _inside(root, point, own[""])
            if parent is None or not os.path.isdir(parent):
                continue
            try:
                found = _make_v2(parent, base_name)
            except OSError as exc:
                reasons.append(f"v2: {exc}")
                continue
            atexit.register(_remove_base, found)
            return found, ""
    try:
        found = _make_v1(mounts, own, base_name)
    except OSError as exc:
        reasons.append(f"v1: {exc}")
        return None, "; ".join(reasons)[:300]
    atexit.register(_remove_base, found)
    return found, ""


def _remove_base(found: Hierarchy) -> None:
    for folder in found.folders:
        try:
            for name in os.listdir(folder):
                if name.startswith("w") and os.path.isdir(os.path.join(folder, name)):
                    _empty_and_remove(os.path.join(folder, name))
            os.rmdir(folder)
        except OSError:
            pass


def _procs(folder: str) -> list[int]:
    try:
        return [int(p) for p in _read(os.path.join(folder, "cgroup.procs")).split()]
    except (OSError, ValueError):
        return []


def _empty_and_remove(folder: str) -> None:
    for _ in range(200):
        for pid in _procs(folder):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.rmdir(folder)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.005)  # killed processes leave their group a moment after the signal


class Group:
    """One worker's control group: the submission's memory, process and CPU caps, in one place."""

    def __init__(self, found: Hierarchy, name: str, memory_bytes: int, processes: int):
        self.version = found.version
        self.memory = os.path.join(found.memory, name)
        self.pids = os.path.join(found.pids, name)
        self.cpu = os.path.join(found.cpu, name) if found.cpu else ""
        self.folders = tuple(dict.fromkeys(f for f in (self.memory, self.pids, self.cpu) if f))
        self.memory_bytes = memory_bytes
        for folder in self.folders:
            os.mkdir(folder)
        try:
            if self.version == 2:
                _write(os.path.join(self.memory, "memory.max"), str(memory_bytes))
                self._try(os.path.join(self.memory, "memory.swap.max"), "0")
                # one out-of-memory kill ends the whole worker: its case is then reported
                self._try(os.path.join(self.memory, "memory.oom.group"), "1")
            else:
                _write(os.path.join(self.memory, "memory.limit_in_bytes"), str(memory_bytes))
                self._try(os.path.join(self.memory, "memory.memsw.limit_in_bytes"), str(memory_bytes))
            _write(os.path.join(self.pids, "pids.max"), str(processes))
            self._cap_cpu()
            self._weighed = ""
            if self.cpu:
                self._weighed = os.path.dirname(self.cpu)
                _weigh_base(self._weighed, self.version, +1)
        except OSError:
            self.close()
            raise
        self._seen = self._counts()

    def _cap_cpu(self) -> None:
        """All the group's processes together: one CPU (``cpu.max``; v1 ``cfs_quota_us``)."""
        if not self.cpu:
            return
        if self.version == 2:
            _write(os.path.join(self.cpu, "cpu.max"), f"{CPU_QUOTA_US} {CPU_PERIOD_US}")
        else:
            _write(os.path.join(self.cpu, "cpu.cfs_period_us"), str(CPU_PERIOD_US))
            _write(os.path.join(self.cpu, "cpu.cfs_quota_us"), str(CPU_QUOTA_US))

    def cpu_quota(self) -> tuple[int, int] | None:
        """``(quota, period)`` in microseconds as the kernel holds them, None without a cpu group."""
        if not self.cpu:
            return None
        if self.version == 2:
            quota, period = _read(os.path.join(self.cpu, "cpu.max")).split()
            return int(quota), int(period)
        quota = _read(os.path.join(self.cpu, "cpu.cfs_quota_us"))
        return int(quota), int(_read(os.path.join(self.cpu, "cpu.cfs_period_us")))

    @staticmethod
    def _try(path: str, text: str) -> None:
        try:
            _write(path, text)
        except OSError:
            pass  # swap accounting or group kills not offered by this kernel

    def join(self) -> None:
        """Move the calling process into the group (run in the child, before ``exec``)."""
        pid = str(os.getpid())
        for folder in self.folders:
            _write(os.path.join(folder, "cgroup.procs"), pid)

    def _counts(self) -> dict[str, int]:
        counts = {}
        for filename, key, limit in _EVENTS[self.version]:
            folder = self.memory if filename.startswith("memory") else self.pids
            try:
                for line in _read(os.path.join(folder, filename)).splitlines():
                    name, _, value = line.partition(" ") if key else ("", "", line)
                    if name == key:
                        counts[limit] = counts.get(limit, 0) + int(value)
            except (OSError, ValueError):
                pass
        if self.version == 1:
            try:
                peak = int(_read(os.path.join(self.memory, "memory.max_usage_in_bytes")))
                counts["memory_pressure"] = int(peak >= self.memory_bytes - 2**20)
            except (OSError, ValueError):
                pass
        return counts

    def exceeded(self) -> list[str]:
        """Caps hit since the last call: ``"memory"`` (a process was killed for it),
        ``"memory_pressure"`` (the group reached its cap), ``"processes"``."""
        now = self._counts()
        hit = [limit for limit, n in now.items() if n > self._seen.get(limit, 0)]
        if self.version == 1 and now.get("memory_pressure"):
            self._try(os.path.join(self.memory, "memory.max_usage_in_bytes"), "0")  # a new peak from here
            now["memory_pressure"] = 0
        self._seen = now
        return hit

    def procs(self) -> list[int]:
        return _procs(self.pids)

    def kill_all(self) -> None:
        """SIGKILL every process in the group, however it was started; no new ones can start."""
        try:
            _write(os.path.join(self.pids, "pids.max"), "0")  # a fork loop cannot outrun the kill
        except OSError:
            pass
        killer = os.path.join(self.pids, "cgroup.kill")
        if self.version == 2 and os.path.exists(killer):
            self._try(killer, "1")
        for _ in range(200):
            alive = self.procs()
            if not alive:
                return
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.002)

    def close(self) -> None:
        """Kill what is left and remove the group (idempotent)."""
        for folder in self.folders:
            if os.path.isdir(folder):
                _empty_and_remove(folder)
        if getattr(self, "_weighed", ""):
            _weigh_base(self._weighed, self.version, -1)
            self._weighed = ""
