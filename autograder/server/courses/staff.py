"""TA and instructor pages: roster import, course rules, the live class table, one student's
history, regrade, downloads. Every view needs a staff account."""

from __future__ import annotations

import datetime
import secrets
import tempfile
from collections import Counter
from pathlib import Path

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from autograder.runtime.spec import Msg
from autograder.server.courses import exports, grading, rules
from autograder.server.courses.models import (
    REVEAL,
    Audit,
    CourseRule,
    Extension,
    LoginCode,
    Student,
    Submission,
    token_hash,
)
from autograder.server.courses.templatetags.nnkit import lang_of
from autograder.server.courses.views import _exercise, _exercises

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(user: User) -> str:
    """A one-time login code for ``user`` (earlier unused ones stop working)."""
    code = "".join(secrets.choice(CODE_LETTERS) for _ in range(10))
    LoginCode.objects.filter(user=user, used=None).update(used=timezone.now())
    # 50 random bits, used once, throttled: a SHA-256 suffices (a password hash costs a second each)
    LoginCode.objects.create(user=user, code_hash=token_hash(code))
    return code


def import_roster(path: Path) -> list[tuple[str, str, str]]:
    """Students from the roster CSV (``grade --roster``'s); returns (id, name, code) for new ones."""
    from autograder.intake.download import ROSTER_FIELDS, read_roster

    created = []
    with transaction.atomic():
        for row in read_roster(path).students:
            values = {f: getattr(row, f) for f in ROSTER_FIELDS if f != "student_id"}
            student = Student.objects.filter(student_id=row.student_id).first()
            if student:
                Student.objects.filter(pk=student.pk).update(**values)
                continue
            user = User.objects.create_user(row.student_id, email=row.email or "")
            Student.objects.create(user=user, student_id=row.student_id, **values)
            created.append((row.student_id, row.name, new_code(user)))
    return created


@staff_member_required
def overview(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    rows = [(ex, rules.rule_for(ex.id), ex.title.render(lang)) for ex in _exercises().values()]
    return render(request, "courses/staff.html", {"rows": rows, "students": Student.objects.count()})


@staff_member_required
@require_POST
def roster(request: HttpRequest) -> HttpResponse:
    from autograder.core.errors import UserError

    file = request.FILES.get("roster")
    lang = lang_of(request)
    if file is None:
        return render(
            request,
            "courses/refused.html",
            {"reason": Msg("명단 파일을 고르세요.", "Choose a roster file.").render(lang)},
            status=400,
        )
    with tempfile.TemporaryDirectory(prefix="nnkit-roster-") as tmp:
        path = Path(tmp) / "roster.csv"
        path.write_bytes(file.read())
        try:
            created = import_roster(path)
        except UserError as exc:
            return render(request, "courses/refused.html", {"reason": exc.msg.render(lang)}, status=400)
    Audit.objects.create(user=request.user, action="roster", detail=f"{len(created)} new")
    return render(request, "courses/codes.html", {"created": created})


@staff_member_required
def class_table(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = _exercise(exercise_id)
    rule = rules.rule_for(ex.id)
    rows, hints, queue = [], Counter(), Counter()
    subs = Submission.objects.filter(exercise=ex.id).defer("data", "result", "revealed")
    for s in subs:
        queue[s.status] += 1
    for student in Student.objects.order_by("student_id"):
        count = sum(1 for s in subs if s.student_id == student.pk)
        sub = rules.counting(student, ex.id, rule)
        limits = ""
        if sub is not None and sub.status == "graded" and sub.result:
            limits = ", ".join(sub.result.get("limits_hit") or ())
        rows.append((student, count, sub, limits))
    for result in Submission.objects.filter(exercise=ex.id, status="graded").values_list("result", flat=True):
        for case in (result or {}).get("cases", ()):  # every graded submission: what the class trips on
            for hint_id, _ in case.get("hints", ()):
                hints[hint_id] += 1
    context = {"ex": ex, "title": ex.title.render(lang_of(request)), "rows": rows, "rule": rule,
               "hints": hints.most_common(5), "queue": dict(queue), "downloads": exports.DOWNLOADS}  # fmt: skip
    return render(request, "courses/class.html", context)


@staff_member_required
def student_history(request: HttpRequest, student_id: str) -> HttpResponse:
    student = get_object_or_404(Student, student_id=student_id)
    subs = (
        Submission.objects.filter(student=student)
        .defer("data", "result", "revealed")
        .order_by("exercise", "-uploaded")
    )
    context = {"student": student, "subs": subs, "exercises": list(_exercises()),
               "extensions": Extension.objects.filter(student=student)}  # fmt: skip
    return render(request, "courses/history.html", context)


@staff_member_required
def submission_file(request: HttpRequest, sub_id: int) -> HttpResponse:
    sub = get_object_or_404(Submission, pk=sub_id)
    ex = _exercise(sub.exercise)
    response = HttpResponse(bytes(sub.data), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{sub.student.student_id}_{ex.module}{sub.kind}"'
    return response


@staff_member_required
@require_POST
def student_code(request: HttpRequest, student_id: str) -> HttpResponse:
    student = get_object_or_404(Student, student_id=student_id)
    code = new_code(student.user)
    Audit.objects.create(user=request.user, action="code", detail=student.student_id)
    return render(request, "courses/codes.html", {"created": [(student.student_id, student.name, code)]})


def _when(text: str) -> datetime.datetime | None:
    if not text.strip():
        return None
    value = datetime.datetime.fromisoformat(text.strip())
    return timezone.make_aware(value) if timezone.is_naive(value) else value


@staff_member_required
@require_POST
def extension(request: HttpRequest, student_id: str) -> HttpResponse:
    student = get_object_or_404(Student, student_id=student_id)
    exercise_id = _exercise(request.POST.get("exercise", "")).id
    try:
        deadline = _when(request.POST.get("deadline", ""))
    except ValueError:
        deadline = None
    if deadline is None:
        Extension.objects.filter(student=student, exercise=exercise_id).delete()
    else:
        Extension.objects.update_or_create(
            student=student, exercise=exercise_id, defaults={"deadline": deadline}
        )
    Audit.objects.create(user=request.user, action="extension", exercise=exercise_id,
                         detail=f"{student.student_id} {deadline}")  # fmt: skip
    return redirect("student_history", student_id=student.student_id)


@staff_member_required
@require_POST
def edit_rule(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = _exercise(exercise_id)
    rule, _ = CourseRule.objects.get_or_create(exercise=ex.id)
    post = request.POST
    try:
        rule.deadline = _when(post.get("deadline", ""))
        rule.late = (
            post.get("late", rule.late) if post.get("late") in ("refuse", "count", "feedback") else rule.late
        )
        rule.counting = post.get("counting") if post.get("counting") in ("latest", "best") else rule.counting
        rule.rate_minutes = max(0.0, float(post.get("rate_minutes", rule.rate_minutes) or 0))
        rule.max_bytes = max(1, int(post.get("max_bytes", rule.max_bytes) or rule.max_bytes))
        if post.get("reveal_hidden") in {key for key, _ in REVEAL}:
            rule.reveal_hidden = post["reveal_hidden"]
    except ValueError:
        bad = Msg("규칙 값이 올바르지 않습니다.", "A rule's value is not valid.")
        return render(request, "courses/refused.html", {"reason": bad.render(lang_of(request))}, status=400)
    rule.save()
    Audit.objects.create(user=request.user, action="rules", exercise=ex.id,
                         detail=f"{rule.deadline} {rule.late} {rule.counting} {rule.rate_minutes} {rule.max_bytes} "
                                f"reveal={rule.reveal_hidden or 'default'}")  # fmt: skip
    return redirect("class_table", exercise_id=ex.id)


def regrade_exercise(exercise_id: str, user: User | None) -> int:
    """Every counting submission queued again (a new attempt); scores update as jobs finish."""
    rule = rules.rule_for(exercise_id)
    count = 0
    with transaction.atomic():
        for student in Student.objects.all():
            sub = rules.counting(student, exercise_id, rule)
            if sub is None:
                continue
            Submission.objects.filter(pk=sub.pk).update(
                attempt=sub.attempt + 1, status="queued", worker="", enqueued=False, revealed=None
            )
            sub.attempt += 1
            grading.enqueue(sub)
            count += 1
        Audit.objects.create(user=user, action="regrade", exercise=exercise_id, detail=f"{count} queued")
    return count


@staff_member_required
@require_POST
def regrade(request: HttpRequest, exercise_id: str) -> HttpResponse:
    regrade_exercise(_exercise(exercise_id).id, request.user)
    return redirect("class_table", exercise_id=exercise_id)


@staff_member_required
def download(request: HttpRequest, exercise_id: str, name: str) -> HttpResponse:
    ex = _exercise(exercise_id)
    if name not in exports.DOWNLOADS:
        return HttpResponse(status=404)
    if name == "submissions.zip":
        body, kind = exports.submissions_zip(ex.id), "application/zip"
    else:
        _, pending = exports.class_results(ex.id)
        if pending:
            wait = Msg(f"아직 채점 중인 제출물이 {len(pending)}개 있습니다. 끝난 뒤에 받으세요.",
                       f"{len(pending)} counting submission(s) are still being graded: download when done.")  # fmt: skip
            return render(
                request, "courses/refused.html", {"reason": wait.render(lang_of(request))}, status=409
            )
        body = exports.class_file(ex.id, name)
        kind = "text/html; charset=utf-8" if name.endswith(".html") else "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{ex.id}-{name}"'
    return response
