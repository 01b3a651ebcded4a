"""Scale-out for real: a private PostgreSQL cluster (Debian's, started here as a non-root user),
the web server and two grading workers with their own cache and scratch folders, 100 submissions
through the submit API, one worker killed mid-job: every submission graded exactly once, and the
gradebook equal to ``grade`` on the same files."""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from autograder.core.paths import ROOT

EX = "dict_homework"
N = 100
VARIANTS = [
    (ROOT / "solutions" / EX / f"{EX}.py").read_bytes(),
    (ROOT / "assignments" / EX / f"{EX}.py").read_bytes(),
    (ROOT / "examples" / EX / "yoon_split_space.py").read_bytes(),
    (ROOT / "examples" / EX / "kwon_no_import.py").read_bytes(),
    (ROOT / "examples" / EX / "박서준.py").read_bytes(),
]


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not _pg_bin("initdb") or not _pg_bin("pg_ctl"), reason="PostgreSQL is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as nobody."""
    return (
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd] if os.getuid() == 0 else cmd
    )


@pytest.fixture
def postgres():
    # not under pytest's tmp_path: its parent is private to root, and the cluster runs as nobody
    home = Path(tempfile.mkdtemp(prefix="nnkit-pg-"))
    if os.getuid() == 0:
        shutil.chown(home, "nobody", "nogroup")
    port = _free_port()
    data, log = home / "data", home / "log"
    subprocess.run(_as_postgres_user([_pg_bin("initdb"), "-D", str(data), "-U", "nnkit", "--auth=trust",
                                      "-E", "UTF8", "--no-instructions"]), check=True, capture_output=True)  # fmt: skip
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {home} -c fsync=off -c max_connections=60"
    subprocess.run(_as_postgres_user([_pg_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w",
                                      "start"]), check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql://nnkit@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres_user([_pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)  # fmt: skip
        shutil.rmtree(home, ignore_errors=True)


SETUP = """
import json, sys
from autograder.server.launch import setup, migrate
setup(sys.argv[1]); migrate()
from autograder.server.courses.staff import import_roster
from autograder.server.courses.models import Student
from pathlib import Path
import_roster(Path(sys.argv[2]))
print(json.dumps({s.student_id: s.new_token() for s in Student.objects.all()}))
"""

EXPORT = """
import sys
from pathlib import Path
from autograder.server.launch import setup
setup(sys.argv[1])
from autograder.server.courses import exports
Path(sys.argv[2], "served.csv").write_bytes(exports.class_file("dict_homework", "gradebook.csv"))
Path(sys.argv[2], "served.zip").write_bytes(exports.submissions_zip("dict_homework"))
"""


def _submit(base: str, token: str, data: bytes) -> dict:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="mine.py"\r\n\r\n'.encode()
            + data + f"\r\n--{boundary}--\r\n".encode())  # fmt: skip
    request = urllib.request.Request(f"{base}/api/submit/{EX}/", data=body, method="POST", headers={
        "Authorization": f"Token {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def _rows(dsn: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(dsn) as conn:
        return conn.execute("select id, status, worker, recorded, score from courses_submission").fetchall()


def test_two_workers_on_postgresql_one_killed_mid_job(postgres, tmp_path):
    from autograder.batch.folder import grade_folder
    from autograder.exercises import get_exercise
    from autograder.intake.download import read_roster
    from autograder.report.lms import GradebookOptions

    var = tmp_path / "var"
    env = {**os.environ, "NNKIT_DATABASE_URL": postgres, "NNKIT_QUEUE_URL": postgres, "NNKIT_VAR": str(var)}
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student_id,name\n" + "".join(f"s{i:03d},학생 {i}\n" for i in range(N)), encoding="utf-8"
    )
    made = subprocess.run([sys.executable, "-c", SETUP, str(var), str(roster)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)  # fmt: skip
    tokens = json.loads(made.stdout.strip().splitlines()[-1])
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    logs = (tmp_path / "procs.log").open("w")
    procs = []

    def start(cmd: list[str]) -> subprocess.Popen:
        p = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True, stdout=logs, stderr=logs)
        procs.append(p)
        return p

    def worker(k: int) -> subprocess.Popen:
        return start([sys.executable, "-m", "autograder", "worker", "--var", str(var),
                      "--cache", str(tmp_path / f"cache{k}"), "--scratch", str(tmp_path / f"scratch{k}")])  # fmt: skip

    try:
        start(
            [
                sys.executable,
                "-m",
                "autograder",
                "serve",
                "--graders",
                "0",
                "--port",
                str(port),
                "--var",
                str(var),
            ]
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/healthz/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        for i in range(N):
            sent = _submit(base, tokens[f"s{i:03d}"], VARIANTS[i % len(VARIANTS)])
            assert sent["new"] and sent["status"] == "queued"
        first, _second = worker(1), worker(2)
        victim = f":{first.pid}"
        end = time.monotonic() + 600
        while time.monotonic() < end and not any(
            r[1] == "running" and r[2].endswith(victim) for r in _rows(postgres)
        ):
            time.sleep(0.2)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        killed = [r[0] for r in _rows(postgres) if r[1] == "running" and r[2].endswith(victim)]
        assert killed, "the first worker was never seen mid-job"
        end = time.monotonic() + 1500
        while time.monotonic() < end and not all(r[1] == "graded" for r in _rows(postgres)):
            time.sleep(2)
        rows = _rows(postgres)
        assert len(rows) == N
        assert all(r[1] == "graded" and r[3] == 1 for r in rows), [
            r for r in rows if r[1] != "graded" or r[3] != 1
        ]
        subprocess.run([sys.executable, "-c", EXPORT, str(var), str(tmp_path)], env=env, cwd=ROOT, check=True)
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
    out = tmp_path / "out"
    grade_folder(get_exercise(EX), tmp_path / "served.zip", out, jobs=2, progress=False,
                 options=GradebookOptions(roster=read_roster(roster)))  # fmt: skip
    assert (tmp_path / "served.csv").read_text(encoding="utf-8") == (out / "gradebook.csv").read_text(
        encoding="utf-8"
    )
