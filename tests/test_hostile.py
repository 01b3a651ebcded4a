"""The hostile corpus graded in one batch with normal submissions, with and without bubblewrap.

Each submission's exact outcome is asserted: the score it honestly earns, per task, its
status, and the message that tells the student (or the TA) why. Around the batch: no process
is left running, nothing outside the scratch folders changes, the gradebook holds exactly one
row per submission, and normal submissions score what they score alone.

Set ``NNKIT_REQUIRE_BWRAP=1`` (``.ci/run`` does) to make a missing bubblewrap a failure.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import corpus
import pytest

from autograder.batch.folder import grade_folder
from autograder.core.paths import ROOT
from autograder.sandbox import cgroups
from autograder.sandbox.confine import (
    SHARED_DIRS,
    bwrap_works,
    choose,
    reachable_by_others,
    unreachable_python_roots,
)
from autograder.sandbox.pool import GRADER_TAG

pytestmark = pytest.mark.slow

#: loss_functions' task maxima (1.1, 1.2, 1.3) and full marks
FULL = (12, 17, 14)
TOTAL = sum(FULL)

#: student -> (score, (1.1, 1.2, 1.3), status, texts that must appear in what the student sees)
EXPECTED = {
    # normal submissions graded in the same batch
    "passes_all": (TOTAL, FULL, "ok", []),
    "lee_seoyeon": (TOTAL, FULL, "ok", []),
    "park jiho": (16, (0, 9, 7), "ok", ["result is 0.0195, expected 0.0975"]),
    "김 민준 (재제출)": (TOTAL, FULL, "ok", []),
    "이 서연": (TOTAL, FULL, "ok", []),
    "symlinked_helper": (TOTAL, FULL, "ok", []),
    "uses_helper": (TOTAL, FULL, "ok", []),
    # time
    "infinite_loop_at_import": (0, (0, 0, 0), "limit:load_timeout", ["took longer than 6 s"]),
    # the first case that runs out of time ends its task: the rest is "not run" (issues 17, 20)
    "infinite_loop_in_function": (
        29,
        (12, 17, 0),
        "limit:case_timeout",
        ["ran longer than 2 s in test softmax_lecture", "2초 넘게", "Not run: the task timed out"],
    ),
    "sleeps_past_limit": (
        28,
        (12, 2, 14),
        "limit:case_timeout",
        ["ran longer than 2 s in test cee_one_label", "Not run: the task timed out"],
    ),
    # memory, processes, files, output
    "memory_bomb": (
        31,
        (0, 17, 14),
        "limit:memory",
        ["more than 768 MiB of memory in test mse_lecture[correct_guess]", "768 MiB보다"],
    ),
    "fork_bomb_at_import": (0, (0, 0, 0), "limit:load_timeout", ["took longer than 6 s"]),
    "fork_bomb_in_call": (
        29,
        (12, 17, 0),
        "limit:processes",
        ["more than 32 processes or threads at once in test softmax_lecture", "32개보다"],
    ),
    "leaves_child_running": (TOTAL, FULL, "ok", ["left running: child"]),
    "writes_huge_file": (31, (0, 17, 14), "limit:file_size", ["larger than 8 MiB in test mse_lecture"]),
    "fills_disk": (31, (0, 17, 14), "limit:disk", ["more than 32 MiB of files in all in test mse_lecture"]),
    "creates_many_files": (
        40,
        (9, 17, 14),
        "limit:disk",
        ["more than 32 MiB of files in all in test mse_lecture[correct_guess]"],
    ),
    # the submission as a whole: six processes each under the per-process cap, too much together
    "six_children_each_under_the_memory_cap": (
        40,
        (9, 17, 14),
        "limit:memory",
        ["more than 768 MiB of memory in test mse_lecture[correct_guess]", "768 MiB보다"],
    ),
    "setsid_double_fork_stays_behind": (TOTAL, FULL, "ok", []),
    "spins_children_in_sessions_of_their_own": (TOTAL, FULL, "ok", []),
    "leaves_files_in_shared_places": (TOTAL, FULL, "ok", ["SysV objects made: 3"]),
    "prints_megabytes": (TOTAL, FULL, "limit:output", ["printed 5000001 bytes; only the first 16 KiB"]),
    # ending the process
    "exits_at_import": (TOTAL, FULL, "load_error", ["SystemExit"]),
    "keyboard_interrupt_at_import": (TOTAL, FULL, "load_error", ["KeyboardInterrupt"]),
    "os_exit_at_import": (
        0,
        (0, 0, 0),
        "load_error",
        ["The process ended while loading your file (exit status 0)"],
    ),
    "exits_in_call": (14, (0, 0, 14), "ok", ["Raised SystemExit: 0", "Raised KeyboardInterrupt"]),
    "os_exit_in_call": (29, (12, 17, 0), "ok", ["Your code ended the process (exit status 0)"]),
    # cheats: zero
    "patches_numpy": (0, (0, 0, 0), "ok", ["result is 0, expected 0.0975"]),
    "lying_objects": (
        0,
        (0, 0, 0),
        "ok",
        ["expected a single number, got Liar object", "result is nan", "array of 80000000 bytes (too large)"],
    ),
    "prints_fake_results": (0, (0, 0, 0), "ok", ["Not attempted yet", "intruder,31,31"]),
    "forges_results": (0, (0, 0, 0), "ok", ["interfered with the grader's channel", "result is 1, expected"]),
    "reads_reference": (
        0,
        (0, 0, 0),
        "ok",
        ["cannot read solution: FileNotFoundError", "cannot import solutions"],
    ),
    "writes_outside_scratch": (
        TOTAL,
        FULL,
        "ok",
        ["delete data/SHA256SUMS: OSError", "create kit/planted.txt: PermissionError"],
    ),
    "opens_network": (TOTAL, FULL, "ok", ["network: [Errno 101] Network is unreachable"]),
    "reads_expected_cache": (0, (0, 0, 0), "ok", []),
    "reads_the_kit_by_every_way_in": (12, (12, 0, 0), "ok", ["found no way into the kit"]),
    # the kernel: seccomp (bubblewrap), the worker's own uid (root)
    "unshare_user_namespace": (TOTAL, FULL, "ok", ["unshare(CLONE_NEWUSER): Operation not permitted"]),
    "ptrace_parent": (
        TOTAL,
        FULL,
        "ok",
        ["ptrace parent: Operation not permitted", "parent memory: PermissionError"],
    ),
    "signals_grader": (TOTAL, FULL, "ok", ["signal parent: PermissionError", "signal init: PermissionError"]),
    # files that cannot be graded
    "notebook_shell_escapes": (TOTAL, FULL, "load_error", ["!rm -rf ~", "%%bash", "get_ipython"]),
    "not_utf8": (0, (0, 0, 0), "unreadable", ["not a UTF-8 text file"]),
    "empty": (0, (0, 0, 0), "unreadable", ["the file is empty"]),
    "fifty_megabytes": (0, (0, 0, 0), "unreadable", ["file too large (50 MB > 5 MB)"]),
    "symlink_to_reference": (0, (0, 0, 0), "unreadable", ["symbolic links are not followed"]),
    "symlinked_file": (0, (0, 0, 0), "unreadable", ["symbolic links are not followed"]),
}

#: What the rlimit fallback cannot contain, as it happens without bubblewrap: stated, not hidden.
FALLBACK_ESCAPES = {
    "opens_network": (TOTAL, FULL, "ok", ["network:"]),  # reached or not depends on this machine
    "unshare_user_namespace": (TOTAL, FULL, "ok", ["unshare(CLONE_NEWUSER):"]),  # no seccomp filter
    "creates_many_files": (TOTAL, FULL, "ok", []),  # its scratch is a folder on disk: no file cap
}
#: ... and what only a root grader contains there (each worker under a uid of its own).
FALLBACK_ESCAPES_NOT_ROOT = {
    "reads_the_kit_by_every_way_in": (TOTAL, FULL, "ok", ["took the kit's examples/"]),  # /proc/<ppid>/cwd
    "signals_grader": (TOTAL, FULL, "ok", ["signal parent: allowed"]),
}
#: A second outcome that is as right as the first: with one CPU for the whole submission, six
#: children filling memory are slowed enough that the case can reach its time limit before the
#: memory cap kills it (on a busy machine, always); the time rule then ends task 1.1, and only
#: task 1.1 is lost either way, the other tasks full.
ALSO_RIGHT = {
    "six_children_each_under_the_memory_cap": [
        (31.0, (0.0, 17.0, 14.0), "limit:case_timeout+memory"),
        (31.0, (0.0, 17.0, 14.0), "limit:case_timeout"),
    ]
}
#: Without a writable cgroup hierarchy (not root, or none here) memory is capped per process only.
NO_CGROUP_ESCAPES = {"six_children_each_under_the_memory_cap": (40, (9, 17, 14), "ok", [])}


def tree_digest(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (symlinks not followed) with a digest of its content."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if "__pycache__" in path.parts:
            continue  # the grader's own imports may add these
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


def kit_state() -> dict:
    return {
        name: tree_digest(ROOT / name) for name in ("data", "solutions", "assignments", "autograder/suites")
    } | {"top": sorted(p.name for p in ROOT.iterdir())}


#: What ``leaves_files_in_shared_places`` marks its files and SysV objects with.
LEFTOVER_MARK, LEFTOVER_KEY = "nnkit-hostile-leftover", 0x6E6E6B01


def shared_leftovers() -> list[str]:
    """Files and SysV IPC objects the corpus left where every uid may write."""
    found = [str(p) for folder in SHARED_DIRS for p in Path(folder).glob(f"{LEFTOVER_MARK}*")]
    for kind in ("shm", "sem", "msg"):
        with open(f"/proc/sysvipc/{kind}") as f:
            found += [
                f"{kind}: {line}"
                for line in f.read().splitlines()[1:]
                if line.split()[0] == str(LEFTOVER_KEY)
            ]
    return found


def leftovers() -> list[int]:
    """Processes still carrying this grader's worker tag in their environment, or named as a
    fixture's leftover in their command line (``setsid_double_fork_stays_behind``: no tag)."""
    return corpus.workers_tagged(GRADER_TAG) + corpus.processes_named("nnkit-hostile-stays-behind")


def seen_by_student(r) -> str:
    parts = [r.output, *(w.en for w in r.warnings), *(w.ko for w in r.warnings)]
    parts += [r.problem.en, r.problem.ko] if r.problem else []
    parts += [f"{e['type']}: {e['message']}" for e in r.load_errors]
    for c in r.cases:
        parts += [c.message.en, c.message.ko]
    from autograder.report.feedback import feedback_markdown

    parts.append(feedback_markdown(corpus.exercise(), r))
    return "\n".join(parts)


@pytest.fixture(scope="module", params=["bwrap", "rlimit"])
def graded(request, tmp_path_factory):
    mode = request.param
    if mode == "bwrap" and not bwrap_works()[0]:
        if os.environ.get("NNKIT_REQUIRE_BWRAP"):
            pytest.fail(f"bubblewrap is required here but does not work: {bwrap_works()[1]}")
        pytest.skip(f"no bubblewrap: {bwrap_works()[1]}")
    base = tmp_path_factory.mktemp(f"corpus-{mode}")
    os.environ.setdefault("NNKIT_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    students = corpus.build(base / "submissions", mode)
    home_plant = Path("/root/planted.txt")
    planted_before = home_plant.exists()
    before = kit_state(), tree_digest(base / "submissions")
    start = time.monotonic()
    results = grade_folder(
        corpus.exercise(), base / "submissions", base / "out", jobs=2, progress=False, sandbox=choose(mode)
    )
    seconds = time.monotonic() - start
    print(f"\n{mode}: {len(results)} submissions graded in {seconds:.1f} s")
    after = kit_state(), tree_digest(base / "submissions")
    return {
        "mode": mode,
        "students": students,
        "results": {r.student: r for r in results},
        "out": base / "out",
        "unchanged": before == after,
        "home_planted": home_plant.exists() and not planted_before,
        "leftovers": leftovers(),
        "shared_leftovers": shared_leftovers(),
        "kit_open_to_others": reachable_by_others(str(ROOT)),
    }


def expected_for(graded) -> dict:
    table = dict(EXPECTED)
    box = choose(graded["mode"])
    if cgroups.hierarchy()[0] is None:
        table.update(NO_CGROUP_ESCAPES)
    if not box.scratch_files:
        table["creates_many_files"] = FALLBACK_ESCAPES["creates_many_files"]
    if not box.filters:
        table["unshare_user_namespace"] = FALLBACK_ESCAPES["unshare_user_namespace"]
    else:  # the filter refuses a session of its own: Popen(start_new_session=True) fails at import
        table["leaves_child_running"] = (TOTAL, FULL, "load_error", ["PermissionError"])
    if graded["mode"] != "bwrap":
        table.update(FALLBACK_ESCAPES)
        if not box.own_uid:
            table.update(FALLBACK_ESCAPES_NOT_ROOT)
        elif unreachable_python_roots():  # a Python under a 0700 home: its uid cannot start another
            table["leaves_child_running"] = (TOTAL, FULL, "load_error", ["PermissionError"])
        table = {k: v for k, v in table.items() if k in graded["students"]}
    elif not box.own_uid:  # bubblewrap's user namespace: the parent it sees is its own
        table["signals_grader"] = (TOTAL, FULL, "ok", ["signal parent:"])
    return table


def test_every_submission_gets_exactly_one_row(graded):
    assert sorted(graded["results"]) == sorted(expected_for(graded))
    with open(graded["out"] / "gradebook.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["student", "score", "max_score"]
    assert sorted(r[0] for r in rows[1:]) == sorted(graded["students"])


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_exact_outcome(graded, student):
    table = expected_for(graded)
    if student in corpus.NEEDS_BWRAP and student not in table:
        pytest.skip(f"{student}: only bubblewrap contains it (the fallback would change this machine)")
    if student not in table:
        pytest.skip(f"{student}: the fallback contains it only with a uid of its own (a root grader)")
    score, tasks, status, texts = table[student]
    r = graded["results"][student]
    got = (r.score, tuple(r.tasks[t][0] for t in ("1.1", "1.2", "1.3")), r.status)
    if got in ALSO_RIGHT.get(student, ()):
        texts = ()  # the other honest outcome: its message names the time limit, not the memory cap
    else:
        assert got == (score, tasks, status)
    assert r.max_score == TOTAL
    seen = seen_by_student(r)
    for text in texts:
        assert text in seen
    assert len(r.output.encode()) <= corpus.LIMITS.output_kb * 1024 + 3


def test_gradebook_scores_match_results(graded):
    with open(graded["out"] / "gradebook.csv", encoding="utf-8", newline="") as f:
        rows = {r[0]: r for r in list(csv.reader(f))[1:]}
    for student, r in graded["results"].items():
        assert rows[student][1] == f"{r.score:g}"


def test_no_process_left_running(graded):
    assert graded["leftovers"] == []


def test_nothing_left_in_tmp_shm_or_sysv_ipc(graded):
    assert graded["shared_leftovers"] == []


def test_the_kit_is_closed_to_workers_under_a_uid_of_their_own(graded):
    box = choose(graded["mode"])
    assert graded["kit_open_to_others"] == (not box.own_uid)  # a root grader closes it; else it cannot
    meta = json.loads((graded["out"] / "gradebook.meta.json").read_text(encoding="utf-8"))
    assert meta["sandbox_confinement"]["not_contained"] == ("; ".join(box.uncontained()) or "nothing known")
    if graded["mode"] == "rlimit" and box.own_uid:
        assert "it cannot read the kit's folder (.git, examples" in meta["sandbox_notice"]["en"]
        assert "키트 폴더(.git, examples, 모범 답안, 숨은 테스트)와" in meta["sandbox_notice"]["ko"]


def test_nothing_outside_scratch_changed(graded):
    assert graded["unchanged"]
    assert not graded["home_planted"]
    out = graded["out"]
    assert sorted(p.name for p in out.iterdir()) == [
        ".nnkit.lock",  # held while a run writes OUT (core.files.output_lock)
        "feedback",
        "gradebook.csv",
        "gradebook.meta.json",
        "gradescope",
        "intake.csv",
        "report.html",
        "results",
        "summary.png",
    ]
    assert len(list((out / "results").iterdir())) == len(graded["students"])


def test_metadata_names_the_sandbox(graded):
    meta = json.loads((graded["out"] / "gradebook.meta.json").read_text(encoding="utf-8"))
    assert meta["sandbox"] == graded["mode"]
    if graded["mode"] == "rlimit":
        assert meta["sandbox_fallback_reason"] == "NNKIT_SANDBOX=rlimit"
        assert "only by process and resource limits" in meta["sandbox_notice"]["en"]
    else:
        assert meta["sandbox_notice"] is None


@pytest.mark.parametrize("mode", ["bwrap", "rlimit"])
def test_cpu_limit_is_reported_in_the_students_terms(mode, tmp_path):
    if mode == "bwrap" and not bwrap_works()[0]:
        pytest.skip(f"no bubblewrap: {bwrap_works()[1]}")
    os.environ.setdefault("NNKIT_CACHE", str(tmp_path / "cache"))
    from autograder.exercises import Limits

    ex = dataclasses.replace(corpus.exercise(), limits=Limits(load_timeout=30, cpu_seconds=1))
    subs = tmp_path / "submissions"
    subs.mkdir()
    shutil.copy(corpus.HOSTILE / "infinite_loop_at_import.py", subs / "spins.py")
    shutil.copy(corpus.HOSTILE / "passes_all.py", subs / "fine.py")
    results = {
        r.student: r
        for r in grade_folder(ex, subs, tmp_path / "out", jobs=2, progress=False, sandbox=choose(mode))
    }
    assert results["fine"].score == TOTAL
    spins = results["spins"]
    assert (spins.score, spins.status) == (0, "limit:cpu")
    assert {c.status for c in spins.cases} == {"limit"}
    assert "Your code used more than 1 s of CPU time while loading your file." in spins.cases[0].message.en
    assert "CPU 시간을 1초 넘게" in spins.cases[0].message.ko


#: An honest neighbour that needs CPU: correct, and each call first computes for a while.
BUSY_NEIGHBOUR = (
    (corpus.HOSTILE / "passes_all.py").read_text(encoding="utf-8")
    + """

_work = [mean_squared_error, cross_entropy_error, softmax]


def _busy(f):
    def wrapped(*args):
        total = 0
        for i in range(400_000):
            total += i * i
        return f(*args)
    return wrapped


mean_squared_error, cross_entropy_error, softmax = (_busy(f) for f in _work)
"""
)


@pytest.mark.parametrize("mode", ["bwrap", "rlimit"])
def test_children_in_sessions_of_their_own_take_no_case_from_a_neighbour(mode, tmp_path):
    """Children that leave the worker's session (each a scheduling group of its own under
    autogroup) and spin get one CPU among them all: the busy neighbour graded beside them
    loses no case. Its time is printed beside the spinner's (``-s`` shows it)."""
    if mode == "bwrap" and not bwrap_works()[0]:
        pytest.skip(f"no bubblewrap: {bwrap_works()[1]}")
    os.environ.setdefault("NNKIT_CACHE", str(tmp_path / "cache"))
    ex = dataclasses.replace(corpus.exercise(), limits=dataclasses.replace(corpus.LIMITS, case_timeout=10))
    subs = tmp_path / "submissions"
    subs.mkdir()
    spinner = (corpus.HOSTILE / "spins_children_in_sessions_of_their_own.py").read_text(encoding="utf-8")
    (subs / "a_spinner.py").write_text(spinner.replace("PAUSE = 0.05", "PAUSE = 0.3"), encoding="utf-8")
    (subs / "b_neighbour.py").write_text(BUSY_NEIGHBOUR, encoding="utf-8")
    results = {
        r.student: r
        for r in grade_folder(ex, subs, tmp_path / "out", jobs=2, progress=False, sandbox=choose(mode))
    }
    neighbour, spins = results["b_neighbour"], results["a_spinner"]
    print(f"\n{mode}: neighbour {neighbour.seconds:.1f} s beside the spinner ({spins.seconds:.1f} s)")
    assert (neighbour.score, neighbour.status) == (TOTAL, "ok")
    assert {c.status for c in neighbour.cases} == {"passed"}
    assert (spins.score, spins.status) == (TOTAL, "ok")
    assert leftovers() == []
