"""Students' pages and the sign-in: login (throttled), one-time codes, exercises, uploads, results.

A student reaches only their own submissions: every lookup is filtered by the signed-in student,
so another student's id answers 404, exactly as a missing one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import etag, require_GET, require_POST

from autograder.core.korean import josa
from autograder.runtime.spec import Msg
from autograder.server.courses import grading, rules, suites
from autograder.server.courses.models import LoginCode, Student, Submission, token_hash
from autograder.server.courses.present import feedback
from autograder.server.courses.templatetags.nnkit import lang_of

TOO_MANY = Msg(
    "로그인 실패가 너무 많습니다. 잠시 뒤에 다시 하세요.", "Too many failed logins: try again later."
)


def _exercises() -> dict:
    return suites.exercises()


def _exercise(exercise_id: str):
    ex = _exercises().get(exercise_id)
    if ex is None:
        raise Http404
    return ex


# ---- sign-in ------------------------------------------------------------------------------


def _throttle_keys(request: HttpRequest, username: str) -> list[str]:
    ip = request.META.get("REMOTE_ADDR", "")
    return [f"login-fail:user:{username.casefold()[:100]}", f"login-fail:ip:{ip}"]


def throttled(request: HttpRequest, username: str) -> bool:
    from django.conf import settings

    user_key, ip_key = _throttle_keys(request, username)
    limit = settings.NNKIT_LOGIN_FAILURES
    return cache.get(user_key, 0) >= limit or cache.get(ip_key, 0) >= 4 * limit


def failed(request: HttpRequest, username: str) -> None:
    from django.conf import settings

    for key in _throttle_keys(request, username):
        cache.add(key, 0, settings.NNKIT_LOGIN_WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.NNKIT_LOGIN_WINDOW)


class LoginView(auth_views.LoginView):
    """Django's login, refusing (429) a user name or address after too many failures."""

    template_name = "courses/login.html"

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttled(request, username):
            return render(
                request, self.template_name, {"form": self.get_form(), "refused": TOO_MANY}, status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        failed(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)


def code_login(request: HttpRequest, username: str = "", code: str = "") -> HttpResponse:
    """A one-time code (from the TA, or the link ``serve`` prints): used once, then a password is set."""
    if request.method != "POST":
        return render(request, "courses/code.html", {"username": username, "code": code})
    username, code = request.POST.get("username", "").strip(), request.POST.get("code", "").strip()
    if throttled(request, username):
        return render(request, "courses/code.html", {"username": username, "refused": TOO_MANY}, status=429)
    user = User.objects.filter(username=username, is_active=True).first()
    codes = LoginCode.objects.filter(user=user, used=None, code_hash=token_hash(code))
    entry = codes.first() if user else None
    if entry is None:
        failed(request, username)
        wrong = Msg("아이디나 코드가 맞지 않습니다 (코드는 한 번만 쓸 수 있습니다).",
                    "Wrong id or code (a code works once).")  # fmt: skip
        return render(request, "courses/code.html", {"username": username, "refused": wrong}, status=403)
    LoginCode.objects.filter(pk=entry.pk, used=None).update(used=timezone.now())
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("password")


@login_required
def set_password(request: HttpRequest) -> HttpResponse:
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        auth.update_session_auth_hash(request, form.user)
        return redirect("home")
    return render(request, "courses/password.html", {"form": form})


# ---- students ------------------------------------------------------------------------------


def _student(request: HttpRequest) -> Student:
    student = Student.objects.filter(user=request.user).first()
    if student is None:
        raise Http404
    return student


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_staff:
        return redirect("staff")
    student = _student(request)
    rows = []
    for ex in _exercises().values():
        sub = rules.counting(student, ex.id)
        rows.append((ex, rules.deadline_for(student, ex.id), sub))
    return render(request, "courses/home.html", {"student": student, "rows": rows, "lang": lang_of(request)})


@login_required
def exercise_page(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = _exercise(exercise_id)
    student = _student(request)
    rule = rules.rule_for(ex.id)
    subs = (
        Submission.objects.filter(student=student, exercise=ex.id)
        .defer("data", "result", "revealed")
        .order_by("-uploaded", "-id")
    )
    context = {
        "ex": ex,
        "title": ex.title.render(lang_of(request)),
        "rule": rule,
        "deadline": rules.deadline_for(student, ex.id),
        "subs": subs,
        "counting": rules.counting(student, ex.id, rule),
        "lang": lang_of(request),
    }
    return render(request, "courses/exercise.html", context)


def accept(student: Student, exercise_id: str, name: str, data: bytes) -> tuple[Submission, bool]:
    """Stores an upload (bytes and hash committed) and queues its job; returns it and whether it is
    new (an identical resubmission returns the earlier one, not graded again)."""
    rule = rules.rule_for(exercise_id)
    upload = rules.check_upload(name, data, rule)
    same = Submission.objects.filter(student=student, exercise=exercise_id, sha256=upload.sha256).only(
        "pk", "status"
    )
    if same.exists():
        return same.first(), False
    now = timezone.now()
    late = rules.check_timing(student, exercise_id, rule, now)
    with transaction.atomic():
        sub = Submission.objects.create(
            student=student,
            exercise=exercise_id,
            kind=upload.kind,
            original_name=upload.original_name,
            data=upload.data,
            sha256=upload.sha256,
            size=len(upload.data),
            uploaded=now,
            late=late,
        )
        grading.enqueue(sub)
    return sub, True


@login_required
@require_POST
def upload(request: HttpRequest, exercise_id: str) -> HttpResponse:
    ex = _exercise(exercise_id)
    student = _student(request)
    file = request.FILES.get("file")
    lang = lang_of(request)
    if file is None:
        return _refused(request, ex, rules.Refusal(400, Msg("파일을 고르세요.", "Choose a file.")))
    if file.size > rules.settings.NNKIT_UPLOAD_MAX:
        return _refused(request, ex, rules.Refusal(413, Msg("파일이 너무 큽니다.", "File too large.")))
    try:
        sub, new = accept(student, ex.id, file.name, file.read())
    except rules.Refusal as refusal:
        return _refused(request, ex, refusal)
    if not new:
        from django.contrib import messages

        messages.info(request, Msg(f"{josa(f'제출 #{sub.pk}', '와')} 같은 파일이라 다시 채점하지 않습니다.",
                                   f"Same file as submission #{sub.pk}: not graded again.").render(lang))  # fmt: skip
    return redirect("submission", sub_id=sub.pk)


def _feedback(sub: Submission, lang: str) -> dict | None:
    """A graded submission's feedback as its exercise's policy shows hidden cases now; once it
    shows expected values, the file graded with them is asked for (shown when it is there)."""
    if sub.status != "graded" or not sub.result:
        return None
    hidden = rules.hidden_view(sub.exercise)
    if hidden == "expected" and sub.revealed is None:
        grading.request_reveal(sub)
    return feedback(sub.exercise, sub.result, lang, hidden, sub.revealed)


def _refused(request: HttpRequest, ex, refusal: rules.Refusal) -> HttpResponse:
    context = {"ex": ex, "reason": refusal.msg.render(lang_of(request))}
    return render(request, "courses/refused.html", context, status=refusal.status)


def _own(request: HttpRequest, sub_id: int) -> Submission:
    """The submission, if the signed-in user may see it (its student, or staff); else 404."""
    subs = Submission.objects.defer("data")
    if request.user.is_staff:
        return get_object_or_404(subs, pk=sub_id)
    return get_object_or_404(subs, pk=sub_id, student__user=request.user)


@login_required
def submission(request: HttpRequest, sub_id: int) -> HttpResponse:
    sub = _own(request, sub_id)
    lang = lang_of(request)
    shown = _feedback(sub, lang)
    ex = _exercise(sub.exercise)
    revealing = bool(shown and shown["hidden"] == "expected" and sub.revealed is None)
    context = {"sub": sub, "ex": ex, "title": ex.title.render(lang), "fb": shown, "lang": lang,
               "revealing": revealing}  # fmt: skip
    return render(request, "courses/submission.html", context)


@login_required
def status(request: HttpRequest, sub_id: int) -> JsonResponse:
    sub = _own(request, sub_id)
    return JsonResponse({"id": sub.pk, "status": sub.status, "score": sub.score, "max_score": sub.max_score})


@login_required
@require_POST
def new_token(request: HttpRequest) -> HttpResponse:
    token = _student(request).new_token()
    return render(request, "courses/token.html", {"token": token})


# ---- the submit API (python -m autograder submit) ---------------------------------------------


def _token_student(request: HttpRequest) -> Student | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Token ") or len(header) < 20:
        return None
    return Student.objects.filter(token_sha256=token_hash(header[6:].strip())).first()


def _api_error(status: int, msg: Msg) -> JsonResponse:
    return JsonResponse({"error": {"ko": msg.ko, "en": msg.en}}, status=status)


BAD_TOKEN = Msg("제출 토큰이 맞지 않습니다.", "The submit token is not valid.")


@csrf_exempt  # no cookies: a token in the Authorization header, which a browser never sends by itself
@require_POST
def api_submit(request: HttpRequest, exercise_id: str) -> JsonResponse:
    student = _token_student(request)
    if student is None:
        return _api_error(401, BAD_TOKEN)
    if exercise_id not in _exercises():
        return _api_error(
            404, Msg(f"그런 과제가 없습니다: {exercise_id}", f"No such exercise: {exercise_id}")
        )
    file = request.FILES.get("file")
    if file is None:
        return _api_error(400, Msg("파일이 없습니다.", "No file."))
    if file.size > rules.settings.NNKIT_UPLOAD_MAX:
        return _api_error(413, Msg("파일이 너무 큽니다.", "File too large."))
    try:
        sub, new = accept(student, exercise_id, file.name, file.read())
    except rules.Refusal as refusal:
        return _api_error(refusal.status, refusal.msg)
    return JsonResponse({"id": sub.pk, "new": new, "status": sub.status}, status=201 if new else 200)


def api_status(request: HttpRequest, sub_id: int) -> JsonResponse:
    student = _token_student(request)
    if student is None:
        return _api_error(401, BAD_TOKEN)
    sub = Submission.objects.defer("data").filter(pk=sub_id, student=student).first()
    if sub is None:
        return _api_error(404, Msg("그런 제출물이 없습니다.", "No such submission."))
    body = {"id": sub.pk, "status": sub.status, "score": sub.score, "max_score": sub.max_score}
    lang = "en" if request.GET.get("lang") == "en" else "ko"
    shown = _feedback(sub, lang)
    if shown:
        body["feedback"] = feedback_text(shown, lang)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def feedback_text(fb: dict, lang: str) -> str:
    """The page's feedback as terminal text (``python -m autograder submit``)."""
    lines = [
        Msg(f"점수: {fb['score']} / {fb['max_score']}", f"Score: {fb['score']} / {fb['max_score']}").render(
            lang
        )
    ]
    lines += [f"  {tid} {name}: {got}/{most}" for tid, name, got, most in fb["tasks"]]
    lines += [f"! {n}" for n in fb["notes"]]
    for c in fb["cases"]:
        if c.kind != "PASS":
            lines.append(f"[{c.mark}] {c.task} {c.name} ({c.points})")
            lines += [f"    {line}" for line in c.message.splitlines()]
            lines += [f"    💡 {hid}: {h}" for hid, h in c.hints]
    return "\n".join(lines)


#: the kit's Korean font (NanumGothic cut to KS X 1001's syllables; see autograder/report/fonts):
#: a computer without a Korean font still shows the pages' Korean, not empty boxes
FONT = Path(__file__).resolve().parents[2] / "report" / "fonts" / "NanumGothic-ksx1001.woff"
FONT_ETAG = hashlib.sha256(FONT.read_bytes()).hexdigest()[:16]


@require_GET
@etag(lambda request: FONT_ETAG)
def font(request: HttpRequest) -> HttpResponse:
    """The font as a static file (Django serves no static files outside DEBUG, and a cached
    225 KB file beats a data: URL repeated in every page); browsers keep it a week."""
    response = FileResponse(FONT.open("rb"), content_type="font/woff")
    response["Cache-Control"] = "public, max-age=604800"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse(json.dumps({"ok": True}), content_type="application/json")
