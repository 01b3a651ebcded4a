"""Grading jobs: one path from submission to result, the engine's, as ``grade`` takes it.

A job claims its submission row (status running, this worker, a lease), grades the stored bytes
with ``GradingContext`` and ``grade_submission`` in the chosen sandbox, and records the result
only if the row is still its own: a job run twice, or a worker killed mid-job and the job queued
again, records one result. Jobs lost with a dead worker are queued again when a worker starts
(same machine: the dead process is seen) and every minute (another machine: its lease expired).
"""

from __future__ import annotations

import datetime
import os
import socket
import tempfile
from pathlib import Path

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from autograder.server.courses import suites
from autograder.server.courses.models import Submission


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def context(exercise_id: str, reveal: bool = False):
    """The exercise's grading context, built once per worker process and suite version."""
    return suites.context(exercise_id, reveal)


def lease_seconds(exercise_id: str) -> float:
    limits = suites.exercise(exercise_id).limits
    return limits.load_timeout + limits.submission_timeout + 120


def enqueue(sub: Submission) -> None:
    """Queue a job for ``sub`` once its row is committed (then mark it enqueued)."""
    sub_id, attempt = sub.pk, sub.attempt

    def send() -> None:
        grade_job(sub_id, attempt)
        Submission.objects.filter(pk=sub_id, attempt=attempt).update(enqueued=True)

    transaction.on_commit(send)


def claim(sub_id: int, attempt: int, me: str) -> Submission | None:
    """Takes the row for this job: one conditional UPDATE (no explicit transaction), so two
    workers given the same job cannot both take it; None if it is graded, re-queued or taken."""
    sub = (
        Submission.objects.select_related("student")
        .filter(pk=sub_id, attempt=attempt)
        .exclude(status="graded")
        .first()
    )
    if sub is None:
        return None
    now = timezone.now()
    lease = now + datetime.timedelta(seconds=lease_seconds(sub.exercise))
    free = ~Q(status="running") | Q(worker=me) | Q(lease_until__isnull=True) | Q(lease_until__lte=now)
    taken = (
        Submission.objects.filter(free, pk=sub_id, attempt=attempt)
        .exclude(status="graded")
        .update(status="running", worker=me, started=now, lease_until=lease)
    )
    if not taken:
        return None  # another live worker has it, or it was graded meanwhile
    sub.status, sub.worker, sub.started, sub.lease_until = "running", me, now, lease
    return sub


def grade_bytes(exercise_id: str, student_id: str, kind: str, data: bytes, reveal: bool = False):
    """The engine on one stored file, laid out as ``grade`` reads it: ``<student>/<module><kind>``."""
    from autograder.discover.submissions import load_submission
    from autograder.engine.grade import grade_submission

    ctx = context(exercise_id, reveal)
    exercise = ctx.exercise
    with tempfile.TemporaryDirectory(prefix="nnkit-serve-") as tmp:
        folder = Path(tmp) / "student"
        folder.mkdir()
        (folder / f"{exercise.module}{kind}").write_bytes(data)
        return grade_submission(ctx, load_submission(student_id, folder, exercise))


def record(sub_id: int, attempt: int, me: str, result) -> bool:
    """Records the result if the row is still this job's: one conditional UPDATE."""
    return bool(
        Submission.objects.filter(pk=sub_id, attempt=attempt, status="running", worker=me).update(
            status="graded",
            graded=timezone.now(),
            score=result.score,
            max_score=result.max_score,
            result=result.to_json(),
            revealed=None,  # made again from this result's file and suite when it is shown
            recorded=F("recorded") + 1,
        )
    )


def run_job(sub_id: int, attempt: int) -> bool:
    me = worker_name()
    sub = claim(sub_id, attempt, me)
    if sub is None:
        return False
    result = grade_bytes(sub.exercise, sub.student.student_id, sub.kind, bytes(sub.data), reveal=False)
    return record(sub_id, attempt, me, result)


@db_task(retries=0)
def grade_job(sub_id: int, attempt: int) -> bool:
    return run_job(sub_id, attempt)


def reveal(sub_id: int, attempt: int) -> bool:
    """The graded file graded again with hidden cases' expected values in the messages
    (``reveal=True``, as ``grade --reveal-hidden``), stored beside the result; the score stays the
    recorded one. Only the policy's pages show it (``rules.hidden_view``)."""
    sub = (
        Submission.objects.select_related("student")
        .filter(pk=sub_id, attempt=attempt, status="graded", revealed__isnull=True)
        .first()
    )
    if sub is None:
        return False
    result = grade_bytes(sub.exercise, sub.student.student_id, sub.kind, bytes(sub.data), reveal=True)
    done = Submission.objects.filter(pk=sub_id, attempt=attempt, status="graded", revealed__isnull=True)
    return bool(done.update(revealed=result.to_json()))


@db_task(retries=0, priority=10)  # a student is looking at the page: ahead of new submissions
def reveal_job(sub_id: int, attempt: int) -> bool:
    return reveal(sub_id, attempt)


def request_reveal(sub: Submission) -> None:
    """Queue ``reveal_job`` for a graded submission shown with expected values, once per attempt
    (per ten minutes: a job lost with its worker is asked for again at the next view)."""
    from django.core.cache import cache

    if cache.add(f"reveal:{sub.pk}:{sub.attempt}", 1, 600):
        reveal_job(sub.pk, sub.attempt)


def _alive_here(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's: its lease decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def requeue_lost() -> int:
    """Queue again the jobs of dead workers, and rows whose job never reached the queue."""
    now = timezone.now()
    again = []
    with transaction.atomic():
        for sub in Submission.objects.select_for_update().filter(status="running"):
            expired = sub.lease_until is None or sub.lease_until < now
            if expired or not _alive_here(sub.worker):
                sub.status, sub.worker = "queued", ""
                sub.save(update_fields=["status", "worker"])
                again.append(sub)
        stale = now - datetime.timedelta(seconds=30)
        again += list(Submission.objects.filter(status="queued", enqueued=False, uploaded__lt=stale))
    for sub in again:
        grade_job(sub.pk, sub.attempt)
        Submission.objects.filter(pk=sub.pk, attempt=sub.attempt).update(enqueued=True)
    return len(again)


@on_startup()
def _sweep_on_start() -> None:
    from django.db import close_old_connections

    close_old_connections()
    requeue_lost()
    close_old_connections()


@db_periodic_task(crontab(minute="*"), priority=100)  # ahead of a backlog of jobs
def sweep() -> int:
    return requeue_lost()
