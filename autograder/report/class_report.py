"""The class at a glance: ``OUT/summary.png`` and a self-contained ``OUT/report.html``.

Plots: score histogram, pass rate per task, the most frequent hints (the class's
misconceptions), runtime per submission. Tables: the same numbers, the submissions that hit
a limit, and every student with a link to their feedback. The HTML has no external resource
(the PNG is a data URI), so it opens offline; its small script marks the page ready, or
records the first error, in ``<body data-…>`` so that a headless browser test can check it.
"""

from __future__ import annotations

import base64
import functools
import io
import statistics
import sys
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core.files import safe_name, terminal_safe, valid_text, write_atomic
from autograder.runtime.spec import Msg

if TYPE_CHECKING:
    from autograder.core.results import SubmissionResult
    from autograder.discover.submissions import Found
    from autograder.exercises import Exercise


def hint_counts(results: list[SubmissionResult]) -> list[tuple[str, Msg, int]]:
    """Hints by the number of students who got them (once per student, only submissions that
    loaded), most frequent first."""
    texts: dict[str, Msg] = {}
    counts: Counter[str] = Counter()
    for r in results:
        if not loaded(r):  # a file that did not load says nothing about the class's ideas
            continue
        seen = {hid: hint for c in r.cases for hid, hint in c.hints}
        texts.update(seen)
        counts.update(seen.keys())
    return [(hid, texts[hid], n) for hid, n in counts.most_common()]


def task_pass_rates(exercise: Exercise, results: list[SubmissionResult]) -> dict[str, float]:
    rates = {}
    for t in exercise.tasks:
        cases = [c for r in results for c in r.cases if c.task == t.id]
        rates[t.id] = sum(c.passed for c in cases) / len(cases) if cases else 0.0
    return rates


#: Shortest runtime drawn on the log-scale plot (a missing or instant submission's 0 s has no log).
MIN_SECONDS = 0.01


def summary_png(exercise: Exercise, results: list[SubmissionResult]) -> bytes:
    """Four plots of the class. Drawn on a bare matplotlib Figure (no pyplot) with margins set
    here, not by ``tight_layout``, and the runtimes as one stepped area, not a bar per
    submission: at 200 submissions this is a few times faster, and it runs while nothing else does."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    hints = hint_counts(results)[:8]
    fig = Figure(figsize=(11, 7.5))
    FigureCanvasAgg(fig)
    longest = max((len(h[0]) for h in hints), default=0)  # the hint ids left of the bottom-left plot
    fig.subplots_adjust(left=min(0.3, 0.06 + 0.0068 * longest), right=0.98, bottom=0.08, top=0.9,
                        wspace=0.22, hspace=0.38)  # fmt: skip
    (ax_hist, ax_tasks), (ax_hints, ax_time) = fig.subplots(2, 2)
    most = max((r.max_score for r in results), default=1) or 1
    ax_hist.hist(
        [r.score for r in results if r.status != "missing"],
        bins=min(20, max(5, len(results))),
        range=(0, most),
        color="#4c72b0",
    )
    ax_hist.set(title="Scores", xlabel=f"score (of {most:g})", ylabel="students")
    ax_hist.yaxis.set_major_locator(MaxNLocator(integer=True))

    rates = task_pass_rates(exercise, results)
    ax_tasks.bar(list(rates), [100 * v for v in rates.values()], color="#55a868")
    ax_tasks.set(title="Cases passed per task", ylabel="% of cases passed", ylim=(0, 100))

    if hints:
        ax_hints.barh([h[0] for h in reversed(hints)], [h[2] for h in reversed(hints)], color="#c44e52")
    ax_hints.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_hints.set(title="Most frequent hints (students)", xlabel="students")

    # log scale: one 120 s submission must not flatten the 1 s ones
    times = sorted(max(r.seconds, MIN_SECONDS) for r in results if r.status != "missing")
    if times:
        ax_time.fill_between(range(1, len(times) + 1), times, MIN_SECONDS, step="mid", color="#8172b2")
        ax_time.set_xlim(0.5, len(times) + 0.5)
    ax_time.set_yscale("log")
    ax_time.set(title="Runtime per submission (sorted, log scale)", xlabel="submission", ylabel="seconds")
    ax_time.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle(f"{exercise.id}: {len(results)} submissions")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return buf.getvalue()


TEMPLATES = Path(__file__).parent / "templates"
FONT = Path(__file__).parent / "fonts" / "NanumGothic-ksx1001.woff"

#: What a status means for the class, in the order the report counts them; each submission is
#: counted under exactly one, so the counts add up to the class.
STATUS_TEXT = {
    "ok": "채점됨 · graded",
    "limit": "채점됨, 제한에 걸림 · graded, hit a limit",
    "cell_failed": "채점됨, 노트북 셀 하나가 실패 · graded, a notebook cell failed",
    "did_not_load": "불러오지 못함 · did not load",
    "unreadable": "읽을 수 없음 · could not be read",
    "ambiguous": "누구의 것인지 모호함 · ambiguous",
    "grader_error": "채점기 오류 (다시 채점) · grader error (regrade)",
    "missing": "제출 없음 · missing",
}


def class_status(r: SubmissionResult) -> str:
    """The status as the class report tells it: a notebook whose cell failed was still graded
    (its other cells ran); a ``.py`` that failed to import did not load."""
    if r.status in ("missing", "grader_error", "ambiguous"):
        return r.status
    if r.problem:
        return "unreadable"
    if r.load_errors:
        return "cell_failed" if r.file.lower().endswith(".ipynb") else "did_not_load"
    if r.limits_hit:
        return "limit:" + "+".join(r.limits_hit)
    return "ok"


def status_bucket(r: SubmissionResult) -> str:
    """The one count a submission falls under (every ``limit:…`` is one bucket)."""
    status = class_status(r)
    return "limit" if status.startswith("limit:") else status


def status_counts(results: list[SubmissionResult]) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status that occurs; the counts sum to ``len(results)``."""
    counts = Counter(status_bucket(r) for r in results)
    known = [(s, text, counts[s]) for s, text in STATUS_TEXT.items() if counts[s]]
    other = [(s, s, n) for s, n in sorted(counts.items()) if s not in STATUS_TEXT]
    return known + other


def loaded(r: SubmissionResult) -> bool:
    """The submission's code ran: its hints say something about what the student thinks."""
    return class_status(r) not in ("missing", "unreadable", "did_not_load", "grader_error", "ambiguous")


def _environment():
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every name and message is text, never markup
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["style"] = Markup((TEMPLATES / "report.css").read_text(encoding="utf-8"))
    env.globals["script"] = Markup((TEMPLATES / "report.js").read_text(encoding="utf-8"))
    env.filters["text"] = lambda v: terminal_safe(valid_text(v))  # any string from a submission
    return env


def class_stats(results: list[SubmissionResult]) -> list[tuple[str, str]]:
    """The headline numbers, each with a label that says what it counts."""
    graded = [r for r in results if r.status != "missing"]
    most = max((r.max_score for r in results), default=0)
    if not graded:
        return [("제출물 · submissions", "0")]
    scores = [r.score for r in graded]
    return [
        ("학생 · students", f"{len(results)}"),
        ("제출한 학생 · handed in", f"{len(graded)}"),
        ("배점 · points possible", f"{most:g}"),
        ("평균 · mean score", f"{statistics.mean(scores):.2f}"),
        ("중앙값 · median score", f"{statistics.median(scores):g}"),
        (f"만점({most:g}점)인 학생 · students with full marks ({most:g})",
         f"{sum(r.score == r.max_score for r in graded)}"),
    ]  # fmt: skip


def student_row(exercise: Exercise, r: SubmissionResult) -> dict:
    """One line of the student table."""
    status = class_status(r)
    return {
        "student": r.student,
        "link": None if r.status == "missing" else "feedback/" + urllib.parse.quote(safe_name(r.student) + ".md"),
        "score": r.score,
        "score_text": "—" if r.status == "missing" else f"{r.score:g}",
        "cls": "num low" if r.score < 0.5 * r.max_score else "num",
        "tasks": [f"{r.tasks[t.id][0]:g}" for t in exercise.tasks],
        "status": status_bucket(r),
        "status_text": STATUS_TEXT.get(status, status) if not status.startswith("limit:") else
        f"{STATUS_TEXT['limit']} ({status[6:]})",
        "late": _late_text(r),
        "seconds": r.seconds,
        "seconds_text": f"{r.seconds:.2f}",
    }  # fmt: skip


def _late_text(r: SubmissionResult) -> str:
    late = getattr(r, "late", None)  # intake: Canvas's LATE marker or a timestamp past --deadline
    return "" if late in (None, False, "") else ("late" if late is True else str(late))


def _student_rows(exercise: Exercise, results: list[SubmissionResult]) -> list[dict]:
    """Every student's line; a row that cannot be shown says so and the others are still shown."""
    rows = []
    for r in sorted(results, key=lambda r: r.student):
        try:
            rows.append(student_row(exercise, r))
        except Exception as exc:  # noqa: BLE001 - one row never costs the class its report
            print(
                terminal_safe(f"nnkit: report.html row of {valid_text(r.student)!r}: {exc!r}"),
                file=sys.stderr,
            )
            rows.append({"student": r.student, "link": None, "score": 0, "score_text": "?", "cls": "num",
                         "tasks": ["?" for _ in exercise.tasks], "status": "grader_error",
                         "status_text": STATUS_TEXT["grader_error"], "late": "", "seconds": 0,
                         "seconds_text": "?"})  # fmt: skip
    return rows


def intake_problems(results: list[SubmissionResult], found: list[Found] | None) -> list[dict]:
    """Files the download could not give to one student (unmatched, ambiguous) and late work."""
    rows = [
        {"what": f.use, "student": f.student, "path": f.path, "reason": f.reason.render()}
        for f in found or ()
        if f.use in ("unmatched", "ambiguous")
    ]
    rows += [
        {"what": "late", "student": r.student, "path": r.file, "reason": _late_text(r)}
        for r in results
        if _late_text(r)
    ]
    return rows


def report_html(exercise: Exercise, results: list[SubmissionResult], png: bytes, sandbox_note: str,
                found: list[Found] | None = None) -> str:  # fmt: skip
    """The self-contained class report (see the module docstring)."""
    graded = [r for r in results if r.status != "missing"]
    rates = task_pass_rates(exercise, graded)
    tasks = [
        {"id": t.id, "name": t.name, "title": f"{t.title.ko} · {t.title.en}", "rate": rates[t.id],
         "percent": f"{100 * rates[t.id]:.0f}%"}
        for t in exercise.tasks
    ]  # fmt: skip
    limited = [
        {"student": r.student, "limit": ", ".join(r.limits_hit) or class_status(r),
         "reason": r.problem.en if r.problem else (r.grader_error.en if r.grader_error else "")}
        for r in results
        if r.status != "missing" and (r.limits_hit or r.problem or r.grader_error)
    ]  # fmt: skip
    page = dict(
        exercise=exercise,
        stats=class_stats(results),
        counts=status_counts(results),
        total=len(results),
        sandbox_note=sandbox_note,
        png=base64.b64encode(png).decode("ascii"),
        tasks=tasks,
        hints=[{"id": hid, "ko": m.ko, "en": m.en, "n": n} for hid, m, n in hint_counts(results)],
        limited=limited,
        intake=intake_problems(results, found),
        students=_student_rows(exercise, results),
        statuses=list(STATUS_TEXT.items()),
    )
    from markupsafe import Markup

    template = _environment().get_template("report.html.j2")
    text = template.render(font="", **page)
    return template.render(font=Markup(font_face(text)), **page)  # CSS we made: not escaped


def font_face(text: str) -> str:
    """A CSS ``@font-face`` embedding the report font cut to the characters of ``text`` (so Korean
    renders without a Korean font installed); empty if fontTools or the font is unavailable."""
    try:
        woff = _font_subset(frozenset(text))
    except Exception as exc:  # noqa: BLE001 - the page still renders with the browser's own fonts
        print(f"nnkit: report font not embedded ({type(exc).__name__}: {exc})", file=sys.stderr)
        return ""
    data = base64.b64encode(woff).decode("ascii")
    return f"@font-face{{font-family:'nnkit-ko';src:url(data:font/woff;base64,{data}) format('woff');}}"


@functools.lru_cache(maxsize=8)
def _font_subset(chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(FONT)
    covered = set(font.getBestCmap())
    wanted = sorted(ord(c) for c in chars if ord(c) in covered)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()


def write_class_report(out: Path, exercise: Exercise, results: list[SubmissionResult], sandbox_note: str = "",
                       found: list[Found] | None = None) -> None:  # fmt: skip
    png = summary_png(exercise, results)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "summary.png", png)
    write_atomic(out / "report.html", report_html(exercise, results, png, sandbox_note, found))
