"""The class at a glance: ``OUT/summary.png`` and a self-contained ``OUT/report.html``.

Plots: score histogram, pass rate per task, the most frequent hints (the class's
misconceptions), runtime per submission. Tables: the same numbers, the submissions that hit
a limit, and every student with a link to their feedback. The HTML has no external resource
(the PNG is a data URI), so it opens offline; its small script marks the page ready, or
records the first error, in ``<body data-…>`` so that a headless browser test can check it.
"""

from __future__ import annotations

import base64
import io
import statistics
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core.files import safe_name, write_atomic
from autograder.runtime.spec import Msg

if TYPE_CHECKING:
    from autograder.core.results import SubmissionResult
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


def summary_png(exercise: Exercise, results: list[SubmissionResult]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    fig, axes = plt.subplots(2, 2, figsize=(11, 7.5))
    (ax_hist, ax_tasks), (ax_hints, ax_time) = axes
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

    hints = hint_counts(results)[:8]
    if hints:
        ax_hints.barh([h[0] for h in reversed(hints)], [h[2] for h in reversed(hints)], color="#c44e52")
    ax_hints.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_hints.set(title="Most frequent hints (students)", xlabel="students")

    times = sorted(r.seconds for r in results)
    ax_time.bar(range(1, len(times) + 1), times, color="#8172b2")
    ax_time.set(title="Runtime per submission (sorted)", xlabel="submission", ylabel="seconds")
    fig.suptitle(f"{exercise.id}: {len(results)} submissions")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


TEMPLATES = Path(__file__).parent / "templates"

#: What a status means for the class: the gradebook's status word -> what the report says.
STATUS_TEXT = {
    "ok": "채점됨 · graded",
    "cell_failed": "채점됨, 노트북 셀 하나가 실패 · graded, a notebook cell failed",
    "did_not_load": "불러오지 못함 · did not load",
    "unreadable": "읽을 수 없음 · could not be read",
    "missing": "제출 없음 · missing",
}


def class_status(r: SubmissionResult) -> str:
    """The status as the class report tells it: a notebook whose cell failed was still graded
    (its other cells ran); a ``.py`` that failed to import did not load."""
    if r.status == "missing":
        return "missing"
    if r.problem:
        return "unreadable"
    if r.load_errors:
        return "cell_failed" if r.file.lower().endswith(".ipynb") else "did_not_load"
    if r.limits_hit:
        return "limit:" + "+".join(r.limits_hit)
    return "ok"


def loaded(r: SubmissionResult) -> bool:
    """The submission's code ran: its hints say something about what the student thinks."""
    return class_status(r) not in ("missing", "unreadable", "did_not_load")


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
    return env


def report_html(exercise: Exercise, results: list[SubmissionResult], png: bytes, sandbox_note: str) -> str:
    graded = [r for r in results if r.status != "missing"]
    scores = [r.score for r in graded]
    most = max((r.max_score for r in results), default=0)
    stats = (
        f"{len(graded)} students · mean {statistics.mean(scores):.2f} · median {statistics.median(scores):g}"
        f" · full marks {sum(r.score == r.max_score for r in graded)} · max {most:g}"
        if graded
        else "no submissions"
    )
    statuses = Counter(class_status(r) for r in results)
    counts = [
        ("채점 · graded", sum(n for s, n in statuses.items() if s not in ("missing", "unreadable"))),
        ("읽을 수 없음 · could not be read", statuses["unreadable"] + statuses["did_not_load"]),
        ("제출 없음 · missing", statuses["missing"]),
    ]
    rates = task_pass_rates(exercise, graded)
    tasks = [
        {"id": t.id, "name": t.name, "title": f"{t.title.ko} · {t.title.en}", "rate": rates[t.id],
         "percent": f"{100 * rates[t.id]:.0f}%"}
        for t in exercise.tasks
    ]  # fmt: skip
    hints = [{"id": hid, "ko": m.ko, "en": m.en, "n": n} for hid, m, n in hint_counts(results)]
    limited = [
        {"student": r.student, "limit": ", ".join(r.limits_hit) or class_status(r),
         "reason": r.problem.en if r.problem else ""}
        for r in results
        if r.limits_hit or r.problem and r.status != "missing"
    ]  # fmt: skip
    students = []
    for r in sorted(results, key=lambda r: r.student):
        status = class_status(r)
        text = STATUS_TEXT.get(status, status)
        students.append(
            {
                "student": r.student,
                "link": None
                if r.status == "missing"
                else "feedback/" + urllib.parse.quote(safe_name(r.student) + ".md"),
                "score": r.score,
                "score_text": "—" if r.status == "missing" else f"{r.score:g}",
                "cls": "num low" if r.score < 0.5 * r.max_score else "num",
                "tasks": [f"{r.tasks[t.id][0]:g}" for t in exercise.tasks],
                "status": status,
                "status_text": text,
                "seconds": r.seconds,
                "seconds_text": f"{r.seconds:.2f}",
            }
        )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            exercise=exercise,
            stats=stats,
            counts=counts,
            sandbox_note=sandbox_note,
            png=base64.b64encode(png).decode("ascii"),
            tasks=tasks,
            hints=hints,
            limited=limited,
            students=students,
        )
    )


def write_class_report(
    out: Path, exercise: Exercise, results: list[SubmissionResult], sandbox_note: str = ""
) -> None:
    png = summary_png(exercise, results)
    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / "summary.png", png)
    write_atomic(out / "report.html", report_html(exercise, results, png, sandbox_note))
