"""What the server keeps: students, each exercise's course rules, extensions, submissions, audit.

A submission's bytes and hash are in its row before the upload is acknowledged; its grading
state (queued, running, graded) and its result are in the same row, so a result is recorded once.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

STATUSES = [("queued", "queued"), ("running", "running"), ("graded", "graded")]
LATE = [("refuse", "refuse"), ("count", "count"), ("feedback", "feedback only")]
COUNTING = [("latest", "latest on time"), ("best", "best")]
#: what a student sees of the hidden cases: before the reveal time (the deadline, and every
#: extension of it, passed) never an expected value; after it, as the policy says
REVEAL = [
    ("", "the exercise's default (exercise.toml reveal_hidden: after_deadline, else verdicts)"),
    ("verdicts", "verdicts and messages without expected values, always"),
    ("after_deadline", "verdicts; expected values once the deadline and all extensions passed"),
    ("points_until_deadline", "only their points until the deadline, then verdicts with expected values"),
]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Student(models.Model):
    """A roster row (the same columns ``grade --roster`` reads) and its account."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student")
    student_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=200, blank=True)
    login = models.CharField(max_length=200, blank=True)
    lms_id = models.CharField(max_length=200, blank=True)
    github = models.CharField(max_length=200, blank=True)
    #: sha256 of the per-student token of ``python -m autograder submit`` (the token is shown once)
    token_sha256 = models.CharField(max_length=64, blank=True, db_index=True)

    def new_token(self) -> str:
        token = secrets.token_urlsafe(24)
        self.token_sha256 = token_hash(token)
        self.save(update_fields=["token_sha256"])
        return token

    def __str__(self) -> str:
        return self.student_id


class LoginCode(models.Model):
    """A one-time login code (hashed like a password); used once, then set a password."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    code_hash = models.CharField(max_length=200)
    created = models.DateTimeField(default=timezone.now)
    used = models.DateTimeField(null=True, blank=True)


class CourseRule(models.Model):
    """One exercise's course rules: deadline, late policy, which submission counts, limits."""

    exercise = models.CharField(max_length=100, unique=True)
    deadline = models.DateTimeField(null=True, blank=True)
    late = models.CharField(max_length=10, choices=LATE, default="feedback")
    counting = models.CharField(max_length=10, choices=COUNTING, default="latest")
    #: one graded submission per this many minutes per student (0: no limit)
    rate_minutes = models.FloatField(default=0)
    max_bytes = models.IntegerField(default=512 * 1024)
    reveal_hidden = models.CharField(max_length=30, choices=REVEAL, default="", blank=True)


class Extension(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE)
    exercise = models.CharField(max_length=100)
    deadline = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "exercise"], name="one_extension")]


class Submission(models.Model):
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="submissions")
    exercise = models.CharField(max_length=100, db_index=True)
    kind = models.CharField(max_length=8)  # ".py" or ".ipynb": the stored file is <module><kind>
    original_name = models.CharField(max_length=200)  # shown only, never used as a path
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.IntegerField()
    uploaded = models.DateTimeField(default=timezone.now, db_index=True)
    late = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=STATUSES, default="queued", db_index=True)
    #: bumped by a regrade; a job carries the attempt it was queued for
    attempt = models.IntegerField(default=1)
    enqueued = models.BooleanField(default=False)
    worker = models.CharField(max_length=200, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    started = models.DateTimeField(null=True, blank=True)
    graded = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    max_score = models.FloatField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    #: the same file graded with hidden cases' expected values in their messages (``reveal=True``),
    #: made on demand once the exercise's policy reveals them; shown only then
    revealed = models.JSONField(null=True, blank=True)
    #: how many results were recorded for this submission (one per attempt)
    recorded = models.IntegerField(default=0)

    class Meta:
        ordering = ["uploaded", "id"]


class Audit(models.Model):
    when = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=50)
    exercise = models.CharField(max_length=100, blank=True)
    detail = models.TextField(blank=True)
