"""Choosing the sandbox: bubblewrap when a trial run works, else the fallback, said plainly once."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

import corpus
import pytest

from autograder.core.errors import UserError
from autograder.core.paths import ROOT
from autograder.exercises import all_exercises
from autograder.sandbox import confine as sandbox


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
        assert "it cannot read the reference solution" in meta["sandbox_notice"]["en"]
        assert "모범 답안, 숨은 테스트, 정답 캐시는 읽지 못하지만" in meta["sandbox_notice"]["ko"]
        assert meta["sandbox_confinement"]["uid"].startswith("a uid of its own per worker")
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


CHILDREN_OF_100MB = """
import os, time
children = []
for _ in range(6):
    pid = os.fork()
    if pid == 0:
        block = bytearray(100 * 2**20)
        block[::4096] = b"\\1" * len(range(0, len(block), 4096))
        time.sleep(0.3)
        os._exit(0)
    children.append(pid)
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
        done = run_in(
            group,
            "import os, time\nfor _ in range(10):\n    if os.fork() == 0:\n        time.sleep(1); os._exit(0)\n",
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
    # the kit's Python may be out of that uid's reach (a 0700 home): the shell leaves the stranger
    stranger = subprocess.run(
        ["/bin/sh", "-c", "sleep 60 </dev/null >/dev/null 2>&1 &"], user=uid, timeout=60
    )
    assert stranger.returncode == 0

    def of_uid() -> list[int]:
        """That uid's processes still running (a zombie is dead, waiting for its parent to reap it)."""
        found = []
        for entry in os.listdir("/proc"):
            try:
                if entry.isdigit() and os.stat(f"/proc/{entry}").st_uid == uid:
                    with open(f"/proc/{entry}/stat") as f:
                        if f.read().rpartition(")")[2].split()[0] != "Z":
                            found.append(int(entry))
            except OSError:
                pass
        return found

    assert of_uid()
    mine = subprocess.Popen(["sleep", "30"])  # the grader's own: untouched
    try:
        sandbox.kill_uid(uid)
        for _ in range(100):
            if not of_uid():
                break
            time.sleep(0.01)
        assert of_uid() == []
        assert mine.poll() is None
    finally:
        mine.kill()
        mine.wait()


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
        "print(os.fork() and 'fork works')\n"
    )
    try:
        args = box.wrap([sandbox.interpreter(), "-I", "-c", probe], str(scratch), str(scratch), str(ROOT / "data"),
                        Limits(), group=group)  # fmt: skip
        done = subprocess.run(args, capture_output=True, text=True, timeout=60, pass_fds=group.pass_fds,
                              preexec_fn=box.preexec(Limits(), group))  # fmt: skip
    finally:
        group.close()
    assert done.stdout.split("\n")[:3] == ["-1 1", "-1 1", "-1 1"], done.stderr  # EPERM, each
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
        assert sandbox.reachable_by_others(str(ROOT / "data" / "SHA256SUMS"))  # what workers need
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
