"""``make bench-serve``: the submission server under a class's load, on this machine.

Starts ``python -m autograder serve`` (SQLite database and queue under a temporary ``var/``, one
grading worker), makes ``--students`` accounts, and has each student submit one to three
different files (the reference, the stub, known mistakes) at seeded random times within
``--window`` seconds, through the submit API. It then prints, from the server's own records:

- upload-to-graded time (the moment the upload was stored to the moment its result was recorded;
  the student's page shows it at its next poll, within a second) at p50, p95 and max;
- the worker's throughput (submissions per second from the first start to the last result; bound
  by the arrivals when the worker keeps up) and its capacity (submissions per second of its own
  grading time, claim to record), against ``grade`` on the same files with ``--jobs 1``;
- nothing lost: every upload stored, graded, and recorded exactly once.

A benchmark prints figures; nothing here asserts a time. Usage::

    python scripts/bench_serve.py [--students 200] [--window 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EX = "dict_homework"
SETUP = """
import json, sys
from pathlib import Path
from autograder.server.launch import setup, migrate
setup(sys.argv[1]); migrate()
from autograder.server.courses.staff import import_roster
from autograder.server.courses.models import Student
import_roster(Path(sys.argv[2]))
print(json.dumps({s.student_id: s.new_token() for s in Student.objects.all()}))
"""


def variants() -> list[bytes]:
    """The reference, the stub, and the reference with each known mistake's definitions after it."""
    reference = (ROOT / "solutions" / EX / f"{EX}.py").read_bytes()
    texts = [reference, (ROOT / "assignments" / EX / f"{EX}.py").read_bytes()]
    for mistake in sorted((ROOT / "autograder" / "suites" / EX / "mistakes").glob("*.py")):
        texts.append(reference + b"\n\n" + mistake.read_bytes())
    return texts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def submit(base: str, token: str, data: bytes) -> dict:
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="mine.py"\r\n\r\n'.encode()
            + data + f"\r\n--{boundary}--\r\n".encode())  # fmt: skip
    request = urllib.request.Request(f"{base}/api/submit/{EX}/", data=body, method="POST", headers={
        "Authorization": f"Token {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read())


def plan(students: list[str], window: float, seed: int, files: int) -> list[tuple[float, str, int]]:
    """(second, student, file index): each student 1-3 different files at random times."""
    rng = random.Random(seed)
    events = []
    for sid in students:
        for k in rng.sample(range(files), rng.randint(1, 3)):
            events.append((rng.uniform(0, window), sid, k))
    return sorted(events)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def when(text: str) -> float:
    return datetime.datetime.fromisoformat(text).timestamp()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=200)
    ap.add_argument("--window", type=float, default=300.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nnkit-bench-serve-"))
    var = work / "var"
    env = {**os.environ, "NNKIT_VAR": str(var)}
    env.pop("NNKIT_DATABASE_URL", None), env.pop("NNKIT_QUEUE_URL", None)
    ids = [f"b{i:03d}" for i in range(args.students)]
    roster = work / "roster.csv"
    roster.write_text("student_id\n" + "".join(f"{s}\n" for s in ids), encoding="utf-8")
    made = subprocess.run([sys.executable, "-c", SETUP, str(var), str(roster)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)  # fmt: skip
    tokens = json.loads(made.stdout.strip().splitlines()[-1])
    files = variants()
    events = plan(ids, args.window, args.seed, len(files))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (work / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "autograder", "serve", "--port", str(port), "--var", str(var),
                               "--graders", "1"], env=env, cwd=ROOT, stdout=log, stderr=log,
                              start_new_session=True)  # fmt: skip
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{base}/healthz/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        # the worker's first job builds the exercise's reference outputs: warm it as a TA would
        warm = submit(base, tokens[ids[0]], b"# warm-up\n" + files[0])
        db = sqlite3.connect(var / "db.sqlite3", timeout=30)
        while (
            db.execute("select status from courses_submission where id=?", (warm["id"],)).fetchone()[0]
            != "graded"
        ):
            time.sleep(0.5)
        sent, failures = [], []
        start = time.monotonic()

        def send(sid: str, k: int) -> None:
            try:
                sent.append(submit(base, tokens[sid], files[k])["id"])
            except OSError as exc:
                failures.append(f"{sid}: {exc}")

        threads = []
        for second, sid, k in events:
            time.sleep(max(0.0, second - (time.monotonic() - start)))
            t = threading.Thread(target=send, args=(sid, k))
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        wanted = set(sent)
        while True:
            rows = db.execute(
                "select id, status, uploaded, started, graded, recorded from courses_submission"
            ).fetchall()
            mine = [r for r in rows if r[0] in wanted]
            if all(r[1] == "graded" for r in mine):
                break
            time.sleep(1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    latency = [when(r[4]) - when(r[2]) for r in mine]
    busy = max(when(r[4]) for r in mine) - min(when(r[3]) for r in mine)
    serve_rate = len(mine) / busy
    # the worker's capacity: jobs per second of its own time (the window's arrivals bound serve_rate)
    capacity = len(mine) / sum(when(r[4]) - when(r[3]) for r in mine)
    folder = work / "class"
    for sid, k in {(sid, k) for _, sid, k in events}:
        (folder / f"{sid}_{k}").mkdir(parents=True)
        (folder / f"{sid}_{k}" / f"{EX}.py").write_bytes(files[k])
    from autograder.batch.folder import grade_folder
    from autograder.exercises import get_exercise

    t0 = time.monotonic()
    grade_folder(get_exercise(EX), folder, work / "out", jobs=1, progress=False)
    grade_rate = len(events) / (time.monotonic() - t0)
    print(
        f"students {args.students}, submissions {len(events)} in {args.window:g} s, one worker, {os.cpu_count()} cores"
    )
    print(f"stored {len(mine)} of {len(events)} uploads ({len(failures)} refused or failed); "
          f"graded {sum(r[1] == 'graded' for r in mine)}; recorded once: {all(r[5] == 1 for r in mine)}")  # fmt: skip
    print(f"upload -> graded: p50 {percentile(latency, 50):.1f} s, p95 {percentile(latency, 95):.1f} s, "
          f"max {max(latency):.1f} s")  # fmt: skip
    print(f"throughput: serve {serve_rate:.2f}/s, grade --jobs 1 {grade_rate:.2f}/s "
          f"({serve_rate / grade_rate:.0%} of grade)")  # fmt: skip
    print(
        f"worker capacity (jobs per second of grading time): {capacity:.2f}/s ({capacity / grade_rate:.0%} of grade)"
    )
    for f in failures[:5]:
        print("  failed:", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
