"""``make bench``: how fast nnkit grades, against otter-grader and against the floor.

For every exercise it generates a class of N submissions (correct, with a known mistake, and
crashing; ``.py`` and ``.ipynb``), then prints:

- nnkit ``grade`` wall time for the class at ``--jobs 1`` and at all cores, and seconds per
  submission (reference outputs cached, as in any batch after the first);
- the floor: one bare Python process per submission that imports it and runs the same
  scenarios, with no isolation, no judge and no report, one after another (compare with
  nnkit at ``--jobs 1``);
- ``otter run`` of the exported autograder zip on a sample of the same submissions
  (``--otter K`` of them per exercise; 0 skips it), per submission, and the ratio.

A benchmark prints figures; nothing here asserts a time. Usage::

    python scripts/bench.py [--n 20] [--otter 3] [--exercises loss_functions ...]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.batch.folder import grade_folder  # noqa: E402
from autograder.core.paths import default_jobs  # noqa: E402
from autograder.engine.expected import expected_outputs  # noqa: E402
from autograder.exercises import all_exercises  # noqa: E402
from autograder.report.console import table  # noqa: E402
from autograder.sandbox.confine import choose  # noqa: E402
from autograder.student.notebooks import notebook_text  # noqa: E402

FLOOR = r"""
import json, os, sys, time, types
sys.path[:0] = [sys.argv[3], sys.argv[4]]
from autograder.runtime.spec import Context, Suite
cells = json.load(open(sys.argv[1]))
module = types.ModuleType(sys.argv[2]); sys.modules[sys.argv[2]] = module
for source in cells:
    try:
        exec(compile(source, "submission", "exec"), module.__dict__)
    except BaseException:
        pass
for path in sys.argv[5:]:
    sys.path.append(os.path.join(sys.argv[4], os.path.basename(os.path.dirname(path))))  # <ex>_staff.py
    namespace = {"__name__": "suite", "__file__": path}
    exec(compile(open(path).read(), path, "exec"), namespace)
    for suite in [v for v in namespace.values() if isinstance(v, Suite)]:
        for case in suite.cases:
            try:
                case.scenario(module, Context(case.name), *case.args)
            except BaseException:
                pass
"""


def make_class(exercise, folder: Path, n: int) -> None:
    """n submissions: a third correct, a third with a known mistake, the rest crashing; every
    third one a notebook."""
    reference = exercise.reference_path.read_text(encoding="utf-8")
    mistakes = list(exercise.mistakes)
    folder.mkdir(parents=True)
    for i in range(n):
        kind = i % 3
        if kind == 0:
            source = f"# student {i}\n{reference}"
        elif kind == 1:
            source = f"{reference}\n\n{mistakes[i % len(mistakes)].source}"
        else:
            source = (
                f"{reference}\n\nraise RuntimeError('crash at import {i}')\n"
                if i % 2
                else "import no_such_module\n"
            )
        if i % 3 == 2 or i % 5 == 4:
            (folder / f"s{i:03d}.ipynb").write_text(notebook_text(exercise, source), encoding="utf-8")
        else:
            (folder / f"s{i:03d}.py").write_text(source, encoding="utf-8")


def floor_seconds(exercise, folder: Path, work: Path) -> float:
    from autograder.discover.submissions import discover

    runtime = work / "floor-runtime"
    (runtime / "autograder" / "runtime").mkdir(parents=True, exist_ok=True)
    for name in ("__init__.py", "runtime/__init__.py", "runtime/spec.py", "runtime/wire.py"):
        shutil.copy(ROOT / "autograder" / name, runtime / "autograder" / name)
    suites = [str(p) for p in exercise.suite_paths(hidden=True)]
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "NNKIT_DATA": str(ROOT / "data"),
    }
    start = time.monotonic()
    for sub in discover(folder, exercise):
        cells = work / "cells.json"
        cells.write_text(json.dumps([c.source for c in sub.cells]), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-c", FLOOR, str(cells), exercise.module, str(runtime), str(ROOT / "assignments"), *suites],
            env=env, capture_output=True, timeout=600,
        )  # fmt: skip
    return time.monotonic() - start


def cpu_seconds() -> float:
    """Busy CPU time of the whole machine so far (Linux ``/proc/stat``; 0 elsewhere).

    Machine-wide on purpose: a sandboxed worker's own time is lost to ``getrusage`` when its
    process tree is killed, and the batch's spare workers run beside the grading thread.
    """
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def otter_seconds(exercise, folder: Path, work: Path, k: int) -> float | None:
    if k <= 0:
        return None
    from autograder.authoring.otter_export import build_zip, otter_run

    zip_path = build_zip(exercise, work / "otter-dist")
    subs = sorted(folder.iterdir())[:k]
    start = time.monotonic()
    runs = [otter_run(zip_path, sub, work / "otter" / sub.stem) for sub in subs]
    seconds = (time.monotonic() - start) / len(subs)
    retried = sum(r.attempts - 1 for r in runs)
    if retried:
        # a retry (after no results or a hang) is inside the timing; say so rather than hide it
        print(f"{exercise.id}: otter run needed {retried} retries", file=sys.stderr)
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description="nnkit benchmark (prints figures; asserts nothing)")
    ap.add_argument("--n", type=int, default=20, help="submissions per exercise")
    ap.add_argument(
        "--otter", type=int, default=3, help="submissions per exercise also run with otter (0: skip)"
    )
    ap.add_argument("--exercises", nargs="*")
    args = ap.parse_args()
    sandbox = choose()
    cores = default_jobs()
    exercises = [e for e in all_exercises().values() if not args.exercises or e.id in args.exercises]
    rows = [["exercise", "subs", "nnkit j1 s/sub", "j1 cpu s/sub", f"nnkit j{cores} s/sub", "class j1 s",
             f"class j{cores} s", "floor s/sub", "nnkit/floor", "otter s/sub", "otter/nnkit"]]  # fmt: skip
    totals = {"nnkit1": 0.0, "nnkitN": 0.0, "floor": 0.0, "n": 0}
    with tempfile.TemporaryDirectory(prefix="nnkit-bench-") as tmp:
        for ex in exercises:
            work = Path(tmp) / ex.id
            folder = work / "class"
            make_class(ex, folder, args.n)
            expected_outputs(ex, ex.cases(hidden=True), cores, sandbox)  # warm the cache once
            timings, cpu = {}, {}
            for jobs in (1, cores):
                start, cpu_start = time.monotonic(), cpu_seconds()
                grade_folder(
                    ex, folder, work / f"out{jobs}", jobs=jobs, force=True, progress=False, sandbox=sandbox
                )
                timings[jobs], cpu[jobs] = time.monotonic() - start, cpu_seconds() - cpu_start
            floor = floor_seconds(ex, folder, work)
            otter = otter_seconds(ex, folder, work, args.otter)
            per1, perN, per_floor = timings[1] / args.n, timings[cores] / args.n, floor / args.n
            rows.append([
                ex.id, str(args.n), f"{per1:.3f}", f"{cpu[1] / args.n:.3f}", f"{perN:.3f}", f"{timings[1]:.1f}", f"{timings[cores]:.1f}",
                f"{per_floor:.3f}", f"{per1 / per_floor:.2f}",
                "-" if otter is None else f"{otter:.2f}", "-" if otter is None else f"{otter / per1:.1f}x",
            ])  # fmt: skip
            totals["nnkit1"] += timings[1]
            totals["nnkitN"] += timings[cores]
            totals["floor"] += floor
            totals["n"] += args.n
            print(f"done: {ex.id}", file=sys.stderr)
    print(f"sandbox: {sandbox.name} ({sandbox.description}); cores: {cores}; python {sys.version.split()[0]}")
    print(table(rows))
    print(
        f"all exercises: {totals['n']} submissions; nnkit {totals['nnkit1']:.1f} s at --jobs 1, "
        f"{totals['nnkitN']:.1f} s at --jobs {cores}; floor {totals['floor']:.1f} s; "
        f"nnkit --jobs 1 / floor = {totals['nnkit1'] / totals['floor']:.2f}"
    )


if __name__ == "__main__":
    main()
