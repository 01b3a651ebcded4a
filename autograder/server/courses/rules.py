"""The course rules: deadlines and extensions, what an upload must be, which submission counts."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from autograder.runtime.spec import Msg
from autograder.server.courses.models import CourseRule, Extension, Student, Submission

KINDS = (".py", ".ipynb")


def rule_for(exercise_id: str) -> CourseRule:
    rule = CourseRule.objects.filter(exercise=exercise_id).first()
    return rule or CourseRule(exercise=exercise_id)


def deadline_for(student: Student, exercise_id: str) -> datetime.datetime | None:
    ext = Extension.objects.filter(student=student, exercise=exercise_id).first()
    return ext.deadline if ext else rule_for(exercise_id).deadline


@dataclass(frozen=True)
class Refusal(Exception):
    """An upload refused: HTTP status and a bilingual reason; nothing is stored."""

    status: int
    msg: Msg


@dataclass(frozen=True)
class Upload:
    kind: str
    original_name: str
    data: bytes
    sha256: str


def check_upload(name: str, data: bytes, rule: CourseRule) -> Upload:
    """The file's kind, size and text: refusals before anything is stored."""
    kind = next((k for k in KINDS if name.lower().endswith(k)), None)
    if kind is None:
        raise Refusal(
            400, Msg(".py 또는 .ipynb 파일만 낼 수 있습니다.", "Only .py or .ipynb files are accepted.")
        )
    cap = min(rule.max_bytes, settings.NNKIT_UPLOAD_MAX)
    if len(data) > cap:
        raise Refusal(
            413,
            Msg(
                f"파일이 너무 큽니다 ({len(data)} 바이트, 최대 {cap}).",
                f"File too large ({len(data)} bytes, at most {cap}).",
            ),
        )
    if not data.strip():
        raise Refusal(400, Msg("빈 파일입니다.", "The file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refusal(
            400, Msg("UTF-8로 저장한 파일만 받습니다.", "The file must be saved as UTF-8 text.")
        ) from None
    if kind == ".ipynb":
        try:
            json.loads(text)
        except ValueError:
            raise Refusal(
                400, Msg("노트북(.ipynb) 파일이 깨져 있습니다.", "The notebook (.ipynb) is not valid JSON.")
            ) from None
    clean = "".join(c for c in name if c.isprintable())[:200]
    return Upload(kind, clean, data, hashlib.sha256(data).hexdigest())


def check_timing(student: Student, exercise_id: str, rule: CourseRule, now: datetime.datetime) -> bool:
    """Refuses a late upload when the policy says so, or one within the rate limit; returns late."""
    deadline = deadline_for(student, exercise_id)
    late = bool(deadline and now > deadline)
    if late and rule.late == "refuse":
        raise Refusal(
            403, Msg("마감이 지나 제출할 수 없습니다.", "The deadline has passed; no more submissions.")
        )
    if rule.rate_minutes > 0:
        last = Submission.objects.filter(student=student, exercise=exercise_id).order_by("-uploaded").first()
        wait = last and last.uploaded + datetime.timedelta(minutes=rule.rate_minutes) - now
        if wait and wait.total_seconds() > 0:
            secs = int(wait.total_seconds()) + 1
            raise Refusal(
                429,
                Msg(
                    f"너무 자주 제출했습니다. {secs}초 뒤에 다시 내세요.",
                    f"Too many submissions: try again in {secs} s.",
                ),
            )
    return late


def counting(student: Student, exercise_id: str, rule: CourseRule | None = None) -> Submission | None:
    """The submission that counts: the latest on time (or late, when late ones count), or the best."""
    rule = rule or rule_for(exercise_id)
    subs = list(Submission.objects.filter(student=student, exercise=exercise_id).defer("data", "revealed"))
    if rule.late != "count":
        subs = [s for s in subs if not s.late]
    if not subs:
        return None
    if rule.counting == "best":
        graded = [s for s in subs if s.status == "graded"]
        if graded:
            return max(graded, key=lambda s: (s.score or 0, s.uploaded, s.pk))
    return max(subs, key=lambda s: (s.uploaded, s.pk))


def reveal_policy(exercise_id: str, rule: CourseRule | None = None) -> str:
    """``verdicts``, ``after_deadline`` or ``points_until_deadline`` (see ``models.REVEAL``); the
    rule's, else the exercise's default (``exercise.toml``: ``reveal_hidden = true``)."""
    from autograder.server.courses import suites

    rule = rule or rule_for(exercise_id)
    if rule.reveal_hidden:
        return rule.reveal_hidden
    return "after_deadline" if suites.exercise(exercise_id).reveal_hidden else "verdicts"


def reveal_at(exercise_id: str, rule: CourseRule | None = None) -> datetime.datetime | None:
    """When hidden cases' expected values may be shown: once the deadline and every extension of it
    have passed, so that no student who may still hand in reads them from a classmate's page.
    None: never (no deadline, or the policy never reveals)."""
    rule = rule or rule_for(exercise_id)
    if rule.deadline is None or reveal_policy(exercise_id, rule) == "verdicts":
        return None
    extensions = Extension.objects.filter(exercise=exercise_id).values_list("deadline", flat=True)
    return max([rule.deadline, *extensions])


def hidden_view(exercise_id: str, when: datetime.datetime | None = None) -> str:
    """What a page shows of the hidden cases now: ``points`` (their points only), ``verdicts``
    (pass or fail, messages without expected values) or ``expected`` (with expected values)."""
    rule = rule_for(exercise_id)
    policy = reveal_policy(exercise_id, rule)
    at = reveal_at(exercise_id, rule)
    if at is not None and (when or now()) > at:
        return "expected"
    return "points" if policy == "points_until_deadline" else "verdicts"


def now() -> datetime.datetime:
    return timezone.now()
