"""The TA's desk: class report in a real browser, CSV layouts, regrade, shards, similarity."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from autograder.batch.folder import grade_folder, in_shard, merge_outputs
from autograder.core.errors import UserError
from autograder.exercises import get_exercise
from autograder.report.gradebook import GradebookOptions, load_result
from autograder.report.plots import REFERENCE_COLOUR, STUDENT_COLOUR, curve_svg
from autograder.report.similarity import similar_pairs

EX = get_exercise("loss_functions")
#: points per task and full marks of loss_functions, and its sample class's scores (goldens)
MAX = {t.id: sum(c.points for c in EX.cases(hidden=True) if c.task == t.id) for t in EX.tasks}
FULL = sum(MAX.values())
GOLDEN = json.loads((EX.examples_dir / "expected.json").read_text(encoding="utf-8"))
HERE = Path(__file__).parent
SVG = "{http://www.w3.org/2000/svg}"


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
    assert 'id="summary"' in dom and "cost_formula" in dom and "park jiho" in dom
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
    assert rows[1][0] == "Points Possible" and rows[1][-1] == f"{FULL:g}"
    assert ["김민준", "", "", "김민준", "", f"{GOLDEN['김민준']:g}"] in rows


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
    assert r.tasks["1.3"] == [MAX["1.3"], MAX["1.3"]]  # regraded
    assert r.tasks["1.1"] == [0.0, MAX["1.1"]]  # not asked for: kept as it was
    assert r.score == r.tasks["1.2"][0] + MAX["1.3"] and r.score < GOLDEN["김민준"]


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
    assert failed and any("cost_formula" in t["output"] for t in failed)
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
    svg = ET.fromstring((tmp_path / "d" / "feedback" / "kang minji.curve.svg").read_text(encoding="utf-8"))
    lines = svg.findall(f"{SVG}polyline")
    assert [line.get("stroke") for line in lines] == [REFERENCE_COLOUR, STUDENT_COLOUR]
    assert [len(line.get("points").split()) for line in lines] == [
        len(curve["reference"]),
        len(curve["student"]),
    ]
    assert "kang%20minji.curve.svg" in (tmp_path / "d" / "feedback" / "kang minji.md").read_text(
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
    st.builds(lambda c, n: c * n, st.sampled_from(["가", "\ud800", "\x1b", "x"]), st.integers(1_000, 30_000)),
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


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
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
    assert csv_cell("\x1b[31mkim\x1b[0m") == "[31mkim[0m"
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
    assert (
        "not the student's fault" in results["victim"].grader_error.en and results["victim"].grader_error.ko
    )
    assert results["kim"].status == results["lee"].status == "ok"
    rows = {r[0]: r for r in csv.reader((out / "gradebook.csv").read_text(encoding="utf-8").splitlines())}
    assert rows["victim"][-1] == "grader_error" and rows["victim"][1] == "0"
    assert rows["kim"][1] == rows["lee"][1] == f"{results['kim'].score:g}" and results["kim"].score > 0
    assert (out / "feedback" / "kim.md").exists() and (out / "feedback" / "lee.md").exists()
    assert not (out / "results" / "victim.json").exists()  # nothing half-written: a rerun grades it again
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "kim" in html and "lee" in html and "victim" in html


def test_a_curve_of_huge_values_still_plots():
    svg = ET.fromstring(curve_svg({"case": "c\ud800", "key": "loss", "student": [1e308, -1e308, float("nan"), 2.0],
                                   "reference": [float("inf"), 1.0, 0.5, 0.25]}))  # fmt: skip
    student = [line for line in svg.iter(f"{SVG}polyline") if line.get("stroke") == STUDENT_COLOUR]
    assert [len(line.get("points").split()) for line in student] == [
        2
    ]  # the nan is a gap, the last point alone


def _points(svg: ET.Element, colour: str) -> list[tuple[float, float]]:
    lines = [line for line in svg.iter(f"{SVG}polyline") if line.get("stroke") == colour]
    return [tuple(map(float, p.split(","))) for line in lines for p in line.get("points").split()]


def test_the_curve_plot_draws_each_curve_where_its_values_are():
    """Drawn without matplotlib: a falling reference falls on the page (SVG y grows downwards),
    the student's curve that rises is drawn rising, and both span the same steps."""
    svg = ET.fromstring(curve_svg({"case": "fit", "key": "cost_", "student": [1.0, 2.0, 3.0, 4.0],
                                   "reference": [4.0, 3.0, 2.0, 1.0]}))  # fmt: skip
    ref, mine = _points(svg, REFERENCE_COLOUR), _points(svg, STUDENT_COLOUR)
    assert [y for _, y in ref] == sorted(y for _, y in ref) and [y for _, y in mine] == sorted(
        (y for _, y in mine), reverse=True
    )
    assert (
        [x for x, _ in ref] == [x for x, _ in mine] and ref[0][1] == mine[-1][1] and ref[-1][1] == mine[0][1]
    )
    ticks = [t.text for t in svg.iter(f"{SVG}text")]
    assert "cost_ (fit)" in ticks and "여러분 · you" in ticks and "모범 답안 · reference" in ticks
    style = svg.find(f"{SVG}style").text  # Korean renders without a Korean font installed
    assert "font-family:'nnkit-ko'" in style and "font/woff;base64," in style


def test_markup_in_a_curves_names_stays_text():
    svg = ET.fromstring(curve_svg({"case": "</text><script>alert(1)</script>", "key": "a&b<", "student": [1.0, 2.0],
                                   "reference": [2.0, 1.0]}))  # fmt: skip
    assert not list(svg.iter(f"{SVG}script"))
    assert "</text><script>alert(1)</script>" in "".join(svg.itertext())


# --- report.html: counts, labels, intake section, Korean font, table --------------------------------

from autograder.discover.submissions import Found  # noqa: E402
from autograder.report.class_report import FONT, report_html, status_counts  # noqa: E402


def _plain(student: str, **kw) -> SubmissionResult:
    cases = tuple(CaseResult(f"c{t.id}", t.id, False, 13.0, 13.0, "passed", Msg("", "")) for t in EX.tasks)
    kw.setdefault("file", f"{student}.py")
    return _summarise(EX, cases, student=student, exercise=EX.id, sha256="0", suite_key="k", **kw)


def _class_of_every_status() -> list[SubmissionResult]:
    err = Msg("오류", "error")
    return [
        _plain("ok1"), _plain("ok2"), _plain("slow", limits_hit=("case_timeout",), seconds=120.0),
        _plain("broken", load_errors=({"cell": "", "type": "SyntaxError", "message": "x", "where": None, "trace": ""},)),
        _plain("nb", file="nb.ipynb", load_errors=({"cell": "1", "type": "E", "message": "x", "where": None, "trace": ""},)),
        _plain("odd", problem=err), _plain("kit", grader_error=err), _plain("gone", missing=True),
    ]  # fmt: skip


def test_report_status_counts_do_not_overlap_and_add_up_to_the_class():
    results = _class_of_every_status()
    counts = {s: n for s, _, n in status_counts(results)}
    assert counts == {"ok": 2, "limit": 1, "did_not_load": 1, "cell_failed": 1, "unreadable": 1,
                      "grader_error": 1, "missing": 1}  # fmt: skip
    assert sum(counts.values()) == len(results)
    html = report_html(EX, results, b"", "note")
    assert f'id="total">{len(results)}<' in html


def test_report_labels_say_what_each_number_counts():
    html = report_html(EX, _class_of_every_status(), b"", "note")
    assert "points possible</dt><dd>39<" in html.replace("배점 · ", "")  # the made-up class's
    assert "students with full marks (39)</dt><dd>" in html
    assert "full marks 80" not in html and " · max " not in html


def test_report_lists_unmatched_ambiguous_and_late_submissions():
    found = [
        Found("stray/notes.txt", "", "unmatched", Msg("누구 것인지 모름", "no student")),
        Found("kim_1/a.py", "kim", "ambiguous", Msg("두 학생", "two students")),
        Found("lee.py", "lee", "graded", Msg("", "")),
    ]
    if "late" in SubmissionResult.__dataclass_fields__:  # the intake's column
        late = _plain("park", late=True)
    else:
        late = _plain("park")
        object.__setattr__(late, "late", True)
    results = [_plain("lee"), late]
    html = report_html(EX, results, b"", "note", found)
    section = html[html.index('id="intake"') : html.index("<h2>", html.index('id="intake"'))]
    assert 'data-what="unmatched"' in section and "stray/notes.txt" in section
    assert 'data-what="ambiguous"' in section and "kim_1/a.py" in section
    assert 'data-what="late"' in section and "park" in section
    assert "lee.py" not in section  # a graded file is no problem


def _browser_env(tmp_path: Path) -> dict:
    """Chromium seeing only DejaVu: no Korean font, whatever this machine has installed."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def _dom_with(browser: str, page: str, probe: str, tmp_path: Path, name: str) -> str:
    """The <body> tag after ``probe`` (JS run once fonts are ready) has set data attributes."""
    path = tmp_path / f"{name}.html"
    script = f"<script>document.addEventListener('DOMContentLoaded',function(){{document.fonts.ready.then(function(){{{probe}}});}});</script></head>"
    path.write_text(page.replace("</head>", script, 1), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
             f"--user-data-dir={tmp_path / 'profile'}"]  # fmt: skip
    dom = subprocess.run([browser, *flags, "--dump-dom", path.as_uri()], capture_output=True, text=True,
                         timeout=120, env=_browser_env(tmp_path)).stdout  # fmt: skip
    return dom[dom.index("<body") : dom.index(">", dom.index("<body"))]


KOREAN = "한국어채점보고서학생"  # ten syllables, no space


def test_korean_renders_with_the_embedded_font_on_a_machine_without_korean_fonts(tmp_path):
    import re

    from fontTools.ttLib import TTFont

    browser = chromium()
    if not browser:
        pytest.skip("chromium (Debian package) not installed")
    page = report_html(EX, [_plain(KOREAN)], b"", "note")
    probe = ("var s=document.createElement('span');s.textContent='" + KOREAN + "';document.body.appendChild(s);"
             "document.body.dataset.em=String(s.getBoundingClientRect().width/parseFloat(getComputedStyle(s).fontSize));")  # fmt: skip
    font = TTFont(FONT)
    advance = sum(font["hmtx"][font.getBestCmap()[ord(c)]][0] for c in KOREAN) / font["head"].unitsPerEm
    shipped = float(
        re.search(r'data-em="([\d.]+)"', _dom_with(browser, page, probe, tmp_path, "with")).group(1)
    )
    assert shipped == pytest.approx(advance, rel=0.02)  # drawn with the font's own Hangul glyphs
    without = re.sub(r"@font-face\{[^}]*\}", "", page)
    control = float(
        re.search(r'data-em="([\d.]+)"', _dom_with(browser, without, probe, tmp_path, "without")).group(1)
    )
    assert control != pytest.approx(advance, rel=0.02)  # the browser really has no Korean font here
    assert len(page.encode()) < 200_000  # only the page's characters are embedded


def test_student_table_filters_and_sorts_in_the_browser(tmp_path):
    import re

    browser = chromium()
    if not browser:
        pytest.skip("chromium (Debian package) not installed")
    page = report_html(EX, _class_of_every_status(), b"", "note")
    probe = (
        "var f=document.getElementById('filter');f.value='SLOW';f.dispatchEvent(new Event('input'));"
        "var shown=Array.from(document.querySelectorAll('#students tbody tr')).filter(function(r){return !r.hidden});"
        "document.body.dataset.shown=shown.map(function(r){return r.cells[0].textContent}).join(',');"
        "f.value='';f.dispatchEvent(new Event('input'));"
        "var s=document.getElementById('status-filter');s.value='missing';s.dispatchEvent(new Event('change'));"
        "document.body.dataset.missing=document.getElementById('shown').textContent;"
        "s.value='';s.dispatchEvent(new Event('change'));"
        "var th=document.querySelectorAll('#students thead th')[1];th.click();th.click();"
        "document.body.dataset.order=Array.from(document.querySelectorAll('#students tbody tr')).map(function(r){return r.cells[1].dataset.v}).join(',');"
    )  # fmt: skip
    body = _dom_with(browser, page, probe, tmp_path, "table")
    assert re.search(r'data-shown="([^"]*)"', body).group(1) == "slow"
    assert 'data-missing="1"' in body
    order = [float(v) for v in re.search(r'data-order="([^"]*)"', body).group(1).split(",")]
    assert order == sorted(order, reverse=True)


# --- bad input: --jobs, a second grade into one OUT, Korean LMS titles ------------------------------


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_below_one_is_refused_in_both_languages(jobs, capsys):
    from autograder.cli.commands import main

    with pytest.raises(SystemExit) as info:
        main(["grade", "loss_functions", str(EX.examples_dir), "--out", "unused", "--jobs", jobs])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "1 이상" in err and "at least 1" in err and "Traceback" not in err
    with pytest.raises(UserError):
        grade_folder(EX, EX.examples_dir, Path("unused"), jobs=0)


def test_a_second_grade_into_an_out_in_use_is_refused_and_a_crashed_run_leaves_no_lock(tmp_path):
    import signal
    import sys

    from autograder.core.files import output_lock

    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; from autograder.core.files import output_lock\n"
         f"with output_lock(Path({str(out)!r})):\n    print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE.parent,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"  # an event, not a wait
        with pytest.raises(UserError) as info:
            grade_folder(EX, EX.examples_dir, out, jobs=1, progress=False)
        assert "Another grading run" in info.value.msg.en and "다른 채점" in info.value.msg.ko
        assert not (out / "gradebook.csv").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: no cleanup runs
        holder.wait()
    with output_lock(out):  # free again: the kernel dropped the dead process's lock
        pass


def test_lms_template_finds_the_column_by_its_korean_title(tmp_path):
    import unicodedata

    from autograder.report.lms import lms_rows

    for form in ("NFC", "NFD"):  # a title typed on a Mac arrives decomposed
        title = unicodedata.normalize(form, f"과제 1: {EX.title.ko} (12345)")
        template = tmp_path / f"export-{form}.csv"
        template.write_text(
            f"Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (999),{title}\n"
            "    Points Possible,,,,,10,39\nKim,1,kim,kim,A,7,\n",
            encoding="utf-8",
        )
        lms = lms_rows(EX, [_plain("kim")], "canvas", GradebookOptions(lms="canvas", lms_template=template))
        assert lms.rows[0][-1] == title and lms.rows[-1][-1] == "39" and lms.unplaced == ()


# --- similarity at class scale -----------------------------------------------------------------------

from autograder.report.similarity import (  # noqa: E402
    _fingerprints,
    clusters,
    console_lines,
    overlap_matrix,
    similarity_report,
)


def test_overlap_matrix_equals_copydetect_compare_files():
    from copydetect.detector import compare_files

    prints, _ = _fingerprints(EX, HERE / "similarity")
    names = sorted(prints)
    overlap = overlap_matrix(prints, names)
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            if i != j:
                _, (sim_a, _), _ = compare_files(prints[a], prints[b])
                assert overlap[i, j] / prints[a].token_coverage == pytest.approx(sim_a)


def test_clusters_are_connected_groups_ranked_by_strength():
    from autograder.report.similarity import Pair

    pairs = [
        Pair("a", "b", 0.7, 1),
        Pair("b", "c", 0.65, 1),
        Pair("x", "y", 0.95, 1),
        Pair("p", "q", 0.62, 1),
    ]
    found = clusters(pairs)
    assert [c.members for c in found] == [("x", "y"), ("a", "b", "c"), ("p", "q")]
    assert found[1].strongest == 0.7 and found[1].pairs == 2


def _generated_class(folder: Path, n: int) -> None:
    """n submissions: three in four the reference with a line of their own, the rest one honest file."""
    reference = EX.reference_path.read_text(encoding="utf-8")
    honest = [
        (HERE / "similarity" / f).read_text(encoding="utf-8")
        for f in ("honest_loops.py", "honest_vectorised.py")
    ]
    folder.mkdir()
    for i in range(n):
        source = reference if i % 4 else honest[i % 2]
        (folder / f"s{i:03d}.py").write_text(
            f"# {i}\n{source}\n\ndef extra_{i}(x):\n    return x * {i}\n", encoding="utf-8"
        )


def test_similarity_of_a_200_submission_class_stays_under_its_caps(tmp_path):
    _generated_class(tmp_path / "class", 200)
    found = similarity_report(EX, tmp_path / "class", tmp_path / "out", threshold=0.6, show=20)
    page = (tmp_path / "out" / "similarity.html").read_text(encoding="utf-8")
    assert found.submissions == 200 and len(found.pairs) > 5_000  # a class of near-copies
    assert len(page.encode()) < 5_000_000
    assert page.count('<div class="pair">') == 20  # side by side: the top 20 only
    assert all(p.code_a for p in found.pairs[:20]) and not any(p.code_a for p in found.pairs[20:])
    data = (
        page[page.index('id="pairs-data" type="application/json">') :].split(">", 1)[1].split("</script>")[0]
    )
    assert len(json.loads(data)) == len(found.pairs)  # every pair one click away (the JSON list)
    copies = {f"s{i:03d}" for i in range(200) if i % 4}  # the reference's 150 copies: one group
    others = {f"s{i:03d}" for i in range(200) if not i % 4}  # the honest file's 50 copies: another
    assert {frozenset(c.members) for c in found.clusters} == {frozenset(copies), frozenset(others)}
    lines = console_lines(found)
    assert len(lines) <= 2 * 20 + 2
