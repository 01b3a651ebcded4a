"""Similarity at class scale: a generated class of N submissions (three in four the reference with
a line of their own, the rest two honest styles) through ``similarity_report``.

Prints the wall time, this process's peak memory, the page size and the counts. Run it in a
fresh process (the peak is the process's). A benchmark prints figures; nothing here asserts.

    python scripts/bench_similarity.py [--n 200] [--exercise loss_functions]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.exercises import get_exercise  # noqa: E402
from autograder.report.similarity import console_lines, similarity_report  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description="similarity benchmark (prints figures; asserts nothing)")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--exercise", default="loss_functions")
    args = ap.parse_args()
    exercise = get_exercise(args.exercise)
    reference = exercise.reference_path.read_text(encoding="utf-8")
    honest = [(ROOT / "tests" / "similarity" / f).read_text(encoding="utf-8")
              for f in ("honest_loops.py", "honest_vectorised.py")]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="nnkit-bench-sim-") as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        for i in range(args.n):
            source = reference if i % 4 else honest[i % 2]
            (folder / f"s{i:03d}.py").write_text(
                f"# {i}\n{source}\n\ndef extra_{i}(x):\n    return x * {i}\n"
            )
        start = time.monotonic()
        found = similarity_report(exercise, folder, Path(tmp) / "out")
        seconds = time.monotonic() - start
        page = (Path(tmp) / "out" / "similarity.html").stat().st_size
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    print(f"{args.n} submissions: {seconds:.1f} s wall ({cpu:.1f} s CPU, whole process), peak memory {peak:.0f} MB (whole process), "
          f"page {page / 1e6:.2f} MB; {len(found.pairs)} pairs at or above 60%, {len(found.clusters)} clusters, "
          f"{len(console_lines(found))} console lines")  # fmt: skip


if __name__ == "__main__":
    main()
