"""Similarity across one exercise's submissions, with copydetect (winnowed token fingerprints).

copydetect replaces names with placeholders before fingerprinting, so renamed variables do
not hide a copy, and fingerprints are a set, so reordered functions do not either. The stub's
own fingerprints are boilerplate: code every student received is never evidence. Notebooks
are compared on their code cells. The report (``OUT/similarity.html``) shows each flagged
pair side by side with the shared code highlighted; it is a place to look, not a verdict.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from autograder.core.files import write_atomic
from autograder.discover.submissions import discover
from autograder.exercises import Exercise

NOISE_TOKENS = 25  # k-gram length: shorter matches are ordinary numpy idiom
WINDOW = 1


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    similarity: float  # the smaller of the two files' shares of overlapping tokens
    overlap_tokens: int
    code_a: str
    code_b: str


def _fingerprint(name: str, code: str, boilerplate):
    from copydetect import CodeFingerprint

    return CodeFingerprint(f"{name}.py", NOISE_TOKENS, WINDOW, boilerplate=boilerplate, fp=io.StringIO(code))


def similar_pairs(exercise: Exercise, folder: Path, threshold: float) -> list[Pair]:
    """Pairs of submissions whose similarity is at or above ``threshold`` (0-1), highest first."""
    import logging

    from copydetect.detector import compare_files
    from copydetect.utils import highlight_overlap

    logging.getLogger().setLevel(logging.ERROR)  # copydetect warns through the root logger
    stub = exercise.stub_path.read_text(encoding="utf-8")
    boilerplate = list(_fingerprint("stub", stub, []).hashes)
    codes = {s.student: "\n".join(c.source for c in s.cells) for s in discover(folder, exercise) if s.cells}
    prints = {name: _fingerprint(name, code, boilerplate) for name, code in codes.items()}
    pairs = []
    for a, b in combinations(sorted(prints), 2):
        overlap, (sim_a, sim_b), (slices_a, slices_b) = compare_files(prints[a], prints[b])
        similarity = float(min(sim_a, sim_b))  # a copy is most of both files, not a shared one-liner
        if overlap and similarity >= threshold:
            mark = ("<mark>", "</mark>")
            code_a = highlight_overlap(prints[a].raw_code, slices_a, *mark, escape_html=True)[0]
            code_b = highlight_overlap(prints[b].raw_code, slices_b, *mark, escape_html=True)[0]
            pairs.append(Pair(a, b, similarity, int(overlap), code_a, code_b))
    return sorted(pairs, key=lambda p: -p.similarity)


def similarity_report(exercise: Exercise, folder: Path, out: Path, threshold: float = 0.6) -> list[Pair]:
    pairs = similar_pairs(exercise, folder, threshold)
    rows = "".join(
        f'<tr><td><a href="#p{i}">{html.escape(p.a)} ~ {html.escape(p.b)}</a></td>'
        f"<td>{p.similarity:.0%}</td><td>{p.overlap_tokens}</td></tr>"
        for i, p in enumerate(pairs)
    )
    blocks = "".join(
        f'<h3 id="p{i}">{html.escape(p.a)} ~ {html.escape(p.b)} ({p.similarity:.0%})</h3>'
        f'<div class="pair"><pre>{p.code_a}</pre><pre>{p.code_b}</pre></div>'
        for i, p in enumerate(pairs)
    )
    page = f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>{html.escape(exercise.id)} similarity</title><style>
body{{font-family:system-ui,sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em}}.pair{{display:flex;gap:1em}}
pre{{flex:1;background:#f7f7f7;padding:.5em;overflow:auto;font-size:12px}}mark{{background:#ffd54f}}
</style></head><body>
<h1>유사도 보고서 · Similarity report — {html.escape(exercise.id)}</h1>
<p>copydetect, k = {NOISE_TOKENS} tokens; 과제 뼈대 코드는 제외 · the stub's code is ignored.
기준 · threshold {threshold:.0%}. 판정이 아니라 살펴볼 곳입니다 · a place to look, not a verdict.</p>
<table><tr><th>pair</th><th>similarity</th><th>shared tokens</th></tr>{rows}</table>
{blocks or "<p>없음 · none</p>"}
</body></html>
"""
    write_atomic(out / "similarity.html", page)
    return pairs
