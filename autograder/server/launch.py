"""``python -m autograder serve | worker | submit``: what the command line starts.

``serve`` migrates the database, creates the first instructor account (printing a one-time login
link), then runs gunicorn and one grading worker until stopped (a worker that dies is started
again; it queues again what it was grading). ``worker`` is a Huey consumer on any machine with the
kit. ``submit``, the students' client, is :mod:`autograder.student.submit` (the bundle ships it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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
