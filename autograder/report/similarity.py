"""Similarity across one exercise's submissions, with copydetect (winnowed token fingerprints).

copydetect replaces names with placeholders before fingerprinting, so renamed variables do
not hide a copy, and fingerprints are a set, so reordered functions do not either. The stub's
own fingerprints are boilerplate: code every student received is never evidence. Notebooks
are compared on their code cells.

At class scale (200 submissions are 19,900 pairs) the work is bounded in three ways:

- each submission is fingerprinted once, and copydetect's own measure (the share of a file's
  tokens inside fingerprints the other file has too) is computed for all pairs at once from a
  fingerprint-by-file table (:func:`overlap_matrix`), not by 19,900 calls of ``compare_files``;
- a pair keeps its names and numbers only; the side-by-side view with the shared code marked
  is made for the ``show`` strongest pairs only;
- pairs above the threshold are grouped into clusters (connected groups), ranked by strength,
  so a class where thirty students share one source reads as one line, not 435 pairs.

The report (``OUT/similarity.html``) lists the clusters, the strongest pairs side by side and,
one click away, every pair above the threshold. It is a place to look, not a verdict.
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from autograder.core.files import terminal_safe, valid_text, write_atomic
from autograder.discover.submissions import discover
from autograder.exercises import Exercise

NOISE_TOKENS = 25  # k-gram length: shorter matches are ordinary numpy idiom
WINDOW = 1
#: Pairs shown side by side (page) and printed (console); the rest are one click away.
SHOW = 20


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    similarity: float  # the smaller of the two files' shares of overlapping tokens
    overlap_tokens: int
    code_a: str = ""  # the side-by-side view (shared code marked): only for the strongest pairs
    code_b: str = ""


@dataclass(frozen=True)
class Cluster:
    """Submissions connected by pairs at or above the threshold."""

    members: tuple[str, ...]
    strongest: float
    mean: float
    pairs: int


@dataclass
class Similarity:
    pairs: list[Pair]  # every pair at or above the threshold, strongest first
    clusters: list[Cluster]  # strongest first
    submissions: int
    threshold: float
    shown: int = SHOW
    skipped: list[str] = field(default_factory=list)  # submissions that could not be read as code


def _fingerprint(name: str, code: str, boilerplate):
    from copydetect import CodeFingerprint

    return CodeFingerprint(f"{name}.py", NOISE_TOKENS, WINDOW, boilerplate=boilerplate, fp=io.StringIO(code))


def _fingerprints(exercise: Exercise, folder: Path) -> tuple[dict, list[str]]:
    """Each submission's copydetect fingerprint (the stub's code as boilerplate), by student."""
    import logging

    logging.getLogger().setLevel(logging.ERROR)  # copydetect warns through the root logger
    stub = exercise.stub_path.read_text(encoding="utf-8")
    boilerplate = list(_fingerprint("stub", stub, []).hashes)
    prints, skipped = {}, []
    for s in discover(folder, exercise):
        if not s.cells:
            continue
        try:
            prints[s.student] = _fingerprint(s.student, "\n".join(c.source for c in s.cells), boilerplate)
        except Exception:  # noqa: BLE001 - code copydetect cannot tokenise is named, never fatal
            skipped.append(s.student)
    return prints, skipped


def overlap_matrix(prints: dict, names: list[str]):
    """``O[i, j]``: tokens of ``names[i]``'s code inside fingerprints it shares with ``names[j]``.

    The same number as copydetect's ``compare_files`` (the union of the shared k-grams' token
    spans), for all pairs at once: a fingerprint-by-file table is looked up once per position.
    """
    import numpy as np

    columns: dict = {}
    positions = []
    for n in names:
        items = [
            (int(i), columns.setdefault(h, len(columns)))
            for h, idx in prints[n].hash_idx.items()
            for i in idx
        ]
        items.sort()
        positions.append(np.array(items, dtype=np.int64).reshape(-1, 2))
    has = np.zeros((len(names), max(1, len(columns))), dtype=bool)
    for row, items in enumerate(positions):
        has[row, items[:, 1]] = True
    overlap = np.zeros((len(names), len(names)))
    for row, items in enumerate(positions):
        if not len(items):
            continue
        pos = items[:, 0].astype(float)
        shared = has[:, items[:, 1]]  # file x position: is this position's fingerprint in that file
        at = np.where(shared, pos[None, :], np.inf)
        following = np.minimum.accumulate(at[:, ::-1], axis=1)[:, ::-1]  # next shared position
        following = np.concatenate([following[:, 1:], np.full((len(names), 1), np.inf)], axis=1)
        span = np.minimum(following - pos[None, :], NOISE_TOKENS)
        overlap[row] = np.where(shared, span, 0.0).sum(axis=1)
    return overlap


def similar_pairs(exercise: Exercise, folder: Path, threshold: float, show: int = SHOW) -> list[Pair]:
    """Pairs of submissions whose similarity is at or above ``threshold`` (0-1), highest first;
    the first ``show`` carry their side-by-side view."""
    return similarity(exercise, folder, threshold, show).pairs


def similarity(exercise: Exercise, folder: Path, threshold: float, show: int = SHOW) -> Similarity:
    """Pairs, clusters and counts for the report and the console."""
    import numpy as np

    prints, skipped = _fingerprints(exercise, folder)
    names = sorted(prints)
    overlap = overlap_matrix(prints, names)
    coverage = np.array([max(float(prints[n].token_coverage), 1.0) for n in names])
    share = overlap / coverage[:, None]
    found = np.minimum(share, share.T)  # a copy is most of both files, not a shared one-liner
    i, j = np.nonzero(np.triu((found >= threshold) & (overlap > 0), k=1))
    pairs = [
        Pair(names[a], names[b], float(found[a, b]), int(overlap[a, b])) for a, b in zip(i, j, strict=True)
    ]
    pairs.sort(key=lambda p: (-p.similarity, p.a, p.b))
    pairs[:show] = [_with_view(p, prints) for p in pairs[:show]]
    return Similarity(pairs, clusters(pairs), len(prints), threshold, show, skipped)


def _with_view(p: Pair, prints: dict) -> Pair:
    """``p`` with both files' code, the shared parts marked (HTML-escaped)."""
    from copydetect.detector import compare_files
    from copydetect.utils import highlight_overlap

    _, _, (slices_a, slices_b) = compare_files(prints[p.a], prints[p.b])
    mark = ("<mark>", "</mark>")
    code_a = highlight_overlap(prints[p.a].raw_code, slices_a, *mark, escape_html=True)[0]
    code_b = highlight_overlap(prints[p.b].raw_code, slices_b, *mark, escape_html=True)[0]
    return Pair(p.a, p.b, p.similarity, p.overlap_tokens, code_a, code_b)


def clusters(pairs: list[Pair]) -> list[Cluster]:
    """Connected groups of the pairs, strongest first (strongest pair, then mean, then size)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[root(p.a)] = root(p.b)
    groups: dict[str, list[Pair]] = {}
    for p in pairs:
        groups.setdefault(root(p.a), []).append(p)
    found = []
    for edges in groups.values():
        members = tuple(sorted({p.a for p in edges} | {p.b for p in edges}))
        sims = [p.similarity for p in edges]
        found.append(Cluster(members, max(sims), sum(sims) / len(sims), len(edges)))
    return sorted(found, key=lambda c: (-c.strongest, -c.mean, -len(c.members), c.members))


def console_lines(result: Similarity) -> list[str]:
    """What ``similarity`` prints: the clusters, then at most ``shown`` pairs (terminal-safe)."""

    def name(s: str) -> str:
        return terminal_safe(valid_text(s))

    lines = []
    for k, c in enumerate(result.clusters[: result.shown], 1):
        members = ", ".join(name(m) for m in c.members[:8]) + (" …" if len(c.members) > 8 else "")
        lines.append(
            f"#{k:<3} {len(c.members):3d} students  max {c.strongest:6.1%}  mean {c.mean:6.1%}  {members}"
        )
    if len(result.clusters) > result.shown:
        lines.append(f"     … +{len(result.clusters) - result.shown} clusters")
    lines.append("")
    lines += [f"{p.similarity:6.1%}  {name(p.a)}  ~  {name(p.b)}" for p in result.pairs[: result.shown]]
    return lines


def similarity_report(exercise: Exercise, folder: Path, out: Path, threshold: float = 0.6,
                      show: int = SHOW) -> Similarity:  # fmt: skip
    """Write ``OUT/similarity.html``; returns what it found."""
    result = similarity(exercise, folder, threshold, show)
    write_atomic(out / "similarity.html", similarity_html(exercise, result))
    return result


def _text(s: str) -> str:
    return html.escape(terminal_safe(valid_text(s)))


def _cluster_rows(result: Similarity) -> str:
    rows = []
    for k, c in enumerate(result.clusters, 1):
        shown = ", ".join(_text(m) for m in c.members[:30])
        more = f" … (+{len(c.members) - 30})" if len(c.members) > 30 else ""
        rows.append(f"<tr><td>{k}</td><td>{len(c.members)}</td><td>{c.strongest:.0%}</td><td>{c.mean:.0%}</td>"
                    f"<td>{c.pairs}</td><td>{shown}{more}</td></tr>")  # fmt: skip
    return "".join(rows)


def _shown_pairs(result: Similarity) -> tuple[str, str]:
    shown = result.pairs[: result.shown]
    rows = "".join(
        f'<tr><td><a href="#p{i}">{_text(p.a)} ~ {_text(p.b)}</a></td>'
        f"<td>{p.similarity:.0%}</td><td>{p.overlap_tokens}</td></tr>"
        for i, p in enumerate(shown)
    )
    blocks = "".join(
        f'<h3 id="p{i}">{_text(p.a)} ~ {_text(p.b)} ({p.similarity:.0%})</h3>'
        f'<div class="pair"><pre>{valid_text(p.code_a)}</pre><pre>{valid_text(p.code_b)}</pre></div>'
        for i, p in enumerate(shown)
    )
    return rows, blocks


def similarity_html(exercise: Exercise, result: Similarity) -> str:
    """The page: clusters, the strongest pairs side by side, every pair one click away."""
    rows, blocks = _shown_pairs(result)
    every = [[valid_text(p.a), valid_text(p.b), round(p.similarity, 3)] for p in result.pairs]
    data = json.dumps(every, ensure_ascii=True).replace("</", "<\\/")
    n, shown = len(result.pairs), min(len(result.pairs), result.shown)
    skipped = ", ".join(_text(s) for s in result.skipped)
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>{html.escape(exercise.id)} similarity</title><style>
body{{font-family:'Noto Sans KR','Malgun Gothic',system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}}.pair{{display:flex;gap:1em}}
pre{{flex:1;background:#f7f7f7;padding:.5em;overflow:auto;font-size:12px;max-height:40em}}mark{{background:#ffd54f}}
</style></head><body>
<h1>유사도 보고서 · Similarity report — {html.escape(exercise.id)}</h1>
<p>copydetect, k = {NOISE_TOKENS} tokens; 과제 뼈대 코드는 제외 · the stub's code is ignored.
기준 · threshold {result.threshold:.0%}. 판정이 아니라 살펴볼 곳입니다 · a place to look, not a verdict.</p>
<p>제출물 {result.submissions}개, 기준 이상인 쌍 {n}개, 묶음 {len(result.clusters)}개 ·
{result.submissions} submissions, {n} pairs at or above the threshold, {len(result.clusters)} clusters.
{f"코드로 읽지 못함 · not read as code: {skipped}" if skipped else ""}</p>
<h2>묶음 (강한 순) · Clusters, strongest first</h2>
<p>기준 이상인 쌍으로 이어진 학생들 · students connected by pairs at or above the threshold.</p>
{f'<table id="clusters"><tr><th>#</th><th>students</th><th>strongest</th><th>mean</th><th>pairs</th><th>members</th></tr>{_cluster_rows(result)}</table>' if result.clusters else "<p>없음 · none</p>"}
<h2>가장 비슷한 쌍 {shown}개 · The {shown} most similar pairs</h2>
{f'<table id="top"><tr><th>pair</th><th>similarity</th><th>shared tokens</th></tr>{rows}</table>' if rows else "<p>없음 · none</p>"}
<details id="all"><summary>기준 이상인 쌍 모두 ({n}개) · All {n} pairs at or above the threshold</summary>
<table id="all-pairs"><thead><tr><th>a</th><th>b</th><th>similarity</th></tr></thead><tbody></tbody></table></details>
<script id="pairs-data" type="application/json">{data}</script>
<script>
document.getElementById('all').addEventListener('toggle', function () {{
  var body = document.querySelector('#all-pairs tbody');
  if (body.rows.length) return;
  JSON.parse(document.getElementById('pairs-data').textContent).forEach(function (p) {{
    var tr = body.insertRow();
    [p[0], p[1], Math.round(p[2] * 100) + '%'].forEach(function (v) {{ tr.insertCell().textContent = v; }});
  }});
}});
</script>
{blocks}
</body></html>
"""
