"""Nothing lost: an interrupted batch resumes to the same gradebook; changed files are regraded.

``grade`` is run as a real process and interrupted with SIGINT (Ctrl-C) or SIGKILL once a few
results are on disk; running it again must produce the gradebook of an uninterrupted run and
must not regrade the submissions already finished.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import corpus
import pytest

from autograder.batch.folder import grade_folder
from autograder.core.errors import UserError
from autograder.core.paths import ROOT
from autograder.discover.submissions import discover
from autograder.exercises import get_exercise
from autograder.sandbox.confine import bwrap_works

pytestmark = pytest.mark.slow

CLASS_SIZE = 10


def make_class(folder: Path) -> None:
    """Ten ordinary submissions, some full marks, some not."""
    folder.mkdir(parents=True)
    sources = [
        corpus.HOSTILE / "passes_all.py",
        corpus.EXAMPLES / "lee_seoyeon.py",
        corpus.EXAMPLES / "park jiho" / "loss_functions.py",
        corpus.EXAMPLES / "han_crashes_at_import.py",
        corpus.HOSTILE / "exits_in_call.py",
    ]
    for n in range(CLASS_SIZE):
        shutil.copy(sources[n % len(sources)], folder / f"학생 {n:02d}.py")


def grade(subs: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "autograder", "grade", "loss_functions", str(subs), "--out", str(out)]
    command += ["--jobs", "1", "--quiet", *extra]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def wait_for_no_workers(tag: str) -> list[int]:
    """Processes of a dead grader's workers once they have ended (the kernel needs a moment to
    deliver their signals): psutil waits for each to exit, at most 10 s in all, looking again
    after each wait (a worker's child seen only then is waited for too)."""
    import psutil

    deadline = time.monotonic() + 10
    while (left := deadline - time.monotonic()) > 0:
        procs = []
        for pid in corpus.workers_tagged(tag):
            try:
                procs.append(psutil.Process(pid))
            except psutil.NoSuchProcess:
                pass
        if not procs:
            break
        psutil.wait_procs(procs, timeout=left)
    return corpus.workers_tagged(tag)


def wait_for_progress(proc: subprocess.Popen, done: int) -> None:
    """Block until the progress bar on ``proc``'s stderr says ``done`` submissions are finished
    (a result is written before the bar moves), or the process ends."""
    seen = b""
    fd = proc.stderr.fileno()
    while True:
        chunk = os.read(fd, 4096)  # blocks until the grader writes: an event, not a poll
        if not chunk:
            return
        seen = (seen + chunk)[-4096:]
        counts = [int(m) for m in re.findall(rb"(\d+)/%d" % CLASS_SIZE, seen)]
        if counts and max(counts) >= done:
            return


def finished(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """Result files on disk: name -> (inode, mtime, content). A rewrite changes the inode."""
    folder = out / "results"
    if not folder.is_dir():
        return {}
    found = {}
    for p in folder.glob("*.json"):
        st = p.stat()
        found[p.name] = (st.st_ino, st.st_mtime_ns, p.read_bytes())
    return found


@pytest.fixture(scope="module")
def cls(tmp_path_factory):
    base = tmp_path_factory.mktemp("resume")
    os.environ.setdefault("NNKIT_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    make_class(base / "submissions")
    done = grade(base / "submissions", base / "uninterrupted")
    assert done.returncode == 0, done.stderr
    return base


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_batch_resumes_to_the_same_gradebook(cls, sig):
    subs, out = cls / "submissions", cls / f"interrupted-{sig.name}"
    command = [sys.executable, "-m", "autograder", "grade", "loss_functions", str(subs), "--out", str(out)]
    command += ["--jobs", "1"]  # the progress bar on stderr tells the test when results are written
    tag = f"resume-{sig.name}-{os.getpid()}"
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "NNKIT_GRADER_TAG": tag},
    )
    try:
        wait_for_progress(proc, 2)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    expected_code = 130 if sig == signal.SIGINT else -signal.SIGKILL
    assert proc.returncode == expected_code, stderr.decode(errors="replace")
    if bwrap_works()[0]:  # the worker's process tree dies with the grader, however it died
        assert wait_for_no_workers(tag) == []
    before = finished(out)
    assert 2 <= len(before) < CLASS_SIZE  # it really stopped half-way
    assert not (out / "gradebook.csv").exists()
    if sig == signal.SIGINT:
        assert "Interrupted. Run again to resume." in stderr.decode()

    again = grade(subs, out)
    assert again.returncode == 0, again.stderr
    assert (out / "gradebook.csv").read_bytes() == (cls / "uninterrupted" / "gradebook.csv").read_bytes()
    after = finished(out)
    assert len(after) == CLASS_SIZE
    for name, state in before.items():
        assert after[name] == state, f"{name} was graded again"


def test_force_regrades_everything(cls):
    out = cls / "forced"
    shutil.copytree(cls / "uninterrupted", out)
    before = finished(out)
    done = grade(cls / "submissions", out, "--force")
    assert done.returncode == 0, done.stderr
    after = finished(out)
    assert all(after[name][0] != before[name][0] for name in before)
    assert (out / "gradebook.csv").read_bytes() == (cls / "uninterrupted" / "gradebook.csv").read_bytes()


def test_changed_submission_is_detected_and_regraded(tmp_path):
    os.environ.setdefault("NNKIT_CACHE", str(tmp_path / "cache"))
    exercise = get_exercise("loss_functions")
    subs = tmp_path / "submissions"
    subs.mkdir()
    shutil.copy(corpus.HOSTILE / "passes_all.py", subs / "kim.py")
    shutil.copy(corpus.HOSTILE / "passes_all.py", subs / "lee.py")
    first = {
        r.student: r.score for r in grade_folder(exercise, subs, tmp_path / "out", jobs=1, progress=False)
    }
    full = sum(c.points for c in exercise.cases(hidden=True))
    assert first == {"kim": full, "lee": full}
    before = finished(tmp_path / "out")
    shutil.copy(corpus.EXAMPLES / "park jiho" / "loss_functions.py", subs / "kim.py")
    second = {
        r.student: r.score for r in grade_folder(exercise, subs, tmp_path / "out", jobs=1, progress=False)
    }
    assert second == {"kim": 16, "lee": full}  # park jiho (the sample class): 1.2 and 1.3 in part
    after = finished(tmp_path / "out")
    assert after["lee.json"] == before["lee.json"]
    assert after["kim.json"][0] != before["kim.json"][0]
    assert f"kim,16,{full:g}" in (tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8")


def test_duplicate_student_id_names_both_files(tmp_path):
    shutil.copy(corpus.HOSTILE / "passes_all.py", tmp_path / "kim.py")
    shutil.copy(corpus.HOSTILE / "notebook_shell_escapes.ipynb", tmp_path / "kim.ipynb")
    with pytest.raises(UserError) as info:
        discover(tmp_path, get_exercise("loss_functions"))
    assert "kim.ipynb" in info.value.msg.en and "kim.py" in info.value.msg.en
    assert "kim.ipynb" in info.value.msg.ko and "kim.py" in info.value.msg.ko


def test_a_submissions_result_is_written_after_its_other_files_and_alone_durably(tmp_path, monkeypatch):
    """A batch resumes from the results it finds: a result on disk must mean its feedback and
    Gradescope files are there, and only the result is worth an fsync of its own."""
    from autograder.report import gradebook

    ex = get_exercise("loss_functions")
    sub = discover(make_one(tmp_path), ex)[0]
    from autograder.engine.context import GradingContext
    from autograder.engine.grade import grade_submission

    result = grade_submission(GradingContext.build(ex, hidden=True, jobs=1), sub)
    written = []
    real = gradebook.write_atomic
    monkeypatch.setattr(
        gradebook,
        "write_atomic",
        lambda path, text, durable=True: (
            written.append((path.parent.name, durable)),
            real(path, text, durable=durable),
        ),
    )
    gradebook.write_submission(tmp_path / "out", ex, result)
    assert written[-1] == ("results", True)
    assert all(not durable for _, durable in written[:-1]) and {"gradescope", "feedback"} <= {
        d for d, _ in written
    }
    assert (tmp_path / "out" / "feedback").is_dir() and len(
        list((tmp_path / "out" / "results").iterdir())
    ) == 1


def make_one(base: Path) -> Path:
    folder = base / "one"
    folder.mkdir()
    shutil.copy(corpus.EXAMPLES / "lee_seoyeon.py", folder / "lee_seoyeon.py")
    return folder
