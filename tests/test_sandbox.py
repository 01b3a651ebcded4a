"""Choosing the sandbox: bubblewrap when a trial run works, else the fallback, said plainly once."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus
import pytest

from autograder.core.errors import UserError
from autograder.core.paths import ROOT
from autograder.exercises import all_exercises
from autograder.sandbox import confine as sandbox
from autograder.sandbox.pool import data_dir, runtime_dir, worker_env


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def test_fallback_is_announced_once_and_recorded_in_the_metadata(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    for name in ("kim", "lee", "park"):
        shutil.copy(corpus.HOSTILE / "passes_all.py", subs / f"{name}.py")
    done = run_cli(
        "grade", "loss_functions", str(subs), "--out", str(tmp_path / "out"), "--quiet",
        env={"NNKIT_SANDBOX": "rlimit", "NNKIT_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Not using the bubblewrap sandbox (NNKIT_SANDBOX=rlimit)") == 1
    assert done.stderr.count("bubblewrap 샌드박스를 쓰지 않습니다") == 1
    meta = json.loads((tmp_path / "out" / "gradebook.meta.json").read_text(encoding="utf-8"))
    assert meta["sandbox"] == "rlimit"
    assert meta["sandbox_fallback_reason"] == "NNKIT_SANDBOX=rlimit"
    if os.geteuid() == 0:  # a uid of its own per worker: the kit's secrets are out of its reach
        assert (
            "it cannot read the kit's folder (.git, examples, the reference solution"
            in meta["sandbox_notice"]["en"]
        )
        assert "It can still read this computer's world-readable files" in meta["sandbox_notice"]["en"]
        assert (
            "키트 폴더(.git, examples, 모범 답안, 숨은 테스트)와 정답 캐시는 읽지 못하고"
            in meta["sandbox_notice"]["ko"]
        )
        assert meta["sandbox_confinement"]["uid"].startswith("a uid of its own per worker")
        assert "network connections (no network namespace)" in meta["sandbox_confinement"]["not_contained"]
    else:
        assert "reference solution included" in meta["sandbox_notice"]["en"]
        assert "모범 답안 포함" in meta["sandbox_notice"]["ko"]
    assert meta["sandbox_confinement"]["seccomp"] == "none (the fallback does not filter system calls)"


def test_unknown_sandbox_name_is_a_bilingual_user_error(tmp_path):
    done = run_cli("check", "loss_functions", env={"NNKIT_SANDBOX": "docker"})
    assert done.returncode == 2
    assert "NNKIT_SANDBOX=docker: must be one of auto, bwrap, rlimit." in done.stderr
    assert "auto, bwrap, rlimit 중 하나여야 합니다" in done.stderr


def test_missing_bwrap_means_the_fallback_with_its_reason(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert sandbox.bwrap_works.__wrapped__() == ("", "bwrap is not installed")
    monkeypatch.setattr(sandbox, "bwrap_works", lambda: ("", "bwrap is not installed"))
    chosen = sandbox.choose("auto")
    assert (chosen.name, chosen.reason) == ("rlimit", "bwrap is not installed")
    assert "bwrap is not installed" in chosen.notice.en
    with pytest.raises(UserError) as info:
        sandbox.choose("bwrap")
    assert "bwrap is not installed" in info.value.msg.en


def test_bwrap_that_cannot_run_means_the_fallback(monkeypatch, tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    exe, reason = sandbox.bwrap_works.__wrapped__()
    assert exe == ""
    assert reason == "bwrap does not work here: bwrap: No permissions to create new namespace"


def test_bubblewrap_is_used_where_it_works():
    if not shutil.which("bwrap"):
        pytest.skip("bwrap is not installed")
    exe, reason = sandbox.bwrap_works()
    if os.environ.get("NNKIT_REQUIRE_BWRAP"):
        assert exe, reason
    if exe:
        assert sandbox.choose("auto").name == "bwrap"
        assert sandbox.choose("auto").notice is None


def test_bwrap_makes_readable_parents_for_a_kit_under_tmp(tmp_path):
    """bwrap creates missing parents as 0700, which a worker's own uid cannot enter; a kit
    checked out under /tmp (as a CI clone may be) needs every parent made 0755 by us."""
    from autograder.exercises import Limits
    from autograder.sandbox.confine import Bubblewrap

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    data = "/tmp/some-ci-clone/checkout/data"
    args = Bubblewrap(bwrap="bwrap").wrap(["python"], str(scratch), "/tmp/nnkit-runtime-x", data, Limits())
    bind = args.index(data, args.index("--ro-bind"))
    for parent in ("/tmp/some-ci-clone", "/tmp/some-ci-clone/checkout"):
        made = [i for i in range(len(args) - 1) if args[i] == "--dir" and args[i + 1] == parent]
        assert made and made[0] < bind and args[made[0] - 2 : made[0]] == ["--perms", "0755"], parent


def test_bubblewrap_works_when_the_venv_is_a_symlink_to_a_folder_elsewhere(tmp_path):
    """A ``.venv`` linked to a folder outside the kit: the worker must be started by a path that
    exists inside the sandbox (the link's own path is not bound there)."""
    if not sandbox.bwrap_works()[0]:
        pytest.skip(f"no bubblewrap: {sandbox.bwrap_works()[1]}")
    link = tmp_path / "venv-link"
    link.symlink_to(sys.prefix, target_is_directory=True)
    python = link / "bin" / os.path.basename(sys.executable)
    reference = all_exercises()["loss_functions"].reference_path
    done = subprocess.run(
        [str(python), "-m", "autograder", "check", "loss_functions", str(reference)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NNKIT_SANDBOX": "bwrap", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1.3 softmax_large_inputs  (1/1)" in done.stdout


# ---- per-submission caps, scratch files, seccomp, the worker's own uid -------------------------

from autograder.exercises import Limits  # noqa: E402
from autograder.sandbox import cgroups, seccomp  # noqa: E402

V1_CGROUP = "9:name=systemd:/\n8:pids:/\n4:memory:/grader/abc\n0::/\n"
V1_MOUNTS = (
    "30 25 0:26 / /sys/fs/cgroup/memory rw,relatime shared:5 - cgroup cgroup rw,memory\n"
    "31 25 0:27 / /sys/fs/cgroup/pids rw,relatime shared:6 - cgroup cgroup rw,pids\n"
    "32 25 0:28 / /sys/fs/cgroup/unified rw,relatime shared:7 - cgroup2 cgroup2 rw\n"
    "33 25 0:29 / /tmp rw,relatime - tmpfs tmpfs rw\n"
)


def test_cgroup_paths_are_read_from_proc_self_cgroup_and_mountinfo():
    own = cgroups._own_groups(V1_CGROUP)
    assert own["memory"] == "/grader/abc" and own["pids"] == "/" and own[""] == "/"
    mounts = cgroups._mounts(V1_MOUNTS)
    assert [(m[0], m[2]) for m in mounts] == [
        ("cgroup", "/sys/fs/cgroup/memory"),
        ("cgroup", "/sys/fs/cgroup/pids"),
        ("cgroup2", "/sys/fs/cgroup/unified"),
    ]  # the tmpfs is not a cgroup mount
    assert "memory" in mounts[0][3] and "pids" not in mounts[0][3]
    assert cgroups._inside("/", "/sys/fs/cgroup/memory", "/grader/abc") == "/sys/fs/cgroup/memory/grader/abc"
    # a mount of a sub-tree (a container's view): the group is found relative to its root
    assert cgroups._inside("/docker/x", "/sys/fs/cgroup", "/docker/x/w") == "/sys/fs/cgroup/w"
    assert cgroups._inside("/docker/x", "/sys/fs/cgroup", "/elsewhere") is None
    assert cgroups._inside("/docker/x", "/sys/fs/cgroup", "/docker/xy") is None


def test_cgroups_can_be_switched_off_and_say_why(monkeypatch):
    monkeypatch.setenv("NNKIT_CGROUPS", "off")
    assert cgroups.hierarchy.__wrapped__() == (None, "NNKIT_CGROUPS=off")
    monkeypatch.delenv("NNKIT_CGROUPS")
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert cgroups.hierarchy.__wrapped__() == (None, "the grader is not root")


def needs_cgroups() -> cgroups.Hierarchy:
    found, why = cgroups.hierarchy()
    if found is None:
        pytest.skip(f"no cgroups here: {why}")
    return found


def run_in(group: cgroups.Group, code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], preexec_fn=group.join, capture_output=True, text=True, timeout=120
    )


#: Six children of 100 MiB each, holding it all at once: each says so on ``ready`` once its
#: memory is touched, and waits for ``go`` to close (or is killed first, closing its ends).
CHILDREN_OF_100MB = """
import os
ready_r, ready_w = os.pipe()
go_r, go_w = os.pipe()
children = []
for _ in range(6):
    pid = os.fork()
    if pid == 0:
        os.close(ready_r); os.close(go_w)
        block = bytearray(100 * 2**20)
        block[::4096] = b"\\1" * len(range(0, len(block), 4096))
        os.write(ready_w, b"1"); os.close(ready_w)
        os.read(go_r, 1)
        os._exit(0)
    children.append(pid)
os.close(ready_w); os.close(go_r)
while os.read(ready_r, 6):  # end of file: every child is ready or dead
    pass
os.close(go_w)
print(sorted(os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in children))
"""


def test_a_cgroup_caps_memory_of_all_processes_together_and_tells():
    group = cgroups.Group(needs_cgroups(), "wtest-memory", 256 * 2**20, 64)
    try:
        done = run_in(group, CHILDREN_OF_100MB)  # 600 MiB in six processes of 100 MiB each
        assert done.returncode == 0, done.stderr
        assert "-9" in done.stdout  # some children were killed for memory
        assert group.exceeded() == ["memory", "memory_pressure"]
        assert group.exceeded() == []  # counted once
    finally:
        group.close()
    assert not os.path.exists(group.memory)


def test_a_cgroup_within_its_caps_reports_nothing():
    group = cgroups.Group(needs_cgroups(), "wtest-fits", 1024 * 2**20, 64)
    try:
        done = run_in(group, CHILDREN_OF_100MB)
        assert done.stdout.strip() == "[0, 0, 0, 0, 0, 0]"
        assert group.exceeded() == []
    finally:
        group.close()


def test_a_cgroup_caps_processes_and_tells():
    group = cgroups.Group(needs_cgroups(), "wtest-pids", 2**30, 5)
    try:
        done = run_in(  # each child waits for the parent to end (its pipe to close), not for a time
            group,
            "import os\nr, w = os.pipe()\nfor _ in range(10):\n    if os.fork() == 0:\n"
            "        os.close(w); os.read(r, 1); os._exit(0)\n",
        )
        assert "BlockingIOError" in done.stderr
        assert group.exceeded() == ["processes"]
    finally:
        group.close()


LEAVES_A_STRANGER = """
import os, sys
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execve("/bin/sh", ["sh", "-c", "exec >/dev/null 2>&1; sleep 60"], {})  # no tag to find it by
    os._exit(0)
os.wait()
"""


def test_kill_all_ends_a_double_forked_child_that_dropped_its_environment():
    group = cgroups.Group(needs_cgroups(), "wtest-kill", 2**30, 64)
    try:
        run_in(group, LEAVES_A_STRANGER)
        left = group.procs()
        assert left  # the grandchild (and its sleep), in a session of its own
        group.kill_all()
        assert group.procs() == []
    finally:
        group.close()
    assert not os.path.exists(group.pids)


def test_kill_uid_ends_every_process_of_that_uid_and_no_other():
    if os.geteuid() != 0:
        pytest.skip("needs root")
    uid = sandbox._FIRST_UID + 4000
    # the kit's Python may be out of that uid's reach (a 0700 home): a plain program stands in
    stranger = subprocess.Popen(
        ["sleep", "60"], user=uid, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    mine = subprocess.Popen(["sleep", "30"])  # the grader's own: untouched
    try:
        sandbox.kill_uid(uid)
        assert stranger.wait(timeout=60) == -9  # the event itself: it ended, by SIGKILL
        assert mine.poll() is None
    finally:
        for proc in (stranger, mine):
            proc.kill()
            proc.wait()


def test_the_scratch_tmpfs_caps_the_number_of_files(tmp_path):
    works, why = sandbox.scratch_mount_works()
    if not works:
        pytest.skip(why)
    limits = Limits(scratch_mb=4)
    assert sandbox.file_cap(limits) == 512
    folder = tmp_path / "fs"
    folder.mkdir()
    code = (
        "import os, sys\nn = 0\ntry:\n    while n < 100000:\n"
        "        open(os.path.join(sys.argv[1], f'f{n}'), 'w').close(); n += 1\n"
        "except OSError as exc:\n    print(n, exc.errno)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder / "scratch")],
        preexec_fn=lambda: sandbox.mount_scratch(str(folder), limits, None),
        capture_output=True,
        text=True,
        timeout=120,
    )
    count, errno_ = map(int, done.stdout.split())
    assert errno_ == 28  # ENOSPC: reported to the student as "disk"
    assert 500 <= count <= 512 + 16
    assert list(folder.iterdir()) == []  # the mount was the child's alone


def test_the_seccomp_program_is_built_or_its_absence_explained(monkeypatch):
    code, what = seccomp.program()
    if code:
        assert len(code) % 8 == 0 and "system calls and new namespaces denied" in what
    monkeypatch.setattr(seccomp, "_INTERPRETERS", ("/nonexistent/python3",))
    code, why = seccomp.program.__wrapped__()
    assert code == b"" and "python3-seccomp" in why
    monkeypatch.setenv("NNKIT_SECCOMP", "off")
    assert seccomp.program.__wrapped__() == (b"", "NNKIT_SECCOMP=off")


def test_bubblewrap_loads_the_seccomp_filter_and_it_denies_what_it_lists(tmp_path):
    if not sandbox.bwrap_works()[0]:
        pytest.skip(f"no bubblewrap: {sandbox.bwrap_works()[1]}")
    box = sandbox.choose("bwrap")
    if not box.filters:
        pytest.skip(box.confinement["seccomp"])
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    group = box.start_group(Limits(), 4001, str(scratch))
    probe = (
        "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "print(libc.unshare(0x10000000), ctypes.get_errno())\n"
        "print(libc.ptrace(16, os.getppid(), 0, 0), ctypes.get_errno())\n"
        "print(libc.mount(b'none', b'/tmp', b'tmpfs', 0, None), ctypes.get_errno())\n"
        "print(libc.setsid(), ctypes.get_errno())\n"
        "print(libc.setpgid(0, 0), ctypes.get_errno())\n"
        "import numpy\nprint('numpy works', numpy.linalg.inv(numpy.eye(3) * 2).sum())\n"
        "print(os.fork() and 'fork works')\n"
    )
    try:
        args = box.wrap([sandbox.interpreter(), "-I", "-c", probe], str(scratch), str(scratch), str(ROOT / "data"),
                        Limits(), group=group)  # fmt: skip
        done = subprocess.run(args, capture_output=True, text=True, timeout=60, pass_fds=group.pass_fds,
                              preexec_fn=box.preexec(Limits(), group))  # fmt: skip
    finally:
        group.close()
    assert done.stdout.split("\n")[:5] == ["-1 1"] * 5, done.stderr  # EPERM, each
    assert "numpy works 1.5" in done.stdout
    assert "fork works" in done.stdout
    plain = box.wrap([sandbox.interpreter(), "-I", "-c", probe], str(scratch), str(scratch), str(ROOT / "data"),
                     Limits())  # fmt: skip
    unfiltered = subprocess.run(plain, capture_output=True, text=True, timeout=60)
    assert unfiltered.stdout.split("\n")[0] == "0 0", unfiltered.stderr  # the filter is what refused it


def test_the_cache_is_made_private_and_the_kits_secrets_unreadable(monkeypatch, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only a root grader gives workers a uid of their own")
    shared = tempfile.mkdtemp()  # world-reachable, unlike pytest's own 0700 folders
    try:
        os.chmod(shared, 0o755)
        cache = os.path.join(shared, "cache")
        os.mkdir(cache, 0o755)
        monkeypatch.setenv("NNKIT_CACHE", cache)
        assert sandbox.reachable_by_others(cache)
        assert sandbox.protect_private() == ()
        assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
        for path in sandbox.private_paths():
            assert not sandbox.reachable_by_others(str(path)), path
        assert ROOT in sandbox.private_paths()  # the kit's folder as a whole: .git, examples/ too
        if ROOT.stat().st_uid == os.geteuid():
            assert not sandbox.reachable_by_others(str(ROOT / ".git"))
            assert not sandbox.reachable_by_others(str(ROOT / "examples"))
        assert sandbox.reachable_by_others(os.path.join(data_dir(), "SHA256SUMS"))  # what workers need
    finally:
        shutil.rmtree(shared)


def test_the_fallback_started_by_root_confines_each_worker_to_a_uid_of_its_own():
    box = sandbox.choose("rlimit")
    uid = box.worker_uid(7)
    if os.geteuid() != 0:
        assert uid is None and box.confine(Limits(), uid) == {"nproc": None, "uid": None}
        return
    assert uid is not None and uid != box.worker_uid(8)
    rules = box.confine(Limits(processes=9), uid)
    assert (rules["nproc"], rules["uid"]) == (9, uid)
    assert rules["keep"] == sandbox.unreachable_python_roots()


def test_a_cgroup_gives_all_its_processes_one_cpu_and_keeps_children_that_leave_the_session():
    found = needs_cgroups()
    if not found.cpu:
        pytest.skip(found.cpu_missing)
    group = cgroups.Group(found, "wtest-cpu", 2**30, 64)
    try:
        assert group.cpu_quota() == (cgroups.CPU_QUOTA_US, cgroups.CPU_PERIOD_US) == (100_000, 100_000)
        done = run_in(group, LEAVES_A_STRANGER)  # a grandchild in a session of its own
        assert done.returncode == 0, done.stderr
        with open(os.path.join(group.cpu, "cgroup.procs")) as f:
            in_cpu_group = {int(p) for p in f.read().split()}
        assert in_cpu_group and in_cpu_group == set(group.procs())  # setsid() left no one outside
    finally:
        group.close()
    assert not os.path.exists(group.cpu)


def test_a_v1_hierarchy_without_a_cpu_controller_says_there_is_no_cpu_quota(tmp_path):
    for name in ("memory", "pids"):
        (tmp_path / name).mkdir()
    mounts = cgroups._mounts(
        f"30 25 0:26 / {tmp_path}/memory rw - cgroup cgroup rw,memory\n"
        f"31 25 0:27 / {tmp_path}/pids rw - cgroup cgroup rw,pids\n"
    )
    found = cgroups._make_v1(mounts, cgroups._own_groups("8:pids:/\n4:memory:/\n"), "nnkit-test")
    assert (found.cpu, found.cpu_missing) == ("", "no cgroup v1 cpu hierarchy for the grader")
    assert found.description == (
        "cgroup v1 (memory, pids; no CPU quota: no cgroup v1 cpu hierarchy for the grader)"
    )
    assert found.folders == (str(tmp_path / "memory" / "nnkit-test"), str(tmp_path / "pids" / "nnkit-test"))
    (tmp_path / "cpu").mkdir()
    mounts += cgroups._mounts(f"32 25 0:28 / {tmp_path}/cpu rw - cgroup cgroup rw,cpu,cpuacct\n")
    own = cgroups._own_groups("8:pids:/\n4:memory:/\n2:cpu,cpuacct:/\n")
    found = cgroups._make_v1(mounts, own, "nnkit-test")
    assert found.cpu == str(tmp_path / "cpu" / "nnkit-test") and os.path.isdir(found.cpu)
    assert found.description == "cgroup v1 (memory, pids, cpu: one CPU per submission)"


def test_a_workers_environment_and_files_lead_nowhere_into_the_kit(tmp_path):
    env = worker_env(str(tmp_path), "tag-1")
    assert not [k for k, v in env.items() if str(ROOT) in v]
    data = data_dir()
    assert not data.startswith(str(ROOT)) and env["NNKIT_DATA"] == data
    kit_data = sorted(
        p.name for p in (ROOT / "data").iterdir() if p.suffix == ".npz" or p.name == "SHA256SUMS"
    )
    # beside them only the arrays the grader unpacked from those files (``nnkit_data.unpack``)
    unpacked = re.compile(r"(?P<stem>[a-z0-9_]+)\.[0-9a-f]{16}\.[xt]\.npy")
    listed = sorted(os.listdir(data))
    assert [n for n in listed if not unpacked.fullmatch(n)] == kit_data
    assert all(f"{unpacked.fullmatch(n)['stem']}.npz" in kit_data for n in listed if unpacked.fullmatch(n))
    for name in kit_data:
        with open(os.path.join(data, name), "rb") as f:
            assert (ROOT / "data" / name).read_bytes() == f.read()
    assert not runtime_dir().startswith(str(ROOT))


def needs_root_and_a_plain_python() -> str:
    if os.geteuid() != 0:
        pytest.skip("needs root")
    for python in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.path.isfile(python):
            return python
    pytest.skip("no system Python that another uid can run")


def as_worker(uid: int) -> dict:
    """``subprocess`` arguments for a process with a worker's identity: its uid, no groups."""
    return {"user": uid, "group": uid, "extra_groups": []}


KEPT_HANDLE_PROBE = """
import os, sys
fd = sys.argv[1]
print(sorted(os.listdir(f"/proc/self/fd/{fd}")))
for path in ("..", "../examples/answer.py", "../../kit/examples/answer.py"):
    try:
        with open(f"/proc/self/fd/{fd}/" + path) as f:
            print(path, f.read())
    except OSError as exc:
        print(path, type(exc).__name__)
"""


def test_a_kept_folder_handle_cannot_be_walked_up_into_a_closed_kit():
    """What the fallback's worker keeps open (its Python's folder, see ``worker.confine``) leads
    nowhere up once the kit's folder is closed to others."""
    python = needs_root_and_a_plain_python()
    shared = tempfile.mkdtemp()
    try:
        os.chmod(shared, 0o755)
        kit = os.path.join(shared, "kit")
        os.makedirs(os.path.join(kit, ".venv", "lib"))
        os.makedirs(os.path.join(kit, "examples"))
        with open(os.path.join(kit, "examples", "answer.py"), "w") as f:
            f.write("full marks")
        os.chmod(kit, 0o750)  # what protect_private does to the kit's folder
        fd = os.open(os.path.join(kit, ".venv"), os.O_RDONLY | os.O_DIRECTORY)
        try:
            done = subprocess.run([python, "-I", "-c", KEPT_HANDLE_PROBE, str(fd)], pass_fds=(fd,),
                                  **as_worker(sandbox._FIRST_UID + 4002), capture_output=True, text=True,
                                  timeout=60)  # fmt: skip
        finally:
            os.close(fd)
    finally:
        shutil.rmtree(shared)
    assert done.stdout.splitlines() == [
        "['lib']",
        ".. PermissionError",
        "../examples/answer.py PermissionError",
        "../../kit/examples/answer.py PermissionError",
    ], done.stderr


LEAVES_FILES = """
import ctypes, os, sys
mark = sys.argv[1]
for folder in ("/tmp", "/var/tmp", "/dev/shm"):
    open(os.path.join(folder, mark + "-file"), "w").close()
    os.makedirs(os.path.join(folder, mark + "-dir", "inner"))
    open(os.path.join(folder, mark + "-dir", "inner", "f"), "w").close()
    os.symlink(sys.argv[2], os.path.join(folder, mark + "-link"))
libc = ctypes.CDLL(None, use_errno=True)
key = int(sys.argv[3])
print(libc.shmget(key, 4096, 0o1666) >= 0, libc.semget(key, 1, 0o1666) >= 0, libc.msgget(key, 0o1666) >= 0)
"""


def test_what_a_workers_uid_leaves_in_tmp_shm_and_sysv_ipc_is_removed_by_owner(tmp_path):
    python = needs_root_and_a_plain_python()
    uid, key = sandbox._FIRST_UID + 4003, 0x6E6E6B7F
    mark = f"nnkit-test-leftover-{os.getpid()}"
    target = tmp_path / "the graders file"
    target.write_text("kept")
    done = subprocess.run([python, "-I", "-c", LEAVES_FILES, mark, str(target), str(key)], **as_worker(uid),
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.stdout.split() == ["True"] * 3, done.stderr

    def left() -> list[str]:
        found = [str(p) for folder in ("/tmp", "/var/tmp", "/dev/shm") for p in Path(folder).glob(mark + "*")]
        for kind in ("shm", "sem", "msg"):
            lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]
            found += [kind for line in lines if line.split()[0] == str(key)]
        return found

    assert len(left()) == 3 * 3 + 3
    removed = sandbox.remove_owned(uid)
    assert left() == []
    assert len(removed) == 3 * 3 + 3
    assert target.read_text() == "kept"  # a link is removed, never followed


def test_what_the_fallback_cannot_contain_is_said(monkeypatch):
    box = sandbox.choose("rlimit")
    gaps = box.uncontained()
    for said in ("network connections", "world-readable files", "other processes", "system calls"):
        assert any(said in gap for gap in gaps), said
    assert box.confinement["not_contained"] == "; ".join(gaps)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)  # not root: no uid of its own
    gaps = box.uncontained()
    assert any("the kit, the reference solution" in gap for gap in gaps)
    assert "reference solution included" in box.notice.en and "모범 답안 포함" in box.notice.ko


def test_the_graders_cpu_group_weighs_as_much_as_its_workers_together():
    """All worker groups sit in one folder of the grader's: weighed as one process, a busy
    machine would give every worker together what each had alone before."""
    found = needs_cgroups()
    if not found.cpu:
        pytest.skip(found.cpu_missing)
    name, one, _ = cgroups._WEIGHT[found.version]

    def weight() -> int:
        with open(os.path.join(found.cpu, name)) as f:
            return int(f.read().split()[0])

    before = weight()
    groups = [cgroups.Group(found, f"wtest-weight{i}", 2**30, 64) for i in range(3)]
    try:
        assert weight() == before + 3 * one or weight() == 3 * one
    finally:
        for group in groups:
            group.close()
    assert weight() == before


DIES_WITH_ITS_PARENT = """
import os, subprocess, sys
from autograder.sandbox.confine import _die_with_parent

parent = os.getpid()
child = subprocess.Popen(["sleep", "60"], preexec_fn=lambda: _die_with_parent(parent))
print(child.pid, flush=True)
os._exit(0)  # the grader dies without ending its worker
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_ends_with_the_grader_that_started_it_and_never_starts_without_it():
    import psutil

    started = subprocess.run(
        [sys.executable, "-c", DIES_WITH_ITS_PARENT], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    pid = int(started.stdout.split()[0])

    def running() -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE  # killed, not yet reaped
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 10
    while running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running()
    # a grader already gone when the child runs: the child ends before it executes anything
    orphan = subprocess.Popen(["sleep", "60"], preexec_fn=lambda: sandbox._die_with_parent(-1))
    assert orphan.wait(timeout=10) == 1
