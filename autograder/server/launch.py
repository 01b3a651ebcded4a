"""``python -m autograder serve | worker | submit``: what the command line starts.

``serve`` migrates the database, creates the first instructor account (printing a one-time login
link), then runs gunicorn and one grading worker until stopped (a worker that dies is started
again; it queues again what it was grading). ``worker`` is a Huey consumer on any machine with the
kit. ``submit`` hands in a file with a student's token and prints the feedback when it is graded.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from autograder.core.errors import UserError
from autograder.runtime.spec import Msg


def setup(var: str | None = None) -> None:
    if var:
        os.environ["NNKIT_VAR"] = str(Path(var).resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autograder.server.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def instructor_link(base: str, username: str = "instructor", always: bool = False) -> str | None:
    """Creates the first instructor (a superuser) and returns a one-time login link for them;
    None when an instructor exists already (unless ``always``: a new link for ``username``)."""
    from django.contrib.auth.models import User

    from autograder.server.courses.staff import new_code

    user = User.objects.filter(username=username).first()
    if user is None and User.objects.filter(is_superuser=True).exists() and not always:
        return None
    if user is None:
        user = User.objects.create_superuser(username, email="", password=None)
    elif not always:
        return None
    return f"{base}/code/{username}/{new_code(user)}/"


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()


def serve(host: str, port: int, var: str | None, web_workers: int, graders: int, new_link: bool) -> int:
    setup(var)
    migrate()
    base = f"http://{host}:{port}"
    link = instructor_link(base, always=new_link)
    env = dict(os.environ)
    web = [sys.executable, "-m", "gunicorn", "autograder.server.wsgi:application", "--bind", f"{host}:{port}",
           "--workers", str(web_workers), "--graceful-timeout", "10", "--log-level", "warning"]  # fmt: skip
    grader = [sys.executable, "-m", "autograder", "worker"]
    procs = [subprocess.Popen(web, env=env)]
    workers = [subprocess.Popen(grader, env=env) for _ in range(graders)]
    print(Msg(f"nnkit 서버: {base}/", f"nnkit server: {base}/").render(sep="\n"), flush=True)
    if link:
        print(Msg(f"강사 계정의 일회용 로그인 링크: {link}", f"One-time login link for the instructor: {link}").render(sep="\n"), flush=True)  # fmt: skip
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(1))
    try:
        while not stopping:
            if procs[0].poll() is not None:
                break
            for i, w in enumerate(workers):
                if w.poll() is not None:  # a grading worker died: start another (it requeues its job)
                    workers[i] = subprocess.Popen(grader, env=env)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(procs + workers)
    return 0 if stopping or procs[0].returncode in (0, None, -15) else 1


def worker(var: str | None, cache: str | None, scratch: str | None) -> int:
    """A Huey consumer: one grading job at a time, with its own cache and scratch folders if given."""
    if cache:
        os.environ["NNKIT_CACHE"] = str(Path(cache).resolve())
    if scratch:
        Path(scratch).mkdir(parents=True, exist_ok=True)
        os.environ["TMPDIR"] = str(Path(scratch).resolve())
        import tempfile

        tempfile.tempdir = None
    setup(var)
    migrate_if_sqlite()
    from huey.contrib.djhuey import HUEY

    consumer = HUEY.create_consumer(workers=1, worker_type="thread", initial_delay=0.1, max_delay=1.0,
                                    backoff=1.15, periodic=True, check_worker_health=True)  # fmt: skip
    from autograder.sandbox import pool

    # as in a grade batch: the next job's sandboxed worker starts while this one is graded
    with pool.spares(1):
        consumer.run()
    return 0


def migrate_if_sqlite() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        migrate()


# ---- submit ---------------------------------------------------------------------------------


def _multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()  # fmt: skip
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), boundary


def _call(request: urllib.request.Request) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            error = json.loads(exc.read().decode("utf-8"))["error"]
        except (ValueError, KeyError, TypeError):
            error = {"ko": f"서버 오류 {exc.code}", "en": f"server error {exc.code}"}
        raise UserError(error["ko"], error["en"]) from None
    except (urllib.error.URLError, OSError) as exc:
        raise UserError(f"서버에 연결할 수 없습니다: {exc}", f"Cannot reach the server: {exc}") from None


def submit(exercise: str, file: str, server: str, token: str, lang: str, wait: float = 600) -> int:
    path = Path(file)
    if not path.is_file():
        raise UserError(f"파일이 없습니다: {path}", f"File not found: {path}")
    if not token:
        raise UserError("제출 토큰이 필요합니다 (--token 또는 NNKIT_TOKEN).", "A submit token is needed (--token or NNKIT_TOKEN).")  # fmt: skip
    body, boundary = _multipart(path)
    base = server.rstrip("/")
    headers = {"Authorization": f"Token {token}"}
    sent = _call(urllib.request.Request(f"{base}/api/submit/{exercise}/", data=body, method="POST",
                 headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"}))  # fmt: skip
    print(Msg(f"제출 #{sent['id']} 접수: {sent['status']}", f"Submission #{sent['id']} received: {sent['status']}").render(lang, sep="\n"), flush=True)  # fmt: skip
    one = "ko" if lang == "ko" else "en"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        state = _call(urllib.request.Request(f"{base}/api/status/{sent['id']}/?lang={one}", headers=headers))
        if state["status"] == "graded":
            print(state.get("feedback", ""))
            return 0 if state["score"] == state["max_score"] else 1
        time.sleep(1)
    print(Msg("아직 채점 중입니다. 나중에 웹 페이지에서 확인하세요.", "Still grading: see the web page later.").render(lang, sep="\n"))  # fmt: skip
    return 3
