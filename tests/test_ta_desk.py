"""The TA's desk: class report in a real browser, CSV layouts, regrade, shards, similarity."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from autograder.batch.folder import grade_folder, in_shard, merge_outputs
from autograder.exercises import get_exercise
from autograder.report.gradebook import GradebookOptions, load_result
from autograder.report.similarity import similar_pairs

EX = get_exercise("loss_functions")
HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("graded")
    results = grade_folder(EX, EX.examples_dir, out, jobs=2, progress=False)
    return out, results


def chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found and os.environ.get("NNKIT_REQUIRE_CHROMIUM"):
        pytest.fail("NNKIT_REQUIRE_CHROMIUM is set but chromium is not installed")
    return found


def test_report_opens_in_headless_chromium_without_errors(graded, tmp_path):
    browser = chromium()
    if not browser:
        pytest.skip("chromium (Debian package) not installed")
    out, _ = graded
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    url = (out / "report.html").as_uri()
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    body = dom[dom.index("<body") : dom.index(">", dom.index("<body"))]
    assert 'data-ready="1"' in body and "data-error" not in body, body
    assert 'id="summary"' in dom and "mse_mean" in dom and "park jiho" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, *flags, "--window-size=1200,900", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=120,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_report_marks_a_broken_image_as_an_error(graded, tmp_path):
    browser = chromium()
    if not browser:
        pytest.skip("chromium (Debian package) not installed")
    out, _ = graded
    page = (
        (out / "report.html")
        .read_text(encoding="utf-8")
        .replace("data:image/png;base64,", "data:image/png;base64,AAAA")
    )
    broken = tmp_path / "broken.html"
    broken.write_text(page, encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [browser, *flags, "--dump-dom", broken.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    assert "data-error" in dom[dom.index("<body") : dom.index(">", dom.index("<body"))]


def test_summary_png_and_report_are_written(graded):
    out, results = graded
    png = (out / "summary.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,' in html and "http://" not in html and "https://" not in html
    for r in results:
        assert r.student in html


def test_excel_bom_and_lms_layouts(tmp_path):
    out = tmp_path / "out"
    grade_folder(
        EX, EX.examples_dir, out, jobs=2, progress=False, options=GradebookOptions(excel=True, lms="canvas")
    )
    raw = (out / "gradebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "김민준".encode() in raw
    rows = list(csv.reader((out / "canvas.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[1][0] == "Points Possible" and rows[1][-1] == "39"
    assert ["김민준", "", "", "김민준", "", "39"] in rows


def test_regrade_one_student_leaves_the_others_untouched(tmp_path):
    folder = tmp_path / "class"
    shutil.copytree(EX.examples_dir, folder)
    out = tmp_path / "out"
    grade_folder(EX, folder, out, jobs=2, progress=False)
    before = {p.name: p.read_bytes() for p in (out / "results").iterdir()}
    (folder / "lee_seoyeon.py").write_text("def softmax(x):\n    return x\n", encoding="utf-8")
    (folder / "김민준.py").write_text("# changed but not asked for\n", encoding="utf-8")
    grade_folder(EX, folder, out, jobs=2, progress=False, students={"lee_seoyeon"})
    after = {p.name: p.read_bytes() for p in (out / "results").iterdir()}
    assert after["lee_seoyeon.json"] != before["lee_seoyeon.json"]
    assert load_result(out, "lee_seoyeon").score == 0
    assert {k for k in before if before[k] != after[k]} == {"lee_seoyeon.json"}


def test_regrade_one_task_keeps_other_tasks_results(tmp_path):
    out = tmp_path / "out"
    grade_folder(EX, EX.examples_dir, out, jobs=2, progress=False)
    path = out / "results" / "김민준.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for case in data["cases"]:  # pretend an old, buggy test had failed tasks 1.1 and 1.3
        if case["task"] in ("1.1", "1.3"):
            case["points"], case["status"] = 0.0, "failed"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    grade_folder(EX, EX.examples_dir, out, jobs=2, progress=False, tasks={"1.3"})
    r = load_result(out, "김민준")
    assert r.tasks["1.3"] == [12.0, 12.0]  # regraded
    assert r.tasks["1.1"] == [0.0, 12.0]  # not asked for: kept as it was
    assert r.score == 27


def test_shards_merge_into_the_single_machine_gradebook(graded, tmp_path):
    single, results = graded
    students = [r.student for r in results]
    parts = [[s for s in students if in_shard(s, k, 3)] for k in (1, 2, 3)]
    assert sorted(sum(parts, [])) == sorted(students)
    outs = []
    for k in (1, 2, 3):
        outs.append(tmp_path / f"shard{k}")
        grade_folder(EX, EX.examples_dir, outs[-1], jobs=1, progress=False, shard=(k, 3))
    merged = tmp_path / "merged"
    merge_outputs(EX, outs, merged)
    assert (merged / "gradebook.csv").read_bytes() == (single / "gradebook.csv").read_bytes()
    assert sorted(p.name for p in (merged / "feedback").iterdir()) == sorted(
        p.name for p in (single / "feedback").iterdir()
    )


def test_similarity_finds_the_planted_pair_and_not_the_honest_ones(tmp_path):
    pairs = similar_pairs(EX, HERE / "similarity", threshold=0.6)
    assert [(p.a, p.b) for p in pairs] == [("original", "planted_copy_renamed_reordered")]
    assert "<mark>" in pairs[0].code_a and "<mark>" in pairs[0].code_b


def test_gradescope_results_use_only_published_field_names(graded):
    from autograder.report.gradebook import GRADESCOPE_TEST, GRADESCOPE_TOP

    out, results = graded
    for r in results:
        data = json.loads((out / "gradescope" / f"{r.student}.json").read_text(encoding="utf-8"))
        assert set(data) <= GRADESCOPE_TOP and {"score", "tests"} <= set(data)
        assert data["score"] == r.score
        assert abs(sum(t["score"] for t in data["tests"]) - r.score) < 1e-9
        for t in data["tests"]:
            assert set(t) <= GRADESCOPE_TEST
            assert isinstance(t["name"], str) and isinstance(t["output"], str)
            assert isinstance(t["score"], float | int) and isinstance(t["max_score"], float | int)
            assert t["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
            assert t["status"] in ("passed", "failed")
    park = json.loads((out / "gradescope" / "park jiho.json").read_text(encoding="utf-8"))
    failed = [t for t in park["tests"] if t["status"] == "failed"]
    assert failed and any("mse_mean" in t["output"] for t in failed)
    assert {t["visibility"] for t in park["tests"]} == {"visible", "after_published"}


def test_training_feedback_has_the_learning_curve_beside_the_reference(tmp_path):
    dropout = get_exercise("dropout")
    results = {
        r.student: r
        for r in grade_folder(dropout, dropout.examples_dir, tmp_path / "d", jobs=2, progress=False)
    }
    curve = results["kang minji"].curve
    assert (
        curve
        and len(curve["student"]) == len(curve["reference"]) >= 2
        and curve["student"] != curve["reference"]
    )
    png = (tmp_path / "d" / "feedback" / "kang minji.curve.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "kang%20minji.curve.png" in (tmp_path / "d" / "feedback" / "kang minji.md").read_text(
        encoding="utf-8"
    )
    assert results["moon_syntax_error"].curve is None


def test_no_learning_curve_where_nothing_is_trained(graded):
    out, results = graded
    assert all(r.curve is None for r in results)
    assert not list((out / "feedback").glob("*.png"))


# --- one guard per submission: any text from a submission reaches OUT as valid files ---------------

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from autograder.batch.folder import record, write_outputs  # noqa: E402
from autograder.core.files import csv_cell, safe_name, terminal_safe  # noqa: E402
from autograder.core.results import CaseResult, SubmissionResult  # noqa: E402
from autograder.engine.grade import _summarise  # noqa: E402
from autograder.runtime.spec import Msg  # noqa: E402
from autograder.sandbox.confine import choose  # noqa: E402

#: Terminal control characters: none may reach a CSV cell we write.
CONTROL = set(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])) | {
    "\u200b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"}  # fmt: skip

NASTY = ["\ud800", "\udfff", "\udc80", "\x1b[2J\x1b[31mred", "\u202eevil\u202c", "=cmd|' /C calc'!A0", "\r\n\t",
         "\x00", "שלום مرحبا", "학생 \u1100\u1161", "../../etc/passwd", "a\\b", "%00", ".", " "]  # fmt: skip

any_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),  # surrogates included
    st.sampled_from(NASTY),
    st.builds(lambda c, n: c * n, st.sampled_from(["가", "\ud800", "\x1b", "x"]), st.integers(1_000, 60_000)),
)
any_number = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -1e308, 0.0]))


def _result(student: str, texts: list[str], curve: list[float] | None) -> SubmissionResult:
    words = (texts * 8)[:8]
    cases = tuple(
        CaseResult(f"case_{t.id}", t.id, n % 2 == 0, 0.0, 3.0, "failed", Msg(words[n], words[n + 1]),
                   hints=((words[n + 2], Msg(words[n + 3], words[n])),))
        for n, t in enumerate(EX.tasks)
    )  # fmt: skip
    return _summarise(
        EX, cases, student=student, exercise=EX.id, file=words[4] + ".py", sha256="0", suite_key="k",
        load_errors=({"cell": words[5], "type": words[6], "message": words[7], "where": None, "trace": words[0]},),
        warnings=(Msg(words[1], words[2]),), output=words[3], problem=Msg(words[4], words[5]) if len(words[6]) % 2 else None,
        curve={"case": words[0], "key": words[1], "student": curve, "reference": [1.0] * len(curve)} if curve else None,
    )  # fmt: skip


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
          phases=[Phase.explicit, Phase.generate])  # fmt: skip
@given(
    students=st.lists(any_text, min_size=1, max_size=4, unique_by=safe_name),
    texts=st.lists(any_text, min_size=1, max_size=8),
    curve=st.one_of(st.none(), st.lists(any_number, min_size=2, max_size=6)),
    lms=st.sampled_from(["canvas", "moodle"]),
)
def test_any_text_from_a_submission_reaches_out_as_valid_files_with_every_row(students, texts, curve, lms):
    import tempfile

    results = [_result(s, texts, curve) for s in students]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        written = [record(out, EX, r) for r in results]
        write_outputs(out, EX, written, SANDBOX, GradebookOptions(lms=lms))
        for path in out.rglob("*"):
            if path.is_file() and path.suffix in (".csv", ".md", ".json", ".html"):
                path.read_bytes().decode("utf-8")  # strict: every file we write is valid UTF-8
        rows = list(csv.reader((out / "gradebook.csv").read_text(encoding="utf-8").splitlines(keepends=True)))
        assert len(rows) == len(results) + 1  # everyone's row, once
        assert sorted(r[0] for r in rows[1:]) == sorted(csv_cell(s) for s in students)
        for path in [out / "gradebook.csv", out / f"{lms}.csv"]:
            text = path.read_text(encoding="utf-8")
            for row in csv.reader(text.splitlines(keepends=True)):
                for cell in row:
                    assert not CONTROL & set(cell), (path.name, cell[:80])
        assert len(list((out / "results").glob("*.json"))) == len(results)
        assert (out / "report.html").stat().st_size > 0


SANDBOX = choose()


def test_csv_cells_lose_terminal_control_characters_and_formulas():
    assert csv_cell("\x1b[31mkim\x1b[0m") == "'[31mkim[0m" or csv_cell("\x1b[31mkim\x1b[0m") == "[31mkim[0m"
    assert csv_cell("a\u202eb\x07c") == "abc"
    assert csv_cell("\r=1+1") == "'=1+1"
    assert csv_cell("bad \ud800") == "bad \ufffd"
    assert csv_cell("-3") == "-3" and csv_cell("line\nbreak") == "line\nbreak"
    assert terminal_safe("\x1b") == ""


def test_one_submissions_failing_writers_leave_everyone_elses_rows(tmp_path, monkeypatch):
    from autograder.report import class_report, gradebook

    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("victim", "kim", "lee"):
        shutil.copy(EX.examples_dir / "lee_seoyeon.py", folder / f"{name}.py")

    def failing(real, position=1):
        def wrapper(*args, **kwargs):
            result = args[position] if len(args) > position else None
            if getattr(result, "student", None) == "victim":
                raise RuntimeError("writer failed \ud800")
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(gradebook, "gradescope_json", failing(gradebook.gradescope_json))
    monkeypatch.setattr(gradebook, "feedback_markdown", failing(gradebook.feedback_markdown))
    monkeypatch.setattr(class_report, "student_row", failing(class_report.student_row))
    real_to_json = SubmissionResult.to_json
    monkeypatch.setattr(SubmissionResult, "to_json", failing(real_to_json, position=0))
    out = tmp_path / "out"
    results = {r.student: r for r in grade_folder(EX, folder, out, jobs=2, progress=False)}
    assert results["victim"].status == "grader_error" and results["victim"].score == 0
    assert "not the student's fault" in results["victim"].grader_error.en and results["victim"].grader_error.ko
    assert results["kim"].status == results["lee"].status == "ok"
    rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").read_text(encoding="utf-8").splitlines())}
    assert rows["victim"][-1] == "grader_error" and rows["victim"][1] == "0"
    assert rows["kim"][1] == rows["lee"][1] == f"{results['kim'].score:g}" and results["kim"].score > 0
    assert (out / "feedback" / "kim.md").exists() and (out / "feedback" / "lee.md").exists()
    assert not (out / "results" / "victim.json").exists()  # nothing half-written: a rerun grades it again
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "kim" in html and "lee" in html and "victim" in html


def test_a_curve_of_huge_values_still_plots():
    from autograder.report.plots import curve_png

    png = curve_png({"case": "c\ud800", "key": "loss", "student": [1e308, -1e308, float("nan"), 2.0],
                     "reference": [float("inf"), 1.0, 0.5, 0.25]})  # fmt: skip
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
