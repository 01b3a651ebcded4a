"""The class at a glance: ``OUT/summary.png`` and a self-contained ``OUT/report.html``.

Plots: score histogram, pass rate per task, the most frequent hints (the class's
misconceptions), runtime per submission. Tables: the same numbers, the submissions that hit
a limit, and every student with a link to their feedback. The HTML has no external resource
(the PNG is a data URI), so it opens offline; its small script marks the page ready, or
records the first error, in ``<body data-…>`` so that a headless browser test can check it.
"""

from __future__ import annotations

import base64
import html
import io
import statistics
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.report import safe_name, write_atomic
from autograder.spec import Msg

if TYPE_CHECKING:
    from autograder.exercises import Exercise
    from autograder.results import SubmissionResult


def hint_counts(results: list[SubmissionResult]) -> list[tuple[str, Msg, int]]:
    """Hints by the number of students who got them (once per student), most frequent first."""
    texts: dict[str, Msg] = {}
    counts: Counter[str] = Counter()
    for r in results:
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
        [r.score for r in results], bins=min(20, max(5, len(results))), range=(0, most), color="#4c72b0"
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


_STYLE = """
body{font-family:system-ui,'Noto Sans KR','Malgun Gothic',sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
th{background:#f3f3f3;cursor:pointer}td.num{text-align:right}.low{background:#fde8e8}
img{max-width:100%}.ko{color:#555}
"""

_SCRIPT = """
window.addEventListener('error', function (e) {
  document.body.dataset.error = String(e.message || (e.target && e.target.tagName) || 'error');
}, true);
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('table.sortable th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
      var asc = th.dataset.dir !== 'asc'; th.dataset.dir = asc ? 'asc' : 'desc';
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v || a.cells[col].textContent;
        var y = b.cells[col].dataset.v || b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var d = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.body.dataset.ready = '1';
});
window.addEventListener('load', function () {
  var broken = Array.from(document.images).filter(function (i) { return !i.naturalWidth; });
  document.body.dataset.images = broken.length ? 'broken' : 'ok';
});
"""


def _table(header: list[str], rows: list[list[str]], cls: str = "") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(rows_cell for rows_cell in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _td(text: object, num: float | None = None, cls: str = "") -> str:
    attrs = (f' data-v="{num}"' if num is not None else "") + (f' class="{cls}"' if cls else "")
    return f"<td{attrs}>{html.escape(str(text))}</td>"


def report_html(exercise: Exercise, results: list[SubmissionResult], png: bytes, sandbox_note: str) -> str:
    e = html.escape
    scores = [r.score for r in results]
    most = max((r.max_score for r in results), default=0)
    stats = (
        f"{len(results)} students · mean {statistics.mean(scores):.2f} · median {statistics.median(scores):g}"
        f" · full marks {sum(r.score == r.max_score for r in results)} · max {most:g}"
        if results
        else "no submissions"
    )
    rates = task_pass_rates(exercise, results)
    task_rows = [
        [
            _td(t.id),
            _td(t.name),
            _td(f"{t.title.ko} · {t.title.en}"),
            _td(f"{100 * rates[t.id]:.0f}%", rates[t.id], "num"),
        ]
        for t in exercise.tasks
    ]
    hint_rows = [[_td(hid), _td(f"{m.ko} / {m.en}"), _td(n, n, "num")] for hid, m, n in hint_counts(results)]
    limited = [r for r in results if r.limits_hit or r.problem]
    limit_rows = [
        [_td(r.student), _td(", ".join(r.limits_hit) or "unreadable"), _td(r.problem.en if r.problem else "")]
        for r in limited
    ]
    student_rows = []
    for r in sorted(results, key=lambda r: r.student):
        link = "feedback/" + urllib.parse.quote(safe_name(r.student) + ".md")
        cls = "num low" if r.score < 0.5 * r.max_score else "num"
        student_rows.append(
            [f'<td><a href="{link}">{e(r.student)}</a></td>', _td(f"{r.score:g}", r.score, cls)]
            + [_td(f"{r.tasks[t.id][0]:g}", r.tasks[t.id][0], "num") for t in exercise.tasks]
            + [_td(r.status), _td(f"{r.seconds:.2f}", r.seconds, "num")]
        )
    data = base64.b64encode(png).decode("ascii")
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>{e(exercise.id)} — nnkit report</title><style>{_STYLE}</style><script>{_SCRIPT}</script></head>
<body>
<h1>{e(exercise.title.ko)} · {e(exercise.title.en)}</h1>
<p>{e(stats)}</p>
<p class="ko">{e(sandbox_note)}</p>
<img id="summary" alt="summary plots" src="data:image/png;base64,{data}">
<h2>과제별 통과율 · Pass rate per task</h2>
{_table(["task", "function", "title", "cases passed"], task_rows, "sortable")}
<h2>자주 나온 힌트 · Most frequent hints (the class's misconceptions)</h2>
{_table(["hint", "text", "students"], hint_rows, "sortable") if hint_rows else "<p>없음 · none</p>"}
<h2>제한에 걸리거나 읽을 수 없는 제출물 · Submissions that hit a limit or could not be read</h2>
{_table(["student", "limit", "reason"], limit_rows) if limit_rows else "<p>없음 · none</p>"}
<h2>학생 · Students</h2>
{_table(["student", "score", *[t.id for t in exercise.tasks], "status", "seconds"], student_rows, "sortable")}
</body></html>
"""


def write_class_report(
    out: Path, exercise: Exercise, results: list[SubmissionResult], sandbox_note: str = ""
) -> None:
    png = summary_png(exercise, results)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / ".summary.png.tmp"
    tmp.write_bytes(png)
    tmp.replace(out / "summary.png")
    write_atomic(out / "report.html", report_html(exercise, results, png, sandbox_note))
