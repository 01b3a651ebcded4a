"""A seccomp filter for workers: system calls student code has no business making.

The filter is built with libseccomp's own Python binding (Debian's ``python3-seccomp``), which
is installed for the *system* Python; the kit's venv usually cannot import it. So the program
is compiled once per grader process, by whichever of the two interpreters has the binding,
into classic BPF bytes, and each worker's bubblewrap loads those bytes (``--seccomp FD``)
just before it executes the worker. Where no binding is found, :func:`program` says so and
the workers run without the filter (``gradebook.meta.json`` records which).

Denied (``EPERM``): new namespaces of any kind (``clone``/``unshare`` with a ``CLONE_NEW*``
flag, ``setns``), ``ptrace`` and reading other processes' memory, mounting and changing
root, kernel keyrings, BPF, perf events, io_uring, userfaultfd, loading kernels or modules,
swap, reboot, clock and host-name changes, and leaving the worker's session or process group
(``setsid``, ``setpgid``: under autogroup a new session is a scheduling group of its own, so
children that spin in sessions of their own would each take a full share of the machine from
a neighbouring submission; the worker's own session is made by bubblewrap before the filter
is loaded; so ``subprocess.Popen(start_new_session=True)`` fails in student code, which has no
need of it). ``clone3`` answers ``ENOSYS`` (its flags sit in
memory a filter cannot read), which makes the C library fall back to ``clone``.
"""

from __future__ import annotations

import errno
import functools
import os
import subprocess
import sys

#: CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET
NAMESPACE_FLAGS = (0x80, 0x20000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)

DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "setns", "mount", "umount", "umount2", "pivot_root", "chroot",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr",
    "open_by_handle_at", "name_to_handle_at",
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "keyctl", "add_key", "request_key",
    "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
    "swapon", "swapoff", "reboot", "acct", "quotactl", "syslog", "iopl", "ioperm",
    "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "sethostname", "setdomainname", "uselib", "vhangup", "lookup_dcookie", "fanotify_init",
    "setsid", "setpgid",
)  # fmt: skip

#: Run by an interpreter that has the binding: writes the BPF program to stdout.
BUILD = """
import errno, sys
import seccomp

namespaces, denied = eval(sys.argv[1]), eval(sys.argv[2])
f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
unknown = []
for name in denied:
    try:
        f.add_rule(seccomp.ERRNO(errno.EPERM), name)
    except Exception:
        unknown.append(name)  # not a system call on this architecture
for flag in namespaces:
    for name in ("clone", "unshare"):
        f.add_rule(seccomp.ERRNO(errno.EPERM), name, seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
try:
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
except Exception:
    pass
f.export_bpf(sys.stdout.buffer)
"""


_INTERPRETERS = (sys.executable, "/usr/bin/python3")


@functools.cache
def program() -> tuple[bytes, str]:
    """``(BPF program, what it is)``, or ``(b"", why there is none)``."""
    if not sys.platform.startswith("linux"):
        return b"", f"seccomp needs Linux (this is {sys.platform})"
    if os.environ.get("NNKIT_SECCOMP", "").strip().lower() in ("0", "no", "off"):
        return b"", "NNKIT_SECCOMP=off"
    tried = []
    for python in dict.fromkeys(_INTERPRETERS):
        if not os.path.isfile(python):
            continue
        try:
            done = subprocess.run(
                [python, "-I", "-c", BUILD, repr(NAMESPACE_FLAGS), repr(DENIED)],
                capture_output=True,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            tried.append(f"{python}: {exc}")
            continue
        if done.returncode == 0 and done.stdout and len(done.stdout) % 8 == 0:
            return done.stdout, f"libseccomp filter ({len(DENIED)} system calls and new namespaces denied)"
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no program"])[-1]
        tried.append(f"{python}: {last[:120]}")
    return b"", "no libseccomp Python binding (Debian: python3-seccomp): " + "; ".join(tried)


def program_fd() -> int:
    """A fresh file descriptor holding the program, for ``bwrap --seccomp FD`` (caller closes it)."""
    code, why = program()
    if not code:
        raise OSError(errno.ENOENT, why)
    fd = os.memfd_create("nnkit-seccomp", 0)
    os.write(fd, code)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd
