"""The submission server (issue 19): accounts from the roster, uploads, course rules, staff pages,
the security rules (each refusal asserts that nothing changed), and the grading jobs."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from autograder.core.paths import ROOT

VAR = Path(tempfile.mkdtemp(prefix="nnkit-test-var-"))
os.environ["NNKIT_VAR"] = str(VAR)
os.environ["DJANGO_SETTINGS_MODULE"] = "autograder.server.settings"
os.environ["NNKIT_LOGIN_FAILURES"] = "5"

django = pytest.importorskip("django")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from autograder.server.courses import grading, staff  # noqa: E402
from autograder.server.courses.models import CourseRule, Extension, Student, Submission  # noqa: E402
from autograder.server.launch import instructor_link, migrate  # noqa: E402

EX = "dict_homework"
EXAMPLES = ROOT / "examples" / EX
GOOD = (ROOT / "solutions" / EX / f"{EX}.py").read_bytes()
MISTAKE = (EXAMPLES / "yoon_split_space.py").read_bytes()
ROSTER = "student_id,name,email,lms_id\ns001,김하늘,s1@example.org,101\ns002,박서준,s2@example.org,102\ns003,이다혜,s3@example.org,103\n"

migrate()


@pytest.fixture(autouse=True)
def clean_db():
    Submission.objects.all().delete()
    CourseRule.objects.all().delete()
    Extension.objects.all().delete()
    cache.clear()
    yield


@pytest.fixture(scope="module")
def roster_codes():
    path = VAR / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    created = staff.import_roster(path)
    for sid, _, _ in created:
        user = User.objects.get(username=sid)
        user.set_password(f"pw-{sid}-long-enough")
        user.save()
    return {sid: code for sid, _, code in created}


def student_client(sid: str, csrf: bool = False) -> Client:
    c = Client(enforce_csrf_checks=csrf)
    assert c.login(username=sid, password=f"pw-{sid}-long-enough")
    return c


def staff_client() -> Client:
    user = User.objects.filter(username="ta").first() or User.objects.create_user(
        "ta", password="ta-pw-long-enough", is_staff=True
    )
    c = Client()
    c.force_login(user)
    return c


def upload(c: Client, data: bytes, name: str = "mine.py", ex: str = EX):
    return c.post(f"/ex/{ex}/upload/", {"file": _file(name, data)})


def _file(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# ---- accounts --------------------------------------------------------------------------------


def test_roster_students_log_in_once_with_their_code_and_passwords_are_hashed(roster_codes):
    path = VAR / "roster2.csv"
    path.write_text(ROSTER + "s004,최유나,s4@example.org,104\n", encoding="utf-8")
    created = staff.import_roster(path)
    assert [sid for sid, _, _ in created] == ["s004"]  # the others exist already
    code = created[0][2]
    c = Client()
    assert c.post("/code/", {"username": "s004", "code": "WRONGCODE1"}).status_code == 403
    assert c.post("/code/", {"username": "s004", "code": code}).status_code == 302
    assert (
        c.post(
            "/password/", {"new_password1": "a-long-pass-phrase", "new_password2": "a-long-pass-phrase"}
        ).status_code
        == 302
    )
    user = User.objects.get(username="s004")
    assert (
        user.password.startswith(("pbkdf2_", "argon2", "bcrypt", "scrypt"))
        and "a-long-pass-phrase" not in user.password
    )
    assert Client().post("/code/", {"username": "s004", "code": code}).status_code == 403  # used once
    assert Student.objects.get(student_id="s004").name == "최유나"


def test_first_instructor_gets_a_one_time_link_once():
    link = instructor_link("http://127.0.0.1:8000", username="prof")
    if User.objects.filter(is_superuser=True).exclude(username="prof").exists():
        assert link is None
        return
    assert link and "/code/prof/" in link
    assert instructor_link("http://127.0.0.1:8000", username="prof") is None
    code = link.rstrip("/").rsplit("/", 1)[1]
    c = Client()
    assert c.post("/code/", {"username": "prof", "code": code}).status_code == 302
    assert c.get("/staff/").status_code == 200


# ---- uploads and course rules ------------------------------------------------------------------


def test_an_upload_is_stored_with_its_hash_before_it_is_acknowledged_and_queued(roster_codes):
    import hashlib

    r = upload(student_client("s001"), MISTAKE)
    assert r.status_code == 302
    sub = Submission.objects.get()
    assert bytes(sub.data) == MISTAKE and sub.sha256 == hashlib.sha256(MISTAKE).hexdigest()
    assert sub.status == "queued" and sub.enqueued
    assert r["Location"] == f"/sub/{sub.pk}/"


def test_an_identical_resubmission_is_not_graded_twice(roster_codes):
    c = student_client("s001")
    upload(c, MISTAKE)
    r = upload(c, MISTAKE, name="again.py")
    assert Submission.objects.count() == 1
    assert r["Location"] == f"/sub/{Submission.objects.get().pk}/"


def test_the_rate_limit_refuses_and_stores_nothing(roster_codes):
    CourseRule.objects.create(exercise=EX, rate_minutes=10)
    c = student_client("s001")
    assert upload(c, MISTAKE).status_code == 302
    r = upload(c, GOOD)
    assert r.status_code == 429 and "초" in r.content.decode()
    assert Submission.objects.count() == 1


def test_oversized_non_utf8_and_wrong_kind_uploads_are_refused(roster_codes):
    CourseRule.objects.create(exercise=EX, max_bytes=1000)
    c = student_client("s001")
    assert upload(c, b"x = 1\n" * 400).status_code == 413  # over the exercise's cap
    assert upload(c, b"x = 1\n" * 300_000).status_code == 413  # over the server's: refused unread
    assert upload(c, "x = '한글'\n".encode("cp949")).status_code == 400
    assert upload(c, b"print(1)\n", name="mine.exe").status_code == 400
    assert upload(c, b"{not json", name="mine.ipynb").status_code == 400
    en = student_client("s001")
    en.cookies["django_language"] = "en"
    assert "UTF-8" in upload(en, "x = '한글'\n".encode("cp949")).content.decode()
    assert Submission.objects.count() == 0


def test_late_uploads_follow_the_policy_and_an_extension(roster_codes):
    from django.utils import timezone

    past = timezone.now() - timezone.timedelta(hours=1)
    CourseRule.objects.create(exercise=EX, deadline=past, late="refuse")
    c = student_client("s001")
    assert upload(c, MISTAKE).status_code == 403
    assert Submission.objects.count() == 0
    Extension.objects.create(student=Student.objects.get(student_id="s001"), exercise=EX,
                             deadline=timezone.now() + timezone.timedelta(hours=1))  # fmt: skip
    assert upload(c, MISTAKE).status_code == 302
    assert not Submission.objects.get().late


def test_which_submission_counts_latest_on_time_or_best(roster_codes):
    from autograder.server.courses.rules import counting

    s = Student.objects.get(student_id="s001")
    a = Submission.objects.create(student=s, exercise=EX, kind=".py", original_name="a.py", data=b"a", sha256="a",
                                  size=1, status="graded", score=30)  # fmt: skip
    b = Submission.objects.create(student=s, exercise=EX, kind=".py", original_name="b.py", data=b"b", sha256="b",
                                  size=1, status="graded", score=10)  # fmt: skip
    Submission.objects.create(student=s, exercise=EX, kind=".py", original_name="c.py", data=b"c", sha256="c",
                              size=1, status="graded", score=31, late=True)  # fmt: skip
    assert counting(s, EX).pk == b.pk
    CourseRule.objects.create(exercise=EX, counting="best")
    assert counting(s, EX).pk == a.pk


# ---- security ---------------------------------------------------------------------------------


def _their_submission() -> Submission:
    s = Student.objects.get(student_id="s002")
    return Submission.objects.create(student=s, exercise=EX, kind=".py", original_name="theirs.py", data=b"x=1",
                                     sha256="f" * 64, size=3, status="graded", score=5, max_score=31,
                                     result=None)  # fmt: skip


def test_another_students_ids_answer_404_in_pages_and_the_api(roster_codes):
    theirs = _their_submission()
    c = student_client("s001")
    for url in (f"/sub/{theirs.pk}/", f"/sub/{theirs.pk}/status/", f"/staff/sub/{theirs.pk}/file"):
        r = c.get(url)
        assert r.status_code in (302, 404), url
        assert b"theirs.py" not in r.content and b"x=1" not in r.content
    token = Student.objects.get(student_id="s001").new_token()
    r = Client().get(f"/api/status/{theirs.pk}/", HTTP_AUTHORIZATION=f"Token {token}")
    assert r.status_code == 404
    assert (
        Client()
        .get(f"/api/status/{theirs.pk}/", HTTP_AUTHORIZATION="Token not-a-real-token-at-all")
        .status_code
        == 401
    )
    theirs.refresh_from_db()
    assert theirs.score == 5 and theirs.status == "graded"


def test_a_post_without_the_csrf_token_is_refused(roster_codes):
    c = student_client("s001", csrf=True)
    r = upload(c, MISTAKE)
    assert r.status_code == 403
    assert Submission.objects.count() == 0


def test_staff_pages_refuse_a_student_and_change_nothing(roster_codes):
    theirs = _their_submission()
    c = student_client("s001")
    for url in (
        "/staff/",
        f"/staff/ex/{EX}/",
        f"/staff/ex/{EX}/download/gradebook.csv",
        f"/staff/ex/{EX}/download/submissions.zip",
        "/staff/student/s002/",
        "/admin/",
    ):
        r = c.get(url)
        assert r.status_code == 302 and "login" in r["Location"], url
    for url in (f"/staff/ex/{EX}/regrade/", f"/staff/ex/{EX}/rules/", "/staff/student/s002/extension/"):
        r = c.post(url, {"deadline": "2020-01-01T00:00", "exercise": EX, "rate_minutes": "99"})
        assert r.status_code == 302 and "login" in r["Location"], url
    theirs.refresh_from_db()
    assert theirs.attempt == 1 and not CourseRule.objects.exists() and not Extension.objects.exists()


def test_repeated_wrong_logins_are_throttled_even_with_the_right_password(roster_codes):
    c = Client()
    for _ in range(5):
        assert c.post("/login/", {"username": "s003", "password": "wrong"}).status_code == 200
    r = c.post("/login/", {"username": "s003", "password": "pw-s003-long-enough"})
    assert r.status_code == 429
    assert "_auth_user_id" not in c.session
    assert Client().post("/code/", {"username": "s003", "code": "ANYTHING12"}).status_code == 429


def test_the_secret_key_is_generated_into_var_and_not_in_the_repository():
    from django.conf import settings

    key_file = VAR / "secret_key"
    assert settings.SECRET_KEY == key_file.read_text().strip() and len(settings.SECRET_KEY) >= 50
    assert key_file.stat().st_mode & 0o077 == 0
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "var/" in ignored
    assert settings.SECRET_KEY not in "".join(
        p.read_text(errors="ignore") for p in (ROOT / "autograder" / "server").rglob("*.py")
    )


def test_pages_escape_what_students_send(roster_codes):
    c = student_client("s001")
    upload(c, b"x = 1\n", name="<img src=x onerror=alert(1)>.py")
    page = c.get(f"/ex/{EX}/").content.decode()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.py" in page


def test_the_submit_api_takes_a_token_and_no_cookie(roster_codes):
    token = Student.objects.get(student_id="s001").new_token()
    c = Client(enforce_csrf_checks=True)
    r = c.post(f"/api/submit/{EX}/", {"file": _file("mine.py", MISTAKE)}, HTTP_AUTHORIZATION=f"Token {token}")
    assert r.status_code == 201 and r.json()["status"] == "queued"
    assert c.post(f"/api/submit/{EX}/", {"file": _file("mine.py", GOOD)}).status_code == 401
    assert Submission.objects.count() == 1


# ---- grading: one path, recorded once, the same gradebook as grade ------------------------------


@pytest.mark.slow
def test_jobs_record_once_and_downloads_equal_grade_on_the_same_files(roster_codes, tmp_path):
    from autograder.batch.folder import grade_folder
    from autograder.exercises import get_exercise
    from autograder.intake.download import read_roster
    from autograder.report.lms import GradebookOptions

    upload(student_client("s001"), MISTAKE)
    upload(student_client("s002"), GOOD)
    for sub in Submission.objects.all():
        assert grading.run_job(sub.pk, sub.attempt) is True
        assert grading.run_job(sub.pk, sub.attempt) is False  # the same job again: nothing recorded
    assert [s.recorded for s in Submission.objects.order_by("pk")] == [1, 1]
    mistake = Submission.objects.get(student__student_id="s001")
    assert mistake.score == 19 and mistake.max_score == 31
    ta = staff_client()
    page = student_client("s001").get(f"/sub/{mistake.pk}/").content.decode()
    assert "💡" in page and "[실패]" in page  # Korean first: the marks are in the page's language
    assert ta.get(f"/staff/ex/{EX}/").status_code == 200
    zipped = tmp_path / "subs.zip"
    zipped.write_bytes(ta.get(f"/staff/ex/{EX}/download/submissions.zip").content)
    assert sorted(zipfile.ZipFile(zipped).namelist()) == [f"s001/{EX}.py", f"s002/{EX}.py"]
    out = tmp_path / "out"
    everyone = VAR / "everyone.csv"  # the class as the server has it (another test added a student)
    with everyone.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(
            [["student_id", "name", "email", "lms_id"]]
            + [[s.student_id, s.name, s.email, s.lms_id] for s in Student.objects.order_by("student_id")]
        )
    roster = read_roster(everyone)
    grade_folder(
        get_exercise(EX),
        zipped,
        out,
        jobs=1,
        progress=False,
        options=GradebookOptions(lms="canvas", roster=roster),
    )
    served = ta.get(f"/staff/ex/{EX}/download/gradebook.csv").content.decode()
    assert list(csv.reader(io.StringIO(served))) == list(
        csv.reader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8")))
    )
    canvas = ta.get(f"/staff/ex/{EX}/download/canvas.csv").content.decode()
    assert canvas == (out / "canvas.csv").read_text(encoding="utf-8")
    # a regrade queues every counting submission again, with an audit entry
    assert staff.regrade_exercise(EX, None) == 2
    assert set(Submission.objects.values_list("status", "attempt")) == {("queued", 2)}


def _wait(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.slow
def test_a_worker_killed_mid_job_is_replaced_and_the_job_recorded_once(roster_codes, tmp_path):
    slow = b"import time\ntime.sleep(6)\n" + GOOD
    upload(student_client("s003"), slow)
    sub = Submission.objects.get()
    cmd = [sys.executable, "-m", "autograder", "worker", "--var", str(VAR)]
    log = (tmp_path / "worker.log").open("w")
    first = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=log, stderr=log)
    try:
        assert _wait(lambda: Submission.objects.get(pk=sub.pk).status == "running", 240), "never started"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        assert Submission.objects.get(pk=sub.pk).status == "running"  # left behind by the dead worker
        second = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=log, stderr=log)
        try:
            assert _wait(lambda: Submission.objects.get(pk=sub.pk).status == "graded", 240), (
                "not graded again"
            )
        finally:
            os.killpg(second.pid, signal.SIGTERM)
            second.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    sub.refresh_from_db()
    assert sub.recorded == 1 and sub.score == 31 and sub.worker.endswith(f":{second.pid}")


# ---- hidden cases: what the exercise's policy shows, and when ------------------------------------

# right names in capitals: hidden cases of task 0.1 fail on an element; only a message graded with
# reveal=True names the expected element ('Zed', 'Teemo', ...)
UPPER = GOOD + (
    b"\n\n_right = get_special_students\n\n\n"
    b"def get_special_students(student2score):\n    return [n.upper() for n in _right(student2score)]\n"
)
HIDDEN_CASE = "special_students[all_above]"  # a hidden case this file fails


def _page(c: Client, sub: Submission) -> str:
    return c.get(f"/sub/{sub.pk}/").content.decode()


@pytest.mark.slow
def test_hidden_expected_values_only_after_every_deadline_and_only_to_their_student(roster_codes):
    from django.utils import timezone

    now = timezone.now()
    rule = CourseRule.objects.create(exercise=EX, deadline=now + timezone.timedelta(hours=1),
                                     reveal_hidden="after_deadline")  # fmt: skip
    mine = student_client("s001")
    mine.cookies["django_language"] = "en"
    upload(mine, UPPER)
    sub = Submission.objects.get()
    assert grading.run_job(sub.pk, sub.attempt)
    sub.refresh_from_db()
    assert sub.score < sub.max_score
    # before the deadline: the hidden case's verdict and what differs, never the expected value
    page = _page(mine, sub)
    assert HIDDEN_CASE in page and "ZED" in page and "not the expected value" in page
    assert "Zed" not in page and "revealing" not in page
    # the deadline passed, but a classmate's extension has not: still hidden, from everyone
    rule.deadline = now - timezone.timedelta(hours=1)
    rule.save()
    s002 = Student.objects.get(student_id="s002")
    Extension.objects.create(student=s002, exercise=EX, deadline=now + timezone.timedelta(hours=1))
    assert "Zed" not in _page(mine, sub)
    assert Submission.objects.get(pk=sub.pk).revealed is None
    # every deadline passed: the page asks for the file graded with expected values, then shows them
    Extension.objects.all().delete()
    assert 'id="revealing"' in _page(mine, sub)
    assert grading.reveal(sub.pk, sub.attempt) is True  # what the queued reveal_job runs
    assert grading.reveal(sub.pk, sub.attempt) is False  # once
    page = _page(mine, sub)
    assert "expected &#x27;Zed&#x27;" in page and 'id="revealing"' not in page
    token = Student.objects.get(student_id="s001").new_token()
    api = Client().get(f"/api/status/{sub.pk}/?lang=en", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert "expected 'Zed'" in api["feedback"]
    after = Submission.objects.get(pk=sub.pk)
    assert (after.score, after.recorded, after.result) == (sub.score, 1, sub.result)  # the grade stays
    # never to another student: their page and the API answer 404, without the values
    theirs = student_client("s002")
    r = theirs.get(f"/sub/{sub.pk}/")
    assert r.status_code == 404 and b"Zed" not in r.content
    their_token = s002.new_token()
    r = Client().get(f"/api/status/{sub.pk}/", HTTP_AUTHORIZATION=f"Token {their_token}")
    assert r.status_code == 404 and b"Zed" not in r.content
    # the verdicts policy never shows them, even after the deadline
    rule.reveal_hidden = "verdicts"
    rule.save()
    page = _page(mine, sub)
    assert "Zed" not in page and HIDDEN_CASE in page


@pytest.mark.slow
def test_hidden_verdicts_can_wait_for_the_deadline_behind_their_points(roster_codes):
    from django.utils import timezone

    rule = CourseRule.objects.create(exercise=EX, deadline=timezone.now() + timezone.timedelta(hours=1),
                                     reveal_hidden="points_until_deadline")  # fmt: skip
    mine = student_client("s001")
    mine.cookies["django_language"] = "en"
    upload(mine, UPPER)
    sub = Submission.objects.get()
    assert grading.run_job(sub.pk, sub.attempt)
    page = _page(mine, sub)
    assert "hidden tests:" in page and "(hidden)" not in page
    assert HIDDEN_CASE not in page and "ZED" not in page and "Zed" not in page
    assert "special_lecture" in page  # public cases as always
    rule.deadline = timezone.now() - timezone.timedelta(minutes=1)
    rule.save()
    assert grading.reveal(sub.pk, sub.attempt) is True
    page = _page(mine, sub)
    assert HIDDEN_CASE in page and "expected &#x27;Zed&#x27;" in page


def test_every_page_loads_the_kits_korean_font_served_as_a_cached_static_file():
    page = Client().get("/code/").content.decode()
    assert "@font-face{font-family:'nnkit-ko';src:url('/static/nnkit-ko.woff')" in page
    assert "font-family:'nnkit-ko',sans-serif" in page
    r = Client().get("/static/nnkit-ko.woff")
    body = b"".join(r.streaming_content)
    assert r.status_code == 200 and r["Content-Type"] == "font/woff" and body[:4] == b"wOFF"
    assert body == (ROOT / "autograder" / "report" / "fonts" / "NanumGothic-ksx1001.woff").read_bytes()
    assert "max-age" in r["Cache-Control"]
    assert Client().get("/static/nnkit-ko.woff", HTTP_IF_NONE_MATCH=r["ETag"]).status_code == 304
    assert Client().get("/static/other.woff").status_code == 404


def test_a_worker_keeps_its_grading_context_until_a_suite_file_changes(tmp_path, monkeypatch):
    """What ``grade`` builds once per batch, a worker builds once per suite version: the same
    context for every job, and a new one (the fixed suite's) after a test fix, for the regrade."""
    from autograder.server.courses import suites

    assert suites.exercises() is suites.exercises()
    fix = tmp_path / "hidden_tests.py"
    fix.write_text("# the suite before the fix\n", encoding="utf-8")
    files = suites.suite_files
    monkeypatch.setattr(suites, "suite_files", lambda ex: [*files(ex), fix])
    first = suites.context(EX)
    assert suites.context(EX) is first and grading.context(EX) is first
    fix.write_text("# the suite after the fix, longer\n", encoding="utf-8")
    second = suites.context(EX)
    assert second is not first and suites.context(EX) is second
    assert second.suite_key == first.suite_key  # the digest itself is the engine's, of the real files


@pytest.mark.parametrize("lang,marks", [("ko", ("[실패]", "[통과]")), ("en", ("[FAIL]", "[PASS]"))])
def test_the_terminal_feedback_lists_the_cases_not_passed_with_marks_in_its_language(lang, marks):
    from autograder.server.courses.present import CaseLine
    from autograder.server.courses.views import feedback_text

    def line(kind: str, mark: str, name: str) -> CaseLine:
        return CaseLine(kind, mark, "1.1", name, False, "0/1", "", ())

    failed, passed = marks
    fb = {"score": "1", "max_score": "2", "tasks": [], "notes": [],
          "cases": [line("FAIL", failed[1:-1], "wrong_one"), line("PASS", passed[1:-1], "right_one")]}  # fmt: skip
    text = feedback_text(fb, lang)
    assert f"{failed} 1.1 wrong_one" in text and "right_one" not in text and passed not in text
